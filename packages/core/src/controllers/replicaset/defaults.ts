/**
 * Defaults and limits of the ReplicaSet controller.
 */

/** `spec.replicas` when absent (apps/v1 SetDefaults_ReplicaSet). */
export const DEFAULT_REPLICAS = 1;
/** `BurstReplicas` (replica_set.go): at most this many creations or deletions per sync. */
export const BURST_REPLICAS = 500;
/** `SlowStartInitialBatchSize` (controller_utils.go): first batch of pod creations. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;
