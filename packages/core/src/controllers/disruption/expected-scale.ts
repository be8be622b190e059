/**
 * How many pods a PodDisruptionBudget expects and how many must be healthy: an integer
 * minAvailable counts the selected pods; a percentage, or maxUnavailable, is scaled against the
 * sum of `spec.replicas` of the pods' controllers (a Deployment for a ReplicaSet it controls, a
 * ReplicaSet, a StatefulSet, a ReplicationController). Both percentages round up.
 * @see k/k pkg/controller/disruption/disruption.go (getExpectedPodCount, getExpectedScale,
 *   finders), apimachinery pkg/util/intstr (GetScaledValueFromIntOrPercent)
 */
import type { PodDisruptionBudgetObject } from '../../api/policy/pod-disruption-budget.js';
import { qualifiedResource } from '../../api/errors.js';
import { getControllerOf, type KubeObject } from '../../api/object.js';
import type { ObjectStore } from '../../store/store.js';
import { getScaledValue } from '../deployment/deployment-util.js';

/** What `getExpectedPodCount` returns. */
export interface ExpectedPodCount {
  readonly expectedCount: number;
  readonly desiredHealthy: number;
  /** Names of selected pods without a controller (percentages cannot count them). */
  readonly unmanagedPods: readonly string[];
}

/** Kinds the controller finders know (`finders()` without the scale subresource). */
const SCALE_KINDS = new Set(['ReplicationController', 'Deployment', 'ReplicaSet', 'StatefulSet']);

type Scalable = KubeObject & { readonly spec?: { readonly replicas?: number } };

/** `getExpectedPodCount`. @throws Error with upstream's text when a pod's controller cannot be found */
export function getExpectedPodCount(store: ObjectStore, pdb: PodDisruptionBudgetObject, pods: readonly KubeObject[]): ExpectedPodCount {
  const { minAvailable, maxUnavailable } = pdb.spec ?? {};
  if (maxUnavailable !== undefined && maxUnavailable !== null) {
    const { expectedCount, unmanagedPods } = getExpectedScale(store, pods);
    const desiredHealthy = Math.max(0, expectedCount - getScaledValue(maxUnavailable, expectedCount, true));
    return { expectedCount, desiredHealthy, unmanagedPods };
  }
  if (typeof minAvailable === 'number') return { expectedCount: pods.length, desiredHealthy: minAvailable, unmanagedPods: [] };
  if (typeof minAvailable === 'string') {
    const { expectedCount, unmanagedPods } = getExpectedScale(store, pods);
    return { expectedCount, desiredHealthy: getScaledValue(minAvailable, expectedCount, true), unmanagedPods };
  }
  return { expectedCount: 0, desiredHealthy: 0, unmanagedPods: [] };
}

/** `getExpectedScale`: the sum of the scales of the distinct controllers of `pods`. */
export function getExpectedScale(store: ObjectStore, pods: readonly KubeObject[]): { expectedCount: number; unmanagedPods: string[] } {
  const scales = new Map<string, number>();
  const unmanagedPods: string[] = [];
  for (const pod of pods) {
    const ref = getControllerOf(pod);
    if (!ref) {
      unmanagedPods.push(pod.metadata.name ?? '');
      continue;
    }
    if (scales.has(ref.uid)) continue;
    const found = findController(store, ref, pod.metadata.namespace ?? '');
    if (!found) throw new Error(`found no controllers for pod ${JSON.stringify(pod.metadata.name ?? '')}`);
    scales.set(found.metadata.uid ?? '', found.spec?.replicas ?? 1);
  }
  let expectedCount = 0;
  for (const n of scales.values()) expectedCount += n;
  return { expectedCount, unmanagedPods };
}

/** The finders in upstream's order: RC, Deployment (via its ReplicaSet), ReplicaSet, StatefulSet, scale. */
function findController(store: ObjectStore, ref: { kind: string; name: string; uid: string; apiVersion: string }, namespace: string): Scalable | undefined {
  const get = (kind: string, name: string, uid: string) => {
    const o = store.get<Scalable>(kind, namespace, name);
    return o && o.metadata.uid === uid ? o : undefined;
  };
  if (ref.kind === 'ReplicaSet') {
    const rs = get('ReplicaSet', ref.name, ref.uid);
    if (!rs) return undefined;
    const owner = getControllerOf(rs);
    // Without its Deployment, the ReplicaSet's own scale subresource answers.
    return (owner?.kind === 'Deployment' ? get('Deployment', owner.name, owner.uid) : undefined) ?? rs;
  }
  if (SCALE_KINDS.has(ref.kind)) return get(ref.kind, ref.name, ref.uid);
  // getScaleController: a served kind without a scale subresource is an error.
  const info = store.kinds.get(ref.kind);
  if (!info) throw new Error(`no matches for kind ${JSON.stringify(ref.kind)} in version ${JSON.stringify(ref.apiVersion)}`);
  throw new Error(`${qualifiedResource(info.resource, info.group)} does not implement the scale subresource`);
}
