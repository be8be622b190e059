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
export { applyJsonPatch, applyMergePatch, createMergePatch, deepEqual, type JsonPatchOp } from './api/merge-patch.js';
export {
  type AdmissionAttributes,
  type AdmissionPlugin,
  ApiServer,
  type ApplyAction,
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
  type WatchHandler,
} from './store/store.js';
export { type CoreEvent, EventRecorder, type EventType, EVENTS_BY_INVOLVED_UID, getReference } from './events/recorder.js';
export { Controller, type ControllerOptions, type SyncResult } from './controllers/runtime/controller.js';
export { FINALIZER_FOREGROUND, FINALIZER_ORPHAN, GarbageCollector } from './controllers/garbage-collector/garbage-collector.js';
export { CoreCluster, type CoreOptions, INITIAL_NAMESPACES } from './cluster/core-cluster.js';
export { VolumeFilesystem } from './kubelet/filesystem.js';
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
