/**
 * Table columns of `kubectl get` per kind, as the API server's table convertor prints them in
 * Kubernetes 1.33 (default and `-o wide`).
 * @see kubernetes pkg/printers/internalversion/printers.go (AddHandlers and the print* functions)
 */
import type { KubeObject } from '@kubesim/core';
import { humanDuration } from '../duration.js';
import { formatLabelSelector, formatLabels } from '../selectors.js';
import type { EventObj, NodeObj, Pod, Pv, Pvc, Service, StorageClass, Workload } from '../types.js';
import { podReady, podRestarts, podStatusReason } from './pod-status.js';
import { volumeSnapshotClassTable, volumeSnapshotContentTable, volumeSnapshotTable } from './snapshot-columns.js';
import { cronJobTable, jobTable } from './batch-columns.js';
import { limitRangeTable } from './limit-range-columns.js';
import { resourceQuotaTable } from './resource-quota-columns.js';

/** What a row printer needs besides the object. */
export interface RowContext {
  readonly nowMs: number;
  readonly parse: (ts: string) => number;
}

/** Column set of one kind. */
export interface TableDef {
  readonly headers: readonly string[];
  readonly wideHeaders: readonly string[];
  /** Cells after NAME (AGE included where the kind has it). */
  row(obj: KubeObject, ctx: RowContext): string[];
  wide?(obj: KubeObject, ctx: RowContext): string[];
  /** Kinds whose table has no NAME column (events). */
  readonly noName?: boolean;
  /** A wide table that replaces the default one instead of extending it (events). */
  readonly wideTable?: { readonly headers: readonly string[]; row(obj: KubeObject, ctx: RowContext): string[] };
}

const age = (o: KubeObject, c: RowContext) =>
  o.metadata.creationTimestamp ? humanDuration(c.nowMs - c.parse(o.metadata.creationTimestamp)) : '<unknown>';
const orNone = (s: string | undefined) => (s ? s : '<none>');
const containers = (w: Workload) => (w.spec?.template?.spec?.containers ?? []).map((c) => c.name).join(',');
const images = (w: Workload) => (w.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? '').join(',');

