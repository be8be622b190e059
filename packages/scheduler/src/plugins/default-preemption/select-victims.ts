/**
 * Preemption's per-node dry run and the choice among candidate nodes: which lower-priority pods
 * must go for the preemptor to fit (`SelectVictimsOnNode`), and which node's victims cost least
 * (`pickOneNodeForPreemption`).
 *
 * @remarks kubesim serves no PodDisruptionBudgets, so every victim is non-violating and criterion
 * 1 (fewest PDB violations) never separates nodes. PreFilter extensions (AddPod/RemovePod) are not
 * modelled: PodTopologySpread and InterPodAffinity keep the counts of their PreFilter, which still
 * include the victims, so preemption does not make room for those constraints (it does for
 * resources, pod count, volumes and everything read from the node itself).
 * @see kubernetes pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go,
 *   pkg/scheduler/framework/preemption/preemption.go (pickOneNodeForPreemption),
 *   pkg/scheduler/util/utils.go (MoreImportantPod, GetPodStartTime, GetEarliestPodStartTime)
 */
import type { NodeInfo } from '../../cache/node-info.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { constantStatus, type Status } from '../../framework/status.js';

/** Reason for a node without a pod the preemptor may evict. */
export const REASON_NO_VICTIMS = 'No preemption victims found for incoming pod';

const NO_VICTIMS_STATUS = constantStatus('UnschedulableAndUnresolvable', REASON_NO_VICTIMS);

/** What a dry run needs besides the node: the Filter run and the virtual now (ms). */
export interface DryRunContext {
  readonly state: CycleState;
  readonly runFilter: (state: CycleState, pod: PodInfo, node: NodeInfo) => Status | undefined;
  /** Start time (virtual ms) of a pod; pods not started yet count as starting now. */
  readonly startMs: (pi: PodInfo) => number;
}

/** A node where preemption would let the pod fit, with the pods to evict (most important first). */
export interface Candidate {
  readonly node: string;
  readonly victims: readonly PodInfo[];
}

/** `MoreImportantPod`: higher priority first, then the one that started earlier. */
export function moreImportant(a: PodInfo, b: PodInfo, ctx: DryRunContext): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return ctx.startMs(a) - ctx.startMs(b);
}

/**
 * `SelectVictimsOnNode`: removes every pod of lower priority than `pod` from a copy of the node;
 * if the pod then fits, adds them back one by one, most important first, keeping each one the pod
 * still fits with. Returns the victims, or the status saying why the node cannot help.
 */
export function selectVictimsOnNode(pod: PodInfo, node: NodeInfo, ctx: DryRunContext): readonly PodInfo[] | Status {
  const potential: PodInfo[] = [];
  for (const pi of node.pods.values()) if (pi.priority < pod.priority) potential.push(pi);
  if (potential.length === 0) return NO_VICTIMS_STATUS;
  const copy = node.snapshot();
  for (const pi of potential) copy.removePod(pi.key);
  const st = ctx.runFilter(ctx.state, pod, copy);
  if (st !== undefined) return st;
  potential.sort((a, b) => moreImportant(a, b, ctx));
  const victims: PodInfo[] = [];
  for (const pi of potential) {
    copy.addPod(pi, node.podAttachables.get(pi.key) ?? []);
    if (ctx.runFilter(ctx.state, pod, copy) !== undefined) {
      copy.removePod(pi.key);
      victims.push(pi);
    }
  }
  return victims;
}

/**
 * `pickOneNodeForPreemption` without PDBs: the lowest highest-priority victim, then the lowest sum
 * of priorities, then the fewest victims, then the latest start among the highest-priority
 * victims; still tied, the first candidate.
 */
export function pickOneNodeForPreemption(candidates: readonly Candidate[], ctx: DryRunContext): Candidate {
  const scores: ((c: Candidate) => number)[] = [
    (c) => -c.victims[0].priority,
    // Upstream adds MaxInt32 + 1 to each priority so that negative ones compare by count too.
    (c) => -c.victims.reduce((sum, v) => sum + v.priority + 2 ** 31, 0),
    (c) => -c.victims.length,
    (c) => earliestStartOfHighestPriority(c.victims, ctx),
  ];
  let remaining = candidates;
  for (const score of scores) {
    let best = Number.NEGATIVE_INFINITY;
    let kept: Candidate[] = [];
    for (const c of remaining) {
      const s = score(c);
      if (s > best) {
        best = s;
        kept = [];
      }
      if (s === best) kept.push(c);
    }
    if (kept.length === 1) return kept[0];
    remaining = kept;
  }
  return remaining[0];
}

/** `GetEarliestPodStartTime`: the earliest start among the victims of the highest priority. */
function earliestStartOfHighestPriority(victims: readonly PodInfo[], ctx: DryRunContext): number {
  let max = victims[0].priority;
  let earliest = ctx.startMs(victims[0]);
  for (const v of victims) {
    if (v.priority > max) {
      max = v.priority;
      earliest = ctx.startMs(v);
    } else if (v.priority === max) earliest = Math.min(earliest, ctx.startMs(v));
  }
  return earliest;
}
