/**
 * Rollout progress: the Progressing condition (ReplicaSetUpdated while pods move,
 * NewReplicaSetAvailable when complete, ProgressDeadlineExceeded after
 * `progressDeadlineSeconds` without progress) and when to look again.
 * @see kubernetes pkg/controller/deployment/progress.go, util/deployment_util.go (DeploymentTimedOut)
 */
import type { DeploymentCondition, DeploymentStatus } from 'kubernetes-types/apps/v1';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import { DeploymentConditionReasons as R } from '../events.js';
import { REPLICA_FAILURE } from '../replicaset/replica-set-sync.js';
import * as u from './deployment-util.js';
import { calculateStatus, liveDeployment, updateDeploymentStatus } from './sync.js';

type D = u.DeploymentObject;
type RS = u.RsObject;

/** `ReplicaSet %q has successfully progressed.` */
export const progressedMessage = (rs: string): string => `ReplicaSet "${rs}" has successfully progressed.`;
/** `ReplicaSet %q is progressing.` */
export const progressingMessage = (rs: string): string => `ReplicaSet "${rs}" is progressing.`;
/** `ReplicaSet %q has timed out progressing.` */
export const timedOutMessage = (rs: string): string => `ReplicaSet "${rs}" has timed out progressing.`;

/** `DeploymentTimedOut`: no progress for longer than the deadline (strictly). */
export function deploymentTimedOut(core: CoreCluster, d: D, s: DeploymentStatus): boolean {
  if (!u.hasProgressDeadline(d)) return false;
  const c = u.getCondition(s, 'Progressing');
  if (!c || c.reason === R.NewReplicaSetAvailable) return false;
  if (c.reason === R.ProgressDeadlineExceeded) return true;
  const from = core.clock.parse(c.lastUpdateTime ?? '');
  return from + u.progressDeadlineSeconds(d) * 1000 < core.clock.now();
}

/** `syncRolloutStatus`: status plus the Progressing condition. */
export function syncRolloutStatus(core: CoreCluster, allRSs: readonly (RS | undefined)[], newRS: RS | undefined, dIn: D): void {
  const d = liveDeployment(core, dIn);
  const s = calculateStatus(core, allRSs, newRS, d);
  if (!u.hasProgressDeadline(d)) u.removeCondition(s, 'Progressing');
  const cur = u.getCondition(d.status, 'Progressing');
  const complete = (s.replicas ?? 0) === (s.updatedReplicas ?? 0) && cur?.reason === R.NewReplicaSetAvailable;
  const name = newRS?.metadata.name ?? '';
  const now = core.clock.rfc3339();
  if (u.hasProgressDeadline(d) && !complete) {
    if (u.deploymentComplete(d, s)) {
      u.setCondition(s, u.newCondition('Progressing', 'True', R.NewReplicaSetAvailable, progressedMessage(name), now));
    } else if (u.deploymentProgressing(d, s)) {
      const c = u.newCondition('Progressing', 'True', R.ReplicaSetUpdated, progressingMessage(name), now);
      if (cur?.status === 'True') c.lastTransitionTime = cur.lastTransitionTime;
      u.removeCondition(s, 'Progressing');
      s.conditions = [...(s.conditions ?? []), c];
    } else if (deploymentTimedOut(core, d, s)) {
      u.setCondition(s, u.newCondition('Progressing', 'False', R.ProgressDeadlineExceeded, timedOutMessage(name), now));
    }
  }
  // The replica sets' ReplicaFailure (the new one's first) becomes the deployment's.
  const failure = replicaFailure(newRS) ?? allRSs.map(replicaFailure).find((c) => c !== undefined);
  if (failure) u.setCondition(s, failure);
  else u.removeCondition(s, REPLICA_FAILURE);
  updateDeploymentStatus(core, d, s);
}

/** `getReplicaFailures` of one set: its ReplicaFailure condition as a deployment condition (`ReplicaSetToDeploymentCondition`). */
function replicaFailure(rs: RS | undefined): DeploymentCondition | undefined {
  const c = rs?.status?.conditions?.find((x) => x.type === REPLICA_FAILURE);
  if (!c) return undefined;
  const at = c.lastTransitionTime ?? '';
  return { type: c.type, status: c.status as 'True' | 'False', lastUpdateTime: at, lastTransitionTime: at, reason: c.reason ?? '', message: c.message ?? '' };
}

/** `requeueStuckDeployment`: ms until the deadline check is due, or undefined. */
export function stuckRequeueMs(core: CoreCluster, d: D): number | undefined {
  const c = u.getCondition(d.status, 'Progressing');
  if (!u.hasProgressDeadline(d) || !c) return undefined;
  if (u.deploymentComplete(d, d.status ?? {}) || c.reason === R.ProgressDeadlineExceeded || c.reason === R.NewReplicaSetAvailable) return undefined;
  const after = core.clock.parse(c.lastUpdateTime ?? '') + u.progressDeadlineSeconds(d) * 1000 - core.clock.now();
  return after < 1000 ? 1000 : after + 1000;
}
