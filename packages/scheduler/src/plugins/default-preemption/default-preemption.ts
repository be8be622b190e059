/**
 * DefaultPreemption: when no node fits, finds nodes where evicting lower-priority pods would make
 * room, picks one, evicts its victims (DisruptionTarget condition, graceful delete, `Preempted`
 * event) and nominates the node for the pod; otherwise explains, as the FitError of the dry run,
 * why preempting would not help.
 *
 * PodDisruptionBudgets are read from their status (`disruptionsAllowed`, `disruptedPods`): nodes
 * whose victims violate none are preferred, as upstream; victims are deleted, not evicted.
 *
 * @remarks The nominated pod's room is kept by the Filter runs of pods of no higher priority
 * (`RunFilterPluginsWithNominatedPods`, in the framework); lower-priority pods nominated to the
 * chosen node lose their nomination. The preemptor, once retried, tries its nominated node first
 * (`evaluateNominatedNode`, in schedule-one). Victims are deleted at once (upstream's synchronous
 * `prepareCandidate`).
 * @see kubernetes pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go,
 *   pkg/scheduler/framework/preemption/preemption.go (Preempt, findCandidates, DryRunPreemption)
 */
import type { KubeObject, Rng } from '@kubesim/core';
import type { LabelSelector, Pod, PodCondition } from '../../api/types.js';
import type { NodeInfo } from '../../cache/node-info.js';
import { DISRUPTION_TARGET, PREEMPTION_BY_SCHEDULER, SchedulerReasons, preemptedMessage, preemptingMessage } from '../../events/reasons.js';
import type { CycleState } from '../../framework/cycle-state.js';
import { fitErrorMessage } from '../../framework/fit-error.js';
import type { Diagnosis, Handle, PostFilterPlugin, PostFilterResult } from '../../framework/interface.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { constantStatus, newStatus, type Status } from '../../framework/status.js';
import { type Candidate, type DryRunContext, type Pdb, pickOneNodeForPreemption, REASON_NO_VICTIMS, selectVictimsOnNode } from './select-victims.js';

/** The parts of a `policy/v1` PodDisruptionBudget preemption reads. */
type PdbObject = KubeObject & {
  spec?: { selector?: LabelSelector };
  status?: { disruptionsAllowed?: number; disruptedPods?: Record<string, string> };
};

export { REASON_NO_VICTIMS };

/** Plugin name. */
export const DEFAULT_PREEMPTION = 'DefaultPreemption';
/** Reason for nodes where removing pods cannot help. */
export const REASON_PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
/** Message when the pod may not preempt. */
export const REASON_PREEMPTION_POLICY_NEVER = 'not eligible due to preemptionPolicy=Never.';
/** Message while the victims of an earlier preemption are still terminating on the nominated node. */
export const REASON_TERMINATING_ON_NOMINATED = 'not eligible due to a terminating pod on the nominated node.';

/** `DefaultPreemptionArgs` defaults: candidates to find, as a share of the nodes and at least. */
export const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
export const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

const NOT_HELPFUL = constantStatus('UnschedulableAndUnresolvable', REASON_PREEMPTION_NOT_HELPFUL);

/** `calculateNumCandidates`: 10 % of the potential nodes, at least 100, at most all of them. */
export function numCandidates(numNodes: number): number {
  const n = Math.trunc((numNodes * MIN_CANDIDATE_NODES_PERCENTAGE) / 100);
  return Math.min(numNodes, Math.max(n, MIN_CANDIDATE_NODES_ABSOLUTE));
}

/** The DefaultPreemption plugin. */
export class DefaultPreemption implements PostFilterPlugin {
  readonly name = DEFAULT_PREEMPTION;
  /** Its own stream (`GetOffsetAndNumCandidates`' random offset), so host selection's is not shifted. */
  private readonly rng: Rng;

  constructor(private readonly handle: Handle) {
    this.rng = handle.core.rng.fork('scheduler/preemption');
  }

  postFilter(state: CycleState, pi: PodInfo, d: Diagnosis): PostFilterResult {
    const pod = pi.pod;
    const refusal = this.ineligible(pi, d);
    if (refusal !== undefined) return { status: newStatus('Unschedulable', `preemption: ${refusal}`) };
    const ctx: DryRunContext = { state, runFilter: this.handle.runFilter, startMs: (v) => this.startMs(v) };
    const { candidates, statuses } = this.findCandidates(pi, d, ctx);
    if (candidates.length === 0) {
      // Every node not dry-run (not Unschedulable, or not reached) counts as not helpful.
      const nodeToStatus = new Map<string, Status>();
      for (const ni of this.handle.cache.nodeList()) nodeToStatus.set(ni.name, statuses.get(ni.name) ?? NOT_HELPFUL);
      const msg = fitErrorMessage({ numAllNodes: nodeToStatus.size, preFilterMsg: '', nodeToStatus, postFilterMsg: '' });
      return { status: newStatus('Unschedulable', `preemption: ${msg}`), nominatedNodeName: '' };
    }
    const best = candidates.length === 1 ? candidates[0] : pickOneNodeForPreemption(candidates, ctx);
    this.prepareCandidate(best, pod);
    this.clearLowerPriorityNominations(best.node, pi);
    return { nominatedNodeName: best.node };
  }

  /**
   * `getLowerPriorityNominatedPods` + `clearNominatedNodeName`: pods of lower priority nominated to
   * the node may not fit there any more; their nomination is removed so they look elsewhere.
   */
  private clearLowerPriorityNominations(node: string, preemptor: PodInfo): void {
    const core = this.handle.core;
    for (const np of this.handle.nominatedPods(node)) {
      if (np.priority >= preemptor.priority || np.key === preemptor.key) continue;
      const name = np.pod.metadata.name as string;
      if (!core.store.get('Pod', np.namespace, name)) continue;
      core.api.updateWith<Pod>('Pod', np.namespace, name, (d) => {
        const status = (d as { status?: { nominatedNodeName?: string } }).status;
        if (status) delete status.nominatedNodeName;
      });
    }
  }

