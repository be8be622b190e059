/**
 * @kubesim/core — the engine room: deterministic kernel, API machinery, workloads, kubelet,
 * nodes and zones. Explicit exports only.
 */
export { DEFAULT_START_INSTANT, parseDuration, VirtualClock } from './sim/clock.js';
export { EventLoop, type RunUntilOptions } from './sim/loop.js';
export { EventQueue, type QueuedEvent } from './sim/queue.js';
export { fnv32a, Rng } from './sim/rng.js';
export { formatTraceRecord, TraceRecorder, type TraceRecord } from './sim/trace.js';
export {
  errors,
  field,
  FieldError,
  FieldErrorType,
  GoRepr,
  isStatusError,
  qualifiedKind,
  qualifiedResource,
  renderFieldValue,
  StatusError,
  type StatusCause,
  type StatusReason,
} from './api/errors.js';
export { apiVersionOf, BUILTIN_KINDS, KindRegistry, type KindInfo } from './api/kinds.js';
export {
  type DeepReadonly,
  getControllerOf,
  isBeingDeleted,
  type KubeObject,
  keyOf,
  newControllerRef,
  type ObjectMeta,
  objectKey,
  type OwnerReference,
} from './api/object.js';
export { applyJsonPatch, applyMergePatch, createMergePatch, createThreeWayJsonMergePatch, deepEqual, type JsonPatchOp } from './api/merge-patch.js';
export { applyStrategicMergePatch, createThreeWayMergePatch, createTwoWayMergePatch, StrategicMergePatchError } from './api/strategic-merge-patch.js';
export { cloneData } from './api/clone.js';
export { ephemeralClaimName, podVolumeClaimName, volumeIsForPod } from './api/ephemeral.js';
export { escapeHtmlJson, marshalGoJson, sortedKeys } from './api/go-json.js';
export {
  type AdmissionAttributes,
  type AdmissionPlugin,
  ApiServer,
  type ApplyAction,
  type DeleteGuard,
  type DeleteOptions,
  type GracefulDeleteHook,
  LAST_APPLIED_ANNOTATION,
} from './api/server.js';
export { type KindStrategy, type MutableObject, type StrategyContext, StrategyRegistry } from './api/strategy.js';
export {
  type IndexFunc,
  NAME_SUFFIX_ALPHABET,
  ObjectStore,
  type WatchEvent,
  type WatchEventType,
  type WatchFilter,
  type WatchHandler,
} from './store/store.js';
export { DEFAULT_EVENT_TTL_MS } from './store/expiry.js';
export { type CoreEvent, EventRecorder, type EventType, EVENTS_BY_INVOLVED_UID, getReference } from './events/recorder.js';
export { Controller, type ControllerOptions, type SyncResult } from './controllers/runtime/controller.js';
export { SYNC_COST_MS_PER_OBJECT, syncCostMs } from './controllers/runtime/defaults.js';
export { FINALIZER_FOREGROUND, FINALIZER_ORPHAN, GarbageCollector } from './controllers/garbage-collector/garbage-collector.js';
export { CoreCluster, type CoreOptions, INITIAL_NAMESPACES } from './cluster/core-cluster.js';
export { SYSTEM_PRIORITY_CLASSES_HOOK } from './cluster/system-priority-classes.js';
export {
  DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS_EXISTS,
  HIGHEST_USER_DEFINABLE_PRIORITY,
  PREEMPT_LOWER_PRIORITY,
  PREEMPT_NEVER,
  SYSTEM_CLUSTER_CRITICAL,
  SYSTEM_CRITICAL_PRIORITY,
  SYSTEM_NODE_CRITICAL,
  SYSTEM_PRIORITY_CLASS_PREFIX,
  SYSTEM_PRIORITY_CLASSES,
  type SystemPriorityClass,
} from './api/defaults/scheduling.js';
export { PRIORITY_PLUGIN_NAME, PriorityAdmissionErrors } from './api/admission/priority.js';
export {
  DEFAULT_API_TOKEN_MOUNT_PATH,
  DEFAULT_SERVICE_ACCOUNT_NAME,
  ROOT_CA_CERT_CONFIG_MAP_NAME,
  SERVICE_ACCOUNT_PLUGIN_NAME,
  SERVICE_ACCOUNT_VOLUME_NAME,
  ServiceAccountAdmissionErrors,
  tokenVolumeSource,
} from './api/admission/service-account.js';
export { API_AUDIENCES, ServiceAccountTokenIssuer, serviceAccountTokenIssuer } from './api/token-request.js';
export { parseGoDuration } from './api/cron/go-duration.js';
export { civil, formatRFC3339, fromCivil } from './api/cron/civil-time.js';
export { SYSTEM_PRIORITY_CLASS_UNDELETABLE } from './api/priority-class-delete.js';
export {
  DISRUPTION_BUDGET_CAUSE,
  EVICTION_DISRUPTION_TARGET,
  EvictionMessages,
  type EvictOptions,
  MAX_DISRUPTED_POD_SIZE,
} from './api/policy/eviction.js';
export {
  DisruptionAllowedCondition,
  getPodDisruptionBudgets,
  type PodDisruptionBudgetObject,
  type PodDisruptionBudgetStatus,
} from './api/policy/pod-disruption-budget.js';
export { ALWAYS_ALLOW, IF_HEALTHY_BUDGET, PDB_BOTH_SET, UNHEALTHY_POD_EVICTION_POLICIES } from './api/validation/policy.js';
export { DisruptionController } from './controllers/disruption/disruption.js';
export { DELETION_TIMEOUT_MS, DisruptionMessages } from './controllers/disruption/disruption-sync.js';
export { VolumeFilesystem } from './kubelet/filesystem.js';
export {
  ClaimResizeCondition,
  ClaimResizeMessages,
  ClaimResizeStatus,
  mergeResizeConditions,
  resizeCondition,
  storageResizeStatus,
  withStorageResizeStatus,
} from './api/claim-resize.js';
export {
  type KubeletVolumePlugin,
  type VolumeContext,
  VolumePluginRegistry,
  type VolumeSetUpResult,
} from './kubelet/volume-plugin.js';
export type {
  CloudProvider,
  InstanceInfo,
  InstanceState,
  InstanceStateHandler,
  InstanceTypeInfo,
} from './cloud/provider.js';
export { parseYamlDocuments, toYaml, type YamlDocument } from './api/yaml.js';
export { type Controllers, installControllers } from './controllers/install-controllers.js';
export { DESCRIPTION_ANNOTATION, ROOT_CA_DESCRIPTION, RootCaCertPublisher } from './controllers/serviceaccount/root-ca-cert-publisher.js';
export { ServiceAccountsController } from './controllers/serviceaccount/serviceaccounts-controller.js';
export { DeploymentConditionReasons, DisruptionReasons, WorkloadComponents, WorkloadReasons } from './controllers/events.js';
export { ReplicaSetController } from './controllers/replicaset/replica-set.js';
export { DeploymentController } from './controllers/deployment/deployment-controller.js';
export {
  computeHash,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  POD_TEMPLATE_HASH_LABEL,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
} from './controllers/deployment/deployment-util.js';
export { StatefulSetController } from './controllers/statefulset/stateful-set.js';
export {
  getClaimName,
  getPodName,
  POD_INDEX_LABEL,
  POD_NAME_LABEL,
  REVISION_LABEL as STATEFULSET_REVISION_LABEL,
} from './controllers/statefulset/stateful-set-utils.js';
export { EndpointsController } from './controllers/endpoints/endpoints-controller.js';
export { CLUSTER_IP_NONE, ClusterIpAllocator, SERVICE_CIDR } from './controllers/endpoints/cluster-ip-allocator.js';
export { ClusterDns, type DnsAnswer as ClusterDnsAnswer, dnsSearchPath } from './controllers/endpoints/cluster-dns.js';
export {
  FakeKubelet,
  type FakeKubeletOptions,
  makeDeployment,
  makePod,
  makeReplicaSet,
  makeService,
  makeStatefulSet,
} from './controllers/testing/index.js';
export {
  canonicalQuantity,
  compareQuantities,
  formatQuantity,
  parseQuantity,
  QUANTITY_FORMAT_ERROR,
  QUANTITY_NUMERIC_ERROR,
  QUANTITY_SUFFIX_ERROR,
  type Quantity,
  quantitiesEqual,
  quantityBytes,
  QuantityError,
  type QuantityFormat,
  quantityFromValue,
  quantityMilliValue,
  quantityValue,
  roundUpToGiB,
  tryParseQuantity,
} from './api/quantity.js';
export {
  DNS1035_LABEL_MAX_LENGTH,
  DNS1123_LABEL_MAX_LENGTH,
  DNS1123_SUBDOMAIN_MAX_LENGTH,
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isEnvVarName,
  isQualifiedName,
  isValidLabelValue,
  LABEL_VALUE_MAX_LENGTH,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  regexError,
  type ValidateNameFunc,
} from './api/names.js';
export {
  type Labels,
  newRequirement,
  type Requirement,
  requirementMatches,
  Selector,
  SelectorError,
  type SelectorOperator,
} from './api/labels/selector.js';
export { parseSelector } from './api/labels/parse.js';
export {
  goLabelSelector,
  type LabelSelector,
  labelSelectorAsSelector,
  labelSelectorMatches,
  type LabelSelectorRequirement,
  selectorToLabelSelector,
  validateLabels,
  validateLabelSelector,
} from './api/labels/label-selector.js';
export { MAX_ALIAS_COUNT, MAX_DOCUMENT_BYTES, ManifestError, parseManifests } from './api/manifest.js';
export { BUILTIN_STRATEGIES, registerBuiltinStrategies } from './api/builtin-strategies.js';
export {
  DEFAULT_TOLERATION_SECONDS,
  defaultTolerationSecondsPlugin,
} from './api/defaults/default-toleration-seconds.js';
export { defaultImagePullPolicy, defaultPodSpec, defaultPodTemplate } from './api/defaults/pod-spec.js';
export { decodeErrors } from './api/decode/decode.js';
export { KIND_SCHEMAS } from './api/decode/kinds.js';
export { SELECTOR_DOES_NOT_MATCH, STATEFULSET_SPEC_FORBIDDEN } from './api/validation/apps.js';
export { PVC_SHRINK_FORBIDDEN, PVC_SPEC_IMMUTABLE, RWOP_MIXED } from './api/validation/storage.js';
export { FIELD_IMMUTABLE, isValidPortName, isValidPortNum } from './api/validation/object-meta.js';
export { DEFAULT_INSTANCE_TYPE, DEFAULT_REGION, DEFAULT_ZONES, TAINT_NODE_SHUTDOWN } from './cloud/defaults.js';
export { Ec2Cloud, IncorrectInstanceStateError, privateDnsName } from './cloud/ec2-cloud.js';
export {
  INSTANCE_TYPES,
  NITRO_SHARED_EBS_LIMIT,
  NON_NITRO_EBS_LIMIT,
  kubeReservedCpuMillis, kubeReservedMemoryMiB, type NodeResources, nodeResources } from './cloud/instance-types.js';
