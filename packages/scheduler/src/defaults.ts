/**
 * Scheduler limits and defaults, each with its upstream provenance.
 */

/** Initial pod backoff (config v1 defaults.go podInitialBackoffSeconds=1). */
export const POD_INITIAL_BACKOFF_MS = 1_000;
/** Maximum pod backoff (config v1 defaults.go podMaxBackoffSeconds=10). */
export const POD_MAX_BACKOFF_MS = 10_000;
/** Pods stuck in unschedulablePods longer than this are requeued (scheduling_queue.go DefaultPodMaxInUnschedulablePodsDuration). */
export const POD_MAX_IN_UNSCHEDULABLE_PODS_MS = 5 * 60_000;
/** Period of the unschedulablePods flush (scheduling_queue.go flushUnschedulablePodsLeftover every 30s). */
export const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000;
/** Below this many nodes all are evaluated (schedule_one.go minFeasibleNodesToFind). */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** Floor of the adaptive percentage (schedule_one.go minFeasibleNodesPercentageToFind). */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;
/** Base of the adaptive percentage (schedule_one.go: 50 - numAllNodes/125). */
export const DEFAULT_PERCENTAGE_BASE = 50;
/** Highest score a Score plugin may return after normalisation (framework.MaxNodeScore). */
export const MAX_NODE_SCORE = 100;
/** VolumeBinding PreBind wait for PV binding (volumebinding DefaultBindTimeoutSeconds=600). */
export const BIND_TIMEOUT_MS = 600_000;
/** Default CPU request used for scoring pods without one (schedutil.DefaultMilliCPURequest). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** Default memory request used for scoring (schedutil.DefaultMemoryRequest = 200Mi). */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;
/** Attempts kept per pod for `explain` (kubesim choice). */
export const EXPLAIN_HISTORY = 5;
/** Score rows kept per attempt for `explain`, best first (kubesim choice, bounds memory). */
export const EXPLAIN_TOP_SCORES = 10;
