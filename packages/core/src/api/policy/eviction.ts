/**
 * The `pods/eviction` subresource: a delete that respects the pod's PodDisruptionBudget.
 *
 * Design: one synchronous request, as the handler runs in the API server: a pod that already
 * caused its disruption (Pending, Succeeded, Failed, terminating) is deleted without looking at
 * budgets; otherwise the single matching PDB decides: an unready pod may go without spending the
 * budget (always with `AlwaysAllow`, with `IfHealthyBudget` only while the budget is met); a
 * ready pod needs `disruptionsAllowed > 0`, which is decremented and the pod recorded in
 * `disruptedPods` before the graceful delete. Every delete first marks the pod with the
 * `DisruptionTarget` condition. Writes are synchronous, so the handler's conflict retries never
 * trigger.
 * @see k/k pkg/registry/core/pod/storage/eviction.go (Create, checkAndDecrement, canIgnorePDB,
 *   addConditionAndDeletePod)
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { cloneData } from '../clone.js';
import { errors, StatusError } from '../errors.js';
import type { ApiServer, DeleteOptions } from '../server.js';
import { IF_HEALTHY_BUDGET, ALWAYS_ALLOW } from '../validation/policy.js';
import {
  getPodDisruptionBudgets,
  isPodReady,
  type PodDisruptionBudgetObject,
  type PodDisruptionBudgetStatus,
  updateDisruptionAllowedCondition,
} from './pod-disruption-budget.js';
import type { KubeObject } from '../object.js';

/** Texts of the eviction handler. */
export const EvictionMessages = {
  /** Message of every 429 the handler returns. */
  tooManyRequests: "Cannot evict pod as it would violate the pod's disruption budget.",
  /** Message of the 500 Status when several PDBs cover the pod. */
  multiplePdbs: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
  /** `DisruptionBudget` cause when no disruption is allowed. */
  needsHealthy: (name: string, desired: number, current: number) => `The disruption budget ${name} needs ${desired} healthy pods and has ${current} currently`,
  /** `DisruptionBudget` cause while the controller has not observed the PDB's generation. */
  stillProcessing: (name: string) => `The disruption budget ${name} is still being processed by the server.`,
  negativeAllowed: 'pdb disruptions allowed is negative',
  tooManyDisrupted: 'DisruptedPods map too big - too many evictions not confirmed by PDB controller',
} as const;

/** `policyv1.DisruptionBudgetCause`. */
export const DISRUPTION_BUDGET_CAUSE = 'DisruptionBudget';
/** `MaxDisruptedPodSize`: more entries than this refuse evictions. */
export const MAX_DISRUPTED_POD_SIZE = 2000;
/** The `DisruptionTarget` condition the handler adds before it deletes. */
export const EVICTION_DISRUPTION_TARGET = { reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' } as const;

/** `Eviction.deleteOptions` kubesim honours. */
export type EvictOptions = Pick<DeleteOptions, 'dryRun' | 'gracePeriodSeconds'>;

type PodObject = Pod & KubeObject;

/**
 * Evicts a pod: deletes it (gracefully) unless its disruption budget forbids it.
 * @throws StatusError NotFound (no pod), TooManyRequests (budget), the 500 Status (several budgets),
 *   Forbidden (a corrupt budget status)
 */
export function evictPod(api: ApiServer, namespace: string, name: string, options: EvictOptions = {}): void {
  const pod = api.mustGet<PodObject>('Pod', namespace, name);
  if (canIgnorePDB(pod)) {
    addConditionAndDeletePod(api, pod, options);
    return;
  }
  const pdbs = getPodDisruptionBudgets(api.store, pod);
  if (pdbs.length > 1) throw new StatusError('', EvictionMessages.multiplePdbs);
  const pdb = pdbs[0];
  if (pdb && (isPodReady(pod) || !unhealthyPodMayGo(pdb))) checkAndDecrement(api, pod, pdb, options.dryRun === true);
  addConditionAndDeletePod(api, pod, options);
}

/** `canIgnorePDB`: the pod already caused its disruption, or is going anyway. */
function canIgnorePDB(pod: PodObject): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || pod.metadata.deletionTimestamp !== undefined;
}

/** An unready pod goes without spending the budget: `AlwaysAllow`, or a budget that is met. */
function unhealthyPodMayGo(pdb: PodDisruptionBudgetObject): boolean {
  const policy = pdb.spec?.unhealthyPodEvictionPolicy ?? IF_HEALTHY_BUDGET;
  if (policy === ALWAYS_ALLOW) return true;
  const s = pdb.status;
  return (s?.currentHealthy ?? 0) >= (s?.desiredHealthy ?? 0) && (s?.desiredHealthy ?? 0) > 0;
}

/** `checkAndDecrement`: spends one allowed disruption, or throws the 429 / Forbidden. */
function checkAndDecrement(api: ApiServer, pod: PodObject, pdb: PodDisruptionBudgetObject, dryRun: boolean): void {
  const name = pdb.metadata.name ?? '';
  const status = pdb.status ?? { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  const cause = (message: string) => [{ reason: DISRUPTION_BUDGET_CAUSE, message, field: '' }];
  if ((status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) {
    throw errors.tooManyRequests(EvictionMessages.tooManyRequests, 10, cause(EvictionMessages.stillProcessing(name)));
  }
  if (status.disruptionsAllowed < 0) throw errors.forbidden('poddisruptionbudget', 'policy', name, EvictionMessages.negativeAllowed);
  if (Object.keys(status.disruptedPods ?? {}).length > MAX_DISRUPTED_POD_SIZE) {
    throw errors.forbidden('poddisruptionbudget', 'policy', name, EvictionMessages.tooManyDisrupted);
  }
  if (status.disruptionsAllowed === 0) {
    throw errors.tooManyRequests(EvictionMessages.tooManyRequests, 0, cause(EvictionMessages.needsHealthy(name, status.desiredHealthy, status.currentHealthy)));
  }
  if (dryRun) return;
  const nowTs = api.store.loop.clock.rfc3339();
  const next = cloneData(status) as PodDisruptionBudgetStatus;
  next.disruptionsAllowed -= 1;
  if (next.disruptionsAllowed === 0) updateDisruptionAllowedCondition(next, nowTs);
  next.disruptedPods = { ...next.disruptedPods, [pod.metadata.name ?? '']: nowTs };
  api.updateStatus('PodDisruptionBudget', pdb.metadata.namespace, name, next);
}

/** `addConditionAndDeletePod`: `DisruptionTarget` True on the pod (not on a dry run), then the delete. */
function addConditionAndDeletePod(api: ApiServer, pod: PodObject, options: EvictOptions): void {
  const { namespace, name = '' } = pod.metadata;
  if (!options.dryRun) {
    const nowTs = api.store.loop.clock.rfc3339();
    api.updateWith<PodObject>('Pod', namespace, name, (d) => {
      if (!d.status) d.status = {};
      const conditions = d.status.conditions ?? [];
      const prev = conditions.find((c) => c.type === 'DisruptionTarget');
      const cond = { type: 'DisruptionTarget', status: 'True', lastTransitionTime: prev?.status === 'True' ? prev.lastTransitionTime : nowTs, ...EVICTION_DISRUPTION_TARGET };
      d.status.conditions = prev ? conditions.map((c) => (c.type === 'DisruptionTarget' ? cond : c)) : [...conditions, cond];
    });
  }
  api.delete('Pod', namespace, name, {
    ...(options.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: options.gracePeriodSeconds } : {}),
    ...(options.dryRun ? { dryRun: true } : {}),
  });
}
