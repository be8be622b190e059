/**
 * PodTopologySpread PreScore/Score/NormalizeScore for `ScheduleAnyway` constraints (explicit or
 * system-defaulted): fewer matching pods in the node's domains scores higher.
 * @see kubernetes pkg/scheduler/framework/plugins/podtopologyspread/scoring.go
 */
import { LABEL_HOSTNAME, LABEL_TOPOLOGY_ZONE } from '../../api/well-known.js';
import { type NodeInfo, topologyValue } from '../../cache/node-info.js';
import type { SelectorCounts } from '../../cache/topology-counts.js';
import type { Handle, NodeScores } from '../../framework/interface.js';
import { batchNode, type NodeBatch } from '../../framework/node-batch.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { MAX_NODE_SCORE } from '../../defaults.js';
import { matchesRequiredNodeAffinity } from '../node-affinity/node-affinity.js';
import type { SpreadConstraint } from './common.js';

/** State computed in PreScore. */
export interface PreScoreState {
  readonly constraints: readonly SpreadConstraint[];
  readonly counts: readonly SelectorCounts[];
  /** Per constraint: domain value → count (undefined for hostname). */
  readonly pairCounts: readonly (ReadonlyMap<string, number> | undefined)[];
  /** Per constraint: the domains of the filtered nodes (empty for hostname). */
  readonly domains: readonly SmallSet[];
  readonly weights: readonly number[];
  readonly ignored: ReadonlySet<string>;
  /** Set by `scoreSpreadNodes`: the raw scores it wrote and their min and max over non-ignored nodes. */
  scored?: { readonly scores: NodeScores; readonly min: number; readonly max: number };
}

/** `topologyNormalizingWeight`: log(size + 2). */
export function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

/** `scoreForCount`. */
export function scoreForCount(cnt: number, maxSkew: number, weight: number): number {
  return cnt * weight + (maxSkew - 1);
}

/**
 * PreScore: domains of the filtered nodes and their matching-pod counts. `domainsFromTable`: zones
 * read from the node table (no node ignored), or each node's labels (a test compares the two).
 */
export function preScoreSpread(
  handle: Handle,
  pod: PodInfo,
  constraints: readonly SpreadConstraint[],
  filtered: NodeBatch,
  requireAllTopologies: boolean,
  domainsFromTable = !requireAllTopologies,
): PreScoreState {
  // Nodes are only ignored for explicit constraints (a node without one of their keys).
  const ignored = requireAllTopologies ? new Set<string>() : NONE_IGNORED;
  const nc = constraints.length;
  const domains: SmallSet[] = new Array(nc);
  for (let i = 0; i < nc; i++) domains[i] = new SmallSet();
  if (domainsFromTable) batchDomains(constraints, filtered, domains);
  else for (let n = 0; n < filtered.count; n++) {
    const ni = batchNode(filtered, n);
    if (requireAllTopologies && !hasAllKeys(ni.labels, constraints)) {
      (ignored as Set<string>).add(ni.name);
      continue;
    }
    for (let i = 0; i < nc; i++) {
      const key = constraints[i].topologyKey;
      if (key === LABEL_HOSTNAME) continue;
      const v = topologyValue(ni, key);
      if (v !== undefined) domains[i].add(v);
    }
  }
  // Loops, not map callbacks: this runs once per attempt.
  const counts: SelectorCounts[] = new Array(nc);
  const pairCounts: (ReadonlyMap<string, number> | undefined)[] = new Array(nc);
  const weights: number[] = new Array(nc);
  const hasAffinity = pod.pod.spec.nodeSelector !== undefined || pod.pod.spec.affinity?.nodeAffinity !== undefined;
  for (let i = 0; i < nc; i++) {
    const c = constraints[i];
    const sc = handle.cache.topology.get(pod.namespace, c.selector);
    counts[i] = sc;
    const isHost = c.topologyKey === LABEL_HOSTNAME;
    pairCounts[i] = isHost ? undefined : hasAffinity ? affinityDomainCounts(handle, pod, sc, c.topologyKey, domains[i]) : handle.cache.topology.domainCounts(sc, c.topologyKey);
    weights[i] = topologyNormalizingWeight(isHost ? filtered.count - ignored.size : domains[i].size);
  }
  return { constraints, counts, pairCounts, domains, weights, ignored };
}

