/**
 * The default profile's usual Score: TaintToleration, NodeResourcesFit, PodTopologySpread and
 * NodeResourcesBalancedAllocation (NodeAffinity and InterPodAffinity skipped in PreScore) in one
 * pass over the nodes when the batch is a window of the node list with the system-default spread
 * (`windowed`, `windowTotals`: Filter's usual batch), else in two: one reading the node table (raw
 * scores), one normalizing and summing into the totals. The per-plugin scores are worked out only
 * for the rows explain shows (`score`); the nodes with the highest total are found on the way.
 *
 * @remarks A kubesim addition (speed, see `ScoreFusion`): plugin by plugin, Score then
 * NormalizeScore then the weighted sum take eight passes over the nodes. Each number comes from
 * the plugin's own per-node function; the two resource scores are memoized per node and request
 * class (`resourceScoreMemo`, shared with NodeResourcesFit's Filter). It applies when no node has
 * a taint (TaintToleration then normalizes every node to MaxNodeScore) and PodTopologySpread
 * ignores no node.
 */
import { FLAG_HOSTNAME, NodeTable } from '../cache/node-table.js';
import { MAX_NODE_SCORE } from '../defaults.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { ScoreFusion } from '../framework/interface.js';
import type { NodeBatch } from '../framework/node-batch.js';
import type { PodInfo } from '../framework/pod-info.js';
import { NODE_RESOURCES_BALANCED_ALLOCATION } from './node-resources-balanced-allocation/balanced-allocation.js';
import { NODE_RESOURCES_FIT, refreshResourceMemo } from './node-resources-fit/node-resources-fit.js';
import { POD_TOPOLOGY_SPREAD, readPreScoreSpread } from './pod-topology-spread/pod-topology-spread.js';
import { normalizeSpreadScore, type PreScoreState } from './pod-topology-spread/scoring.js';
import { type HostnameZoneTerms, hostnameThenZoneScore, hostnameThenZoneTerms, scoreSpreadNodes } from './pod-topology-spread/scoring-batch.js';
import { type ResourceScoreMemo, resourceScoreMemo } from './resource-score-memo.js';
import { TAINT_TOLERATION } from './taint-toleration/taint-toleration.js';

/** Scratch of `normalizedTable`. */
let normalized = new Float64Array(64);

/**
 * `base + scale × normalizeSpreadScore(raw, min, max)` of every integer raw score from `min` to
 * `max`, indexed by raw − min; undefined when they are too many (or not int32 integers) to be
 * worth a table.
 */
function normalizedTable(min: number, max: number, base: number, scale: number): Float64Array | undefined {
  const size = max - min + 1;
  // Int32 raw scores only: the lookup indexes with `| 0`.
  if (!Number.isInteger(min) || !Number.isInteger(max) || size > 1024 || size <= 0 || min < -0x80000000 || max > 0x7fffffff) return undefined;
  if (normalized.length < size) normalized = new Float64Array(2 * size);
  for (let j = 0; j < size; j++) normalized[j] = base + scale * normalizeSpreadScore(min + j, min, max);
  return normalized;
}

/** Pass 1a: each node's memoized resource scores, weighted and summed (refreshed where stale). */
function weightedResourceScores(ids: Int32Array, count: number, memo: ResourceScoreMemo, t: NodeTable, wFit: number, wBalanced: number, out: Float64Array): void {
  const memoGeneration = memo.generation;
  const generation = t.generation;
  const leastAllocated = memo.leastAllocated;
  const balanced = memo.balanced;
  for (let k = 0; k < count; k++) {
    const id = ids[k];
    if (memoGeneration[id] !== generation[id]) refreshResourceMemo(memo, t, id);
    out[k] = leastAllocated[id] * wFit + balanced[id] * wBalanced;
  }
}

/** The min and max of the last raw spread scores (`hostnameThenZoneRaw`, `minMax`). */
const range = new Float64Array(2);

