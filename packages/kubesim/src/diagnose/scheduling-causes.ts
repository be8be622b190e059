/**
 * Causes named from a FailedScheduling message: each FitError reason the scheduler can print maps
 * to a stable cause id, so tests and fuzz reports can say "blocked by volume-node-affinity".
 * @see kubernetes pkg/scheduler/framework/types.go (FitError.Error), each plugin's reason strings
 */

/** Reason fragment of the FitError message → cause id. Order is the order causes are listed. */
export const SCHEDULING_CAUSES: readonly (readonly [fragment: string, cause: string])[] = [
  ['volume node affinity conflict', 'volume-node-affinity'],
  ['no available volume zone', 'volume-node-affinity'],
  ['exceed max volume count', 'volume-limit'],
  ['unbound immediate PersistentVolumeClaims', 'unbound-immediate-claim'],
  ['no available disk', 'volume-restriction'],
  ['ReadWriteOncePod', 'volume-restriction'],
  ['unavailable due to one or more pvc(s) bound to non-existent pv(s)', 'claim-lost'],
  ['did not have enough free storage', 'storage-capacity'],
  ["didn't match Pod's node affinity/selector", 'node-selector-mismatch'],
  ['were unschedulable', 'node-cordoned'],
  ['node.kubernetes.io/unreachable', 'node-not-ready'],
  ['node.kubernetes.io/not-ready', 'node-not-ready'],
  ['node.kubernetes.io/out-of-service', 'node-out-of-service'],
  ['untolerated taint', 'node-taint'],
  ['Too many pods', 'insufficient-resources'],
  ['Insufficient ', 'insufficient-resources'],
  ['no nodes available to schedule pods', 'no-nodes'],
  ['not eligible due to a terminating pod on the nominated node', 'preemption-pending'],
];

/** Cause ids named by a FailedScheduling message (at least `unschedulable`). */
export function schedulingCauses(message: string): string[] {
  const out = new Set<string>();
  for (const [fragment, cause] of SCHEDULING_CAUSES) if (message.includes(fragment)) out.add(cause);
  if (out.size === 0) out.add('unschedulable');
  return [...out];
}
