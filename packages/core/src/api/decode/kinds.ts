/**
 * Decode schemas of the built-in kinds, deep where users write manifests (specs, templates,
 * claims, storage classes) and free-form where only controllers write (`status`).
 * @see k8s.io/api core/v1, apps/v1, batch/v1, policy/v1, storage/v1, scheduling/v1 types.go
 */
import { decodeErrors, normalizeDecoded } from './decode.js';
import {
  any,
  bool,
  bytesMap,
  int32,
  int64,
  intOrString,
  kindSchema,
  labelSelector,
  list,
  mergeList,
  namedMap,
  objectMeta,
  persistentVolumeClaimSpec,
  podSpec,
  podTemplateSpec,
  quantity,
  retainKeys,
  type Schema,
  str,
  stringList,
  stringMap,
  struct,
} from './schema.js';

const servicePort = struct('ServicePort', {
  name: str,
  protocol: str,
  appProtocol: str,
  port: int32,
  targetPort: intOrString,
  nodePort: int32,
});

const serviceSpec = struct('ServiceSpec', {
  ports: mergeList(servicePort, 'port'),
  selector: stringMap,
  clusterIP: str,
  clusterIPs: stringList,
  type: str,
  externalIPs: stringList,
  sessionAffinity: str,
  loadBalancerIP: str,
  loadBalancerSourceRanges: stringList,
  externalName: str,
  externalTrafficPolicy: str,
  healthCheckNodePort: int32,
  publishNotReadyAddresses: bool,
  sessionAffinityConfig: any,
  ipFamilies: stringList,
  ipFamilyPolicy: str,
  allocateLoadBalancerNodePorts: bool,
  loadBalancerClass: str,
  internalTrafficPolicy: str,
  trafficDistribution: str,
});

const persistentVolumeSpec = struct('PersistentVolumeSpec', {
  capacity: namedMap('v1.ResourceList', quantity),
  accessModes: stringList,
  claimRef: any,
  persistentVolumeReclaimPolicy: str,
  storageClassName: str,
  mountOptions: stringList,
  volumeMode: str,
  nodeAffinity: any,
  volumeAttributesClassName: str,
  awsElasticBlockStore: struct('AWSElasticBlockStoreVolumeSource', { volumeID: str, fsType: str, partition: int32, readOnly: bool }),
  ...Object.fromEntries(
    [
      'gcePersistentDisk',
      'hostPath',
      'glusterfs',
      'nfs',
      'rbd',
      'iscsi',
      'cinder',
      'cephfs',
      'fc',
      'flocker',
      'flexVolume',
      'azureFile',
      'vsphereVolume',
      'quobyte',
      'azureDisk',
      'photonPersistentDisk',
      'portworxVolume',
      'scaleIO',
      'local',
      'storageos',
      'csi',
    ].map((k) => [k, any]),
  ),
});

const deploymentSpec = struct('DeploymentSpec', {
  replicas: int32,
  selector: labelSelector,
  template: podTemplateSpec,
  strategy: retainKeys(
    struct('DeploymentStrategy', {
      type: str,
      rollingUpdate: struct('RollingUpdateDeployment', { maxUnavailable: intOrString, maxSurge: intOrString }),
    }),
  ),
  minReadySeconds: int32,
  revisionHistoryLimit: int32,
  paused: bool,
  progressDeadlineSeconds: int32,
});

const replicaSetSpec = struct('ReplicaSetSpec', { replicas: int32, minReadySeconds: int32, selector: labelSelector, template: podTemplateSpec });

const statefulSetSpec = struct('StatefulSetSpec', {
  replicas: int32,
  selector: labelSelector,
  template: podTemplateSpec,
  volumeClaimTemplates: list(struct('PersistentVolumeClaim', { apiVersion: str, kind: str, metadata: objectMeta, spec: persistentVolumeClaimSpec, status: any })),
  serviceName: str,
  podManagementPolicy: str,
  updateStrategy: struct('StatefulSetUpdateStrategy', {
    type: str,
    rollingUpdate: struct('RollingUpdateStatefulSetStrategy', { partition: int32, maxUnavailable: intOrString }),
  }),
  revisionHistoryLimit: int32,
  minReadySeconds: int32,
  persistentVolumeClaimRetentionPolicy: struct('StatefulSetPersistentVolumeClaimRetentionPolicy', { whenDeleted: str, whenScaled: str }),
  ordinals: struct('StatefulSetOrdinals', { start: int32 }),
});

const daemonSetSpec = struct('DaemonSetSpec', {
  selector: labelSelector,
  template: podTemplateSpec,
  updateStrategy: struct('DaemonSetUpdateStrategy', {
    type: str,
    rollingUpdate: struct('RollingUpdateDaemonSet', { maxUnavailable: intOrString, maxSurge: intOrString }),
  }),
  minReadySeconds: int32,
  revisionHistoryLimit: int32,
});

const podDisruptionBudgetSpec = struct('PodDisruptionBudgetSpec', {
  minAvailable: intOrString,
  selector: labelSelector,
  maxUnavailable: intOrString,
  unhealthyPodEvictionPolicy: str,
});

