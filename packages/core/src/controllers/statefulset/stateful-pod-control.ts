/**
 * The StatefulSet controller's writes: claims before pods, pod deletion, claim owner references
 * for the retention policy, each with the upstream event (`create Pod randserver-0 in
 * StatefulSet randserver successful`, `create Claim data-randserver-0 Pod randserver-0 in
 * StatefulSet randserver success`).
 * @see kubernetes pkg/controller/statefulset/stateful_pod_control.go
 */
import { isStatusError } from '../../api/errors.js';
import { deepEqual } from '../../api/merge-patch.js';
import { newControllerRef, type OwnerReference } from '../../api/object.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import { WorkloadComponents } from '../events.js';
import type { PodObject } from '../replicaset/controller-utils.js';
import { type ClaimObject, getClaimName, getClaimNames, getOrdinal, newClaimFromTemplate, type StatefulSetObject } from './stateful-set-utils.js';

/** `Successful<Verb>` / `Failed<Verb>` (`strings.Title(verb)`). */
export const podEventReason = (verb: 'create' | 'delete' | 'update', ok: boolean): string =>
  `${ok ? 'Successful' : 'Failed'}${verb[0].toUpperCase()}${verb.slice(1)}`;
/** `%s Pod %s in StatefulSet %s successful`. */
export const podEventMessage = (verb: string, pod: string, set: string): string => `${verb} Pod ${pod} in StatefulSet ${set} successful`;
/** `%s Pod %s in StatefulSet %s failed error: %s`. */
export const podFailedMessage = (verb: string, pod: string, set: string, err: string): string =>
  `${verb} Pod ${pod} in StatefulSet ${set} failed error: ${err}`;
/** `%s Claim %s Pod %s in StatefulSet %s success`. */
export const claimEventMessage = (verb: string, claim: string, pod: string, set: string): string =>
  `${verb} Claim ${claim} Pod ${pod} in StatefulSet ${set} success`;
/** `%s Claim %s for Pod %s in StatefulSet %s failed error: %s`. */
export const claimFailedMessage = (verb: string, claim: string, pod: string, set: string, err: string): string =>
  `${verb} Claim ${claim} for Pod ${pod} in StatefulSet ${set} failed error: ${err}`;

const COMPONENT = WorkloadComponents.statefulSet;

/** Pod and claim writes of the StatefulSet controller. */
export class StatefulPodControl {
  constructor(private readonly core: CoreCluster) {}

  private podEvent(set: StatefulSetObject, verb: 'create' | 'delete' | 'update', pod: string, err?: Error): void {
    const set_ = set.metadata.name ?? '';
    const msg = err ? podFailedMessage(verb, pod, set_, err.message) : podEventMessage(verb, pod, set_);
    this.core.recorder.event(set, err ? 'Warning' : 'Normal', podEventReason(verb, !err), msg, COMPONENT);
  }

  /** `CreateStatefulPod`: creates the missing claims, then the pod. */
  createStatefulPod(set: StatefulSetObject, pod: PodObject): void {
    this.createMissingPersistentVolumeClaims(set, pod);
    const name = pod.metadata.name ?? '';
    try {
      this.core.api.create(pod);
    } catch (e) {
      // An existing pod of that name is left alone (at most one pod per ordinal).
      if (isStatusError(e) && e.reason === 'AlreadyExists') return;
      this.podEvent(set, 'create', name, e as Error);
      throw e;
    }
    this.podEvent(set, 'create', name);
  }

  /** `DeleteStatefulPod`. */
  deleteStatefulPod(set: StatefulSetObject, pod: PodObject): void {
    const name = pod.metadata.name ?? '';
    try {
      this.core.api.delete('Pod', pod.metadata.namespace, name);
    } catch (e) {
      this.podEvent(set, 'delete', name, e as Error);
      throw e;
    }
    this.podEvent(set, 'delete', name);
  }

