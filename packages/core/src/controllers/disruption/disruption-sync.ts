/**
 * One sync of a PodDisruptionBudget: the selected pods, the expected and desired counts, the
 * healthy count (Ready, not terminating, not recently evicted), the `disruptedPods` map pruned of
 * pods that went or overstayed `DeletionTimeout`, and the status with its `DisruptionAllowed`
 * condition, written only when something changed. A failure writes the fail-safe status
 * (no disruption allowed, reason SyncFailed).
 * @see k/k pkg/controller/disruption/disruption.go (trySync, buildDisruptedPodMap,
 *   countHealthyPods, updatePdbStatus, failSafe)
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { cloneData } from '../../api/clone.js';
import { labelSelectorAsSelector } from '../../api/labels/label-selector.js';
import { deepEqual } from '../../api/merge-patch.js';
import type { KubeObject } from '../../api/object.js';
import {
  conditionsAreUpToDate,
  DisruptionAllowedCondition,
  isPodReady,
  type PodDisruptionBudgetObject,
  type PodDisruptionBudgetStatus,
  setDisruptionAllowedCondition,
  updateDisruptionAllowedCondition,
} from '../../api/policy/pod-disruption-budget.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import { NAMESPACE_INDEX } from '../replicaset/controller-ref-manager.js';
import { DisruptionReasons, WorkloadComponents } from '../events.js';
import { getExpectedPodCount } from './expected-scale.js';

/** `DeletionTimeout`: how long an evicted pod may stay undeleted before it counts again. */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

/** Event messages of a sync. */
export const DisruptionMessages = {
  noPods: 'No matching pods found',
  failedToGetPods: (err: string) => `Failed to get pods: ${err}`,
  expectedCountFailed: (err: string) => `Failed to calculate the number of expected pods: ${err}`,
  unmanagedPods: (selector: string) =>
    `Pods selected by this PodDisruptionBudget (selector: ${selector}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
  // Upstream prints the PDB's namespace twice.
  notDeleted: (pdb: KubeObject) => `Pod was expected by PDB ${pdb.metadata.namespace}/${pdb.metadata.namespace} to be deleted but it wasn't`,
} as const;

/** What a sync asks of the work queue: a recheck when the first recorded eviction times out. */
export interface DisruptionSyncResult {
  readonly recheckAfterMs?: number;
}

/** `sync`: `trySync`, or `failSafe` when it throws. */
export function syncPodDisruptionBudget(core: CoreCluster, namespace: string, name: string): DisruptionSyncResult {
  const pdb = core.store.get<PodDisruptionBudgetObject>('PodDisruptionBudget', namespace, name);
  if (!pdb) return {};
  try {
    return trySync(core, pdb);
  } catch (e) {
    failSafe(core, pdb, (e as Error).message);
    return {};
  }
}

function trySync(core: CoreCluster, pdb: PodDisruptionBudgetObject): DisruptionSyncResult {
  const record = (obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string) =>
    core.recorder.event(obj, type, reason, message, WorkloadComponents.disruption);
  let pods: KubeObject[];
  try {
    pods = getPodsForPdb(core, pdb);
  } catch (e) {
    record(pdb, 'Warning', DisruptionReasons.NoPods, DisruptionMessages.failedToGetPods((e as Error).message));
    throw e;
  }
  if (pods.length === 0) record(pdb, 'Normal', DisruptionReasons.NoPods, DisruptionMessages.noPods);
  let counts: ReturnType<typeof getExpectedPodCount>;
  try {
    counts = getExpectedPodCount(core.store, pdb, pods);
  } catch (e) {
    record(pdb, 'Warning', DisruptionReasons.CalculateExpectedPodCountFailed, DisruptionMessages.expectedCountFailed((e as Error).message));
    throw e;
  }
  if (counts.unmanagedPods.length > 0) {
    record(pdb, 'Warning', DisruptionReasons.UnmanagedPods, DisruptionMessages.unmanagedPods(goLabelSelectorString(pdb.spec?.selector)));
  }
  const nowMs = core.clock.now();
  const { disruptedPods, recheckAtMs } = buildDisruptedPodMap(core, pods, pdb, nowMs, record);
  const currentHealthy = countHealthyPods(core, pods, disruptedPods, nowMs);
  updatePdbStatus(core, pdb, currentHealthy, counts.desiredHealthy, counts.expectedCount, disruptedPods);
  return recheckAtMs === undefined ? {} : { recheckAfterMs: recheckAtMs - nowMs };
}