const jobSpec = struct('JobSpec', {
  parallelism: int32,
  completions: int32,
  activeDeadlineSeconds: int64,
  podFailurePolicy: any,
  successPolicy: any,
  backoffLimit: int32,
  backoffLimitPerIndex: int32,
  maxFailedIndexes: int32,
  selector: labelSelector,
  manualSelector: bool,
  template: podTemplateSpec,
  ttlSecondsAfterFinished: int32,
  completionMode: str,
  suspend: bool,
  podReplacementPolicy: str,
  managedBy: str,
});

const cronJobSpec = struct('CronJobSpec', {
  schedule: str,
  timeZone: str,
  startingDeadlineSeconds: int64,
  concurrencyPolicy: str,
  suspend: bool,
  jobTemplate: struct('JobTemplateSpec', { metadata: any, spec: jobSpec }),
  successfulJobsHistoryLimit: int32,
  failedJobsHistoryLimit: int32,
});

/** Decode schemas by kind. */
export const KIND_SCHEMAS: Readonly<Record<string, Schema>> = {
  Namespace: kindSchema('Namespace', { spec: struct('NamespaceSpec', { finalizers: stringList }), status: any }),
  Pod: kindSchema('Pod', { spec: podSpec, status: any }),
  Service: kindSchema('Service', { spec: serviceSpec, status: any }),
  ConfigMap: kindSchema('ConfigMap', { data: stringMap, binaryData: any, immutable: bool }),
  Secret: kindSchema('Secret', { data: bytesMap, stringData: stringMap, type: str, immutable: bool }),
  Node: kindSchema('Node', {
    spec: struct('NodeSpec', {
      podCIDR: str,
      podCIDRs: stringList,
      providerID: str,
      unschedulable: bool,
      taints: list(struct('Taint', { key: str, value: str, effect: str, timeAdded: any })),
      configSource: any,
      externalID: str,
    }),
    status: any,
  }),
  PersistentVolumeClaim: kindSchema('PersistentVolumeClaim', { spec: persistentVolumeClaimSpec, status: any }),
  PersistentVolume: kindSchema('PersistentVolume', { spec: persistentVolumeSpec, status: any }),
  StorageClass: kindSchema('StorageClass', {
    provisioner: str,
    parameters: stringMap,
    reclaimPolicy: str,
    mountOptions: stringList,
    allowVolumeExpansion: bool,
    volumeBindingMode: str,
    allowedTopologies: any,
  }),
  Deployment: kindSchema('Deployment', { spec: deploymentSpec, status: any }),
  ReplicaSet: kindSchema('ReplicaSet', { spec: replicaSetSpec, status: any }),
  StatefulSet: kindSchema('StatefulSet', { spec: statefulSetSpec, status: any }),
  DaemonSet: kindSchema('DaemonSet', { spec: daemonSetSpec, status: any }),
  ServiceAccount: kindSchema('ServiceAccount', {
    secrets: mergeList(struct('ObjectReference', { kind: str, namespace: str, name: str, uid: str, apiVersion: str, resourceVersion: str, fieldPath: str }), 'name'),
    imagePullSecrets: list(struct('LocalObjectReference', { name: str })),
    automountServiceAccountToken: bool,
  }),
  Job: kindSchema('Job', { spec: jobSpec, status: any }),
  CronJob: kindSchema('CronJob', { spec: cronJobSpec, status: any }),
  PodDisruptionBudget: kindSchema('PodDisruptionBudget', { spec: podDisruptionBudgetSpec, status: any }),
  PriorityClass: kindSchema('PriorityClass', { value: int32, globalDefault: bool, description: str, preemptionPolicy: str }),
  LimitRange: kindSchema('LimitRange', {
    spec: struct('LimitRangeSpec', {
      limits: list(
        struct('LimitRangeItem', {
          type: str,
          max: namedMap('v1.ResourceList', quantity),
          min: namedMap('v1.ResourceList', quantity),
          default: namedMap('v1.ResourceList', quantity),
          defaultRequest: namedMap('v1.ResourceList', quantity),
          maxLimitRequestRatio: namedMap('v1.ResourceList', quantity),
        }),
      ),
    }),
  }),
  ResourceQuota: kindSchema('ResourceQuota', {
    spec: struct('ResourceQuotaSpec', {
      hard: namedMap('v1.ResourceList', quantity),
      scopes: stringList,
      scopeSelector: struct('ScopeSelector', {
        matchExpressions: list(struct('ScopedResourceSelectorRequirement', { scopeName: str, operator: str, values: stringList })),
      }),
    }),
    status: any,
  }),
};

/** The decode hook of a kind's strategy (undefined for kinds without a schema). */
export function decoderFor(kind: string): ((obj: unknown) => string | undefined) | undefined {
  const schema = KIND_SCHEMAS[kind];
  if (!schema) return undefined;
  return (obj) => {
    const problem = decodeErrors(obj, schema);
    // A decoded object has no nulls where Go types are (they decode to zero values).
    if (problem === undefined) normalizeDecoded(obj, schema);
    return problem;
  };
}
