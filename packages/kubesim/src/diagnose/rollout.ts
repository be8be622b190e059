/**
 * The rollout link of a Multi-Attach chain: when the pod holding the volume belongs to an older
 * ReplicaSet of the same Deployment and the Deployment rolls with RollingUpdate, the old pod is
 * kept until the new one is Ready — which it never becomes (the rollout deadlock).
 * @see kubernetes pkg/controller/deployment/rolling.go (reconcileOldReplicaSets: maxUnavailable)
 */
import type { CoreCluster, KubeObject } from '@kubesim/core';
import type { Pod } from 'kubernetes-types/core/v1';

function replicaSetOf(p: Pod): string | undefined {
  return p.metadata?.ownerReferences?.find((r) => r.kind === 'ReplicaSet' && r.controller)?.name;
}

function deploymentOf(core: CoreCluster, ns: string, rsName: string): (KubeObject & { spec?: { strategy?: { type?: string } } }) | undefined {
  const rs = core.store.get('ReplicaSet', ns, rsName);
  const owner = rs?.metadata.ownerReferences?.find((r) => r.kind === 'Deployment' && r.controller);
  return owner ? core.store.get('Deployment', ns, owner.name) : undefined;
}

/** The rollout link, if the holder is an old-ReplicaSet pod of the same RollingUpdate Deployment. */
export function rolloutLink(core: CoreCluster, stuck: Pod, holders: readonly Pod[]): string | undefined {
  const ns = stuck.metadata?.namespace ?? 'default';
  const mine = replicaSetOf(stuck);
  if (!mine) return undefined;
  const d = deploymentOf(core, ns, mine);
  if (!d || (d.spec?.strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return undefined;
  const old = holders.find((h) => {
    const rs = replicaSetOf(h);
    return rs && rs !== mine && deploymentOf(core, ns, rs)?.metadata.uid === d.metadata.uid;
  });
  if (!old) return undefined;
  return `deployment ${d.metadata.name} (RollingUpdate) keeps ${old.metadata?.name} of the old ReplicaSet ${replicaSetOf(old)} until this pod is Ready: the rollout never completes`;
}
