/**
 * Pure helpers of the StatefulSet controller: pod and claim names, identity and storage of a
 * pod for an ordinal, revisions, and the pod predicates the ordering rules use.
 * @see kubernetes pkg/controller/statefulset/stateful_set_utils.go
 */
import type { ControllerRevision, StatefulSet } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim, Pod, PodTemplateSpec, Volume } from 'kubernetes-types/core/v1';
import { type KubeObject, newControllerRef } from '../../api/object.js';
import { canonicalJson, fnv32Bytes, safeEncodeString } from '../deployment/deployment-util.js';
import { isPodAvailable, isPodReady, type PodObject } from '../replicaset/controller-utils.js';
import { getPodFromTemplate } from '../replicaset/pod-control.js';
import { cloneData } from '../../api/clone.js';
import { copyOwn } from '../../store/structural-sharing.js';

/** A stored StatefulSet. */
export type StatefulSetObject = StatefulSet & KubeObject;
/** A stored ControllerRevision. */
export type RevisionObject = ControllerRevision & KubeObject;
/** A stored PersistentVolumeClaim. */
export type ClaimObject = PersistentVolumeClaim & KubeObject;

/** `statefulset.kubernetes.io/pod-name`. */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** `apps.kubernetes.io/pod-index` (PodIndexLabel, GA in 1.32). */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
/** `controller-revision-hash` (`apps.StatefulSetRevisionLabel`); its value is the revision name. */
export const REVISION_LABEL = 'controller-revision-hash';
/** `controller.kubernetes.io/hash` on ControllerRevisions. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';
/** Default `spec.replicas` and `spec.revisionHistoryLimit` (apps/v1 defaults.go). */
export const DEFAULT_SET_REPLICAS = 1;
export const DEFAULT_SET_REVISION_HISTORY_LIMIT = 10;

/** `spec.replicas`, defaulted. */
export const setReplicas = (set: StatefulSet): number => set.spec?.replicas ?? DEFAULT_SET_REPLICAS;
/** `getStartOrdinal`: `spec.ordinals.start` or 0. */
export const getStartOrdinal = (set: StatefulSet): number => set.spec?.ordinals?.start ?? 0;
/** `getEndOrdinal`: last valid ordinal. */
export const getEndOrdinal = (set: StatefulSet): number => getStartOrdinal(set) + setReplicas(set) - 1;
/** Whether pods are managed in parallel (`allowsBurst`). */
export const allowsBurst = (set: StatefulSet): boolean => set.spec?.podManagementPolicy === 'Parallel';
/** Whether the update strategy is OnDelete (default RollingUpdate). */
export const isOnDelete = (set: StatefulSet): boolean => set.spec?.updateStrategy?.type === 'OnDelete';
/** Rolling update partition (0 when RollingUpdate without one; undefined for OnDelete). */
export const partitionOf = (set: StatefulSet): number | undefined =>
  isOnDelete(set) ? undefined : (set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0);

/** `getPodName`: `<set>-<ordinal>`. */
export const getPodName = (set: StatefulSet, ordinal: number): string => `${set.metadata?.name}-${ordinal}`;

/** `getParentNameAndOrdinal`: ordinal from a pod name, or -1. */
export function getOrdinal(pod: Pod): number {
  const name = pod.metadata?.name ?? '';
  const dash = name.lastIndexOf('-');
  const digits = name.slice(dash + 1);
  return dash > 0 && digits.length > 0 && /^\d+$/.test(digits) ? Number(digits) : -1;
}

/** `isMemberOf`: the pod name is `<set>-<n>`. */
export function isMemberOf(set: StatefulSet, pod: Pod): boolean {
  const name = pod.metadata?.name ?? '';
  const prefix = `${set.metadata?.name}-`;
  return name.startsWith(prefix) && getOrdinal(pod) >= 0 && name.lastIndexOf('-') === prefix.length - 1;
}

/** `getPersistentVolumeClaimName`: `<template>-<set>-<ordinal>`. */
export const getClaimName = (set: StatefulSet, template: string, ordinal: number): string => `${template}-${set.metadata?.name}-${ordinal}`;

/** `getPodRevision`: the `controller-revision-hash` label. */
export const getPodRevision = (pod: Pod): string => pod.metadata?.labels?.[REVISION_LABEL] ?? '';

/** `isCreated`: the pod object exists (has a phase). */
export const isCreated = (pod: Pod): boolean => pod.metadata?.uid !== undefined;
/** `isFailed`. */
export const isFailed = (pod: Pod): boolean => pod.status?.phase === 'Failed';
/** `isSucceeded`. */
export const isSucceeded = (pod: Pod): boolean => pod.status?.phase === 'Succeeded';
/** `isTerminating`. */
export const isTerminating = (pod: Pod): boolean => pod.metadata?.deletionTimestamp !== undefined;
/** `isRunningAndReady`. */
export const isRunningAndReady = (pod: Pod): boolean => pod.status?.phase === 'Running' && isPodReady(pod);
/** `isRunningAndAvailable`. */
export const isRunningAndAvailable = (pod: Pod, minReadySeconds: number, now: number, parse: (t: string) => number): boolean =>
  pod.status?.phase === 'Running' && isPodAvailable(pod, minReadySeconds, now, parse);
/** `isHealthy`: created, running and ready, not terminating. */
export const isHealthy = (pod: Pod): boolean => isCreated(pod) && isRunningAndReady(pod) && !isTerminating(pod);

