/**
 * The framework runtime of one profile: plugins grouped by extension point, run in profile order.
 * @see kubernetes pkg/scheduler/framework/runtime/framework.go
 */
import type { NodeInfo } from '../cache/node-info.js';
import type { NodeTable } from '../cache/node-table.js';
import type { CycleState } from './cycle-state.js';
import type {
  Diagnosis,
  FilterPlugin,
  Handle,
  HighestTotals,
  Plugin,
  PostFilterPlugin,
  PreBindPlugin,
  PreFilterPlugin,
  PreScorePlugin,
  ReservePlugin,
  ScoreFusion,
  ScorePlugin,
} from './interface.js';
import type { PodNominator } from '../queue/nominator.js';
import type { PodInfo } from './pod-info.js';
import { batchNodes, type NodeBatch, type NodeBatchBuffer } from './node-batch.js';
import { ScoreBuffers } from './score-buffers.js';
import { newStatus, type Status } from './status.js';

/** A profile's plugin set: names enabled, in order, with score weights. */
export interface ProfilePlugins {
  readonly entries: readonly { readonly name: string; readonly factory: (h: Handle) => Plugin; readonly weight: number }[];
  /** Score fusions to try (`ScoreFusion`); one applies when its plugins are exactly the cycle's scoring plugins. */
  readonly fusions?: readonly (() => ScoreFusion)[];
}

/** A fusion with where its columns are among the profile's Score plugins. */
interface FusionSlot {
  readonly fusion: ScoreFusion;
  /** Bits (by position in `Framework.score`) of the plugins it computes. */
  readonly mask: number;
  /** Position in `Framework.score` of each of its plugins. */
  readonly positions: readonly number[];
  /** Its column of each plugin, in profile order (the order of `ScoreResult.plugins`). */
  readonly columnOf: readonly number[];
}

/** Scores of one Score run, valid until the next run (buffers and fusions are reused). */
export interface ScoreResult {
  /** Sum of the weighted scores, per node. */
  readonly totals: Float64Array;
  /** Plugins that scored (not skipped), in profile order; one shared array per distinct set. */
  readonly plugins: readonly string[];
  /** Score weight of each of `plugins`. */
  readonly weights: readonly number[];
  /** The normalized score (not yet weighted) of `plugins[p]` for node `i`. */
  score(p: number, i: number): number;
  /** The nodes with the highest total, when the run found them on the way (undefined: scan `totals`). */
  readonly highest?: HighestTotals;
}


/** A plugin-by-plugin run's result: one column of normalized scores per plugin. */
class ColumnScores implements ScoreResult {
  constructor(
    readonly totals: Float64Array,
    readonly plugins: readonly string[],
    readonly weights: readonly number[],
    private readonly columns: readonly Float64Array[],
  ) {}

  score(p: number, i: number): number {
    return this.columns[p][i];
  }
}

/** A fused run's result: scores other than the totals are asked of the fusion, row by row. */
class FusedScores implements ScoreResult {
  constructor(
    readonly totals: Float64Array,
    readonly plugins: readonly string[],
    readonly weights: readonly number[],
    private readonly slot: FusionSlot,
  ) {}

  score(p: number, i: number): number {
    return this.slot.fusion.score(this.slot.columnOf[p], i);
  }

  get highest(): HighestTotals | undefined {
    return this.slot.fusion.highest;
  }
}

/**
 * `totals[i] = Σ columns[c][i] × weights[c]`, added left to right in plugin order (the sum of a
 * running total that starts at 0: 0 + x is x), in one pass for the usual column counts.
 */
function sumWeighted(totals: Float64Array, columns: readonly Float64Array[], weights: readonly number[]): void {
  const n = totals.length;
  // Indexed, not destructured: array destructuring runs the iterator protocol (allocates).
  if (columns.length === 4) {
    const a = columns[0], b = columns[1], c = columns[2], d = columns[3];
    const wa = weights[0], wb = weights[1], wc = weights[2], wd = weights[3];
    for (let i = 0; i < n; i++) totals[i] = a[i] * wa + b[i] * wb + c[i] * wc + d[i] * wd;
    return;
  }
  if (columns.length === 3) {
    const a = columns[0], b = columns[1], c = columns[2];
    const wa = weights[0], wb = weights[1], wc = weights[2];
    for (let i = 0; i < n; i++) totals[i] = a[i] * wa + b[i] * wb + c[i] * wc;
    return;
  }
  totals.fill(0);
  for (let c = 0; c < columns.length; c++) {
    const col = columns[c];
    const w = weights[c];
    if (c === 0) for (let i = 0; i < n; i++) totals[i] = col[i] * w;
    else for (let i = 0; i < n; i++) totals[i] += col[i] * w;
  }
}

