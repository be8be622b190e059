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

/** Writes `sc`'s per-node counts into slot `slot`'s scratch under a new epoch. */
function scatterHostCounts(slot: number, sc: SelectorCounts, capacity: number): HostCounts {
  let h = hostCounts[slot];
  if (h === undefined || h.stamp.length < capacity || h.epoch === 0x7fffffff) {
    h = { stamp: new Int32Array(Math.max(capacity, 64)), count: new Float64Array(Math.max(capacity, 64)), epoch: 0 };
    hostCounts[slot] = h;
  }
  const epoch = ++h.epoch;
  const { stamp, count } = h;
  // forEach, not for-of: no entry array per node.
  sc.byNode.forEach((n, id) => {
    if (id >= stamp.length) return;
    stamp[id] = epoch;
    count[id] = n;
  });
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
  const look = lookups(s, batch);
  const k = look.kind;
  if (k.length === 2 && k[0] === BY_HOSTNAME && k[1] === BY_ZONE && s.ignored.size === 0) scoreHostnameThenZone(s, batch, look, out);
  else scoreAnyConstraints(s, batch, look, out);
}

/** Per zone index: the zone term, and the score of a node of the zone without matching pods (scratch). */
const zoneTerm: number[] = [];
const emptyHost: number[] = [];

/**
 * Hostname then zone, no ignored node. A node's score is (count × w0 + b0) + zone term (the sum
 * `scoreSpread` makes, starting from 0); the zone term is the same for every node of a zone, and
 * a node without matching pods (most) scores round(b0 + zone term).
 */
function scoreHostnameThenZone(s: PreScoreState, batch: NodeBatch, look: Lookups, out: Float64Array): void {
  const { ids, count, table } = batch;
  const { flags, zone } = table;
  const { stamp, count: hostCount, epoch } = look.host[0] as HostCounts;
  const w0 = look.weight[0];
  const b0 = look.base[0];
  const counts = look.byZone[1];
  for (let z = 0; z < counts.length; z++) {
    zoneTerm[z] = counts[z] * look.weight[1] + look.base[1];
    emptyHost[z] = Math.round(b0 + zoneTerm[z]);
  }
  zoneTerm.length = counts.length;
  emptyHost.length = counts.length;
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (let k = 0; k < count; k++) {
    const id = ids[k];
    const z = zone[id];
    const hasHost = (flags[id] & FLAG_HOSTNAME) !== 0;
    let rounded: number;
    if (hasHost && z >= 0) rounded = stamp[id] === epoch ? Math.round(hostCount[id] * w0 + b0 + zoneTerm[z]) : emptyHost[z];
    else {
      let score = 0;
      if (hasHost) score += (stamp[id] === epoch ? hostCount[id] : 0) * w0 + b0;
      if (z >= 0) score += zoneTerm[z];
      rounded = Math.round(score);
    }
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
