/**
 * PodTopologySpread PreFilter/Filter for `DoNotSchedule` constraints: skew of the node's domain
 * against the least-loaded eligible domain.
 * @see kubernetes pkg/scheduler/framework/plugins/podtopologyspread/filtering.go
 */
import { matchesLabelSelector } from '../../api/labels.js';
import type { NodeInfo } from '../../cache/node-info.js';
import type { SelectorCounts } from '../../cache/topology-counts.js';
import type { Handle } from '../../framework/interface.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { newStatus, type Status } from '../../framework/status.js';
import { matchesRequiredNodeAffinity } from '../node-affinity/node-affinity.js';
import type { SpreadConstraint } from './common.js';

/** ErrReason when the skew would exceed maxSkew. */
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
/** ErrReason when the node lacks a constraint's topology key. */
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

/** Per-constraint counts computed in PreFilter. */
export interface ConstraintState {
  readonly constraint: SpreadConstraint;
  readonly counts: SelectorCounts;
  /** domain value → matching pods on eligible nodes. */
  readonly domainCounts: ReadonlyMap<string, number>;
  readonly minMatchNum: number;
  readonly selfMatch: number;
}

/** Counts matching pods per domain over nodes eligible for the pod (nodeAffinityPolicy Honor). */
export function countDomains(
  handle: Handle,
  pod: PodInfo,
  c: SpreadConstraint,
  nodes: readonly NodeInfo[],
  constraints: readonly SpreadConstraint[],
): ConstraintState {
  const counts = handle.cache.topology.get(pod.namespace, c.selector);
  const domains = new Map<string, number>();
  const hasAffinity = pod.pod.spec.nodeSelector !== undefined || pod.pod.spec.affinity?.nodeAffinity !== undefined;
  for (const ni of nodes) {
    if (!constraints.every((k) => ni.labels[k.topologyKey] !== undefined)) continue;
    if (hasAffinity && !matchesRequiredNodeAffinity(pod, ni)) continue;
    const value = ni.labels[c.topologyKey];
    domains.set(value, (domains.get(value) ?? 0) + (counts.byNode.get(ni.id) ?? 0));
  }
  let min = Number.POSITIVE_INFINITY;
  for (const n of domains.values()) if (n < min) min = n;
  if (domains.size < c.minDomains || min === Number.POSITIVE_INFINITY) min = 0;
  const selfMatch = matchesLabelSelector(c.selector, pod.labels) ? 1 : 0;
  return { constraint: c, counts, domainCounts: domains, minMatchNum: min, selfMatch };
}

/** Filter for one node. */
export function filterSpread(states: readonly ConstraintState[], node: NodeInfo): Status | undefined {
  for (const s of states) {
    const value = node.labels[s.constraint.topologyKey];
    if (value === undefined) return newStatus('UnschedulableAndUnresolvable', ERR_REASON_NODE_LABEL_NOT_MATCH);
    const matchNum = s.domainCounts.get(value) ?? 0;
    const skew = matchNum + s.selfMatch - s.minMatchNum;
    if (skew > s.constraint.maxSkew) return newStatus('Unschedulable', ERR_REASON_CONSTRAINTS_NOT_MATCH);
  }
  return undefined;
}
