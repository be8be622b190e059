/**
 * Recreate: scale every old ReplicaSet to 0, wait until no old pod is left running (Terminating
 * pods count: they are still running until the kubelet confirms), then scale the new one up.
 * @see kubernetes pkg/controller/deployment/recreate.go
 */
import type { CoreCluster } from '../../cluster/core-cluster.js';
import { ownedBy } from '../replicaset/controller-ref-manager.js';
import type { PodObject } from '../replicaset/controller-utils.js';
import * as u from './deployment-util.js';
import { syncRolloutStatus } from './progress.js';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSet } from './sync.js';

type D = u.DeploymentObject;
type RS = u.RsObject;

/** `oldPodsRunning`: an old ReplicaSet still reports pods, or has a pod not Failed/Succeeded. */
export function oldPodsRunning(core: CoreCluster, oldRSs: readonly RS[]): boolean {
  if (u.actualReplicas(oldRSs) > 0) return true;
  for (const rs of oldRSs) {
    for (const pod of ownedBy<PodObject>(core.store, 'Pod', rs)) {
      const phase = pod.status?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}

/** `rolloutRecreate`: one step of a Recreate rollout. */
export function rolloutRecreate(core: CoreCluster, dIn: D, rsList: readonly RS[]): void {
  let { newRS, oldRSs, d } = getAllReplicaSetsAndSyncRevision(core, dIn, rsList, false);
  const get = (rs: RS) => core.store.get<RS>('ReplicaSet', rs.metadata.namespace, rs.metadata.name ?? '') ?? rs;
  let scaledDown = false;
  for (const rs of oldRSs) if (u.replicasOf(rs) > 0 && scaleReplicaSet(core, rs, 0, d)) scaledDown = true;
  if (scaledDown || oldPodsRunning(core, oldRSs)) {
    const all = [...oldRSs.map(get), newRS && get(newRS)];
    syncRolloutStatus(core, all, newRS && get(newRS), d);
    return;
  }
  if (!newRS) ({ newRS, oldRSs, d } = getAllReplicaSetsAndSyncRevision(core, d, rsList, true));
  if (!newRS) return;
  if (u.replicasOf(newRS) !== u.replicasOf(d) && scaleReplicaSet(core, newRS, u.replicasOf(d), d)) {
    syncRolloutStatus(core, [...oldRSs, get(newRS)], get(newRS), d);
    return;
  }
  if (u.deploymentComplete(d, d.status ?? {})) cleanupDeployment(core, oldRSs, d);
  syncRolloutStatus(core, [...oldRSs, newRS], newRS, d);
}
