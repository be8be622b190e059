/**
 * `kubectl describe` for ConfigMaps, Secrets, ServiceAccounts and Namespaces: keys in order (kubectl ranges over
 * Go maps; kubesim sorts), Secret values as byte counts, a Namespace's quotas and limit ranges.
 * @see kubectl pkg/describe/describe.go (ConfigMapDescriber, describeSecret, describeServiceAccount, describeNamespace,
 *   DescribeResourceQuotas, DescribeLimitRanges)
 */
import type { KubeObject, ObjectStore } from '@kubesim/core';
import { rfc1123z } from '../duration.js';
import type { ResourceQuotaObject } from '../printers/resource-quota-columns.js';
import { describeLimitRanges, type LimitRangeObject } from './limit-range.js';
import { describeResourceQuotas } from './resource-quota.js';
import { type DescribeWriter, describeEvents, eventsFor, printAnnotationsMultiline, printLabelsMultiline } from './writer.js';

type DataObject = KubeObject & { data?: Record<string, string>; binaryData?: Record<string, string>; type?: string };

/** `ConfigMapDescriber`: each data key over a `----` rule and its value, binary data as byte counts, then the events. */
export function describeConfigMap(w: DescribeWriter, cm: DataObject, store: ObjectStore): void {
  header(w, cm);
  w.write(0, '\nData\n====\n');
  for (const k of Object.keys(cm.data ?? {}).sort()) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${cm.data?.[k]}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  for (const k of Object.keys(cm.binaryData ?? {}).sort()) w.write(0, `${k}: ${decodedLength(cm.binaryData?.[k])} bytes\n`);
  w.write(0, '\n');
  describeEvents(w, eventsFor(store, cm));
}

/** `describeSecret`: the type, then each key with its decoded size (a service account token is shown). No events. */
export function describeSecret(w: DescribeWriter, secret: DataObject): void {
  header(w, secret);
  w.write(0, `\nType:\t${secret.type ?? ''}\n`);
  w.write(0, '\nData\n====\n');
  for (const k of Object.keys(secret.data ?? {}).sort()) {
    const value = secret.data?.[k] ?? '';
    if (k === 'token' && secret.type === 'kubernetes.io/service-account-token') w.write(0, `${k}:\t${Buffer.from(value, 'base64').toString('utf8')}\n`);
    else w.write(0, `${k}:\t${decodedLength(value)} bytes\n`);
  }
}

type ServiceAccountObject = KubeObject & { secrets?: { name?: string }[]; imagePullSecrets?: { name?: string }[] };

/**
 * `describeServiceAccount`: name, namespace, labels, annotations, then its image pull secrets,
 * mountable secrets and legacy token Secrets (those of type `kubernetes.io/service-account-token`
 * annotated with its name and uid), `(not found)` after a listed Secret that does not exist, then the
 * events. The three headers carry their colon and padding (sorted, as kubectl ranges over them).
 */
export function describeServiceAccount(w: DescribeWriter, sa: ServiceAccountObject, store: ObjectStore): void {
  const ns = sa.metadata.namespace;
  w.write(0, `Name:\t${sa.metadata.name}\n`);
  w.write(0, `Namespace:\t${ns}\n`);
  printLabelsMultiline(w, 'Labels', sa.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', sa.metadata.annotations);
  const tokens = store
    .list<DataObject>('Secret', ns)
    .filter((s) => {
      const a = s.metadata.annotations;
      return s.type === 'kubernetes.io/service-account-token' && a?.['kubernetes.io/service-account.name'] === sa.metadata.name && a?.['kubernetes.io/service-account.uid'] === sa.metadata.uid;
    })
    .map((s) => s.metadata.name ?? '');
  const missing = (name: string) => !store.get('Secret', ns, name);
  const sections: [string, string[], boolean][] = [
    ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s) => s.name ?? ''), true],
    ['Mountable secrets: ', (sa.secrets ?? []).map((s) => s.name ?? ''), true],
    ['Tokens:            ', tokens, false],
  ];
  for (const [header, names, checked] of sections) {
    if (names.length === 0) w.write(0, `${header}\t<none>\n`);
    for (const [i, name] of names.entries()) w.write(0, `${i === 0 ? header : '                   '}\t${name}${checked && missing(name) ? ' (not found)' : ''}\n`);
  }
  describeEvents(w, eventsFor(store, sa));
}

/** `describeNamespace`: name, labels, annotations, phase, conditions, then the namespace's quotas and limit ranges. */
export function describeNamespace(w: DescribeWriter, ns: KubeObject & { status?: { phase?: string; conditions?: NamespaceCondition[] } }, store: ObjectStore): void {
  w.write(0, `Name:\t${ns.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', ns.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
  w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`);
  const conditions = ns.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conditions) w.write(1, `${c.type}\t${c.status}\t${c.lastTransitionTime ? rfc1123z(c.lastTransitionTime) : ''}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  w.write(0, '\n');
  describeResourceQuotas(w, store.list<ResourceQuotaObject>('ResourceQuota', ns.metadata.name));
  w.write(0, '\n');
  describeLimitRanges(w, store.list<LimitRangeObject>('LimitRange', ns.metadata.name));
}

interface NamespaceCondition {
  readonly type: string;
  readonly status: string;
  readonly lastTransitionTime?: string;
  readonly reason?: string;
  readonly message?: string;
}

function header(w: DescribeWriter, obj: KubeObject): void {
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
}

/** Bytes of a base64 value as stored (`len([]byte)` after decoding). */
function decodedLength(b64: string | undefined): number {
  return Buffer.from(b64 ?? '', 'base64').length;
}
