/**
 * PodTopologySpread's batch Score: every node of a batch in one pass over the node table,
 * hostname counts scattered by node id, zone counts read by the table's zone index.
 * @see kubernetes pkg/scheduler/framework/plugins/podtopologyspread/scoring.go (Score)
 */
import { LABEL_HOSTNAME, LABEL_TOPOLOGY_ZONE } from '../../api/well-known.js';
import { FLAG_HOSTNAME } from '../../cache/node-table.js';
import type { SelectorCounts } from '../../cache/topology-counts.js';
import { batchNode, type NodeBatch } from '../../framework/node-batch.js';
import type { PreScoreState } from './scoring.js';

/** How a node's count is found for one constraint. */
const BY_HOSTNAME = 0;
const BY_HOSTNAME_LOOKUP = 1;
const BY_ZONE = 2;
const BY_LABEL = 3;

/** Matching-pod counts of one hostname constraint by node id, valid where `stamp[id] === epoch`. */
interface HostCounts {
  stamp: Int32Array;
  count: Float64Array;
  epoch: number;
  /** The entry scattered, and its `version` then (to follow it node by node). */
  from: SelectorCounts | undefined;
  version: number;
}

/** Per constraint: how to find a node's count, and the terms of `scoreForCount`. */
interface Lookups {
  readonly kind: number[];
  readonly host: (HostCounts | undefined)[];
  /** Count per zone index (zone constraints). */
  readonly byZone: number[][];
  readonly weight: number[];
  readonly base: number[];
}

/** Scratch per hostname constraint position (reused by every cycle). */
const hostCounts: HostCounts[] = [];

/**
 * `sc`'s per-node counts in slot `slot`'s scratch. The same entry as last time, changed on one
 * node since (the pod placed before this one, of the same Deployment), updates that node only;
 * anything else scatters the whole entry under a new epoch.
 */
function scatterHostCounts(slot: number, sc: SelectorCounts, capacity: number): HostCounts {
  let h = hostCounts[slot];
  if (h === undefined || h.stamp.length < capacity || h.epoch === 0x7fffffff) {
    h = { stamp: new Int32Array(Math.max(capacity, 64)), count: new Float64Array(Math.max(capacity, 64)), epoch: 0, from: undefined, version: 0 };
    hostCounts[slot] = h;
  }
  const { stamp, count } = h;
  if (h.from === sc && h.version === sc.version) return h;
  if (h.from === sc && h.version + 1 === sc.version && sc.lastNode < stamp.length) {
    const id = sc.lastNode;
    const n = sc.byNode.get(id);
    // Epochs start at 1: a stamp of 0 matches none.
    if (n === undefined) stamp[id] = 0;
    else {
      stamp[id] = h.epoch;
      count[id] = n;
    }
    h.version = sc.version;
    return h;
  }
  const epoch = ++h.epoch;
  // forEach, not for-of: no entry array per node.
  sc.byNode.forEach((n, id) => {
    if (id >= stamp.length) return;
    stamp[id] = epoch;
    count[id] = n;
  });
  h.from = sc;
  h.version = sc.version;
  return h;
}

/** The Lookups scratch (reused by every cycle: a batch Score is over before the next starts). */
const look: Lookups = { kind: [], host: [], byZone: [], weight: [], base: [] };

function lookups(s: PreScoreState, batch: NodeBatch): Lookups {
  const nc = s.constraints.length;
  const zones = batch.table.zones;
  for (let i = 0; i < nc; i++) {
    const c = s.constraints[i];
    const pairs = s.pairCounts[i];
    const isHost = c.topologyKey === LABEL_HOSTNAME;
    // Few counted nodes are scattered by id; a selector counted on more nodes than the batch has is looked up.
    const scatter = isHost && s.counts[i].byNode.size <= batch.count;
    const kind = isHost ? (scatter ? BY_HOSTNAME : BY_HOSTNAME_LOOKUP) : c.topologyKey === LABEL_TOPOLOGY_ZONE ? BY_ZONE : BY_LABEL;
    look.kind[i] = kind;
    look.host[i] = scatter ? scatterHostCounts(i, s.counts[i], batch.table.capacity) : undefined;
    if (look.byZone[i] === undefined) look.byZone[i] = [];
    const byZone = look.byZone[i];
    const nz = kind === BY_ZONE ? zones.length : 0;
    for (let z = 0; z < nz; z++) byZone[z] = pairs?.get(zones[z]) ?? 0;
    byZone.length = nz;
    look.weight[i] = s.weights[i];
    look.base[i] = c.maxSkew - 1;
  }
  // Overwritten in place, then cut to length: emptying an array first would drop its storage.
  look.kind.length = nc;
  look.host.length = nc;
  look.weight.length = nc;
  look.base.length = nc;
  return look;
}

/**
 * Score of every node of the batch into `out`: what `scoreSpread` gives each (ignored nodes 0).
 * The system default constraints (hostname, then zone) take a dedicated loop, which also
 * records the min and max for NormalizeScore.
 */
export function scoreSpreadNodes(s: PreScoreState, batch: NodeBatch, out: Float64Array): void {
  const terms = hostnameThenZoneTerms(s, batch);
  if (terms !== undefined) scoreHostnameThenZone(s, batch, terms, out);
  else scoreAnyConstraints(s, batch, look, out);
}