/** `GetAccessModesAsString`: `RWO,ROX,RWX,RWOP` in that order. */
export function accessModesString(modes: readonly string[] | undefined): string {
  const m = modes ?? [];
  const out: string[] = [];
  if (m.includes('ReadWriteOnce')) out.push('RWO');
  if (m.includes('ReadOnlyMany')) out.push('ROX');
  if (m.includes('ReadWriteMany')) out.push('RWX');
  if (m.includes('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** `storageutil.GetPersistentVolumeClaimClass`: beta annotation first, then the field. */
export function claimClass(pvc: Pvc): string {
  return pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? '';
}

/** `storageutil.GetPersistentVolumeClass`. */
export function volumeClass(pv: Pv): string {
  return pv.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pv.spec?.storageClassName ?? '';
}

/** Whether a StorageClass is marked default (`IsDefaultAnnotation`). */
export function isDefaultClass(sc: KubeObject): boolean {
  const a = sc.metadata.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

/** Node STATUS: `Ready`, `NotReady`, `Unknown`, plus `,SchedulingDisabled`. */
export function nodeStatus(node: NodeObj): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** Node ROLES from `node-role.kubernetes.io/<role>` and `kubernetes.io/role` labels. */
export function nodeRoles(node: NodeObj): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

function nodeAddress(node: NodeObj, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

function servicePorts(svc: Service): string {
  const ports = (svc.spec?.ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`));
  return ports.length ? ports.join(',') : '<none>';
}

function externalIp(svc: Service): string {
  const type = svc.spec?.type ?? 'ClusterIP';
  const ext = svc.spec?.externalIPs ?? [];
  if (type === 'LoadBalancer') {
    const ing = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '');
    const all = [...ing, ...ext];
    return all.length ? all.join(',') : '<pending>';
  }
  if (type === 'ExternalName') return String((svc.spec as { externalName?: string }).externalName ?? '');
  return ext.length ? ext.join(',') : '<none>';
}

function formatEndpoints(ep: KubeObject): string {
  const subsets = (ep.subsets as { addresses?: { ip: string }[]; ports?: { port: number }[] }[] | undefined) ?? [];
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const ports = ss.ports?.length ? ss.ports : [undefined];
    for (const port of ports) {
      for (const a of ss.addresses ?? []) {
        count++;
        if (list.length < 3) list.push(port ? `${a.ip}:${port.port}` : a.ip);
      }
    }
  }
  if (count === 0) return '<none>';
  return count > 3 ? `${list.join(',')} + ${count - 3} more...` : list.join(',');
}

function eventLastSeen(e: EventObj, c: RowContext): string {
  const since = (ts: string | undefined) => (ts ? humanDuration(c.nowMs - c.parse(ts)) : '<unknown>');
  const first = e.firstTimestamp ? since(e.firstTimestamp) : since(e.eventTime);
  let last = e.lastTimestamp ? since(e.lastTimestamp) : first;
  if ((e.count ?? 1) > 1) last = `${last} (x${e.count} over ${first})`;
  return last;
}

const pod: TableDef = {
  headers: ['READY', 'STATUS', 'RESTARTS', 'AGE'],
  wideHeaders: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
  row: (o, c) => [podReady(o as Pod), podStatusReason(o as Pod), podRestarts(o as Pod, c.nowMs, c.parse), age(o, c)],
  wide: (o) => {
    const p = o as Pod;
    const gates = p.spec?.readinessGates ?? [];
    const trueGates = gates.filter((g) => p.status?.conditions?.some((x) => x.type === g.conditionType && x.status === 'True')).length;
    return [orNone(p.status?.podIP), orNone(p.spec?.nodeName), orNone(p.status?.nominatedNodeName), gates.length ? `${trueGates}/${gates.length}` : '<none>'];
  },
};

const deployment: TableDef = {
  headers: ['READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
  wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row: (o, c) => {
    const d = o as Workload;
    const s = d.status ?? {};
    return [`${s.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`, String(s.updatedReplicas ?? 0), String(s.availableReplicas ?? 0), age(o, c)];
  },
  wide: (o) => [containers(o as Workload), images(o as Workload), formatLabelSelector((o as Workload).spec?.selector)],
};

const replicaSet: TableDef = {
  headers: ['DESIRED', 'CURRENT', 'READY', 'AGE'],
  wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row: (o, c) => {
    const r = o as Workload;
    return [String(r.spec?.replicas ?? 0), String(r.status?.replicas ?? 0), String(r.status?.readyReplicas ?? 0), age(o, c)];
  },
  wide: (o) => [containers(o as Workload), images(o as Workload), formatLabelSelector((o as Workload).spec?.selector)],
};

const statefulSet: TableDef = {
  headers: ['READY', 'AGE'],
  wideHeaders: ['CONTAINERS', 'IMAGES'],
  row: (o, c) => [`${(o as Workload).status?.readyReplicas ?? 0}/${(o as Workload).spec?.replicas ?? 0}`, age(o, c)],
  wide: (o) => [containers(o as Workload), images(o as Workload)],
};

const daemonSet: TableDef = {
  headers: ['DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
  wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row: (o, c) => {
    const s = (o as Workload).status ?? {};
    const sel = (o as Workload).spec?.template?.spec?.nodeSelector;
    return [s.desiredNumberScheduled, s.currentNumberScheduled, s.numberReady, s.updatedNumberScheduled, s.numberAvailable]
      .map((n) => String(n ?? 0))
      .concat([formatLabels(sel), age(o, c)]);
  },
  wide: (o) => [containers(o as Workload), images(o as Workload), formatLabelSelector((o as Workload).spec?.selector)],
};

const service: TableDef = {
  headers: ['TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
  wideHeaders: ['SELECTOR'],
  row: (o, c) => {
    const s = o as Service;
    return [s.spec?.type ?? 'ClusterIP', orNone(s.spec?.clusterIP), externalIp(s), servicePorts(s), age(o, c)];
  },
  wide: (o) => [formatLabels((o as Service).spec?.selector)],
};

const node: TableDef = {
  headers: ['STATUS', 'ROLES', 'AGE', 'VERSION'],
  wideHeaders: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
  row: (o, c) => [nodeStatus(o as NodeObj), nodeRoles(o as NodeObj), age(o, c), (o as NodeObj).status?.nodeInfo?.kubeletVersion ?? ''],
  wide: (o) => {
    const n = o as NodeObj;
    const info = n.status?.nodeInfo ?? {};
    return [nodeAddress(n, 'InternalIP'), nodeAddress(n, 'ExternalIP'), orNone(info.osImage), orNone(info.kernelVersion), orNone(info.containerRuntimeVersion)];
  },
};

const pvc: TableDef = {
  headers: ['STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
  wideHeaders: ['VOLUMEMODE'],
  row: (o, c) => {
    const p = o as Pvc;
    const bound = !!p.spec?.volumeName;
    const phase = p.metadata.deletionTimestamp ? 'Terminating' : (p.status?.phase ?? '');
    return [
      phase,
      p.spec?.volumeName ?? '',
      bound ? (p.status?.capacity?.storage ?? '') : '',
      bound ? accessModesString(p.status?.accessModes) : '',
      claimClass(p),
      p.spec?.volumeAttributesClassName ?? '<unset>',
      age(o, c),
    ];
  },
  wide: (o) => [(o as Pvc).spec?.volumeMode ?? '<unset>'],
};

const pv: TableDef = {
  headers: ['CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE'],
  wideHeaders: ['VOLUMEMODE'],
  row: (o, c) => {
    const v = o as Pv;
    const ref = v.spec?.claimRef;
    return [
      v.spec?.capacity?.storage ?? '',
      accessModesString(v.spec?.accessModes),
      v.spec?.persistentVolumeReclaimPolicy ?? '',
      v.metadata.deletionTimestamp ? 'Terminating' : (v.status?.phase ?? ''),
      ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '',
      volumeClass(v),
      v.spec?.volumeAttributesClassName ?? '<unset>',
      v.status?.reason ?? '',
      age(o, c),
    ];
  },
  wide: (o) => [(o as Pv).spec?.volumeMode ?? '<unset>'],
};

const storageClass: TableDef = {
  headers: ['PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
  wideHeaders: [],
  row: (o, c) => {
    const s = o as StorageClass;
    return [s.provisioner ?? '', s.reclaimPolicy ?? 'Delete', s.volumeBindingMode ?? 'Immediate', String(s.allowVolumeExpansion ?? false), age(o, c)];
  },
};

/** `printPriorityClass`: the server prints wide rows, so PREEMPTIONPOLICY is a default column. */
const priorityClass: TableDef = {
  headers: ['VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY'],
  wideHeaders: [],
  row: (o, c) => [String(o.value ?? 0), String(o.globalDefault ?? false), age(o, c), String(o.preemptionPolicy ?? '')],
};

/** `intstr.IntOrString.String()`; `N/A` when unset (`printPodDisruptionBudget`). */
const intOrStringOrNA = (v: unknown) => (v === undefined || v === null ? 'N/A' : String(v));

/** `printPodDisruptionBudget`. */
const podDisruptionBudget: TableDef = {
  headers: ['MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'],
  wideHeaders: [],
  row: (o, c) => {
    const spec = (o.spec ?? {}) as { minAvailable?: unknown; maxUnavailable?: unknown };
    const allowed = (o.status as { disruptionsAllowed?: number } | undefined)?.disruptionsAllowed ?? 0;
    return [intOrStringOrNA(spec.minAvailable), intOrStringOrNA(spec.maxUnavailable), String(allowed), age(o, c)];
  },
};

function eventTarget(e: EventObj): string {
  const io = e.involvedObject ?? {};
  return io.name ? `${(io.kind ?? '').toLowerCase()}/${io.name}` : (io.kind ?? '').toLowerCase();
}

const event: TableDef = {
  headers: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
  wideHeaders: [],
  noName: true,
  row: (o, c) => {
    const e = o as EventObj;
    return [eventLastSeen(e, c), e.type ?? '', e.reason ?? '', eventTarget(e), (e.message ?? '').trim()];
  },
  wideTable: {
    headers: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'],
    row: (o, c) => {
      const e = o as EventObj;
      const source = [e.source?.component ?? e.reportingComponent ?? '', e.source?.host].filter((x) => x).join(', ');
      const first = e.firstTimestamp ? humanDuration(c.nowMs - c.parse(e.firstTimestamp)) : '<unknown>';
      return [eventLastSeen(e, c), e.type ?? '', e.reason ?? '', eventTarget(e), e.involvedObject?.fieldPath ?? '', source, (e.message ?? '').trim(), first, String(e.count ?? 1), e.metadata.name ?? ''];
    },
  },
};

const simple = (headers: string[], row: (o: KubeObject) => string[]): TableDef => ({
  headers: [...headers, 'AGE'],
  wideHeaders: [],
  row: (o, c) => [...row(o), age(o, c)],
});

const TABLES: Record<string, TableDef> = {
  Pod: pod,
  Deployment: deployment,
  ReplicaSet: replicaSet,
  StatefulSet: statefulSet,
  DaemonSet: daemonSet,
  Job: jobTable,
  CronJob: cronJobTable,
  Service: service,
  Node: node,
  PersistentVolumeClaim: pvc,
  PersistentVolume: pv,
  StorageClass: storageClass,
  PriorityClass: priorityClass,
  PodDisruptionBudget: podDisruptionBudget,
  ResourceQuota: resourceQuotaTable,
  LimitRange: limitRangeTable,
  Event: event,
  Endpoints: simple(['ENDPOINTS'], (o) => [formatEndpoints(o)]),
  Namespace: simple(['STATUS'], (o) => [String((o.status as { phase?: string } | undefined)?.phase ?? '')]),
  ConfigMap: simple(['DATA'], (o) => [String(Object.keys((o.data as object) ?? {}).length + Object.keys((o.binaryData as object) ?? {}).length)]),
  Secret: simple(['TYPE', 'DATA'], (o) => [String(o.type ?? ''), String(Object.keys((o.data as object) ?? {}).length)]),
  ServiceAccount: simple(['SECRETS'], (o) => [String(((o.secrets as unknown[]) ?? []).length)]),
  ControllerRevision: simple(['CONTROLLER', 'REVISION'], (o) => {
    const ref = o.metadata.ownerReferences?.find((r) => r.controller);
    const group = ref?.apiVersion.includes('/') ? `.${ref.apiVersion.split('/')[0]}` : '';
    return [ref ? `${ref.kind.toLowerCase()}${group}/${ref.name}` : '<none>', String(o.revision ?? 0)];
  }),
  VolumeAttachment: simple(['ATTACHER', 'PV', 'NODE', 'ATTACHED'], (o) => {
    const spec = (o.spec ?? {}) as { attacher?: string; nodeName?: string; source?: { persistentVolumeName?: string } };
    return [spec.attacher ?? '', spec.source?.persistentVolumeName ?? '', spec.nodeName ?? '', String((o.status as { attached?: boolean } | undefined)?.attached ?? false)];
  }),
  CSINode: simple(['DRIVERS'], (o) => [String(((o.spec as { drivers?: unknown[] } | undefined)?.drivers ?? []).length)]),
  CSIDriver: simple(['ATTACHREQUIRED', 'PODINFOONMOUNT', 'STORAGECAPACITY', 'TOKENREQUESTS', 'REQUIRESREPUBLISH', 'MODES'], (o) => {
    const s = (o.spec ?? {}) as { attachRequired?: boolean; podInfoOnMount?: boolean; storageCapacity?: boolean; requiresRepublish?: boolean; volumeLifecycleModes?: string[] };
    return [String(s.attachRequired ?? true), String(s.podInfoOnMount ?? false), String(s.storageCapacity ?? false), '<unset>', String(s.requiresRepublish ?? false), (s.volumeLifecycleModes ?? ['Persistent']).join(',')];
  }),
  VolumeSnapshot: volumeSnapshotTable,
  VolumeSnapshotClass: volumeSnapshotClassTable,
  VolumeSnapshotContent: volumeSnapshotContentTable,
};

/** Columns of a kind (NAME + AGE only for kinds without a printer). */
export function tableFor(kind: string): TableDef {
  return TABLES[kind] ?? simple([], () => []);
}
