/**
 * The tags the EBS CSI driver adds to the volumes and snapshots it creates when it runs with
 * `--k8s-tag-cluster-id` (as the EKS add-on runs it, with the cluster's name).
 * @see ebs-csi pkg/driver/controller.go (CreateVolume, CreateSnapshot: ResourceLifecycleTagPrefix,
 *   ResourceLifecycleOwned, NameTag, KubernetesClusterTag)
 */

/** Tag keys and values of `--k8s-tag-cluster-id`. */
export const CLUSTER_ID_TAG = {
  resourceLifecyclePrefix: 'kubernetes.io/cluster/',
  owned: 'owned',
  name: 'Name',
  kubernetesCluster: 'KubernetesCluster',
} as const;

/**
 * `kubernetes.io/cluster/<id>: owned` and `Name: <id>-dynamic-<name>`, plus
 * `KubernetesCluster: <id>` on volumes; none without a cluster id.
 */
export function clusterIdTags(clusterId: string | undefined, name: string, kind: 'volume' | 'snapshot'): { Key: string; Value: string }[] {
  if (!clusterId) return [];
  const tags: { Key: string; Value: string }[] = [
    { Key: `${CLUSTER_ID_TAG.resourceLifecyclePrefix}${clusterId}`, Value: CLUSTER_ID_TAG.owned },
    { Key: CLUSTER_ID_TAG.name, Value: `${clusterId}-dynamic-${name}` },
  ];
  if (kind === 'volume') tags.push({ Key: CLUSTER_ID_TAG.kubernetesCluster, Value: clusterId });
  return tags;
}

/** The tags with later ones replacing earlier ones of the same key (the driver builds a map). */
export function mergeTags(tags: readonly { Key: string; Value: string }[]): { Key: string; Value: string }[] {
  const byKey = new Map<string, string>();
  for (const t of tags) byKey.set(t.Key, t.Value);
  return [...byKey].map(([Key, Value]) => ({ Key, Value }));
}