/**
 * The terms of the hostname-then-zone case (the system defaults, no ignored node): a node's
 * score is (count × w0 + b0) + its zone's term (the sum `scoreSpread` makes, starting from 0);
 * a node without matching pods (most) scores round(b0 + zone term).
 */
export interface HostnameZoneTerms {
  /** Matching pods per node id, valid where `stamp[id] === epoch`. */
  readonly stamp: Int32Array;
  readonly hostCount: Float64Array;
  readonly epoch: number;
  readonly w0: number;
  readonly b0: number;
  /** Per zone index: the zone term, and the score of a node of the zone without matching pods. */
  readonly zoneTerm: readonly number[];
  readonly emptyHost: readonly number[];
}

/** Scratch of `hostnameThenZoneTerms` (a batch Score is over before the next starts). */
const zoneTerm: number[] = [];
const emptyHost: number[] = [];
const terms: { -readonly [K in keyof HostnameZoneTerms]: HostnameZoneTerms[K] } = { stamp: new Int32Array(0), hostCount: new Float64Array(0), epoch: 0, w0: 0, b0: 0, zoneTerm, emptyHost };

/** The hostname-then-zone terms for this batch, or undefined when the constraints have another shape (`look` is filled either way). */
export function hostnameThenZoneTerms(s: PreScoreState, batch: NodeBatch): HostnameZoneTerms | undefined {
  lookups(s, batch);
  const k = look.kind;
  if (!(k.length === 2 && k[0] === BY_HOSTNAME && k[1] === BY_ZONE && s.ignored.size === 0)) return undefined;
  const host = look.host[0] as HostCounts;
  const w0 = look.weight[0];
  const b0 = look.base[0];
  const counts = look.byZone[1];
  for (let z = 0; z < counts.length; z++) {
    zoneTerm[z] = counts[z] * look.weight[1] + look.base[1];
    emptyHost[z] = Math.round(b0 + zoneTerm[z]);
  }
  zoneTerm.length = counts.length;
  emptyHost.length = counts.length;
  terms.stamp = host.stamp;
  terms.hostCount = host.count;
  terms.epoch = host.epoch;
  terms.w0 = w0;
  terms.b0 = b0;
  return terms;
}

/** One node's score in the hostname-then-zone case (`flags` and `zone`: the node table's columns). */
export function hostnameThenZoneScore(t: HostnameZoneTerms, flags: Uint8Array, zone: Int32Array, id: number): number {
  const z = zone[id];
  const hasHost = (flags[id] & FLAG_HOSTNAME) !== 0;
  if (hasHost && z >= 0) return t.stamp[id] === t.epoch ? Math.round(t.hostCount[id] * t.w0 + t.b0 + t.zoneTerm[z]) : t.emptyHost[z];
  let score = 0;
  if (hasHost) score += (t.stamp[id] === t.epoch ? t.hostCount[id] : 0) * t.w0 + t.b0;
  if (z >= 0) score += t.zoneTerm[z];
  return Math.round(score);
}

/** Hostname then zone: every node's score, and the min and max for NormalizeScore. */
function scoreHostnameThenZone(s: PreScoreState, batch: NodeBatch, t: HostnameZoneTerms, out: Float64Array): void {
  const { ids, count, table } = batch;
  const { flags, zone } = table;
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (let k = 0; k < count; k++) {
    const rounded = hostnameThenZoneScore(t, flags, zone, ids[k]);
    out[k] = rounded;
    if (rounded < min) min = rounded;
    if (rounded > max) max = rounded;
  }
  s.scored = { scores: out, min, max };
}

/** Any constraints: per node, each constraint's term added in order. */
function scoreAnyConstraints(s: PreScoreState, batch: NodeBatch, look: Lookups, out: Float64Array): void {
  const { ids, count, table } = batch;
  const { flags, zone } = table;
  const ignored = s.ignored.size > 0 ? s.ignored : undefined;
  for (let k = 0; k < count; k++) {
    const id = ids[k];
    let score = 0;
    for (let i = 0; i < look.kind.length; i++) {
      let cnt: number;
      switch (look.kind[i]) {
        case BY_HOSTNAME: {
          if ((flags[id] & FLAG_HOSTNAME) === 0) continue;
          const h = look.host[i] as HostCounts;
          cnt = h.stamp[id] === h.epoch ? h.count[id] : 0;
          break;
        }
        case BY_HOSTNAME_LOOKUP:
          if ((flags[id] & FLAG_HOSTNAME) === 0) continue;
          cnt = s.counts[i].byNode.get(id) ?? 0;
          break;
        case BY_ZONE: {
          const z = zone[id];
          if (z < 0) continue;
          cnt = look.byZone[i][z];
          break;
        }
        default: {
          const v = batchNode(batch, k).labels[s.constraints[i].topologyKey];
          if (v === undefined) continue;
          cnt = s.pairCounts[i]?.get(v) ?? 0;
        }
      }
      score += cnt * look.weight[i] + look.base[i];
    }
    out[k] = ignored?.has(batchNode(batch, k).name) ? 0 : Math.round(score);
  }
}
