/**
 * A claim's `dataSource` as the external-provisioner checks it before it asks the EBS CSI driver
 * for a volume: the driver cannot clone a claim (no CLONE_VOLUME capability), a VolumeSnapshot
 * must be of the snapshot API group, and any other kind is left to a volume populator. Such
 * claims stay Pending with the provisioner's events; none gets an empty volume instead.
 */
import { describe, expect, it } from 'vitest';
import { type Cluster, createCluster } from 'kubesim';
import { applyYaml, claim, kubectlOk } from './helpers.js';

function cluster(): Cluster {
  const c = createCluster({ seed: 13, zones: ['us-east-1a'], nodes: [{ zone: 'us-east-1a', count: 1 }] });
  applyYaml(c, 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: gp3\nprovisioner: ebs.csi.aws.com\nvolumeBindingMode: Immediate\n');
  applyYaml(c, 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: source\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: gp3\n  resources: { requests: { storage: 1Gi } }\n');
  c.advance('1m');
  return c;
}

function claimFrom(name: string, dataSource: string): string {
  return claim(name, 'gp3', 'ReadWriteOnce', { dataSource });
}

function messages(c: Cluster, name: string, reason: string): string[] {
  return c.events({ kind: 'PersistentVolumeClaim', name, reason }).map((e) => e.message as string);
}

describe('a claim with a data source the EBS CSI driver cannot fill', () => {
  it('a clone of another claim is refused: the driver reports no CLONE_VOLUME capability', () => {
    const c = cluster();
    const volumesBefore = kubectlOk(c, 'get pv -o name');
    applyYaml(c, claimFrom('copy', '{ kind: PersistentVolumeClaim, name: source }'));
    c.advance('5m');
    expect(kubectlOk(c, 'get pvc copy -o jsonpath={.status.phase}')).toBe('Pending');
    expect(kubectlOk(c, 'get pv -o name')).toBe(volumesBefore);
    expect(messages(c, 'copy', 'ProvisioningFailed')).toEqual([
      'failed to provision volume with StorageClass "gp3": CSI driver does not support clone operations: controller CLONE_VOLUME capability is not reported',
    ]);
    // Retried with backoff: the one Event counts the attempts.
    expect(c.events({ kind: 'PersistentVolumeClaim', name: 'copy', reason: 'ProvisioningFailed' })[0].count).toBeGreaterThan(3);
    // kubectl describe shows the source after the volume mode (the block breaks the alignment, as kubectl's tabwriter does).
    expect(kubectlOk(c, 'describe pvc copy')).toContain('VolumeMode:    Filesystem\nDataSource:\n  Kind:   PersistentVolumeClaim\n  Name:   source\nUsed By:  <none>\n');
  });

  it('a VolumeSnapshot outside the snapshot API group is refused', () => {
    const c = cluster();
    applyYaml(c, claimFrom('restored', '{ kind: VolumeSnapshot, name: snap }'));
    c.advance('1m');
    expect(messages(c, 'restored', 'ProvisioningFailed')[0]).toBe(
      'failed to provision volume with StorageClass "gp3": the PVC source does not belong to the right APIGroup. Expected snapshot.storage.k8s.io, Got ',
    );
    expect(kubectlOk(c, 'get pvc restored -o jsonpath={.status.phase}')).toBe('Pending');
  });

  it('another kind is left to a volume populator, once', () => {
    const c = cluster();
    applyYaml(c, claimFrom('populated', '{ apiGroup: populator.example.com, kind: Dataset, name: d1 }'));
    c.advance('5m');
    expect(messages(c, 'populated', 'Provisioning')).toEqual([
      'External provisioner is provisioning volume for claim "default/populated"',
      'Assuming an external populator will provision the volume',
    ]);
    expect(messages(c, 'populated', 'ProvisioningFailed')).toEqual([]);
    expect(kubectlOk(c, 'describe pvc populated')).toContain('DataSource:\n  APIGroup:  populator.example.com\n  Kind:      Dataset\n  Name:      d1\n');
  });

  it('a snapshot restore on the EFS driver, which takes no snapshots, is refused', () => {
    const c = cluster();
    applyYaml(c, 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: efs\nprovisioner: efs.csi.aws.com\nparameters:\n  provisioningMode: efs-ap\n');
    applyYaml(
      c,
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: shared\nspec:\n  accessModes: [ReadWriteMany]\n  storageClassName: efs\n  dataSource: { apiGroup: snapshot.storage.k8s.io, kind: VolumeSnapshot, name: snap }\n  resources: { requests: { storage: 1Gi } }\n',
    );
    c.advance('1m');
    expect(messages(c, 'shared', 'ProvisioningFailed')).toEqual([
      'failed to provision volume with StorageClass "efs": CSI driver does not support snapshot restore: controller CREATE_DELETE_SNAPSHOT capability is not reported',
    ]);
    expect(kubectlOk(c, 'get pvc shared -o jsonpath={.status.phase}')).toBe('Pending');
  });
});
