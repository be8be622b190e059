/**
 * With the EKS aws-ebs-csi-driver add-on the driver runs with `--k8s-tag-cluster-id=<cluster>`:
 * the volumes and snapshots it creates carry the cluster's tags (`kubernetes.io/cluster/<name>`,
 * `Name: <name>-dynamic-…`, and `KubernetesCluster` on volumes); a class's own tags win. Without
 * the add-on (the driver without a cluster id) they do not.
 */
import { describe, expect, it } from 'vitest';
import { type Cluster, createCluster } from 'kubesim';
import { applyYaml, claim, GP3_WFFC_CLASS, kubectlOk, podWithClaim, pvOfClaim, storageClass, volumeIdOfPv } from './helpers.js';

const CLASS = `${GP3_WFFC_CLASS}---\n${storageClass('named', 'ebs.csi.aws.com', { binding: 'WaitForFirstConsumer', parameters: { type: 'gp3', tagSpecification_1: 'Name=my-volume' } })}`;

/** The tags of the volume behind claim `name`, as `aws ec2 describe-volumes` lists them. */
function volumeTags(cluster: Cluster, name: string): Record<string, string> {
  const id = volumeIdOfPv(pvOfClaim(cluster, name));
  const tags = JSON.parse(cluster.aws(`ec2 describe-volumes --volume-ids ${id} --query Volumes[0].Tags`).stdout) as { Key: string; Value: string }[];
  return Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
}

function provision(cluster: Cluster, className: string): void {
  applyYaml(cluster, claim('data', className));
  applyYaml(cluster, podWithClaim('app', 'data'));
  kubectlOk(cluster, 'wait --for=condition=Ready pod/app --timeout=5m');
}

describe('the EBS CSI driver tags what it creates with the cluster id the EKS add-on passes it', () => {
  it('a volume: kubernetes.io/cluster/<name>, Name and KubernetesCluster besides the driver tags', () => {
    const cluster = createCluster({ seed: 4, name: 'shop', addons: ['aws-ebs-csi-driver'] });
    applyYaml(cluster, CLASS);
    provision(cluster, 'gp3');
    const pv = pvOfClaim(cluster, 'data').metadata.name;
    expect(volumeTags(cluster, 'data')).toEqual({
      CSIVolumeName: pv,
      'ebs.csi.aws.com/cluster': 'true',
      'kubernetes.io/cluster/shop': 'owned',
      Name: `shop-dynamic-${pv}`,
      KubernetesCluster: 'shop',
      'kubernetes.io/created-for/pv/name': pv,
      'kubernetes.io/created-for/pvc/name': 'data',
      'kubernetes.io/created-for/pvc/namespace': 'default',
    });
    // The tags find the cluster's volumes, as EKS users filter them.
    expect(cluster.aws('ec2 describe-volumes --filters Name=tag:kubernetes.io/cluster/shop,Values=owned --query length(Volumes)').stdout).toBe('1\n');
  });

  it("a class's Name tag replaces the driver's", () => {
    const cluster = createCluster({ seed: 4, name: 'shop', addons: ['aws-ebs-csi-driver'] });
    applyYaml(cluster, CLASS);
    provision(cluster, 'named');
    expect(volumeTags(cluster, 'data')).toMatchObject({ Name: 'my-volume', KubernetesCluster: 'shop' });
  });

  it('a snapshot: kubernetes.io/cluster/<name> and Name, not KubernetesCluster', () => {
    const cluster = createCluster({ seed: 4, name: 'shop', addons: ['aws-ebs-csi-driver', 'snapshot-controller'] });
    applyYaml(cluster, CLASS);
    provision(cluster, 'gp3');
    applyYaml(
      cluster,
      'apiVersion: snapshot.storage.k8s.io/v1\nkind: VolumeSnapshotClass\nmetadata:\n  name: ebs\ndriver: ebs.csi.aws.com\ndeletionPolicy: Delete\n---\napiVersion: snapshot.storage.k8s.io/v1\nkind: VolumeSnapshot\nmetadata:\n  name: snap\nspec:\n  volumeSnapshotClassName: ebs\n  source:\n    persistentVolumeClaimName: data\n',
    );
    kubectlOk(cluster, 'wait --for=jsonpath={.status.readyToUse}=true volumesnapshot/snap --timeout=10m');
    const uid = kubectlOk(cluster, 'get volumesnapshot snap -o jsonpath={.metadata.uid}');
    const tags = JSON.parse(cluster.aws('ec2 describe-snapshots --query Snapshots[0].Tags').stdout);
    expect(tags).toEqual([
      { Key: 'CSIVolumeSnapshotName', Value: `snapshot-${uid}` },
      { Key: 'ebs.csi.aws.com/cluster', Value: 'true' },
      { Key: 'kubernetes.io/cluster/shop', Value: 'owned' },
      { Key: 'Name', Value: `shop-dynamic-snapshot-${uid}` },
    ]);
  });

  it('without the add-on the driver has no cluster id: no cluster tags', () => {
    const cluster = createCluster({ seed: 4, name: 'shop' });
    applyYaml(cluster, CLASS);
    provision(cluster, 'gp3');
    expect(Object.keys(volumeTags(cluster, 'data')).sort()).toEqual([
      'CSIVolumeName',
      'ebs.csi.aws.com/cluster',
      'kubernetes.io/created-for/pv/name',
      'kubernetes.io/created-for/pvc/name',
      'kubernetes.io/created-for/pvc/namespace',
    ]);
  });
});
