/**
 * A small schema language for the Go types kubesim decodes, and the shared pieces (ObjectMeta,
 * PodSpec, containers, volumes, claim specs). Each node knows its Go type name so decode errors
 * read like the API server's (`… of type int32`, `… of type v1.PodSpec`).
 * @see k8s.io/api core/v1, apps/v1, storage/v1 types.go
 */
import { VOLUME_SOURCES } from '../validation/pod-spec.js';

/**
 * A list field's `patchStrategy` and `patchMergeKey` struct tags: how a strategic merge patch
 * merges it (`merge`: by `key`, or as a set of primitives without one; `retainKeys` too: each
 * element also keeps only the keys its patch lists). Lists without a tag are replaced whole.
 */
export interface PatchTag {
  readonly strategy: 'merge' | 'merge,retainKeys';
  readonly key?: string;
}

/** One node of a schema. */
export type Schema =
  | { readonly t: 'string' | 'bool' | 'quantity' | 'intOrString' | 'bytes' | 'any' }
  | { readonly t: 'int'; readonly go: 'int32' | 'int64' }
  | { readonly t: 'map'; readonly go: string; readonly of: Schema }
  | { readonly t: 'array'; readonly go: string; readonly of: Schema; readonly patch?: PatchTag }
  | {
      readonly t: 'struct';
      readonly name: string;
      readonly pkg: string;
      readonly fields: Readonly<Record<string, Schema>>;
      /** `patchStrategy:"retainKeys"` on the field of this type (DeploymentStrategy). */
      readonly retainKeys?: true;
    };

/** Go `string`. */
export const str: Schema = { t: 'string' };
/** Go `bool`. */
export const bool: Schema = { t: 'bool' };
/** Go `int32` (replicas, ports, seconds). */
export const int32: Schema = { t: 'int', go: 'int32' };
/** Go `int64` (grace periods, generation). */
export const int64: Schema = { t: 'int', go: 'int64' };
/** `resource.Quantity` (custom unmarshaler: strings or numbers that parse). */
export const quantity: Schema = { t: 'quantity' };
/** `intstr.IntOrString` (custom unmarshaler: a string or an int32). */
export const intOrString: Schema = { t: 'intOrString' };
/** Go `[]byte`: a base64 string in JSON (Secret data). */
export const bytes: Schema = { t: 'bytes' };
/** Go `map[string][]byte` (Secret data). */
export const bytesMap: Schema = { t: 'map', go: 'map[string][]uint8', of: bytes };
/** Free-form: any JSON accepted, nothing checked below it. */
export const any: Schema = { t: 'any' };
/** Go `map[string]string` (labels, annotations, parameters, data). */
export const stringMap: Schema = { t: 'map', go: 'map[string]string', of: str };
/** Go `[]string`. */
export const stringList: Schema = { t: 'array', go: '[]string', of: str };

/** A struct of package `pkg` (`v1`). */
export function struct(name: string, fields: Record<string, Schema>, pkg = 'v1'): Schema {
  return { t: 'struct', name, pkg, fields };
}

/** A slice of structs (`[]v1.Container`); `patch`, its strategic merge tags. */
export function list(of: Schema, patch?: PatchTag): Schema {
  return patch ? { t: 'array', go: `[]${goTypeName(of)}`, of, patch } : { t: 'array', go: `[]${goTypeName(of)}`, of };
}

/** A slice merged by `key` in a strategic merge patch (`patchStrategy:"merge" patchMergeKey:"<key>"`). */
export function mergeList(of: Schema, key: string, strategy: PatchTag['strategy'] = 'merge'): Schema {
  return list(of, { strategy, key });
}

/** A slice of Go type `go` whose elements are decoded loosely, merged by `key` in a strategic merge patch. */
export function looseMergeList(go: string, key: string, strategy: PatchTag['strategy'] = 'merge'): Schema {
  return { t: 'array', go, of: any, patch: { strategy, key } };
}

/** A struct whose field is tagged `patchStrategy:"retainKeys"`. */
export function retainKeys(s: Schema): Schema {
  return s.t === 'struct' ? { ...s, retainKeys: true } : s;
}

/** A named map type (`v1.ResourceList`). */
export function namedMap(go: string, of: Schema): Schema {
  return { t: 'map', go, of };
}

/** The Go type name used in `… of type X`. */
export function goTypeName(s: Schema): string {
  switch (s.t) {
    case 'string':
      return 'string';
    case 'bool':
      return 'bool';
    case 'int':
      return s.go;
    case 'quantity':
      return 'resource.Quantity';
    case 'intOrString':
      return 'intstr.IntOrString';
    case 'bytes':
      return '[]uint8';
    case 'any':
      return 'interface {}';
    case 'map':
    case 'array':
      return s.go;
    case 'struct':
      return `${s.pkg}.${s.name}`;
  }
}

const resourceList = namedMap('v1.ResourceList', quantity);
const ownerReference = struct('OwnerReference', {
  apiVersion: str,
  kind: str,
  name: str,
  uid: str,
  controller: bool,
  blockOwnerDeletion: bool,
});

/** `metav1.ObjectMeta`. */
export const objectMeta = struct('ObjectMeta', {
  name: str,
  generateName: str,
  namespace: str,
  selfLink: str,
  uid: str,
  resourceVersion: str,
  generation: int64,
  creationTimestamp: any,
  deletionTimestamp: any,
  deletionGracePeriodSeconds: int64,
  labels: stringMap,
  annotations: stringMap,
  ownerReferences: mergeList(ownerReference, 'uid'),
  finalizers: { t: 'array', go: '[]string', of: str, patch: { strategy: 'merge' } },
  managedFields: any,
});

