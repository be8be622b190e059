/**
 * Node lifecycle controller timings and taint keys, each with its provenance.
 */

/** `--node-monitor-grace-period`: 50s since 1.32 (kubernetes PR #126287; 40s before). */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
/** Taint of a node whose kubelet stopped posting status (k8s.io/api core/v1 well_known_taints.go). */
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
/** Taint of a node whose Ready condition is False (well_known_taints.go). */
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
/** Taint an operator puts on a confirmed-dead node (well_known_taints.go `TaintNodeOutOfService`). */
export const TAINT_NODE_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';
/** Condition reason/message of a silent kubelet (node_lifecycle_controller.go tryUpdateNodeHealth). */
export const NODE_STATUS_UNKNOWN = { reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' } as const;
/** Pod GC: an orphaned pod is deleted once its node has been gone this long (podgc gc_controller.go `quarantineTime`). */
export const POD_GC_QUARANTINE_MS = 40_000;
/** Pod GC period (kube-controller-manager podgc `gcCheckPeriod` 20s). */
export const POD_GC_PERIOD_MS = 20_000;