/** Pass 1b, the system default constraints: `hostnameThenZoneScore` of each node into `raw`, min and max into `range`. */
function hostnameThenZoneRaw(ids: Int32Array, count: number, terms: HostnameZoneTerms, flags: Uint8Array, zone: Int32Array, raw: Float64Array): void {
  const { stamp, epoch, hostCount, w0, b0, zoneTerm, emptyHost } = terms;
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (let k = 0; k < count; k++) {
    const id = ids[k];
    // Its usual case (a node with a hostname and a zone) inline.
    const z = zone[id];
    let r: number;
    if (z >= 0 && (flags[id] & FLAG_HOSTNAME) !== 0) r = stamp[id] === epoch ? Math.round(hostCount[id] * w0 + b0 + zoneTerm[z]) : emptyHost[z];
    else r = hostnameThenZoneScore(terms, flags, zone, id);
    raw[k] = r;
    if (r < min) min = r;
    if (r > max) max = r;
  }
  range[0] = min;
  range[1] = max;
}

/** The min and max of `raw[0..count)` into `range` (from MAX_SAFE_INTEGER and 0, as NormalizeScore starts). */
function minMax(raw: Float64Array, count: number): void {
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (let k = 0; k < count; k++) {
    const r = raw[k];
    if (r < min) min = r;
    if (r > max) max = r;
  }
  range[0] = min;
  range[1] = max;
}

/** Writes the positions of the highest of `totals[0..count)` in order into `positions`; returns how many. */
function highestTotals(totals: Float64Array, count: number, positions: Int32Array): number {
  let best = Number.NEGATIVE_INFINITY;
  let n = 0;
  for (let k = 0; k < count; k++) {
    const t = totals[k];
    if (t > best) {
      best = t;
      n = 0;
    }
    if (t === best) positions[n++] = k;
  }
  return n;
}

/** `windowed` scratch: matching-pod nodes per zone in the window. */
let matched = new Int32Array(8);
/** `windowed` scratch: the window rows of the nodes with matching pods and their raw spread scores. */
let matchedRow: Int32Array = new Int32Array(64);
let matchedRaw: Float64Array = new Float64Array(64);
let matchedCount = 0;

/** Per zone: TaintToleration plus the weighted normalized spread score of a node without matching pods. */
let zoneBase = new Float64Array(8);

/**
 * The totals of a window (see `windowed`) in one pass: the memoized resource scores plus the
 * zone's base (`zoneBase`), or for a node with matching pods its own spread score; the positions
 * of the highest total into `positions`, whose count it returns. `fresh`: the memo entries of the
 * window are known to be up to date (NodeResourcesFit's Filter synced them; else they are checked first).
 */
function windowTotals(
  ids: Int32Array,
  count: number,
  memo: ResourceScoreMemo,
  fresh: boolean,
  t: NodeTable,
  wFit: number,
  wBalanced: number,
  taintTerm: number,
  wSpread: number,
  min: number,
  max: number,
  totals: Float64Array,
  positions: Int32Array,
): number {
  const { generation: memoGeneration, leastAllocated, balanced } = memo;
  const { generation, zone } = t;
  const base = zoneBase;
  if (!fresh) {
    for (let k = 0; k < count; k++) {
      const id = ids[k];
      if (memoGeneration[id] !== generation[id]) refreshResourceMemo(memo, t, id);
    }
  }
  let best = Number.NEGATIVE_INFINITY;
  let n = 0;
  // Every node as if without matching pods; those with some are patched below.
  for (let k = 0; k < count; k++) {
    const id = ids[k];
    const total = base[zone[id]] + (leastAllocated[id] * wFit + balanced[id] * wBalanced);
    totals[k] = total;
    if (total > best) {
      best = total;
      n = 0;
    }
    if (total === best) positions[n++] = k;
  }
  if (matchedCount === 0) return n;
  // A node with matching pods has a raw spread score at least its zone's empty one, so a spread
  // score and a total at most the one given above: the highest can only lose members.
  for (let j = 0; j < matchedCount; j++) {
    const k = matchedRow[j];
    const id = ids[k];
    totals[k] = taintTerm + wSpread * normalizeSpreadScore(matchedRaw[j], min, max) + (leastAllocated[id] * wFit + balanced[id] * wBalanced);
  }
  let kept = 0;
  for (let j = 0; j < n; j++) if (totals[positions[j]] === best) positions[kept++] = positions[j];
  return kept > 0 ? kept : highestTotals(totals, count, positions);
}

