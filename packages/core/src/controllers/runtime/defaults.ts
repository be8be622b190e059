/**
 * Timing defaults of the controller runtime.
 */

/**
 * Virtual cost of a workload controller's sync per object it looks at (pods of a set, pods of a
 * namespace for endpoints): 0.1 ms, so a 1,000-replica StatefulSet keeps its controller busy for
 * 100 ms per sync and sets under 10 replicas cost nothing. kubesim's choice, not an upstream
 * constant: it folds the events that arrive during a large sync into the next one, as a real
 * controller's work queue does.
 */
export const SYNC_COST_MS_PER_OBJECT = 0.1;

/** Sync cost of an object that looks at `objects` items (whole ms, rounded down). */
export function syncCostMs(objects: number): number {
  return Math.floor(objects * SYNC_COST_MS_PER_OBJECT);
}
