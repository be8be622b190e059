/**
 * PodDisruptionBudget helpers shared by the eviction subresource and the disruption controller:
 * the object's shape, the PDBs that cover a pod (through a by-namespace index, never a scan), and
 * the `DisruptionAllowed` condition as the component helpers write it.
 * @see k8s.io/api policy/v1 types.go, k8s.io/component-helpers apps/poddisruptionbudget/helpers.go,
 *   k/k pkg/registry/core/pod/storage/eviction.go (getPodDisruptionBudgets)
 */
import type { Condition, LabelSelector } from 'kubernetes-types/meta/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { labelSelectorMatches } from '../labels/label-selector.js';
import type { KubeObject } from '../object.js';
import type { ObjectStore } from '../../store/store.js';

/** `policy/v1` PodDisruptionBudget status. */
export interface PodDisruptionBudgetStatus {
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
  disruptionsAllowed: number;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  conditions?: Condition[];
}

/** A stored PodDisruptionBudget. */
export type PodDisruptionBudgetObject = KubeObject & {
  readonly spec?: {
    readonly minAvailable?: number | string;
    readonly selector?: LabelSelector;
    readonly maxUnavailable?: number | string;
    readonly unhealthyPodEvictionPolicy?: string;
  };
  readonly status?: Readonly<PodDisruptionBudgetStatus>;
};

/** `policy.DisruptionAllowedCondition` and its reasons. */
export const DisruptionAllowedCondition = {
  type: 'DisruptionAllowed',
  /** The controller could not compute the budget; no disruption is allowed. */
  syncFailed: 'SyncFailed',
  /** More healthy pods than the budget needs. */
  sufficientPods: 'SufficientPods',
  /** At or below what the budget needs. */
  insufficientPods: 'InsufficientPods',
} as const;

/** Index: PodDisruptionBudgets by namespace. */
export const PDBS_BY_NAMESPACE_INDEX = 'namespace';

/** `podutil.IsPodReady`: the `Ready` condition is True. */
export function isPodReady(pod: KubeObject): boolean {
  const conditions = (pod.status as Pod['status'])?.conditions;
  return conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/**
 * The PDBs whose selector matches the pod, in name order. A missing or empty selector matches
 * nothing here (the eviction handler's rule), unlike the controller's listing.
 */
export function getPodDisruptionBudgets(store: ObjectStore, pod: KubeObject): PodDisruptionBudgetObject[] {
  store.addIndex('PodDisruptionBudget', PDBS_BY_NAMESPACE_INDEX, (o) => [o.metadata.namespace ?? '']);
  return store.byIndex<PodDisruptionBudgetObject>('PodDisruptionBudget', PDBS_BY_NAMESPACE_INDEX, pod.metadata.namespace ?? '').filter((pdb) => {
    const sel = pdb.spec?.selector;
    const empty = !sel || Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0;
    return !empty && labelSelectorMatches(sel, pod.metadata.labels);
  });
}

/**
 * `apimeta.SetStatusCondition` for `DisruptionAllowed`: the transition time changes only with the
 * status; reason, message and observedGeneration are replaced.
 */
export function setDisruptionAllowedCondition(
  status: PodDisruptionBudgetStatus,
  cond: { status: 'True' | 'False'; reason: string; message?: string },
  nowTs: string,
): void {
  const conditions = [...(status.conditions ?? [])];
  const i = conditions.findIndex((c) => c.type === DisruptionAllowedCondition.type);
  const prev = i >= 0 ? conditions[i] : undefined;
  const next: Condition = {
    type: DisruptionAllowedCondition.type,
    status: cond.status,
    ...(status.observedGeneration ? { observedGeneration: status.observedGeneration } : {}),
    lastTransitionTime: prev && prev.status === cond.status ? prev.lastTransitionTime : nowTs,
    reason: cond.reason,
    message: cond.message ?? '',
  };
  if (i >= 0) conditions[i] = next;
  else conditions.push(next);
  status.conditions = conditions;
}

/** `UpdateDisruptionAllowedCondition`: SufficientPods (True) when disruptions are allowed, else InsufficientPods (False). */
export function updateDisruptionAllowedCondition(status: PodDisruptionBudgetStatus, nowTs: string): void {
  const allowed = status.disruptionsAllowed > 0;
  setDisruptionAllowedCondition(
    status,
    allowed
      ? { status: 'True', reason: DisruptionAllowedCondition.sufficientPods }
      : { status: 'False', reason: DisruptionAllowedCondition.insufficientPods },
    nowTs,
  );
}

/** `ConditionsAreUpToDate`: the condition matches `disruptionsAllowed` and the generation is observed. */
export function conditionsAreUpToDate(pdb: PodDisruptionBudgetObject): boolean {
  const status = pdb.status;
  const cond = status?.conditions?.find((c) => c.type === DisruptionAllowedCondition.type);
  if (!status || !cond || (status.observedGeneration ?? 0) !== (pdb.metadata.generation ?? 0)) return false;
  if (status.disruptionsAllowed > 0) return cond.status === 'True' && cond.reason === DisruptionAllowedCondition.sufficientPods;
  return cond.status === 'False' && cond.reason === DisruptionAllowedCondition.insufficientPods;
}