/** `metav1.LabelSelector`. */
export const labelSelector = struct('LabelSelector', {
  matchLabels: stringMap,
  matchExpressions: list(struct('LabelSelectorRequirement', { key: str, operator: str, values: stringList })),
});

const probe = struct('Probe', {
  exec: any,
  httpGet: any,
  tcpSocket: any,
  grpc: any,
  initialDelaySeconds: int32,
  timeoutSeconds: int32,
  periodSeconds: int32,
  successThreshold: int32,
  failureThreshold: int32,
  terminationGracePeriodSeconds: int64,
});

const container = struct('Container', {
  name: str,
  image: str,
  command: stringList,
  args: stringList,
  workingDir: str,
  ports: mergeList(struct('ContainerPort', { name: str, hostPort: int32, containerPort: int32, protocol: str, hostIP: str }), 'containerPort'),
  envFrom: any,
  env: mergeList(struct('EnvVar', { name: str, value: str, valueFrom: any }), 'name'),
  resources: struct('ResourceRequirements', { limits: resourceList, requests: resourceList, claims: any }),
  resizePolicy: any,
  restartPolicy: str,
  volumeMounts: mergeList(
    struct('VolumeMount', {
      name: str,
      readOnly: bool,
      recursiveReadOnly: str,
      mountPath: str,
      subPath: str,
      mountPropagation: str,
      subPathExpr: str,
    }),
    'mountPath',
  ),
  volumeDevices: looseMergeList('[]v1.VolumeDevice', 'devicePath'),
  livenessProbe: probe,
  readinessProbe: probe,
  startupProbe: probe,
  lifecycle: any,
  terminationMessagePath: str,
  terminationMessagePolicy: str,
  imagePullPolicy: str,
  securityContext: any,
  stdin: bool,
  stdinOnce: bool,
  tty: bool,
});

/** Volume sources decoded with their field types above. */
const TYPED_VOLUME_SOURCES = new Set<string>(['hostPath', 'emptyDir', 'awsElasticBlockStore', 'persistentVolumeClaim']);

const volume = struct('Volume', {
  name: str,
  hostPath: struct('HostPathVolumeSource', { path: str, type: str }),
  emptyDir: struct('EmptyDirVolumeSource', { medium: str, sizeLimit: quantity }),
  awsElasticBlockStore: struct('AWSElasticBlockStoreVolumeSource', { volumeID: str, fsType: str, partition: int32, readOnly: bool }),
  persistentVolumeClaim: struct('PersistentVolumeClaimVolumeSource', { claimName: str, readOnly: bool }),
  // Every other volume source is decoded loosely (its name is still a known field).
  ...Object.fromEntries(VOLUME_SOURCES.filter((k) => !TYPED_VOLUME_SOURCES.has(k)).map((k) => [k, any])),
});

const toleration = struct('Toleration', { key: str, operator: str, value: str, effect: str, tolerationSeconds: int64 });

/** `v1.PodSpec`. */
export const podSpec = struct('PodSpec', {
  volumes: mergeList(volume, 'name', 'merge,retainKeys'),
  initContainers: mergeList(container, 'name'),
  containers: mergeList(container, 'name'),
  ephemeralContainers: looseMergeList('[]v1.EphemeralContainer', 'name'),
  restartPolicy: str,
  terminationGracePeriodSeconds: int64,
  activeDeadlineSeconds: int64,
  dnsPolicy: str,
  nodeSelector: stringMap,
  serviceAccountName: str,
  serviceAccount: str,
  automountServiceAccountToken: bool,
  nodeName: str,
  hostNetwork: bool,
  hostPID: bool,
  hostIPC: bool,
  shareProcessNamespace: bool,
  securityContext: any,
  imagePullSecrets: looseMergeList('[]v1.LocalObjectReference', 'name'),
  hostname: str,
  subdomain: str,
  affinity: any,
  schedulerName: str,
  tolerations: list(toleration),
  hostAliases: looseMergeList('[]v1.HostAlias', 'ip'),
  priorityClassName: str,
  priority: int32,
  dnsConfig: any,
  readinessGates: any,
  runtimeClassName: str,
  enableServiceLinks: bool,
  preemptionPolicy: str,
  overhead: resourceList,
  topologySpreadConstraints: looseMergeList('[]v1.TopologySpreadConstraint', 'topologyKey'),
  setHostnameAsFQDN: bool,
  os: any,
  hostUsers: bool,
  schedulingGates: looseMergeList('[]v1.PodSchedulingGate', 'name'),
  resourceClaims: looseMergeList('[]v1.PodResourceClaim', 'name', 'merge,retainKeys'),
  resources: any,
});

/** `v1.PodTemplateSpec`. */
export const podTemplateSpec = struct('PodTemplateSpec', { metadata: objectMeta, spec: podSpec });

/** `v1.PersistentVolumeClaimSpec`. */
export const persistentVolumeClaimSpec = struct('PersistentVolumeClaimSpec', {
  accessModes: stringList,
  selector: labelSelector,
  resources: struct('VolumeResourceRequirements', { limits: resourceList, requests: resourceList }),
  volumeName: str,
  storageClassName: str,
  volumeMode: str,
  dataSource: any,
  dataSourceRef: any,
  volumeAttributesClassName: str,
});

/** A top-level object: apiVersion, kind, metadata plus the kind's own fields. */
export function kindSchema(kind: string, fields: Record<string, Schema>, pkg = 'v1'): Schema {
  return struct(kind, { apiVersion: str, kind: str, metadata: objectMeta, ...fields }, pkg);
}
