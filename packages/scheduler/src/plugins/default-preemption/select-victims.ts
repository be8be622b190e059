/**
 * Preemption's per-node dry run and the choice among candidate nodes: which lower-priority pods
 * must go for the preemptor to fit (`SelectVictimsOnNode`), and which node's victims cost least
 * (`pickOneNodeForPreemption`).
 *
 * @remarks PreFilter extensions (AddPod/RemovePod) are not
 * modelled: PodTopologySpread and InterPodAffinity keep the counts of their PreFilter, which still
 * include the victims, so preemption does not make room for those constraints (it does for
 * resources, pod count, volumes and everything read from the node itself).
 * @see kubernetes pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go,
 *   pkg/scheduler/framework/preemption/preemption.go (pickOneNodeForPreemption),
 *   pkg/scheduler/util/utils.go (MoreImportantPod, GetPodStartTime, GetEarliestPodStartTime)
 */
import { matchesLabelSelector } from '../../api/labels.js';
import type { LabelSelector } from '../../api/types.js';
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
  /** How many of the victims a PodDisruptionBudget does not allow to go. */
  readonly numPDBViolations: number;
}

/** What preemption reads of a PodDisruptionBudget. */
export interface Pdb {
  readonly namespace: string;
  readonly selector?: LabelSelector;
  readonly disruptionsAllowed: number;
  /** Pods the API server already counted as disrupted (`status.disruptedPods`). */
  readonly disruptedPods: ReadonlySet<string>;
}

/**
 * `filterPodsWithPDBViolation`: splits `pods` (order kept) into those whose eviction would take a
 * matching budget below zero and the others, spending each budget's `disruptionsAllowed` in order.
 * A budget with an empty selector matches nothing; a pod already in `disruptedPods` spends none.
 */
export function filterPodsWithPDBViolation(pods: readonly PodInfo[], pdbs: readonly Pdb[]): { violating: PodInfo[]; nonViolating: PodInfo[] } {
  const allowed = pdbs.map((p) => p.disruptionsAllowed);
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const pi of pods) {
    let violated = false;
    if (Object.keys(pi.labels).length > 0) {
      pdbs.forEach((pdb, i) => {
        if (pdb.namespace !== pi.namespace || isEmptySelector(pdb.selector) || !matchesLabelSelector(pdb.selector, pi.labels)) return;
        if (pdb.disruptedPods.has(pi.pod.metadata.name as string)) return;
        allowed[i]--;
        if (allowed[i] < 0) violated = true;
      });
    }
    (violated ? violating : nonViolating).push(pi);
  }
  return { violating, nonViolating };
}

function isEmptySelector(s: LabelSelector | undefined): boolean {
  return !s || (Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0);
}

/** `MoreImportantPod`: higher priority first, then the one that started earlier. */
export function moreImportant(a: PodInfo, b: PodInfo, ctx: DryRunContext): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return ctx.startMs(a) - ctx.startMs(b);
}

/**
 * `SelectVictimsOnNode`: removes every pod of lower priority than `pod` from a copy of the node;
 * if the pod then fits, adds them back one by one, most important first, keeping each one the pod
 * still fits with. `pdbs` is asked for only when there are such pods. Returns the victims, or the
 * status saying why the node cannot help.
 */
export function selectVictimsOnNode(
  pod: PodInfo,
  node: NodeInfo,
  ctx: DryRunContext,
  pdbs: () => readonly Pdb[] = () => [],
): { victims: readonly PodInfo[]; numPDBViolations: number } | Status {
  const potential: PodInfo[] = [];
  for (const pi of node.pods.values()) if (pi.priority < pod.priority) potential.push(pi);
  if (potential.length === 0) return NO_VICTIMS_STATUS;
  const copy = node.snapshot();
  for (const pi of potential) copy.removePod(pi.key);
  const st = ctx.runFilter(ctx.state, pod, copy);
  if (st !== undefined) return st;
  potential.sort((a, b) => moreImportant(a, b, ctx));
  // Reprieve the budget-violating pods first, then the others, each group most important first.
  const { violating, nonViolating } = filterPodsWithPDBViolation(potential, pdbs());
  const victims: PodInfo[] = [];
  const reprieve = (pi: PodInfo): boolean => {
    copy.addPod(pi, node.podAttachables.get(pi.key) ?? []);
    if (ctx.runFilter(ctx.state, pod, copy) === undefined) return true;
    copy.removePod(pi.key);
    victims.push(pi);
    return false;
  };
  let numPDBViolations = 0;
  for (const pi of violating) if (!reprieve(pi)) numPDBViolations++;
  for (const pi of nonViolating) reprieve(pi);
  if (violating.length > 0 && nonViolating.length > 0) victims.sort((a, b) => moreImportant(a, b, ctx));
  return { victims, numPDBViolations };
}

/**
 * `pickOneNodeForPreemption`: the fewest PodDisruptionBudget violations, then the lowest
 * highest-priority victim, then the lowest sum of priorities, then the fewest victims, then the
 * latest start among the highest-priority victims; still tied, the first candidate.
 */
export function pickOneNodeForPreemption(candidates: readonly Candidate[], ctx: DryRunContext): Candidate {
  const scores: ((c: Candidate) => number)[] = [
    (c) => -c.numPDBViolations,
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