/** Per domain of the filtered nodes: the matching pods on nodes that pass the pod's required node affinity. */
function affinityDomainCounts(handle: Handle, pod: PodInfo, sc: SelectorCounts, topologyKey: string, domains: SmallSet): Map<string, number> {
  const m = new Map<string, number>();
  for (const [id, n] of sc.byNode) {
    const ni = handle.cache.nodeInfoById(id);
    if (!ni || !matchesRequiredNodeAffinity(pod, ni)) continue;
    const v = ni.labels[topologyKey];
    if (v !== undefined && domains.has(v)) m.set(v, (m.get(v) ?? 0) + n);
  }
  return m;
}

/** No node ignored (shared; never added to). */
const NONE_IGNORED: ReadonlySet<string> = new Set<string>();
/** `batchDomains` scratch: zones seen. */
let seenZones = new Uint8Array(8);

/** The domains of every constraint over the batch's nodes (no node ignored), zones read from the node table. */
function batchDomains(constraints: readonly SpreadConstraint[], batch: NodeBatch, domains: SmallSet[]): void {
  const { ids, count, table } = batch;
  for (let i = 0; i < constraints.length; i++) {
    const key = constraints[i].topologyKey;
    if (key === LABEL_HOSTNAME) continue;
    if (key === LABEL_TOPOLOGY_ZONE) {
      // Every known zone usually shows up in the first few nodes: stop once all have.
      const { zone, zones } = table;
      if (seenZones.length < zones.length) seenZones = new Uint8Array(2 * zones.length);
      const seen = seenZones;
      seen.fill(0, 0, zones.length);
      for (let k = 0, found = 0; k < count && found < zones.length; k++) {
        const z = zone[ids[k]];
        if (z < 0 || seen[z] !== 0) continue;
        seen[z] = 1;
        found++;
        domains[i].add(zones[z]);
      }
      continue;
    }
    for (let k = 0; k < count; k++) {
      const v = batchNode(batch, k).labels[key];
      if (v !== undefined) domains[i].add(v);
    }
  }
}

/** A set of few strings (topology domains): linear search beats hashing for a handful of zones. */
export class SmallSet {
  readonly items: string[] = [];
  get size(): number {
    return this.items.length;
  }
  add(v: string): void {
    const items = this.items;
    for (let i = 0; i < items.length; i++) if (items[i] === v) return;
    items.push(v);
  }
  has(v: string): boolean {
    return this.items.includes(v);
  }
}

function hasAllKeys(labels: Readonly<Record<string, string>>, constraints: readonly SpreadConstraint[]): boolean {
  for (const c of constraints) if (labels[c.topologyKey] === undefined) return false;
  return true;
}

/** Score of one node. */
export function scoreSpread(s: PreScoreState, node: NodeInfo): number {
  if (s.ignored.size > 0 && s.ignored.has(node.name)) return 0;
  let score = 0;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i];
    const v = topologyValue(node, c.topologyKey);
    if (v === undefined) continue;
    const cnt = c.topologyKey === LABEL_HOSTNAME ? (s.counts[i].byNode.get(node.id) ?? 0) : (s.pairCounts[i]?.get(v) ?? 0);
    score += scoreForCount(cnt, c.maxSkew, s.weights[i]);
  }
  return Math.round(score);
}

/** One node's normalized score: MaxNodeScore * (max + min - s) / max (MaxNodeScore when max is 0). */
export function normalizeSpreadScore(score: number, min: number, max: number): number {
  return max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - score)) / max);
}

/** NormalizeScore: MaxNodeScore * (max + min - s) / max; ignored nodes get 0. */
export function normalizeSpread(s: PreScoreState, nodes: readonly NodeInfo[], scores: NodeScores): void {
  const ignored = s.ignored.size > 0 ? s.ignored : undefined;
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  if (s.scored?.scores === scores) ({ min, max } = s.scored);
  else {
    for (let i = 0; i < scores.length; i++) {
      if (ignored?.has(nodes[i].name)) continue;
      if (scores[i] < min) min = scores[i];
      if (scores[i] > max) max = scores[i];
    }
  }
  for (let i = 0; i < scores.length; i++) scores[i] = ignored?.has(nodes[i].name) ? 0 : normalizeSpreadScore(scores[i], min, max);
}