/** `getPodsForPdb`: pods of the namespace the selector matches (none for a missing selector). */
function getPodsForPdb(core: CoreCluster, pdb: PodDisruptionBudgetObject): KubeObject[] {
  const selector = labelSelectorAsSelector(pdb.spec?.selector);
  return core.store.byIndex('Pod', NAMESPACE_INDEX, pdb.metadata.namespace ?? '').filter((p) => selector.matches(p.metadata.labels));
}

/** `buildDisruptedPodMap`: keeps entries of live, not-yet-deleted pods whose timeout is ahead. */
function buildDisruptedPodMap(
  core: CoreCluster,
  pods: readonly KubeObject[],
  pdb: PodDisruptionBudgetObject,
  nowMs: number,
  record: (obj: KubeObject, type: 'Warning', reason: string, message: string) => void,
): { disruptedPods: Record<string, string>; recheckAtMs?: number } {
  const previous = pdb.status?.disruptedPods;
  const disruptedPods: Record<string, string> = {};
  let recheckAtMs: number | undefined;
  if (!previous) return { disruptedPods };
  for (const pod of pods) {
    const name = pod.metadata.name ?? '';
    if (pod.metadata.deletionTimestamp || !Object.hasOwn(previous, name)) continue;
    const expectedDeletionMs = core.clock.parse(previous[name] as string) + DELETION_TIMEOUT_MS;
    if (expectedDeletionMs < nowMs) {
      record(pod, 'Warning', DisruptionReasons.NotDeleted, DisruptionMessages.notDeleted(pdb));
      continue;
    }
    if (recheckAtMs === undefined || expectedDeletionMs < recheckAtMs) recheckAtMs = expectedDeletionMs;
    disruptedPods[name] = previous[name] as string;
  }
  return { disruptedPods, recheckAtMs };
}

/** `countHealthyPods`: Ready, not terminating, not evicted within `DeletionTimeout`. */
function countHealthyPods(core: CoreCluster, pods: readonly KubeObject[], disruptedPods: Readonly<Record<string, string>>, nowMs: number): number {
  let healthy = 0;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const disruptedAt = disruptedPods[pod.metadata.name ?? ''];
    if (disruptedAt !== undefined && core.clock.parse(disruptedAt) + DELETION_TIMEOUT_MS > nowMs) continue;
    if (isPodReady(pod)) healthy++;
  }
  return healthy;
}

/** `updatePdbStatus`: writes the counts, the observed generation and the condition when any changed. */
function updatePdbStatus(
  core: CoreCluster,
  pdb: PodDisruptionBudgetObject,
  currentHealthy: number,
  desiredHealthy: number,
  expectedPods: number,
  disruptedPods: Record<string, string>,
): void {
  let disruptionsAllowed = currentHealthy - desiredHealthy;
  if (expectedPods <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
  const s = pdb.status;
  const generation = pdb.metadata.generation ?? 0;
  if (
    s &&
    s.currentHealthy === currentHealthy &&
    s.desiredHealthy === desiredHealthy &&
    s.expectedPods === expectedPods &&
    s.disruptionsAllowed === disruptionsAllowed &&
    deepEqual(s.disruptedPods ?? {}, disruptedPods) &&
    (s.observedGeneration ?? 0) === generation &&
    conditionsAreUpToDate(pdb)
  ) {
    return;
  }
  const next: PodDisruptionBudgetStatus = {
    ...(generation ? { observedGeneration: generation } : {}),
    ...(Object.keys(disruptedPods).length ? { disruptedPods } : {}),
    disruptionsAllowed,
    currentHealthy,
    desiredHealthy,
    expectedPods,
    ...(s?.conditions ? { conditions: cloneData(s.conditions) } : {}),
  };
  updateDisruptionAllowedCondition(next, core.clock.rfc3339());
  core.api.updateStatus('PodDisruptionBudget', pdb.metadata.namespace, pdb.metadata.name ?? '', next);
}

/** `failSafe`: no disruption allowed, `DisruptionAllowed` False with reason SyncFailed and the error. */
function failSafe(core: CoreCluster, pdb: PodDisruptionBudgetObject, message: string): void {
  const next = cloneData(pdb.status ?? { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 }) as PodDisruptionBudgetStatus;
  next.disruptionsAllowed = 0;
  setDisruptionAllowedCondition(next, { status: 'False', reason: DisruptionAllowedCondition.syncFailed, message }, core.clock.rfc3339());
  core.api.updateStatus('PodDisruptionBudget', pdb.metadata.namespace, pdb.metadata.name ?? '', next);
}

/** Go `%v` of a `*metav1.LabelSelector` (its generated `String()`). */
export function goLabelSelectorString(ls: LabelSelector | undefined): string {
  if (!ls) return 'nil';
  const labels = Object.keys(ls.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${ls.matchLabels?.[k]},`)
    .join('');
  const exprs = (ls.matchExpressions ?? [])
    .map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`)
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}
