/**
 * PodTopologySpread helpers: the constraints that apply to a pod (explicit, or the system
 * defaults built from the Services/ReplicaSets/StatefulSets that select it).
 * @see kubernetes pkg/scheduler/framework/plugins/podtopologyspread/common.go, plugin.go;
 *   pkg/scheduler/framework/plugins/helper/spread.go (DefaultSelector)
 */
import type { KubeObject } from '@kubesim/core';
import { getControllerOf } from '@kubesim/core';
import { matchesMapSelector } from '../../api/labels.js';
import type { LabelSelector, LabelSelectorRequirement } from '../../api/types.js';
import { LABEL_HOSTNAME, LABEL_TOPOLOGY_ZONE } from '../../api/well-known.js';
import type { Handle } from '../../framework/interface.js';
import type { PodInfo } from '../../framework/pod-info.js';

/** A constraint with its selector resolved. */
export interface SpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: LabelSelector;
  readonly minDomains: number;
}

/** The system default constraints (plugin.go systemDefaultConstraints). */
export const SYSTEM_DEFAULT_CONSTRAINTS = [
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_TOPOLOGY_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
] as const;

/** Explicit constraints with `whenUnsatisfiable` equal to `action`, selectors merged with matchLabelKeys. */
export function explicitConstraints(pod: PodInfo, action: 'DoNotSchedule' | 'ScheduleAnyway'): SpreadConstraint[] {
  const out: SpreadConstraint[] = [];
  for (const c of pod.pod.spec.topologySpreadConstraints ?? []) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector: LabelSelector = c.labelSelector ?? { matchExpressions: [{ key: '__never__', operator: 'In', values: [] }] };
    if (c.matchLabelKeys && c.matchLabelKeys.length > 0) {
      const extra: LabelSelectorRequirement[] = [];
      for (const k of c.matchLabelKeys) if (k in pod.labels) extra.push({ key: k, operator: 'In', values: [pod.labels[k]] });
      selector = { ...selector, matchExpressions: [...(selector.matchExpressions ?? []), ...extra] };
    }
    out.push({ maxSkew: c.maxSkew, topologyKey: c.topologyKey, selector, minDomains: c.minDomains ?? 1 });
  }
  return out;
}

interface WithSelector extends KubeObject {
  readonly spec?: { readonly selector?: LabelSelector | Readonly<Record<string, string>> };
}

/** `helper.DefaultSelector`: Services selecting the pod, plus its controller RS/STS/RC selector. */
export function defaultSelector(pod: PodInfo, handle: Handle): LabelSelector | undefined {
  const matchLabels: Record<string, string> = {};
  for (const svc of handle.core.store.values<WithSelector>('Service')) {
    if (svc.metadata.namespace !== pod.namespace) continue;
    const sel = svc.spec?.selector as Readonly<Record<string, string>> | undefined;
    if (!sel || Object.keys(sel).length === 0) continue;
    if (matchesMapSelector(sel, pod.labels)) Object.assign(matchLabels, sel);
  }
  const exprs: LabelSelectorRequirement[] = [];
  const owner = getControllerOf(pod.pod);
  if (owner && ['ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(owner.kind)) {
    const obj = handle.core.store.get<WithSelector>(owner.kind, pod.namespace, owner.name);
    const sel = obj?.spec?.selector;
    if (sel && owner.kind === 'ReplicationController') Object.assign(matchLabels, sel);
    else if (sel) {
      const ls = sel as LabelSelector;
      Object.assign(matchLabels, ls.matchLabels ?? {});
      exprs.push(...(ls.matchExpressions ?? []));
    }
  }
  if (Object.keys(matchLabels).length === 0 && exprs.length === 0) return undefined;
  return exprs.length > 0 ? { matchLabels, matchExpressions: exprs } : { matchLabels };
}

/** The system-defaulted soft constraints for a pod without explicit ones. */
export function systemDefaultConstraints(pod: PodInfo, handle: Handle): SpreadConstraint[] {
  const selector = defaultSelector(pod, handle);
  if (!selector) return [];
  return SYSTEM_DEFAULT_CONSTRAINTS.map((c) => ({ maxSkew: c.maxSkew, topologyKey: c.topologyKey, selector, minDomains: 1 }));
}
