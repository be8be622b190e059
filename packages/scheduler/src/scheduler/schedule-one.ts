/**
 * The scheduling algorithm of one attempt: PreFilter, Filter over a rotating sample of nodes
 * (`percentageOfNodesToScore`), PostFilter on failure, Score and host selection.
 * @see kubernetes pkg/scheduler/schedule_one.go (schedulePod, findNodesThatFitPod,
 *   numFeasibleNodesToFind, prioritizeNodes, selectHost)
 */
import type { Rng } from '@kubesim/core';
import type { NodeInfo } from '../cache/node-info.js';
import { DEFAULT_PERCENTAGE_BASE, MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, MIN_FEASIBLE_NODES_TO_FIND } from '../defaults.js';
import type { NodeVerdict } from '../explain/history.js';
import { CycleState } from '../framework/cycle-state.js';
import { ERR_NO_NODES_AVAILABLE, fitErrorMessage } from '../framework/fit-error.js';
import type { Framework, ScoreResult } from '../framework/framework.js';
import type { PodInfo } from '../framework/pod-info.js';
import type { Status } from '../framework/status.js';

/** `numFeasibleNodesToFind`: all nodes under 100, else an adaptive percentage (≥ 5 %, ≥ 100 nodes). */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number | undefined, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let pct = percentageOfNodesToScore ?? 0;
  if (pct <= 0) {
    pct = DEFAULT_PERCENTAGE_BASE - Math.trunc(numAllNodes / 125);
    if (pct < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) pct = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  if (pct >= 100) return numAllNodes;
  const n = Math.trunc((numAllNodes * pct) / 100);
  return Math.max(n, MIN_FEASIBLE_NODES_TO_FIND);
}

/** Outcome of one attempt's algorithm part. */
export interface ScheduleResult {
  readonly state: CycleState;
  /** The chosen node, when one fits. */
  readonly node?: string;
  /** FailedScheduling text when none fits or an Error occurred. */
  readonly message?: string;
  readonly isError: boolean;
  readonly numAllNodes: number;
  readonly evaluatedNodes: number;
  readonly feasibleNodes: number;
  readonly preFilter?: Status;
  readonly filtered: readonly NodeVerdict[];
  /** Plugin names of the score rows' values. */
  readonly scorePlugins: readonly string[];
  readonly scores: readonly CompactScoreRow[];
  /** Plugins that rejected the pod (for queueing hints). */
  readonly rejectors: ReadonlySet<string>;
}

/** One Score table row: weighted normalized values aligned with `scorePlugins`. */
export interface CompactScoreRow {
  readonly node: string;
  readonly total: number;
  readonly values: readonly number[];
}

/** Mutable state of the algorithm across attempts. */
export interface AlgorithmState {
  nextStartNodeIndex: number;
}

/** Options of `schedulePod`. */
export interface ScheduleOptions {
  readonly framework: Framework;
  readonly nodes: readonly NodeInfo[];
  readonly percentageOfNodesToScore?: number;
  readonly rng: Rng;
  readonly topScores: number;
  readonly algo: AlgorithmState;
}

const NO_VERDICTS: readonly NodeVerdict[] = Object.freeze([]);

function verdicts(statuses: Map<string, Status>): readonly NodeVerdict[] {
  if (statuses.size === 0) return NO_VERDICTS;
  return [...statuses]
    .map(([node, s]) => ({ node, plugin: s.plugin ?? '', code: s.code, reasons: s.reasons }))
    .sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}

/** Runs one attempt's algorithm for `pod`. */
export function schedulePod(pod: PodInfo, o: ScheduleOptions): ScheduleResult {
  const state = new CycleState();
  const nodes = o.nodes;
  const base = { state, numAllNodes: nodes.length, scores: [] as CompactScoreRow[], scorePlugins: [] as string[] };
  if (nodes.length === 0) {
    return { ...base, message: ERR_NO_NODES_AVAILABLE, isError: false, evaluatedNodes: 0, feasibleNodes: 0, filtered: [], rejectors: new Set() };
  }
  const fw = o.framework;
  const pre = fw.runPreFilter(state, pod, nodes);
  const statuses = new Map<string, Status>();
  const feasible: NodeInfo[] = [];
  let evaluated = 0;
  if (pre?.code === 'Error') {
    return { ...base, message: pre.reasons[0], isError: true, evaluatedNodes: 0, feasibleNodes: 0, preFilter: pre, filtered: [], rejectors: new Set() };
  }
  if (pre) {
    for (const ni of nodes) statuses.set(ni.name, pre);
  } else {
    const want = numFeasibleNodesToFind(o.percentageOfNodesToScore, nodes.length);
    const start = o.algo.nextStartNodeIndex % nodes.length;
    const found = findNodesThatPassFilters(fw, state, pod, nodes, start, want, feasible, statuses);
    evaluated = found.evaluated;
    if (found.error !== undefined) {
      return { ...base, message: found.error, isError: true, evaluatedNodes: evaluated, feasibleNodes: 0, filtered: [], rejectors: new Set() };
    }
    o.algo.nextStartNodeIndex = (start + evaluated) % nodes.length;
  }
  if (feasible.length === 0) return failure(pod, o, state, statuses, pre, evaluated);
  let node = feasible[0].name;
  let scores: CompactScoreRow[] = [];
  let scorePlugins: readonly string[] = [];
  if (feasible.length > 1) {
    const result = fw.runScore(state, pod, feasible);
    node = selectHost(feasible, result.totals, o.rng);
    scores = topRows(feasible, result, o.topScores);
    scorePlugins = result.plugins;
  }
  return { ...base, node, isError: false, evaluatedNodes: evaluated, feasibleNodes: feasible.length, filtered: verdicts(statuses), scorePlugins, scores, rejectors: new Set() };
}