/** Grown copy of `a` when it is shorter than `n`. */
function atLeast(a: Float64Array, n: number): Float64Array {
  return a.length >= n ? a : new Float64Array(Math.max(n, 2 * a.length));
}

/** The fusion of the default profile's four usual Score plugins. */
export class DefaultScoreFusion implements ScoreFusion {
  readonly plugins = [TAINT_TOLERATION, NODE_RESOURCES_FIT, POD_TOPOLOGY_SPREAD, NODE_RESOURCES_BALANCED_ALLOCATION] as const;
  /** The last cycle's node ids, resource memo and raw spread scores with their min and max (for `score`). */
  private ids: Int32Array = new Int32Array(0);
  private memo?: ResourceScoreMemo;
  private raw: Float64Array = new Float64Array(64);
  private min = 0;
  private max = 0;
  /** The last cycle's hostname-then-zone terms (module scratch, valid until the next cycle), if it had them. */
  private terms: HostnameZoneTerms | undefined;
  private table: NodeTable = new NodeTable();
  /** Scratch: the weighted resource scores per batch row. */
  private resource: Float64Array = new Float64Array(64);
  /** The rows with the highest total (found for host selection while the totals are at hand). */
  readonly highest = { positions: new Int32Array(64), count: 0 };

  scoreNodes(state: CycleState, pod: PodInfo, batch: NodeBatch, weights: readonly number[], totals: Float64Array): boolean {
    const t = batch.table;
    const spread = readPreScoreSpread(state);
    if (t.numTainted !== 0 || spread === undefined || spread.ignored.size > 0) return false;
    // Integer weights keep every partial sum an exact integer, so the order of the additions
    // below (not the plugins' order) cannot change a total.
    const wTaint = weights[0];
    const wFit = weights[1];
    const wSpread = weights[2];
    const wBalanced = weights[3];
    if (!Number.isInteger(wTaint) || !Number.isInteger(wFit) || !Number.isInteger(wSpread) || !Number.isInteger(wBalanced)) return false;
    const { ids, count } = batch;
    const memo = resourceScoreMemo(pod.requests, pod.nonZero, t);
    if (this.highest.positions.length < count) this.highest.positions = new Int32Array(Math.max(count, 2 * this.highest.positions.length));
    this.raw = atLeast(this.raw, count);
    this.resource = atLeast(this.resource, count);
    const raw = this.raw;
    const resource = this.resource;
    this.ids = ids;
    this.memo = memo;
    this.table = t;
    const terms = hostnameThenZoneTerms(spread, batch);
    this.terms = terms;
    const taintTerm = MAX_NODE_SCORE * wTaint;
    if (terms !== undefined && this.windowed(spread, terms, batch, taintTerm, wSpread)) {
      this.highest.count = windowTotals(ids, count, memo, memo.isSyncedWith(t), t, wFit, wBalanced, taintTerm, wSpread, this.min, this.max, totals, this.highest.positions);
      return true;
    }
    // Pass 1, everything read by node id, in two loops with few arrays each: the weighted resource
    // scores (memoized), then PodTopologySpread's raw score with its min and max (its
    // normalization needs them all).
    weightedResourceScores(ids, count, memo, t, wFit, wBalanced, resource);
    if (terms === undefined) {
      scoreSpreadNodes(spread, batch, raw);
      minMax(raw, count);
    } else hostnameThenZoneRaw(ids, count, terms, t.flags, t.zone, raw);
    const min = range[0];
    const max = range[1];
    this.min = min;
    this.max = max;
    // Pass 2, in batch order: TaintToleration (every node MaxNodeScore) plus the normalized spread
    // score, looked up per distinct raw score when the raw scores are few integers, plus the
    // resource scores.
    const table = normalizedTable(min, max, taintTerm, wSpread);
    // Two loops, not one with the choice inside: the table's int-indexed loop is the hot one.
    if (table !== undefined) {
      const base = min | 0;
      for (let k = 0; k < count; k++) totals[k] = table[(raw[k] | 0) - base] + resource[k];
    } else {
      for (let k = 0; k < count; k++) totals[k] = taintTerm + wSpread * normalizeSpreadScore(raw[k], min, max) + resource[k];
    }
    this.highest.count = highestTotals(totals, count, this.highest.positions);
    return true;
  }

