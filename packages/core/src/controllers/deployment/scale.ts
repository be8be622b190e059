/**
 * Scaling a Deployment whose `spec.replicas` changed: the single active ReplicaSet follows, or
 * during a rollout every active ReplicaSet grows or shrinks in proportion to its size.
 * @see kubernetes pkg/controller/deployment/sync.go (scale, isScalingEvent),
 * util/deployment_util.go (FindActiveOrLatest, IsSaturated, GetProportion)
 */
import type { CoreCluster } from '../../cluster/core-cluster.js';
import * as u from './deployment-util.js';
import { scaleReplicaSet } from './sync.js';

type D = u.DeploymentObject;
type RS = u.RsObject;

const isActive = (rs: RS | undefined): rs is RS => !!rs && u.replicasOf(rs) > 0;

/** `isScalingEvent`: an active ReplicaSet's desired-replicas annotation differs from the Deployment. */
export function isScalingEvent(d: D, rss: readonly (RS | undefined)[]): boolean {
  for (const rs of rss) {
    if (!isActive(rs)) continue;
    const desired = rs.metadata.annotations?.[u.DESIRED_REPLICAS_ANNOTATION];
    if (desired !== undefined && Number(desired) !== u.replicasOf(d)) return true;
  }
  return false;
}

/** `FindActiveOrLatest`: the only active ReplicaSet, or the newest when none is active. */
function findActiveOrLatest(newRS: RS | undefined, oldRSs: readonly RS[]): RS | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => u.byCreation(b, a));
  const active = [...newestFirst, newRS].filter(isActive);
  if (active.length === 0) return newRS ?? newestFirst[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/** `IsSaturated`: the new ReplicaSet has all desired pods available. */
function isSaturated(d: D, rs: RS | undefined): boolean {
  if (!rs) return false;
  const desired = Number(rs.metadata.annotations?.[u.DESIRED_REPLICAS_ANNOTATION]);
  const r = u.replicasOf(d);
  return u.replicasOf(rs) === r && desired === r && (rs.status?.availableReplicas ?? 0) === r;
}

/** `getReplicaSetFraction`. */
function fraction(rs: RS, d: D): number {
  if (u.replicasOf(d) === 0) return -u.replicasOf(rs);
  const deploymentReplicas = u.replicasOf(d) + u.maxSurge(d);
  const annotated = Number(rs.metadata.annotations?.[u.MAX_REPLICAS_ANNOTATION] ?? d.status?.replicas ?? 0);
  const size = (u.replicasOf(rs) * deploymentReplicas) / (annotated || 1);
  return Math.round(size) - u.replicasOf(rs);
}

/** `GetProportion`. */
function proportion(rs: RS, d: D, toAdd: number, added: number): number {
  if (u.replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const f = fraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(f, allowed) : Math.max(f, allowed);
}

/** `scale`: scales the ReplicaSets of a Deployment after a change of `spec.replicas`. */
export function scale(core: CoreCluster, d: D, newRS: RS | undefined, oldRSs: readonly RS[]): void {
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (u.replicasOf(activeOrLatest) !== u.replicasOf(d)) scaleReplicaSet(core, activeOrLatest, u.replicasOf(d), d);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const rs of oldRSs.filter(isActive)) scaleReplicaSet(core, rs, 0, d);
    return;
  }
  if (u.isRecreate(d)) return;
  const all = [...oldRSs, newRS].filter(isActive);
  const allowed = u.replicasOf(d) > 0 ? u.replicasOf(d) + u.maxSurge(d) : 0;
  const toAdd = allowed - u.specReplicas(all);
  // ReplicaSetsBySizeNewer when growing, BySizeOlder when shrinking: larger first.
  all.sort((a, b) => u.replicasOf(b) - u.replicasOf(a) || (toAdd > 0 ? u.byCreation(b, a) : u.byCreation(a, b)));
  const sizes = new Map<string, number>();
  let added = 0;
  for (const rs of all) {
    const p = toAdd !== 0 ? proportion(rs, d, toAdd, added) : 0;
    sizes.set(rs.metadata.name ?? '', u.replicasOf(rs) + p);
    added += p;
  }
  if (toAdd !== 0 && all.length > 0) {
    const first = all[0].metadata.name ?? '';
    sizes.set(first, Math.max(0, (sizes.get(first) ?? 0) + toAdd - added));
  }
  for (const rs of all) scaleReplicaSet(core, rs, sizes.get(rs.metadata.name ?? '') ?? u.replicasOf(rs), d);
}
