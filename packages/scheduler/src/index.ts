/**
 * @kubesim/scheduler — a kube-scheduler model: scheduling queue, framework, in-tree plugins
 * (volume plugins included), FailedScheduling texts as upstream, and per-pod explanations.
 * Explicit exports only.
 */
export { installScheduler, Scheduler, type SchedulerStats } from './scheduler/scheduler.js';
export { resolveConfig, type ResolvedConfig, type SchedulerConfig } from './scheduler/config.js';
export { numFeasibleNodesToFind } from './scheduler/schedule-one.js';
export type { AttemptRecord, Explanation, NodeVerdict, ScoreRow } from './explain/history.js';
export { SCHEDULER_COMPONENT, SchedulerReasons, scheduledMessage } from './events/reasons.js';
export { fitErrorMessage, sortReasonsHistogram, ERR_NO_NODES_AVAILABLE, type FitErrorInput } from './framework/fit-error.js';
export type { Code, Status } from './framework/status.js';
export { DEFAULT_PLUGINS, PLUGIN_NAMES } from './plugins/registry.js';
export { ANN_SELECTED_NODE, DEFAULT_SCHEDULER_NAME } from './api/well-known.js';
export { ERR_REASON_NODE_NAME, NODE_NAME } from './plugins/node-name/node-name.js';
export { ERR_REASON_UNSCHEDULABLE, NODE_UNSCHEDULABLE } from './plugins/node-unschedulable/node-unschedulable.js';
export { errReasonUntoleratedTaint, TAINT_TOLERATION } from './plugins/taint-toleration/taint-toleration.js';
export { ERR_REASON_POD, NODE_AFFINITY } from './plugins/node-affinity/node-affinity.js';
export { ERR_REASON_TOO_MANY_PODS, errReasonInsufficient, NODE_RESOURCES_FIT } from './plugins/node-resources-fit/node-resources-fit.js';
export { NODE_RESOURCES_BALANCED_ALLOCATION } from './plugins/node-resources-balanced-allocation/balanced-allocation.js';
export { POD_TOPOLOGY_SPREAD } from './plugins/pod-topology-spread/pod-topology-spread.js';
export { ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH } from './plugins/pod-topology-spread/filtering.js';
export {
  ERR_REASON_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
  INTER_POD_AFFINITY,
} from './plugins/inter-pod-affinity/inter-pod-affinity.js';
export {
  ERR_REASON_DISK_CONFLICT,
  ERR_REASON_READ_WRITE_ONCE_POD_CONFLICT,
  VOLUME_RESTRICTIONS,
} from './plugins/volume-restrictions/volume-restrictions.js';
export { ERR_REASON_CONFLICT as ERR_REASON_VOLUME_ZONE_CONFLICT, VOLUME_ZONE } from './plugins/volume-zone/volume-zone.js';
export {
  ERR_REASON_BIND_CONFLICT,
  ERR_REASON_NODE_CONFLICT,
  ERR_REASON_NOT_ENOUGH_SPACE,
  ERR_REASON_PV_NOT_EXIST,
  ERR_REASON_UNBOUND_IMMEDIATE,
} from './plugins/volume-binding/binder.js';
export { VOLUME_BINDING } from './plugins/volume-binding/volume-binding.js';
export { ERR_REASON_MAX_VOLUME_COUNT_EXCEEDED, NODE_VOLUME_LIMITS } from './plugins/node-volume-limits/node-volume-limits.js';
export {
  DEFAULT_PREEMPTION,
  REASON_NO_VICTIMS,
  REASON_PREEMPTION_NOT_HELPFUL,
} from './plugins/default-preemption/default-preemption.js';
export { errPVCNotFound } from './plugins/helper/volumes.js';
