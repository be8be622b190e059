/**
 * Deployment writes and shared sync steps: find or create the new ReplicaSet (with revision
 * annotations and the collision count), scale ReplicaSets with `ScalingReplicaSet` events,
 * proportional scaling, history cleanup, and status.
 * @see kubernetes pkg/controller/deployment/sync.go
 */
import type { DeploymentStatus } from 'kubernetes-types/apps/v1';
import { deepEqual } from '../../api/merge-patch.js';
import { newControllerRef } from '../../api/object.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import { isStatusError } from '../../api/errors.js';
import { DeploymentConditionReasons as R, WorkloadComponents, WorkloadReasons } from '../events.js';
import * as u from './deployment-util.js';
import { cloneData } from '../../api/clone.js';
import { omitZero } from '../../api/omit-empty.js';

type D = u.DeploymentObject;
type RS = u.RsObject;

/** `Scaled %s replica set %s from %d to %d` (1.31+ wording, PR kubernetes#125118). */
export const scalingMessage = (op: 'up' | 'down', name: string, from: number, to: number): string =>
  `Scaled ${op} replica set ${name} from ${from} to ${to}`;
/** Progressing messages (sync.go / progress.go). */
export const createdNewRsMessage = (name: string): string => `Created new replica set "${name}"`;
export const foundNewRsMessage = (name: string): string => `Found new replica set "${name}"`;

/** Current Deployment from the store (writes replace it). */
export const liveDeployment = (core: CoreCluster, d: D): D => core.store.get<D>('Deployment', d.metadata.namespace, d.metadata.name ?? '') ?? d;

/** Writes `status` (and optionally the revision annotation) of a Deployment when changed. */
export function updateDeploymentStatus(core: CoreCluster, d: D, status: DeploymentStatus, revision?: string): D {
  const sameRev = revision === undefined || d.metadata.annotations?.[u.REVISION_ANNOTATION] === revision;
  // updateStatus writes nothing (and gives back the stored object) when the status is unchanged.
  if (sameRev) return core.api.updateStatus<D>('Deployment', d.metadata.namespace, d.metadata.name ?? '', status);
  return core.api.updateWith<D>('Deployment', d.metadata.namespace, d.metadata.name ?? '', (draft) => {
    draft.status = cloneData(status);
    if (!sameRev) draft.metadata.annotations = { ...draft.metadata.annotations, [u.REVISION_ANNOTATION]: revision as string };
  });
}

/**
 * `scaleReplicaSet`: sets `spec.replicas` and the desired/max-replicas annotations; records
 * `ScalingReplicaSet` when the size changed. Returns whether the size changed.
 */
export function scaleReplicaSet(core: CoreCluster, rs: RS, newScale: number, d: D): boolean {
  const old = u.replicasOf(rs);
  const desired = String(u.replicasOf(d));
  const max = String(u.replicasOf(d) + u.maxSurge(d));
  const ann = rs.metadata.annotations ?? {};
  const sizeChanged = old !== newScale;
  if (!sizeChanged && ann[u.DESIRED_REPLICAS_ANNOTATION] === desired && ann[u.MAX_REPLICAS_ANNOTATION] === max) return false;
  core.api.updateWith<RS>('ReplicaSet', rs.metadata.namespace, rs.metadata.name ?? '', (draft) => {
    draft.spec = { ...draft.spec!, replicas: newScale };
    draft.metadata.annotations = { ...draft.metadata.annotations, [u.DESIRED_REPLICAS_ANNOTATION]: desired, [u.MAX_REPLICAS_ANNOTATION]: max };
  });
  if (sizeChanged) {
    const op = old < newScale ? 'up' : 'down';
    core.recorder.event(d, 'Normal', WorkloadReasons.ScalingReplicaSet, scalingMessage(op, rs.metadata.name ?? '', old, newScale), WorkloadComponents.deployment);
  }
  return sizeChanged;
}