function has<K extends string>(p: Plugin, method: K): boolean {
  return typeof (p as unknown as Record<string, unknown>)[method] === 'function';
}

/** One profile's plugins ready to run. */
export class Framework {
  readonly preFilter: PreFilterPlugin[] = [];
  readonly filter: FilterPlugin[] = [];
  readonly postFilter: PostFilterPlugin[] = [];
  readonly preScore: PreScorePlugin[] = [];
  readonly score: { plugin: ScorePlugin; weight: number }[] = [];
  readonly reserve: ReservePlugin[] = [];
  readonly preBind: PreBindPlugin[] = [];
  readonly plugins = new Map<string, Plugin>();
  /** Totals (slot 0) and one column per score plugin, reused by every Score run. */
  private readonly scoreBuffers = new ScoreBuffers();
  /** The last Score run's columns and weights (reused like the buffers). */
  private readonly columns: Float64Array[] = [];
  private readonly weights: number[] = [];
  private readonly namesByMask = new Map<number, readonly string[]>();
  private readonly filtersBySkipMask = new Map<number, readonly FilterPlugin[]>();
  /** The cache's node table (batches read node numbers from it). */
  readonly table: NodeTable;
  /** Per node of a Filter batch: bits of the plugins that flagged it. */
  private flags = new Uint8Array(0);
  /** Attributed copies of plugins' constant statuses. */
  private readonly attributed = new Map<Plugin, Map<Status, Status>>();
  /** The profile's score fusions whose plugins all score in this profile. */
  private readonly fusions: FusionSlot[] = [];
  /** Scratch: the NodeInfos of a Score run scored plugin by plugin. */
  private readonly nodes: NodeInfo[] = [];
  /** Scratch: a fusion's weights. */
  private readonly fusedWeights: number[] = [];

  constructor(handle: Handle, profile: ProfilePlugins) {
    this.table = handle.cache.table;
    for (const e of profile.entries) {
      const p = e.factory(handle);
      this.plugins.set(e.name, p);
      if (has(p, 'preFilter')) this.preFilter.push(p as PreFilterPlugin);
      if (has(p, 'filter')) this.filter.push(p as FilterPlugin);
      if (has(p, 'postFilter')) this.postFilter.push(p as PostFilterPlugin);
      if (has(p, 'preScore')) this.preScore.push(p as PreScorePlugin);
      if (has(p, 'score') && e.weight > 0) this.score.push({ plugin: p as ScorePlugin, weight: e.weight });
      if (this.score.length > 31) throw new Error('at most 31 score plugins per profile');
      if (has(p, 'reserve')) this.reserve.push(p as ReservePlugin);
      if (has(p, 'preBind')) this.preBind.push(p as PreBindPlugin);
    }
    for (const make of profile.fusions ?? []) {
      const fusion = make();
      const positions = fusion.plugins.map((name) => this.score.findIndex((e) => e.plugin.name === name));
      if (positions.some((c) => c < 0)) continue;
      const columnOf = positions.map((_, i) => i).sort((a, b) => positions[a] - positions[b]);
      this.fusions.push({ fusion, positions, columnOf, mask: positions.reduce((m, c) => m | (1 << c), 0) });
    }
  }

