/**
 * DefaultPreemption (message only): explains why preempting would not help, as the FitError of
 * the preemption dry run. No victims are evicted in kubesim.
 *
 * @remarks Nodes rejected as UnschedulableAndUnresolvable get `Preemption is not helpful for
 * scheduling`; nodes rejected as Unschedulable get `No preemption victims found for incoming pod`
 * (what a real cluster says when no lower-priority pod could make room).
 * @see kubernetes pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go,
 *   pkg/scheduler/framework/preemption/preemption.go
 */
import { fitErrorMessage } from '../../framework/fit-error.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { Diagnosis, PostFilterPlugin } from '../../framework/interface.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { newStatus, type Status } from '../../framework/status.js';

/** Plugin name. */
export const DEFAULT_PREEMPTION = 'DefaultPreemption';
/** Reason for nodes where removing pods cannot help. */
export const REASON_PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
/** Reason for nodes where no victims were found. */
export const REASON_NO_VICTIMS = 'No preemption victims found for incoming pod';
/** Message when the pod may not preempt. */
export const REASON_PREEMPTION_POLICY_NEVER = 'not eligible due to preemptionPolicy=Never.';

/** The DefaultPreemption plugin. */
export class DefaultPreemption implements PostFilterPlugin {
  readonly name = DEFAULT_PREEMPTION;

  postFilter(_state: CycleState, pod: PodInfo, d: Diagnosis): Status | undefined {
    if ((pod.pod.spec as { preemptionPolicy?: string }).preemptionPolicy === 'Never') {
      return newStatus('Unschedulable', `preemption: ${REASON_PREEMPTION_POLICY_NEVER}`);
    }
    const statuses = new Map<string, Status>();
    for (const [node, st] of d.nodeToStatus) {
      const reason = st.code === 'Unschedulable' ? REASON_NO_VICTIMS : REASON_PREEMPTION_NOT_HELPFUL;
      statuses.set(node, newStatus(st.code, reason));
    }
    const msg = fitErrorMessage({ numAllNodes: statuses.size, preFilterMsg: '', nodeToStatus: statuses, postFilterMsg: '' });
    return newStatus('Unschedulable', `preemption: ${msg}`);
  }
}