/** Scratch lists of `findNodesThatPassFilters` (entries past the current chunk are stale). */
const chunk: NodeInfo[] = [];
const verdictsOfChunk: (Status | undefined)[] = [];

/**
 * `findNodesThatPassFilters`: filters nodes from `start` round the list until `want` fit, in
 * chunks of as many nodes as are still wanted (so every node of a chunk would have been evaluated
 * one by one too). Returns the number of nodes evaluated and, if a filter failed, the message.
 */
function findNodesThatPassFilters(
  fw: Framework,
  state: CycleState,
  pod: PodInfo,
  nodes: readonly NodeInfo[],
  start: number,
  want: number,
  feasible: NodeInfo[],
  statuses: Map<string, Status>,
): { evaluated: number; error?: string } {
  const filters = fw.activeFilters(state);
  const n = nodes.length;
  let evaluated = 0;
  while (evaluated < n && feasible.length < want) {
    const count = Math.min(want - feasible.length, n - evaluated);
    for (let i = 0; i < count; i++) {
      const j = start + evaluated + i;
      chunk[i] = nodes[j < n ? j : j - n];
    }
    if (fw.runFilterNodes(state, pod, chunk, count, filters, verdictsOfChunk)) {
      for (let i = 0; i < count; i++) {
        const st = verdictsOfChunk[i];
        if (st === undefined) feasible.push(chunk[i]);
        else statuses.set(chunk[i].name, st);
      }
    } else {
      for (let i = 0; i < count; i++) {
        const st = fw.runFilter(state, pod, chunk[i], filters);
        if (st === undefined) feasible.push(chunk[i]);
        else if (st.code === 'Error') {
          return { evaluated: evaluated + i + 1, error: `running "${st.plugin}" filter plugin: ${st.reasons.join(', ')}` };
        }
        else statuses.set(chunk[i].name, st);
      }
    }
    evaluated += count;
  }
  return { evaluated };
}

function failure(pod: PodInfo, o: ScheduleOptions, state: CycleState, statuses: Map<string, Status>, pre: Status | undefined, evaluated: number): ScheduleResult {
  const preFilterMsg = pre ? pre.reasons.join(', ') : '';
  const d = { nodeToStatus: statuses, preFilterMsg, numAllNodes: o.nodes.length };
  const postFilterMsg = o.framework.runPostFilter(state, pod, d);
  const message = fitErrorMessage({ numAllNodes: o.nodes.length, preFilterMsg, nodeToStatus: statuses, postFilterMsg });
  const rejectors = new Set<string>();
  for (const s of statuses.values()) if (s.plugin) rejectors.add(s.plugin);
  return {
    state,
    numAllNodes: o.nodes.length,
    message,
    isError: false,
    evaluatedNodes: evaluated,
    feasibleNodes: 0,
    preFilter: pre,
    filtered: pre ? [] : verdicts(statuses),
    scorePlugins: [],
    scores: [],
    rejectors,
  };
}

/** `selectHost`: the highest total; ties resolved by reservoir sampling on the scheduler's RNG. */
export function selectHost(nodes: readonly NodeInfo[], totals: ArrayLike<number>, rng: Rng): string {
  let best = 0;
  let count = 1;
  for (let i = 1; i < nodes.length; i++) {
    if (totals[i] > totals[best]) {
      best = i;
      count = 1;
    } else if (totals[i] === totals[best]) {
      count++;
      if (rng.int(0, count - 1) === 0) best = i;
    }
  }
  return nodes[best].name;
}

function better(nodes: readonly NodeInfo[], totals: ArrayLike<number>, a: number, b: number): boolean {
  return totals[a] !== totals[b] ? totals[a] > totals[b] : nodes[a].name < nodes[b].name;
}

/** The best `limit` rows (highest total, then name), by insertion into a short sorted list. */
function topRows(nodes: readonly NodeInfo[], r: ScoreResult, limit: number): CompactScoreRow[] {
  if (limit <= 0) return [];
  const idx: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    if (idx.length === limit && !better(nodes, r.totals, i, idx[limit - 1])) continue;
    let k = idx.length < limit ? idx.length : limit - 1;
    idx[k] = i;
    while (k > 0 && better(nodes, r.totals, idx[k], idx[k - 1])) {
      const t = idx[k];
      idx[k] = idx[k - 1];
      idx[k - 1] = t;
      k--;
    }
  }
  return idx.map((i) => ({ node: nodes[i].name, total: r.totals[i], values: r.columns.map((c) => c[i]) }));
}