  /** Runs PreFilter plugins; the first rejection or error stops the run. */
  runPreFilter(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | undefined {
    for (const p of this.preFilter) {
      const st = p.preFilter(state, pod, nodes);
      if (st === undefined) continue;
      if (st.code === 'Skip') {
        state.skipFilterPlugins.add(p.name);
        continue;
      }
      if (st.code === 'Error') return { code: 'Error', reasons: [`running PreFilter plugin "${p.name}": ${st.reasons.join(', ')}`], plugin: p.name };
      return { ...st, plugin: p.name };
    }
    return undefined;
  }

  /** Filter plugins not skipped by PreFilter in this cycle (one shared array per distinct set). */
  activeFilters(state: CycleState): readonly FilterPlugin[] {
    const skip = state.skipFilterPlugins;
    if (skip.size === 0) return this.filter;
    if (this.filter.length > 30) return this.filter.filter((p) => !skip.has(p.name));
    let mask = 0;
    for (let i = 0; i < this.filter.length; i++) if (skip.has(this.filter[i].name)) mask |= 1 << i;
    let active = this.filtersBySkipMask.get(mask);
    if (!active) {
      active = this.filter.filter((p) => !skip.has(p.name));
      this.filtersBySkipMask.set(mask, active);
    }
    return active;
  }

  /** Pods nominated to nodes by preemption (set by the scheduler). */
  nominator: PodNominator | undefined;

  /**
   * `RunFilterPluginsWithNominatedPods`: with the pods of no lower priority nominated to the node
   * added to a copy of it first, then (if they were any and the pod fits with them) without them,
   * so the pod fits only where it fits both ways.
   * @remarks PreFilter extensions (AddPod) are not run: plugins with PreFilter state (spreading,
   * inter-pod affinity) do not see the nominated pods. Their attachable volumes are not counted.
   */
  runFilterWithNominatedPods(state: CycleState, pod: PodInfo, node: NodeInfo, filters: readonly FilterPlugin[] = this.activeFilters(state)): Status | undefined {
    const nominated = this.nominator === undefined || this.nominator.empty ? undefined : this.nominator.forNode(node.name);
    let copy: NodeInfo | undefined;
    if (nominated) {
      for (const np of nominated) {
        if (np.key === pod.key || np.priority < pod.priority) continue;
        copy ??= node.snapshot();
        copy.addPod(np, []);
      }
    }
    if (copy !== undefined) {
      const st = this.runFilter(state, pod, copy, filters);
      if (st !== undefined) return st;
    }
    return this.runFilter(state, pod, node, filters);
  }

  /** Whether some pod is nominated to `node` (its Filter verdict may need `runFilterWithNominatedPods`). */
  hasNominatedPods(node: string): boolean {
    return this.nominator?.has(node) === true;
  }

  /** Runs Filter plugins on one node; the first non-success stops the run. */
  runFilter(state: CycleState, pod: PodInfo, node: NodeInfo, filters: readonly FilterPlugin[] = this.activeFilters(state)): Status | undefined {
    for (let i = 0; i < filters.length; i++) {
      const p = filters[i];
      const st = p.filter(state, pod, node);
      if (st !== undefined) return this.withPlugin(p, st);
    }
    return undefined;
  }

  /**
   * Runs Filter plugins on the nodes of `batch` (`RunFilterPlugins` for each, batched): keeps the
   * nodes that fit in `batch`, in order, and puts the first rejecting status of every other node
   * in `statuses`, as `runFilter` node by node would. Consecutive plugins with `filterNodes` flag
   * the nodes they might reject, one pass each; only flagged nodes run `filter`. Returns false if a
   * plugin answered Error (`batch` and `statuses` partly updated): the caller reruns `runFilter`
   * node by node, so that the error reported is the first node's, as upstream.
   */
  runFilterNodes(state: CycleState, pod: PodInfo, batch: NodeBatchBuffer, filters: readonly FilterPlugin[], statuses: Map<string, Status>): boolean {
    let f = 0;
    while (f < filters.length && batch.count > 0) {
      if (filters[f].filterNodes === undefined) {
        if (!this.filterEach(state, pod, batch, filters[f], statuses)) return false;
        f++;
        continue;
      }
      if (this.flags.length < batch.count) this.flags = new Uint8Array(batch.ids.length);
      const flags = this.flags;
      flags.fill(0, 0, batch.count);
      let g = f;
      let flagged = false;
      for (; g < filters.length && g - f < 8; g++) {
        const p = filters[g];
        if (p.filterNodes === undefined) break;
        if (p.filterNodes(state, pod, batch, flags, 1 << (g - f))) flagged = true;
      }
      if (flagged && !this.resolveFlagged(state, pod, batch, filters.slice(f, g), flags, statuses)) return false;
      f = g;
    }
    return true;
  }

  /** Runs `filter` of the plugins whose bit a node has, in order; drops the nodes they reject. */
  private resolveFlagged(state: CycleState, pod: PodInfo, batch: NodeBatchBuffer, group: readonly FilterPlugin[], flags: Uint8Array, statuses: Map<string, Status>): boolean {
    const { list, index, ids, count } = batch;
    let kept = 0;
    for (let k = 0; k < count; k++) {
      const ni = list[index[k]];
      const bits = flags[k];
      if (bits !== 0) {
        let st: Status | undefined;
        for (let q = 0; q < group.length && st === undefined; q++) {
          if ((bits & (1 << q)) === 0) continue;
          st = group[q].filter(state, pod, ni);
          if (st === undefined) continue;
          if (st.code === 'Error') return false;
          statuses.set(ni.name, this.withPlugin(group[q], st));
        }
        if (st !== undefined) continue;
      }
      index[kept] = index[k];
      ids[kept] = ids[k];
      kept++;
    }
    batch.count = kept;
    return true;
  }

  /** Runs one plugin's `filter` on every node of the batch; drops the nodes it rejects. */
  private filterEach(state: CycleState, pod: PodInfo, batch: NodeBatchBuffer, p: FilterPlugin, statuses: Map<string, Status>): boolean {
    const { list, index, ids, count } = batch;
    let kept = 0;
    for (let k = 0; k < count; k++) {
      const ni = list[index[k]];
      const st = p.filter(state, pod, ni);
      if (st !== undefined) {
        if (st.code === 'Error') return false;
        statuses.set(ni.name, this.withPlugin(p, st));
        continue;
      }
      index[kept] = index[k];
      ids[kept] = ids[k];
      kept++;
    }
    batch.count = kept;
    return true;
  }

  /** `st` attributed to plugin `p`; a plugin's constant statuses get one shared attributed copy. */
  private withPlugin(p: Plugin, st: Status): Status {
    if (Object.isFrozen(st)) {
      let byStatus = this.attributed.get(p);
      if (!byStatus) {
        byStatus = new Map();
        this.attributed.set(p, byStatus);
      }
      let out = byStatus.get(st);
      if (!out) {
        out = Object.freeze({ code: st.code, reasons: st.reasons, plugin: p.name });
        byStatus.set(st, out);
      }
      return out;
    }
    return { code: st.code, reasons: st.reasons, plugin: p.name };
  }

  /**
   * Runs PostFilter plugins (`RunPostFilterPlugins`): the first Success or
   * UnschedulableAndUnresolvable answer ends the run; otherwise the reasons of all are joined and
   * the last nomination made is kept. Returns the FitError's PostFilter message ('' on Success).
   */
  runPostFilter(state: CycleState, pod: PodInfo, d: Diagnosis): { readonly message: string; readonly nominatedNodeName?: string } {
    const reasons: string[] = [];
    let nominatedNodeName: string | undefined;
    for (const p of this.postFilter) {
      const r = p.postFilter(state, pod, d);
      if (r.status === undefined || r.status.code === 'UnschedulableAndUnresolvable') {
        return { message: r.status ? r.status.reasons.join(', ') : '', nominatedNodeName: r.nominatedNodeName };
      }
      if (r.nominatedNodeName !== undefined) nominatedNodeName = r.nominatedNodeName;
      reasons.push(...r.status.reasons);
    }
    return { message: reasons.join(', '), nominatedNodeName };
  }

  /**
   * Runs PreScore, Score, NormalizeScore and weights over `feasible` (rows in batch order).
   * @remarks The returned arrays are views of buffers the next run reuses: read them before the
   * next Score run. Plugins with `scoreNodes` score all nodes in one call; the NodeInfo list is
   * made only for plugins that score node by node (a fusion and the batch forms read the table).
   */
  runScore(state: CycleState, pod: PodInfo, feasible: NodeBatch): ScoreResult {
    for (const p of this.preScore) {
      const st = p.preScore(state, pod, feasible);
      if (st?.code === 'Skip') state.skipScorePlugins.add(p.name);
    }
    const n = feasible.count;
    const buffers = this.scoreBuffers;
    const totals = buffers.view(0, n);
    const columns = this.columns;
    const weights = this.weights;
    let mask = 0;
    for (let c = 0; c < this.score.length; c++) if (state.skipScorePlugins.size === 0 || !state.skipScorePlugins.has(this.score[c].plugin.name)) mask |= 1 << c;
    let used = 0;
    const slot = this.fuse(state, pod, feasible, mask, totals);
    if (slot !== undefined) {
      for (let c = 0; c < this.score.length; c++) if ((mask & (1 << c)) !== 0) weights[used++] = this.score[c].weight;
      weights.length = used;
      return new FusedScores(totals, this.scoreNames(mask), weights, slot);
    }
    const nodes = batchNodes(feasible, this.nodes);
    for (let c = 0; c < this.score.length; c++) {
      if ((mask & (1 << c)) === 0) continue;
      const { plugin, weight } = this.score[c];
      const scores = buffers.view(c + 1, n);
      if (plugin.scoreNodes) plugin.scoreNodes(state, pod, feasible, scores);
      else for (let i = 0; i < n; i++) scores[i] = plugin.score(state, pod, nodes[i]);
      plugin.normalizeScore?.(state, pod, nodes, scores);
      columns[used] = scores;
      weights[used] = weight;
      used++;
    }
    columns.length = used;
    weights.length = used;
    sumWeighted(totals, columns, weights);
    return new ColumnScores(totals, this.scoreNames(mask), weights, columns);
  }

  /** Runs the fusion whose plugins are exactly the scoring ones (`mask`), if one applies; returns its slot. */
  private fuse(state: CycleState, pod: PodInfo, batch: NodeBatch, mask: number, totals: Float64Array): FusionSlot | undefined {
    for (const slot of this.fusions) {
      if (slot.mask !== mask) continue;
      const weights = this.fusedWeights;
      for (let i = 0; i < slot.positions.length; i++) weights[i] = this.score[slot.positions[i]].weight;
      weights.length = slot.positions.length;
      if (slot.fusion.scoreNodes(state, pod, batch, weights, totals)) return slot;
    }
    return undefined;
  }

  /** The names of the score plugins in `mask`, one shared array per distinct set. */
  private scoreNames(mask: number): readonly string[] {
    let names = this.namesByMask.get(mask);
    if (!names) {
      names = Object.freeze(this.score.filter((_, c) => (mask & (1 << c)) !== 0).map((e) => e.plugin.name));
      this.namesByMask.set(mask, names);
    }
    return names;
  }

  /** Runs Reserve; on failure unreserves what was reserved. */
  runReserve(state: CycleState, pod: PodInfo, nodeName: string): Status | undefined {
    for (const p of this.reserve) {
      const st = p.reserve(state, pod, nodeName);
      if (st) {
        this.runUnreserve(state, pod, nodeName);
        return newStatus('Error', `running Reserve plugin "${p.name}": ${st.reasons.join(', ')}`);
      }
    }
    return undefined;
  }

  /** Runs Unreserve in reverse order. */
  runUnreserve(state: CycleState, pod: PodInfo, nodeName: string): void {
    for (let i = this.reserve.length - 1; i >= 0; i--) this.reserve[i].unreserve(state, pod, nodeName);
  }

  /** Runs PreBind plugins one after another (a plugin may wait); calls `done` once. */
  runPreBind(state: CycleState, pod: PodInfo, nodeName: string, done: (status: Status | undefined) => void, from = 0): void {
    for (let at = from; at < this.preBind.length; at++) {
      // An anonymous callback (a named one costs a `__name` call per pod under tsx); a plugin that
      // waits calls it once it is done.
      const r = this.preBind[at].preBind(state, pod, nodeName, (st) => {
        if (st) done(this.preBindError(at, st));
        else this.runPreBind(state, pod, nodeName, done, at + 1);
      });
      if (r === 'wait') return;
      if (r) {
        done(this.preBindError(at, r));
        return;
      }
    }
    done(undefined);
  }

  private preBindError(at: number, st: Status): Status {
    return newStatus('Error', `running PreBind plugin "${this.preBind[at].name}": ${st.reasons.join(', ')}`);
  }
}