/**
 * `getPersistentVolumeClaims`: the claims of one ordinal, from the templates, named
 * `<template>-<set>-<ordinal>` and labelled with the selector's matchLabels.
 */
export function getPersistentVolumeClaims(set: StatefulSetObject, ordinal: number): ClaimObject[] {
  return (set.spec?.volumeClaimTemplates ?? []).map((t) => newClaimFromTemplate(set, t, ordinal));
}

/** The claim names of one ordinal, without building the claims (cheap; for existence checks). */
export function getClaimNames(set: StatefulSetObject, ordinal: number): string[] {
  return (set.spec?.volumeClaimTemplates ?? []).map((t) => getClaimName(set, t.metadata?.name ?? '', ordinal));
}

/** One claim of `ordinal` from one template. */
export function newClaimFromTemplate(
  set: StatefulSetObject,
  t: NonNullable<NonNullable<StatefulSetObject['spec']>['volumeClaimTemplates']>[number],
  ordinal: number,
): ClaimObject {
  const match = set.spec?.selector?.matchLabels ?? {};
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: getClaimName(set, t.metadata?.name ?? '', ordinal),
      namespace: set.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}), ...match },
      ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
    },
    spec: cloneData(t.spec ?? {}),
  };
}

/** `updateStorage`: the pod mounts its claims under the template names; other volumes follow. */
function storageVolumes(set: StatefulSetObject, ordinal: number, current: readonly Volume[]): Volume[] {
  const templates = (set.spec?.volumeClaimTemplates ?? []).map((t) => t.metadata?.name ?? '');
  const claims: Volume[] = templates.map((name) => ({
    name,
    persistentVolumeClaim: { claimName: getClaimName(set, name, ordinal) },
  }));
  return [...claims, ...current.filter((v) => !templates.includes(v.name))];
}

/** `newStatefulSetPod`: identity (name, hostname, subdomain, labels) and storage for `ordinal`. */
export function newStatefulSetPod(set: StatefulSetObject, ordinal: number, revision: string): PodObject {
  const pod = getPodFromTemplate(set.spec?.template, set);
  const name = getPodName(set, ordinal);
  const meta = pod.metadata as { name?: string; generateName?: string; labels?: Record<string, string> };
  delete meta.generateName;
  meta.name = name;
  meta.labels = copyOwn(meta.labels, { [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal), [REVISION_LABEL]: revision });
  const spec = pod.spec ?? { containers: [] };
  pod.spec = {
    ...spec,
    hostname: name,
    ...(set.spec?.serviceName ? { subdomain: set.spec.serviceName } : {}),
    volumes: storageVolumes(set, ordinal, spec.volumes ?? []),
  };
  if ((pod.spec.volumes ?? []).length === 0) delete pod.spec.volumes;
  return pod;
}

/** Revision data by stored (frozen) template: a set's template is hashed on every sync. */
const revisionDataCache = new WeakMap<object, Record<string, unknown>>();
/** Hash by revision data and collision count. */
const revisionHashCache = new WeakMap<object, Map<number, string>>();

/** `getPatch`: the revision data, the pod template with `$patch: replace`. */
export function revisionData(set: StatefulSet): Record<string, unknown> {
  const template = set.spec?.template;
  const cacheable = template !== undefined && Object.isFrozen(template);
  const hit = cacheable ? revisionDataCache.get(template) : undefined;
  if (hit) return hit;
  // The stored template is frozen: share it instead of copying (the revision object is frozen too).
  const inner = { ...(template ?? {}), $patch: 'replace' };
  const data = cacheable ? Object.freeze({ spec: Object.freeze({ template: Object.freeze(inner) }) }) : { spec: { template: inner } };
  if (cacheable) revisionDataCache.set(template, data);
  return data;
}

/** `HashControllerRevision`: FNV-32 of the data and the collision count, safe-encoded. */
export function hashControllerRevision(data: unknown, collisionCount: number): string {
  const byCount = typeof data === 'object' && data !== null && Object.isFrozen(data) ? revisionHashCache.get(data) : undefined;
  const hit = byCount?.get(collisionCount);
  if (hit !== undefined) return hit;
  const bytes = new TextEncoder().encode(canonicalJson(data) + String(collisionCount));
  const hash = safeEncodeString(String(fnv32Bytes(bytes)));
  if (typeof data === 'object' && data !== null && Object.isFrozen(data)) {
    const m = byCount ?? new Map<number, string>();
    m.set(collisionCount, hash);
    if (!byCount) revisionHashCache.set(data, m);
  }
  return hash;
}

/** `newRevision`: a ControllerRevision `<set>-<hash>` for the set's current template. */
export function newRevision(set: StatefulSetObject, revision: number, collisionCount: number): RevisionObject {
  const data = revisionData(set);
  const hash = hashControllerRevision(data, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${set.metadata.name}-${hash}`,
      namespace: set.metadata.namespace,
      labels: { ...(set.spec?.template?.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
      ...(set.metadata.annotations ? { annotations: { ...set.metadata.annotations } } : {}),
      ownerReferences: [newControllerRef(set)],
    },
    data,
    revision,
  };
}

/** `ApplyRevision`: the set with the template stored in `revision`. */
export function applyRevision(set: StatefulSetObject, revision: RevisionObject): StatefulSetObject {
  const data = revision.data as { spec?: { template?: Record<string, unknown> } } | undefined;
  const { $patch: _p, ...template } = data?.spec?.template ?? {};
  return { ...set, spec: { ...set.spec!, template: template as PodTemplateSpec } };
}