/** `NewRSNewReplicas`: how many replicas the new ReplicaSet may have now. */
export function newRSNewReplicas(d: D, allRSs: readonly (RS | undefined)[], newRS: RS | undefined, newSize = newRS ? u.replicasOf(newRS) : 0): number {
  if (u.isRecreate(d)) return u.replicasOf(d);
  const current = u.specReplicas(allRSs);
  const maxTotal = u.replicasOf(d) + u.maxSurge(d);
  if (current >= maxTotal) return newSize;
  return newSize + Math.min(maxTotal - current, u.replicasOf(d) - newSize);
}

/** New and old ReplicaSets of a Deployment, after syncing the revision annotations. */
export interface RsSplit {
  readonly newRS: RS | undefined;
  readonly oldRSs: RS[];
  readonly d: D;
}

/** `getAllReplicaSetsAndSyncRevision`. */
export function getAllReplicaSetsAndSyncRevision(core: CoreCluster, d: D, rsList: readonly RS[], create: boolean): RsSplit {
  const found = u.findNewReplicaSet(d, rsList);
  const oldRSs = rsList.filter((rs) => rs !== found);
  const res = getNewReplicaSet(core, d, found, oldRSs, create);
  return { newRS: res.rs, oldRSs, d: res.d };
}

function getNewReplicaSet(core: CoreCluster, d: D, existing: RS | undefined, oldRSs: RS[], create: boolean): { rs?: RS; d: D } {
  const newRevision = u.maxRevision(oldRSs) + 1;
  const now = core.clock.rfc3339();
  if (existing) {
    const rs = syncExistingRevision(core, d, existing, newRevision);
    const status = cloneData(d.status ?? {});
    if (u.hasProgressDeadline(d) && !u.getCondition(status, 'Progressing')) {
      u.setCondition(status, u.newCondition('Progressing', 'True', R.FoundNewReplicaSet, foundNewRsMessage(rs.metadata.name ?? ''), now));
    }
    return { rs, d: updateDeploymentStatus(core, d, status, String(u.revisionOf(rs))) };
  }
  if (!create) return { d };
  return createNewReplicaSet(core, d, oldRSs, newRevision);
}

function syncExistingRevision(core: CoreCluster, d: D, rs: RS, newRevision: number): RS {
  const oldRev = u.revisionOf(rs);
  const ann: Record<string, string> = { ...(rs.metadata.annotations ?? {}), ...u.copiedAnnotations(d) };
  if (oldRev < newRevision) {
    ann[u.REVISION_ANNOTATION] = String(newRevision);
    if (rs.metadata.annotations?.[u.REVISION_ANNOTATION]) {
      const hist = ann[u.REVISION_HISTORY_ANNOTATION];
      ann[u.REVISION_HISTORY_ANNOTATION] = hist ? `${hist},${oldRev}` : String(oldRev);
    }
  }
  const minReady = d.spec?.minReadySeconds;
  if (deepEqual(ann, rs.metadata.annotations ?? {}) && rs.spec?.minReadySeconds === minReady) return rs;
  return core.api.updateWith<RS>('ReplicaSet', rs.metadata.namespace, rs.metadata.name ?? '', (draft) => {
    draft.metadata.annotations = ann;
    if (minReady === undefined) delete draft.spec!.minReadySeconds;
    else draft.spec!.minReadySeconds = minReady;
  });
}

