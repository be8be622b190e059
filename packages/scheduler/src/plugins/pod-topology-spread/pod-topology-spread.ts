/**
 * PodTopologySpread: hard constraints in PreFilter/Filter, soft (and system-default) constraints in
 * PreScore/Score.
 * @see kubernetes pkg/scheduler/framework/plugins/podtopologyspread/plugin.go
 */
import type { NodeInfo } from '../../cache/node-info.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin, Handle, NodeScores, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interface.js';
import type { NodeBatch } from '../../framework/node-batch.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { SKIP, type Status } from '../../framework/status.js';
import { getControllerOf } from '@kubesim/core';
import { explicitConstraints, type SpreadConstraint, systemDefaultConstraints } from './common.js';
import { type ConstraintState, countDomains, filterSpread } from './filtering.js';
import { normalizeSpread, type PreScoreState, preScoreSpread, scoreSpread } from './scoring.js';
import { scoreSpreadNodes } from './scoring-batch.js';

/** Plugin name. */
export const POD_TOPOLOGY_SPREAD = 'PodTopologySpread';
const PRE_FILTER_KEY = 'PreFilterPodTopologySpread';
const PRE_SCORE_KEY = 'PreScorePodTopologySpread';

/** What PreScore left in the cycle state for Score (undefined when it skipped). */
export function readPreScoreSpread(state: CycleState): PreScoreState | undefined {
  return state.read<PreScoreState>(PRE_SCORE_KEY);
}

/** The PodTopologySpread plugin (defaulting type System). */
export class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = POD_TOPOLOGY_SPREAD;

  /** System-default constraints per controller uid (the RS/STS selector is immutable). */
  private readonly defaultsByOwner = new Map<string, { services: number; constraints: SpreadConstraint[] }>();

  constructor(private readonly handle: Handle) {}

  private systemDefaults(pod: PodInfo): SpreadConstraint[] {
    const uid = getControllerOf(pod.pod)?.uid;
    const services = this.handle.core.store.count('Service');
    if (!uid) return systemDefaultConstraints(pod, this.handle);
    const hit = this.defaultsByOwner.get(uid);
    if (hit && hit.services === services && services === 0) return hit.constraints;
    const constraints = systemDefaultConstraints(pod, this.handle);
    if (services === 0) this.defaultsByOwner.set(uid, { services, constraints });
    return constraints;
  }

  preFilter(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | undefined {
    const constraints = explicitConstraints(pod, 'DoNotSchedule');
    if (constraints.length === 0) return SKIP;
    const states = constraints.map((c) => countDomains(this.handle, pod, c, nodes, constraints));
    state.write(PRE_FILTER_KEY, states);
    return undefined;
  }

  filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Status | undefined {
    const states = state.read<ConstraintState[]>(PRE_FILTER_KEY);
    return states ? filterSpread(states, node) : undefined;
  }

  preScore(state: CycleState, pod: PodInfo, feasible: NodeBatch): Status | undefined {
    const hasExplicit = (pod.pod.spec.topologySpreadConstraints ?? []).length > 0;
    const constraints = hasExplicit ? explicitConstraints(pod, 'ScheduleAnyway') : this.systemDefaults(pod);
    if (constraints.length === 0) return SKIP;
    state.write(PRE_SCORE_KEY, preScoreSpread(this.handle, pod, constraints, feasible, hasExplicit));
    return undefined;
  }

  score(state: CycleState, _pod: PodInfo, node: NodeInfo): number {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    return s ? scoreSpread(s, node) : 0;
  }

  scoreNodes(state: CycleState, _pod: PodInfo, batch: NodeBatch, out: Float64Array): void {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    if (s) scoreSpreadNodes(s, batch, out);
    else out.fill(0, 0, batch.count);
  }

  normalizeScore(state: CycleState, _pod: PodInfo, nodes: readonly NodeInfo[], scores: NodeScores): void {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    if (s) normalizeSpread(s, nodes, scores);
  }
}