  /** `PodEligibleToPreemptOthers`: the refusal message, or undefined when the pod may preempt. */
  private ineligible(pi: PodInfo, d: Diagnosis): string | undefined {
    const pod = pi.pod;
    if (pod.spec.preemptionPolicy === 'Never') return REASON_PREEMPTION_POLICY_NEVER;
    const nominated = pod.status?.nominatedNodeName;
    if (!nominated) return undefined;
    // A nominated node the filters now reject for good may be preempted on again (or another).
    if (d.nodeToStatus.get(nominated)?.code === 'UnschedulableAndUnresolvable') return undefined;
    const ni = this.handle.cache.nodeInfo(nominated);
    if (!ni) return undefined;
    for (const v of ni.pods.values()) if (v.priority < pi.priority && terminatingByPreemption(v.pod)) return REASON_TERMINATING_ON_NOMINATED;
    return undefined;
  }

  /**
   * `findCandidates` + `DryRunPreemption`: the nodes Filter found Unschedulable (not unresolvable),
   * in node-list order, dry-run from a random offset round the list until enough candidates are
   * found; the statuses of the nodes that could not help.
   */
  private findCandidates(pi: PodInfo, d: Diagnosis, ctx: DryRunContext): { candidates: Candidate[]; statuses: Map<string, Status> } {
    const statuses = new Map<string, Status>();
    const potential: NodeInfo[] = [];
    for (const ni of this.handle.cache.nodeList()) if (d.nodeToStatus.get(ni.name)?.code === 'Unschedulable') potential.push(ni);
    if (potential.length === 0) return { candidates: [], statuses };
    // Read only if some node has a pod the preemptor may evict (most failed attempts have none).
    let pdbs: Pdb[] | undefined;
    const n = potential.length;
    const offset = this.rng.int(0, n - 1);
    const wanted = numCandidates(n);
    // Candidates that violate no budget come first (`DryRunPreemption`'s two lists).
    const nonViolating: Candidate[] = [];
    const violating: Candidate[] = [];
    for (let i = 0; i < n && !(nonViolating.length > 0 && nonViolating.length + violating.length >= wanted); i++) {
      const ni = potential[(offset + i) % n];
      const r = selectVictimsOnNode(pi, ni, ctx, () => (pdbs ??= this.pdbs()));
      if ('code' in r) statuses.set(ni.name, r);
      else if (r.victims.length === 0) statuses.set(ni.name, newStatus('Error', `expected at least one victim pod on node ${JSON.stringify(ni.name)}`));
      else (r.numPDBViolations === 0 ? nonViolating : violating).push({ node: ni.name, ...r });
    }
    return { candidates: [...nonViolating, ...violating], statuses };
  }

  /** The PodDisruptionBudgets of the cluster (`getPodDisruptionBudgets`), as preemption reads them. */
  private pdbs(): Pdb[] {
    return this.handle.core.store.list<PdbObject>('PodDisruptionBudget').map((p) => ({
      namespace: p.metadata.namespace ?? 'default',
      selector: p.spec?.selector,
      disruptionsAllowed: p.status?.disruptionsAllowed ?? 0,
      disruptedPods: new Set(Object.keys(p.status?.disruptedPods ?? {})),
    }));
  }

  /**
   * `prepareCandidate`: each victim not already being deleted gets DisruptionTarget=True
   * (PreemptionByScheduler), is deleted with its grace period, and gets a `Preempted` event.
   */
  private prepareCandidate(c: Candidate, preemptor: Pod): void {
    const core = this.handle.core;
    const schedulerName = this.handle.schedulerName;
    for (const v of c.victims) {
      const live = core.store.get<Pod>('Pod', v.namespace, v.pod.metadata.name as string);
      if (!live || live.metadata.deletionTimestamp) continue;
      const now = core.clock.rfc3339();
      const condition: PodCondition = { type: DISRUPTION_TARGET, status: 'True', reason: PREEMPTION_BY_SCHEDULER, message: preemptingMessage(schedulerName), lastProbeTime: null, lastTransitionTime: now };
      const marked = core.api.updateWith<Pod>('Pod', v.namespace, live.metadata.name as string, (draft) => {
        const status = (draft as { status?: { conditions?: PodCondition[] } }).status ?? {};
        const list = status.conditions ?? [];
        const i = list.findIndex((x) => x.type === DISRUPTION_TARGET);
        if (i >= 0) list[i] = condition;
        else list.push(condition);
        status.conditions = list;
        (draft as { status?: unknown }).status = status;
      });
      core.api.delete('Pod', v.namespace, live.metadata.name as string);
      core.recorder.event(marked as KubeObject, 'Normal', SchedulerReasons.Preempted, preemptedMessage(preemptor.metadata.uid as string, c.node), schedulerName);
    }
  }

  /** `GetPodStartTime` in virtual ms: `status.startTime`, or now for a pod not started yet. */
  private startMs(v: PodInfo): number {
    const clock = this.handle.core.clock;
    const t = v.pod.status?.startTime;
    return t ? clock.parse(t) : clock.now();
  }
}

/** `podTerminatingByPreemption`: being deleted, with DisruptionTarget=True from the scheduler's preemption. */
function terminatingByPreemption(pod: Pod): boolean {
  if (!pod.metadata.deletionTimestamp) return false;
  const c = pod.status?.conditions?.find((x) => x.type === DISRUPTION_TARGET);
  return c !== undefined && c.status === 'True' && c.reason === PREEMPTION_BY_SCHEDULER;
}