  /**
   * The system-default spread over a window of the node list (every listed node zoned and named,
   * the batch a run of consecutive list positions): the raw scores' min and max without a pass
   * over the nodes. A node without matching pods scores its zone's `emptyHost`, so the values are
   * those of the zones with such a node in the window (counted from `zonePrefix`) and those of the
   * few nodes with matching pods (the entry's own nodes, placed in the window by `listPos`).
   * Sets `min` and `max` and returns true; false when the batch is not such a window.
   */
  private windowed(spread: PreScoreState, terms: HostnameZoneTerms, batch: NodeBatch, taintTerm: number, wSpread: number): boolean {
    const t = batch.table;
    const { count, index } = batch;
    const n = batch.list.length;
    if (batch.list !== t.listed || !t.listedAllZoned || count === 0 || n === 0) return false;
    const first = index[0];
    if ((index[count - 1] - first + n) % n !== count - 1) return false;
    const zones = t.zones.length;
    // A zone first seen after the list was recorded has no prefix counts (the list is rebuilt first).
    if (t.zonePrefix.length !== zones * (n + 1)) return false;
    if (matched.length < zones) matched = new Int32Array(2 * zones);
    matched.fill(0, 0, zones);
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    const { listPos, zone } = t;
    const { w0, b0, zoneTerm, emptyHost } = terms;
    matchedCount = 0;
    const entry = spread.counts[0].byNode;
    if (matchedRow.length < entry.size) {
      matchedRow = new Int32Array(2 * entry.size);
      matchedRaw = new Float64Array(2 * entry.size);
    }
    entry.forEach((c, id) => {
      const p = id < listPos.length ? listPos[id] : -1;
      if (p < 0) return;
      const k = (p - first + n) % n;
      if (k >= count) return;
      const z = zone[id];
      matched[z]++;
      const r = Math.round(c * w0 + b0 + zoneTerm[z]);
      matchedRow[matchedCount] = k;
      matchedRaw[matchedCount] = r;
      matchedCount++;
      if (r < min) min = r;
      if (r > max) max = r;
    });
    for (let z = 0; z < zones; z++) {
      if (t.zoneCountInWindow(z, first, count) <= matched[z]) continue;
      const r = emptyHost[z];
      if (r < min) min = r;
      if (r > max) max = r;
    }
    this.min = min;
    this.max = max;
    if (zoneBase.length < zones) zoneBase = new Float64Array(2 * zones);
    for (let z = 0; z < zones; z++) zoneBase[z] = taintTerm + wSpread * normalizeSpreadScore(emptyHost[z], min, max);
    return true;
  }

  score(column: number, k: number): number {
    const memo = this.memo as ResourceScoreMemo;
    switch (column) {
      case 0:
        return MAX_NODE_SCORE;
      case 1:
        return memo.leastAllocated[this.ids[k]];
      case 2:
        return normalizeSpreadScore(this.terms !== undefined ? hostnameThenZoneScore(this.terms, this.table.flags, this.table.zone, this.ids[k]) : this.raw[k], this.min, this.max);
      default:
        return memo.balanced[this.ids[k]];
    }
  }
}
