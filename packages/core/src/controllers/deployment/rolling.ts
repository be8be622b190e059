/**
 * RollingUpdate: scale the new ReplicaSet up within maxSurge, then the old ones down within
 * maxUnavailable (unhealthy old pods first), so with one replica the new pod starts before the
 * old one is deleted.
 * @see kubernetes pkg/controller/deployment/rolling.go
 */
import type { CoreCluster } from '../../cluster/core-cluster.js';
import * as u from './deployment-util.js';
import { syncRolloutStatus } from './progress.js';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, newRSNewReplicas, scaleReplicaSet } from './sync.js';

type D = u.DeploymentObject;
type RS = u.RsObject;

/** `reconcileNewReplicaSet`: whether the new ReplicaSet was scaled. */
function reconcileNewReplicaSet(core: CoreCluster, allRSs: RS[], newRS: RS, d: D): boolean {
  const want = u.replicasOf(d);
  if (u.replicasOf(newRS) === want) return false;
  if (u.replicasOf(newRS) > want) return scaleReplicaSet(core, newRS, want, d);
  return scaleReplicaSet(core, newRS, newRSNewReplicas(d, allRSs, newRS), d);
}

/** `cleanupUnhealthyReplicas`: scales old ReplicaSets down by their unavailable pods first. */
function cleanupUnhealthyReplicas(core: CoreCluster, oldRSs: RS[], d: D, maxCleanup: number): number {
  let total = 0;
  for (const rs of [...oldRSs].sort(u.byCreation)) {
    if (total >= maxCleanup) break;
    const size = u.replicasOf(rs);
    const avail = rs.status?.availableReplicas ?? 0;
    if (size === 0 || size === avail) continue;
    const down = Math.min(maxCleanup - total, size - avail);
    scaleReplicaSet(core, rs, size - down, d);
    total += down;
  }
  return total;
}

/** `scaleDownOldReplicaSetsForRollingUpdate`: keeps at least replicas − maxUnavailable available. */
function scaleDownOldForRollingUpdate(core: CoreCluster, allRSs: RS[], oldRSs: RS[], d: D): number {
  const minAvailable = u.replicasOf(d) - u.maxUnavailable(d);
  const available = u.availableReplicas(allRSs);
  if (available <= minAvailable) return 0;
  const toScale = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(u.byCreation)) {
    if (total >= toScale) break;
    const size = u.replicasOf(rs);
    if (size === 0) continue;
    const down = Math.min(size, toScale - total);
    scaleReplicaSet(core, rs, size - down, d);
    total += down;
  }
  return total;
}

/** `reconcileOldReplicaSets`: whether any old ReplicaSet was scaled down. */
function reconcileOldReplicaSets(core: CoreCluster, allRSs: RS[], oldRSs: RS[], newRS: RS, d: D): boolean {
  if (u.specReplicas(oldRSs) === 0) return false;
  const minAvailable = u.replicasOf(d) - u.maxUnavailable(d);
  const newUnavailable = u.replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = u.specReplicas(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = cleanupUnhealthyReplicas(core, oldRSs, d, maxScaledDown);
  const fresh = oldRSs.map((rs) => core.store.get<RS>('ReplicaSet', rs.metadata.namespace, rs.metadata.name ?? '') ?? rs);
  const scaled = scaleDownOldForRollingUpdate(core, [...fresh, newRS], fresh, d);
  return cleaned + scaled > 0;
}

/** `rolloutRolling`: one step of a rolling update. */
export function rolloutRolling(core: CoreCluster, dIn: D, rsList: readonly RS[]): void {
  const { newRS, oldRSs, d } = getAllReplicaSetsAndSyncRevision(core, dIn, rsList, true);
  if (!newRS) return;
  const allRSs = [...oldRSs, newRS];
  const reread = () => {
    const get = (rs: RS) => core.store.get<RS>('ReplicaSet', rs.metadata.namespace, rs.metadata.name ?? '') ?? rs;
    return { n: get(newRS), o: oldRSs.map(get) };
  };
  if (reconcileNewReplicaSet(core, allRSs, newRS, d)) {
    const { n, o } = reread();
    syncRolloutStatus(core, [...o, n], n, d);
    return;
  }
  const activeOld = oldRSs.filter((rs) => u.replicasOf(rs) > 0);
  if (reconcileOldReplicaSets(core, allRSs, activeOld, newRS, d)) {
    const { n, o } = reread();
    syncRolloutStatus(core, [...o, n], n, d);
    return;
  }
  if (u.deploymentComplete(d, d.status ?? {})) cleanupDeployment(core, oldRSs, d);
  syncRolloutStatus(core, allRSs, newRS, d);
}