export {
  CONTROLLER_MANAGED_ATTACH_DETACH,
  EBS_CSI_DRIVER,
  EBS_CSI_TOPOLOGY_KEYS,
  EBS_CSI_ZONE_LABEL,
  NodeLabels,
} from './cloud/node-object.js';
export { type NodeGroupOptions, normalizeTopology, type Topology, type TopologyOptions } from './cloud/topology.js';
export { installWorkloads, type Workloads } from './cluster/install-workloads.js';
export {
  NODE_MONITOR_GRACE_PERIOD_MS,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_OUT_OF_SERVICE,
  TAINT_NODE_UNREACHABLE,
} from './controllers/node-lifecycle/limits.js';
export { NodeLifecycleController } from './controllers/node-lifecycle/node-lifecycle-controller.js';
export { evictionDelayMs, toleratesTaint } from './controllers/node-lifecycle/taint-eviction.js';
export type { Faults } from './faults/faults.js';
export { ContainerFilesystem, type ContainerMount, FsError } from './kubelet/container-fs.js';
export { extractFieldPathAsString } from './kubelet/downward-api.js';
export { patternSource } from './kubelet/glob.js';
export { fromUtf8ByteString, readTar, type TarEntry, TarFormatError, utf8ByteString, writeTar } from './kubelet/tar-archive.js';
export type { ExecResult } from './kubelet/exec.js';
export {
  type ContainerContext,
  type HttpResponse,
  type ImageBehaviour,
  type ImageProgram,
  type ProcessOutcome,
  RANDSERVER_PORT,
} from './kubelet/images.js';
export type { Kubelet } from './kubelet/kubelet.js';
export type { SetUpResult as PodVolumeSetUp } from './kubelet/volume-manager.js';
export type { LogsOptions, NodeAgents, SilenceReason } from './kubelet/node-agents.js';
export { PODS_BY_NODE_INDEX } from './kubelet/objects.js';
export { NodeAgentComponents, NodeAgentReasons } from './kubelet/reasons.js';