function createNewReplicaSet(core: CoreCluster, d: D, oldRSs: RS[], newRevision: number): { rs?: RS; d: D } {
  const hash = u.computeHash(d.spec?.template, d.status?.collisionCount);
  const template = cloneData(d.spec!.template);
  const labels = { ...(template.metadata?.labels ?? {}), [u.POD_TEMPLATE_HASH_LABEL]: hash };
  template.metadata = { ...template.metadata, labels };
  const selector = cloneData(d.spec!.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [u.POD_TEMPLATE_HASH_LABEL]: hash };
  const name = `${d.metadata.name}-${hash}`;
  const draft: RS = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: d.metadata.namespace,
      labels,
      annotations: {
        ...u.copiedAnnotations(d),
        [u.REVISION_ANNOTATION]: String(newRevision),
        [u.DESIRED_REPLICAS_ANNOTATION]: String(u.replicasOf(d)),
        [u.MAX_REPLICAS_ANNOTATION]: String(u.replicasOf(d) + u.maxSurge(d)),
      },
      ownerReferences: [newControllerRef(d)],
    },
    spec: { replicas: 0, selector, template, ...(d.spec?.minReadySeconds !== undefined ? { minReadySeconds: d.spec.minReadySeconds } : {}) },
  };
  const replicas = newRSNewReplicas(d, [...oldRSs, draft], draft, 0);
  draft.spec!.replicas = replicas;
  let created: RS;
  try {
    created = core.api.create<RS>(draft);
  } catch (e) {
    if (!isStatusError(e) || e.reason !== 'AlreadyExists') throw e;
    return handleCollision(core, d, name);
  }
  if (replicas > 0) {
    core.recorder.event(d, 'Normal', WorkloadReasons.ScalingReplicaSet, scalingMessage('up', name, 0, replicas), WorkloadComponents.deployment);
  }
  const status = cloneData(d.status ?? {});
  if (u.hasProgressDeadline(d)) {
    u.setCondition(status, u.newCondition('Progressing', 'True', R.NewReplicaSetCreated, createdNewRsMessage(name), core.clock.rfc3339()));
  }
  return { rs: created, d: updateDeploymentStatus(core, d, status, String(newRevision)) };
}

/** A ReplicaSet named like the new one exists: reuse it if it is ours and equal, else bump collisionCount. */
function handleCollision(core: CoreCluster, d: D, name: string): { rs?: RS; d: D } {
  const rs = core.store.get<RS>('ReplicaSet', d.metadata.namespace, name);
  const ours = rs?.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid);
  if (rs && ours && u.equalIgnoreHash(rs.spec?.template, d.spec?.template)) return { rs, d };
  const status = { ...cloneData(d.status ?? {}), collisionCount: (d.status?.collisionCount ?? 0) + 1 };
  updateDeploymentStatus(core, d, status);
  throw new Error(`hash collision for ReplicaSet ${name}; collisionCount is now ${status.collisionCount}`);
}

/** `calculateStatus`: counts over all ReplicaSets and the Available condition. */
export function calculateStatus(core: CoreCluster, allRSs: readonly (RS | undefined)[], newRS: RS | undefined, d: D): DeploymentStatus {
  const available = u.availableReplicas(allRSs);
  const total = u.specReplicas(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: u.actualReplicas(allRSs),
    updatedReplicas: u.actualReplicas([newRS]),
    readyReplicas: u.readyReplicas(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
  };
  omitZero(status, ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']);
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (d.status?.conditions) status.conditions = cloneData(d.status.conditions);
  const now = core.clock.rfc3339();
  if (available >= u.replicasOf(d) - u.maxUnavailable(d)) {
    u.setCondition(status, u.newCondition('Available', 'True', R.MinimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    u.setCondition(status, u.newCondition('Available', 'False', R.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** `syncDeploymentStatus`: recomputes and writes status. */
export function syncDeploymentStatus(core: CoreCluster, allRSs: readonly (RS | undefined)[], newRS: RS | undefined, d: D): void {
  updateDeploymentStatus(core, d, calculateStatus(core, allRSs, newRS, d));
}

/** `cleanupDeployment`: deletes the oldest idle ReplicaSets beyond `revisionHistoryLimit`. */
export function cleanupDeployment(core: CoreCluster, oldRSs: readonly RS[], d: D): void {
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - u.revisionHistoryLimit(d);
  if (diff <= 0) return;
  cleanable.sort((a, b) => u.revisionOf(a) - u.revisionOf(b) || u.byCreation(a, b));
  for (const rs of cleanable.slice(0, diff)) {
    const busy = (rs.status?.replicas ?? 0) !== 0 || u.replicasOf(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0);
    if (busy) continue;
    core.api.delete('ReplicaSet', rs.metadata.namespace, rs.metadata.name ?? '');
  }
}
