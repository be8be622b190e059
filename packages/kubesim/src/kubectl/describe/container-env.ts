/**
 * The environment blocks `kubectl describe` prints for each container: `Environment Variables
 * from:` (envFrom, only when there is one) and `Environment:` (env), each variable shown as
 * describe resolves it without asking the cluster.
 *
 * Design: describe resolves less than the kubelet does. A `fieldRef` goes through the client
 * scheme's default field-label conversion, which knows only `metadata.name` and
 * `metadata.namespace`, so every other field path (spec.nodeName, status.podIP, labels) prints an
 * empty value before its `(apiVersion:fieldPath)`; pod templates have no pod and resolve none. A
 * `resourceFieldRef` is read from the described container itself (its `containerName` ignored),
 * and an unset cpu or memory limit reads `node allocatable`. ConfigMap and Secret keys are never
 * read: describe prints where the value would come from.
 * @see kubectl pkg/describe/describe.go (describeContainerEnvFrom, describeContainerEnvVars, EnvValueRetriever)
 * @see kubectl pkg/util/resource/resource.go (ExtractContainerResourceValue)
 */
import { quantityFromValue, quantityMilliValue, quantityValue, tryParseQuantity } from '@kubesim/core';
import type { Container, ObjectFieldSelector, Pod, ResourceFieldSelector } from '../types.js';
import type { DescribeWriter } from './writer.js';

/** `EnvVarResolverFunc`: the value of a `fieldRef`, or `''` when describe cannot resolve it. */
export type EnvVarResolver = (ref: ObjectFieldSelector) => string;

/**
 * `EnvValueRetriever(pod)`: resolves `metadata.name` and `metadata.namespace` from the pod.
 * @remarks `schema.ParseGroupVersion` rejects an apiVersion with more than one `/`; kubectl's
 * scheme registers no Pod field-label conversion, so `DefaultMetaV1FieldSelectorConversion`
 * refuses every other path and the value is `''`.
 */
export function envValueRetriever(pod: Pod): EnvVarResolver {
  return (ref) => {
    if ((ref.apiVersion ?? '').split('/').length > 2) return '';
    if (ref.fieldPath === 'metadata.name') return pod.metadata.name ?? '';
    if (ref.fieldPath === 'metadata.namespace') return pod.metadata.namespace ?? '';
    return '';
  };
}

/** `describeContainerEnvFrom`: one `name  Kind[ with prefix 'P']  Optional: b` line per source; nothing without envFrom. */
export function describeContainerEnvFrom(w: DescribeWriter, container: Container): void {
  const envFrom = container.envFrom ?? [];
  if (envFrom.length === 0) return;
  w.write(2, 'Environment Variables from:\n');
  for (const e of envFrom) {
    const ref = e.configMapRef ?? e.secretRef;
    const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
    const optional = ref?.optional === true;
    if (e.prefix) w.write(3, `${ref?.name ?? ''}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
    else w.write(3, `${ref?.name ?? ''}\t${from}\tOptional: ${optional}\n`);
  }
}

/** `describeContainerEnvVars`: `Environment:` and one line per variable, or `Environment:\t<none>`. */
export function describeContainerEnvVars(w: DescribeWriter, container: Container, resolve?: EnvVarResolver): void {
  const env = container.env ?? [];
  w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      const [first, ...rest] = (e.value ?? '').split('\n');
      w.write(3, `${e.name}:\t${first}\n`);
      for (const line of rest) w.write(3, `\t${line}\n`);
    } else if (from.fieldRef) {
      const value = resolve ? resolve(from.fieldRef) : '';
      w.write(3, `${e.name}:\t${value} (${from.fieldRef.apiVersion ?? ''}:${from.fieldRef.fieldPath})\n`);
    } else if (from.resourceFieldRef) {
      const resource = from.resourceFieldRef.resource;
      let value = extractContainerResourceValue(from.resourceFieldRef, container) ?? '';
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) value = 'node allocatable';
      w.write(3, `${e.name}:\t${value} (${resource})\n`);
    } else if (from.secretKeyRef) {
      const s = from.secretKeyRef;
      w.write(3, `${e.name}:\t<set to the key '${s.key}' in secret '${s.name ?? ''}'>\tOptional: ${s.optional === true}\n`);
    } else if (from.configMapKeyRef) {
      const c = from.configMapKeyRef;
      w.write(3, `${e.name}:\t<set to the key '${c.key}' of config map '${c.name ?? ''}'>\tOptional: ${c.optional === true}\n`);
    }
  }
}

/**
 * `ExtractContainerResourceValue`: the container's request or limit divided by the divisor
 * (unset or zero reads 1), rounded up; an unset resource reads 0.
 * @remarks cpu divides milli-values, memory, ephemeral-storage and hugepages whole values, in
 * float64 as kubectl does before `math.Ceil`.
 * @returns undefined for a resource it does not know (kubectl's error, printed as `''`)
 */
export function extractContainerResourceValue(fs: ResourceFieldSelector, container: Container): string | undefined {
  const [kind, name] = splitResource(fs.resource);
  if (!kind) return undefined;
  const quantity = tryParseQuantity(String((kind === 'limits' ? container.resources?.limits : container.resources?.requests)?.[name] ?? '0'));
  let divisor = tryParseQuantity(String(fs.divisor ?? '0'));
  if (typeof quantity === 'string' || typeof divisor === 'string') return undefined;
  if (divisor.nanos === 0n) divisor = quantityFromValue(1);
  const ratio = name === 'cpu' ? Number(quantityMilliValue(quantity)) / Number(quantityMilliValue(divisor)) : Number(quantityValue(quantity)) / Number(quantityValue(divisor));
  return String(Math.ceil(ratio));
}

/** `limits.<name>` or `requests.<name>` for cpu, memory, ephemeral-storage and `hugepages-<size>`; any other is kubectl's error. */
function splitResource(resource: string): [kind: 'limits' | 'requests' | undefined, name: string] {
  const dot = resource.indexOf('.');
  const kind = resource.slice(0, dot);
  const name = resource.slice(dot + 1);
  const isKnown = name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-');
  return (kind === 'limits' || kind === 'requests') && isKnown ? [kind, name] : [undefined, name];
}
