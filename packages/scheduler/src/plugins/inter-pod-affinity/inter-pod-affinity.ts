/**
 * InterPodAffinity (required terms): the pod's required affinity and anti-affinity, and existing
 * pods' required anti-affinity against the incoming pod.
 *
 * @remarks Preferred (weighted) pod affinity scoring is not modelled. Counts per topology domain
 * come from the cache's selector index instead of a pass over every pod.
 * @see kubernetes pkg/scheduler/framework/plugins/interpodaffinity/filtering.go
 */
import { matchesLabelSelector } from '../../api/labels.js';
import type { PodAffinityTerm } from '../../api/types.js';
import type { NodeInfo } from '../../cache/node-info.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin, Handle, PreFilterPlugin } from '../../framework/interface.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { newStatus, SKIP, type Status } from '../../framework/status.js';

/** Plugin name. */
export const INTER_POD_AFFINITY = 'InterPodAffinity';
/** ErrReason: the pod's required affinity is not satisfied. */
export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
/** ErrReason: the pod's required anti-affinity is violated. */
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";
/** ErrReason: an existing pod's anti-affinity rejects the pod. */
export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";

const STATE_KEY = 'PreFilterInterPodAffinity';

interface TermCounts {
  readonly term: PodAffinityTerm;
  /** domain value → matching pods. */
  readonly counts: ReadonlyMap<string, number>;
}

interface PreFilterState {
  /** `key\u0000value` pairs forbidden by existing pods' anti-affinity. */
  readonly existingAnti: ReadonlySet<string>;
  readonly anti: readonly TermCounts[];
  readonly affinity: readonly TermCounts[];
  /** No pod matches the affinity terms but the pod matches them itself (first pod of a group). */
  readonly affinitySelfAllowed: boolean;
}

function namespacesOf(term: PodAffinityTerm, owner: string): readonly string[] {
  return term.namespaces && term.namespaces.length > 0 ? term.namespaces : [owner];
}

/** Whether `term` (owned by a pod in `ownerNs`) selects `target`. */
export function termSelects(term: PodAffinityTerm, ownerNs: string, target: PodInfo): boolean {
  return namespacesOf(term, ownerNs).includes(target.namespace) && matchesLabelSelector(term.labelSelector, target.labels);
}

/** The InterPodAffinity plugin. */
export class InterPodAffinity implements PreFilterPlugin, FilterPlugin {
  readonly name = INTER_POD_AFFINITY;

  constructor(private readonly handle: Handle) {}

  private countTerm(term: PodAffinityTerm, pod: PodInfo): TermCounts {
    const counts = new Map<string, number>();
    if (!term.labelSelector) return { term, counts };
    for (const ns of namespacesOf(term, pod.namespace)) {
      const sc = this.handle.cache.topology.get(ns, term.labelSelector);
      for (const [v, n] of this.handle.cache.topology.domainCounts(sc, term.topologyKey)) counts.set(v, (counts.get(v) ?? 0) + n);
    }
    return { term, counts };
  }

  preFilter(state: CycleState, pod: PodInfo): Status | undefined {
    if (this.handle.cache.antiAffinityPods.size === 0 && pod.requiredAntiAffinity.length === 0 && pod.requiredAffinity.length === 0) return SKIP;
    const existingAnti = new Set<string>();
    for (const other of this.handle.cache.antiAffinityPods.values()) {
      const nodeName = this.handle.cache.nodeOf(other.key);
      const ni = nodeName ? this.handle.cache.nodeInfo(nodeName) : undefined;
      if (!ni) continue;
      for (const term of other.requiredAntiAffinity) {
        const v = ni.labels[term.topologyKey];
        if (v !== undefined && termSelects(term, other.namespace, pod)) existingAnti.add(`${term.topologyKey}\u0000${v}`);
      }
    }
    if (existingAnti.size === 0 && pod.requiredAntiAffinity.length === 0 && pod.requiredAffinity.length === 0) return SKIP;
    const anti = pod.requiredAntiAffinity.map((t) => this.countTerm(t, pod));
    const affinity = pod.requiredAffinity.map((t) => this.countTerm(t, pod));
    const noneMatch = affinity.every((t) => t.counts.size === 0);
    const affinitySelfAllowed = affinity.length > 0 && noneMatch && pod.requiredAffinity.every((t) => termSelects(t, pod.namespace, pod));
    const s: PreFilterState = { existingAnti, anti, affinity, affinitySelfAllowed };
    state.write(STATE_KEY, s);
    return undefined;
  }

  filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Status | undefined {
    const s = state.read<PreFilterState>(STATE_KEY);
    if (!s) return undefined;
    for (const t of s.affinity) {
      const v = node.labels[t.term.topologyKey];
      const ok = v !== undefined && ((t.counts.get(v) ?? 0) > 0 || s.affinitySelfAllowed);
      if (!ok) return newStatus('UnschedulableAndUnresolvable', ERR_REASON_AFFINITY_RULES_NOT_MATCH);
    }
    for (const t of s.anti) {
      const v = node.labels[t.term.topologyKey];
      if (v !== undefined && (t.counts.get(v) ?? 0) > 0) return newStatus('Unschedulable', ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH);
    }
    if (s.existingAnti.size > 0) {
      for (const pair of s.existingAnti) {
        const i = pair.indexOf('\u0000');
        if (node.labels[pair.slice(0, i)] === pair.slice(i + 1)) {
          return newStatus('Unschedulable', ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH);
        }
      }
    }
    return undefined;
  }
}