  /**
   * `createPersistentVolumeClaims`: creates each claim of the pod's ordinal that does not exist;
   * existing claims are reused as they are. A claim being deleted blocks the pod.
   */
  createMissingPersistentVolumeClaims(set: StatefulSetObject, pod: PodObject): void {
    const podName = pod.metadata.name ?? '';
    const ordinal = getOrdinal(pod);
    for (const template of set.spec?.volumeClaimTemplates ?? []) {
      const name = getClaimName(set, template.metadata?.name ?? '', ordinal);
      const existing = this.core.store.get<ClaimObject>('PersistentVolumeClaim', set.metadata.namespace, name);
      if (existing) {
        if (existing.metadata.deletionTimestamp) throw new Error(`pvc ${name} is being deleted`);
        continue;
      }
      const claim = newClaimFromTemplate(set, template, ordinal);
      const refs = desiredClaimOwnerRefs([], set, podName, pod, false);
      if (refs.length) (claim.metadata as { ownerReferences?: OwnerReference[] }).ownerReferences = refs;
      try {
        this.core.api.create(claim);
      } catch (e) {
        const msg = claimFailedMessage('create', name, podName, set.metadata.name ?? '', (e as Error).message);
        this.core.recorder.event(set, 'Warning', podEventReason('create', false), msg, COMPONENT);
        throw e;
      }
      const msg = claimEventMessage('create', name, podName, set.metadata.name ?? '');
      this.core.recorder.event(set, 'Normal', podEventReason('create', true), msg, COMPONENT);
    }
  }

  /**
   * `updateClaimOwnerRefForSetAndPod` on the live claims of `ordinal` (see {@link desiredClaimOwnerRefs}).
   * @param scaledDown whether the ordinal is outside `[start, start+replicas)`
   */
  updateClaimOwnerRefs(set: StatefulSetObject, ordinal: number, pod: PodObject | undefined, scaledDown: boolean): void {
    for (const name of getClaimNames(set, ordinal)) {
      const live = this.core.store.get<ClaimObject>('PersistentVolumeClaim', set.metadata.namespace, name);
      if (!live || live.metadata.deletionTimestamp) continue;
      const refs = live.metadata.ownerReferences ?? [];
      const want = desiredClaimOwnerRefs(refs, set, `${set.metadata.name}-${ordinal}`, pod, scaledDown);
      if (deepEqual(want, refs)) continue;
      this.core.api.updateWith<ClaimObject>('PersistentVolumeClaim', live.metadata.namespace, live.metadata.name ?? '', (d) => {
        if (want.length) d.metadata.ownerReferences = want;
        else delete d.metadata.ownerReferences;
      });
    }
  }
}

/**
 * `updateClaimOwnerRefForSetAndPod`: refs to the set and the pod are scrubbed, then controller
 * refs added by policy: `whenScaled: Delete` and scaled down → the pod; `whenDeleted: Delete`
 * (unless the pod ref was just added under `whenScaled: Delete`) → the set. A claim controlled by
 * something else gets no new refs (`hasUnexpectedController`).
 */
export function desiredClaimOwnerRefs(
  refs: readonly OwnerReference[],
  set: StatefulSetObject,
  podName: string,
  pod: PodObject | undefined,
  scaledDown: boolean,
): OwnerReference[] {
  const isOurs = (r: OwnerReference) => (r.kind === 'StatefulSet' && r.name === set.metadata.name) || (r.kind === 'Pod' && r.name === podName);
  const unexpected = refs.some((r) => r.controller && !isOurs(r));
  const kept = refs.filter((r) => !isOurs(r));
  if (unexpected) return kept;
  const whenScaled = set.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled ?? 'Retain';
  const whenDeleted = set.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted ?? 'Retain';
  const podOwns = whenScaled === 'Delete' && scaledDown && pod !== undefined;
  if (podOwns && pod) kept.push(newControllerRef(pod));
  if (whenDeleted === 'Delete' && !(whenScaled === 'Delete' && scaledDown)) kept.push(newControllerRef(set));
  return kept;
}
