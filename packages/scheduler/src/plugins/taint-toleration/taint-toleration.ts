/**
 * TaintToleration: Filter rejects nodes with an untolerated NoSchedule/NoExecute taint; Score
 * prefers nodes with fewer untolerated PreferNoSchedule taints.
 * @see kubernetes pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go
 */
import type { Taint, Toleration } from '../../api/types.js';
import type { NodeInfo } from '../../cache/node-info.js';
import { FLAG_TAINTED } from '../../cache/node-table.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin, NodeScores, ScorePlugin } from '../../framework/interface.js';
import { batchNode, type NodeBatch } from '../../framework/node-batch.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { newStatus, type Status } from '../../framework/status.js';
import { defaultNormalizeScore, normalizeScoreWithMax } from '../helper/normalize-score.js';

/** Plugin name. */
export const TAINT_TOLERATION = 'TaintToleration';

/** `node(s) had untolerated taint {key: value}`. */
export function errReasonUntoleratedTaint(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

/** `v1.Toleration.ToleratesTaint`. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.key && t.operator !== 'Exists') return false;
  switch (t.operator ?? 'Equal') {
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** The first taint with one of `effects` that no toleration tolerates (`FindMatchingUntoleratedTaint`). */
export function findUntoleratedTaint(taints: readonly Taint[] | undefined, tolerations: readonly Toleration[], effects: readonly string[]): Taint | undefined {
  for (const taint of taints ?? []) {
    if (!effects.includes(taint.effect)) continue;
    if (!tolerations.some((t) => toleratesTaint(t, taint))) return taint;
  }
  return undefined;
}

const FILTER_EFFECTS = ['NoSchedule', 'NoExecute'];
const SCORED_KEY = 'ScoreTaintToleration';

/** The raw scores `scoreNodes` wrote and their maximum, for NormalizeScore. */
interface ScoredMax {
  readonly scores: NodeScores;
  readonly max: number;
}

/** The pod's tolerations that can tolerate a PreferNoSchedule taint (`getAllTolerationPreferNoSchedule`). */
function preferNoScheduleTolerations(pod: PodInfo): readonly Toleration[] {
  return (pod.pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
}

/** PreferNoSchedule taints no toleration tolerates (`countIntolerableTaintsPreferNoSchedule`). */
function countIntolerableTaintsPreferNoSchedule(taints: readonly Taint[] | undefined, tolerations: readonly Toleration[]): number {
  if (!taints) return 0;
  let n = 0;
  for (const taint of taints) {
    if (taint.effect === 'PreferNoSchedule' && !tolerations.some((t) => toleratesTaint(t, taint))) n++;
  }
  return n;
}

/** The TaintToleration plugin. */
export class TaintToleration implements FilterPlugin, ScorePlugin {
  readonly name = TAINT_TOLERATION;

  filter(_state: unknown, pod: PodInfo, node: NodeInfo): Status | undefined {
    const taints = node.taints;
    if (!taints) return undefined;
    const taint = findUntoleratedTaint(taints, pod.pod.spec.tolerations ?? [], FILTER_EFFECTS);
    return taint ? newStatus('UnschedulableAndUnresolvable', errReasonUntoleratedTaint(taint)) : undefined;
  }

  filterNodes(_state: unknown, _pod: PodInfo, batch: NodeBatch, flags: Uint8Array, bit: number): boolean {
    if (batch.table.numTainted === 0) return false;
    const { ids, count } = batch;
    const nodeFlags = batch.table.flags;
    let any = false;
    for (let i = 0; i < count; i++) {
      if ((nodeFlags[ids[i]] & FLAG_TAINTED) !== 0) {
        flags[i] |= bit;
        any = true;
      }
    }
    return any;
  }

  score(_state: unknown, pod: PodInfo, node: NodeInfo): number {
    return countIntolerableTaintsPreferNoSchedule(node.taints, preferNoScheduleTolerations(pod));
  }

  scoreNodes(state: CycleState, pod: PodInfo, batch: NodeBatch, out: Float64Array): void {
    const { ids, count } = batch;
    const flags = batch.table.flags;
    let max = 0;
    if (batch.table.numTainted === 0) out.fill(0, 0, count);
    else {
      let tolerations: readonly Toleration[] | undefined;
      for (let i = 0; i < count; i++) {
        if ((flags[ids[i]] & FLAG_TAINTED) === 0) {
          out[i] = 0;
          continue;
        }
        tolerations ??= preferNoScheduleTolerations(pod);
        out[i] = countIntolerableTaintsPreferNoSchedule(batchNode(batch, i).taints, tolerations);
        if (out[i] > max) max = out[i];
      }
    }
    const scored: ScoredMax = { scores: out, max };
    state.write(SCORED_KEY, scored);
  }

  normalizeScore(state: CycleState, _pod: PodInfo, _nodes: readonly NodeInfo[], scores: NodeScores): void {
    const scored = state.read<ScoredMax>(SCORED_KEY);
    if (scored?.scores === scores) normalizeScoreWithMax(100, true, scores, scored.max);
    else defaultNormalizeScore(100, true, scores);
  }
}
