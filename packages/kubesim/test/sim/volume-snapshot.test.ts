/**
 * The EKS `snapshot-controller` add-on end to end: a pod writes to an EBS claim, a VolumeSnapshot
 * of the claim becomes ready (kubectl tables, events, the EBS snapshot with the driver's tags),
 * a new claim restored from it carries the data, and deletion honours the deletion policy.
 */
import { describe, expect, it } from 'vitest';
import { type Cluster, createCluster } from 'kubesim';
import { applyYaml, eventsWith, GP3_WFFC_CLASS, kubectlOk, mustGet, podWithClaim, pvOfClaim, volumeIdOfPv } from './helpers.js';


const SNAPSHOT_CLASS = `apiVersion: snapshot.storage.k8s.io/v1
kind: VolumeSnapshotClass
metadata:
  name: ebs-vsc
  annotations:
    snapshot.storage.kubernetes.io/is-default-class: "true"
driver: ebs.csi.aws.com
deletionPolicy: Delete
`;

function claimYaml(name: string, size = '1Gi', snapshot?: string): string {
  return `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: gp3
  resources:
    requests:
      storage: ${size}
${snapshot ? `  dataSource:\n    apiGroup: snapshot.storage.k8s.io\n    kind: VolumeSnapshot\n    name: ${snapshot}\n` : ''}`;
}

function snapshotYaml(name: string, pvc: string, className?: string): string {
  return `apiVersion: snapshot.storage.k8s.io/v1
kind: VolumeSnapshot
metadata:
  name: ${name}
spec:
${className ? `  volumeSnapshotClassName: ${className}\n` : ''}  source:
    persistentVolumeClaimName: ${pvc}
`;
}

/** `kubectl apply -f -` that must succeed; its stdout. */
function applied(cluster: Cluster, yaml: string): string {
  const r = cluster.kubectl('apply -f -', { stdin: yaml });
  expect(r.stderr).toBe('');
  return r.stdout;
}

/** A cluster with the add-on, a Running pod on claim `data` that wrote /data/hello.txt. */
function withData(): Cluster {
  const cluster = createCluster({ seed: 7, addons: ['snapshot-controller'] });
  applyYaml(cluster, GP3_WFFC_CLASS);
  applyYaml(cluster, claimYaml('data'));
  applyYaml(cluster, podWithClaim('writer', 'data'));
  kubectlOk(cluster, 'wait --for=condition=Ready pod/writer --timeout=5m');
  kubectlOk(cluster, 'exec writer -- sh -c "echo before-snapshot > /data/hello.txt"');
  return cluster;
}

describe('snapshot-controller add-on', () => {
  it('without the add-on the kinds are not served', () => {
    const cluster = createCluster({ seed: 7 });
    const r = cluster.kubectl('get volumesnapshots');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('error: the server doesn\'t have a resource type "volumesnapshots"\n');
  });

  it('snapshot a claim, see it ready, restore it into a new claim with the data', () => {
    const cluster = withData();
    expect(applied(cluster, SNAPSHOT_CLASS)).toBe('volumesnapshotclass.snapshot.storage.k8s.io/ebs-vsc created\n');
    expect(applied(cluster, snapshotYaml('snap', 'data'))).toBe('volumesnapshot.snapshot.storage.k8s.io/snap created\n');
    cluster.advance('1s');
    const snap = mustGet(cluster, 'VolumeSnapshot', 'snap');
    const content = `snapcontent-${snap.metadata.uid}`;
    expect(kubectlOk(cluster, 'get vs')).toBe(
      [
        `NAME   READYTOUSE   SOURCEPVC   SOURCESNAPSHOTCONTENT   RESTORESIZE   SNAPSHOTCLASS   SNAPSHOTCONTENT${' '.repeat(content.length - 15)}   CREATIONTIME   AGE`,
        `snap   false        data                                1Gi           ebs-vsc         ${content}   1s             1s`,
        '',
      ].join('\n'),
    );
    cluster.advance('2m');
    expect(kubectlOk(cluster, 'get volumesnapshot snap -o jsonpath={.status.readyToUse}')).toBe('true');
    expect(kubectlOk(cluster, 'get vs')).toBe(
      [
        `NAME   READYTOUSE   SOURCEPVC   SOURCESNAPSHOTCONTENT   RESTORESIZE   SNAPSHOTCLASS   SNAPSHOTCONTENT${' '.repeat(content.length - 15)}   CREATIONTIME   AGE`,
        `snap   true         data                                1Gi           ebs-vsc         ${content}   2m1s           2m1s`,
        '',
      ].join('\n'),
    );
    expect(kubectlOk(cluster, 'get vsc')).toBe(
      [
        `NAME${' '.repeat(content.length - 4)}   READYTOUSE   RESTORESIZE   DELETIONPOLICY   DRIVER            VOLUMESNAPSHOTCLASS   VOLUMESNAPSHOT   VOLUMESNAPSHOTNAMESPACE   AGE`,
        `${content}   true         1073741824    Delete           ebs.csi.aws.com   ebs-vsc               snap             default                   2m1s`,
        '',
      ].join('\n'),
    );
    expect(kubectlOk(cluster, 'get vsclass')).toBe('NAME      DRIVER            DELETIONPOLICY   AGE\nebs-vsc   ebs.csi.aws.com   Delete           2m1s\n');
    expect(eventsWith(cluster, snap, 'SnapshotReady').map((e) => [e.message, e.source?.component])).toEqual([
      ['Snapshot default/snap is ready to use.', 'snapshot-controller'],
    ]);

    // The EBS snapshot, as the driver made it.
    const handle = kubectlOk(cluster, `get vsc ${content} -o jsonpath={.status.snapshotHandle}`);
    const described = JSON.parse(cluster.aws(`ec2 describe-snapshots --snapshot-ids ${handle}`).stdout).Snapshots[0];
    expect(described).toMatchObject({
      Description: `Created by AWS EBS CSI driver for volume ${volumeIdOfPv(pvOfClaim(cluster, 'data'))}`,
      State: 'completed',
      VolumeSize: 1,
      Tags: [
        { Key: 'CSIVolumeSnapshotName', Value: `snapshot-${snap.metadata.uid}` },
        { Key: 'ebs.csi.aws.com/cluster', Value: 'true' },
      ],
    });

    // Restore into a new claim: the new volume is created from the snapshot and has its data.
    applyYaml(cluster, claimYaml('restored', '1Gi', 'snap'));
    applyYaml(cluster, podWithClaim('reader', 'restored'));
    kubectlOk(cluster, 'wait --for=condition=Ready pod/reader --timeout=5m');
    expect(kubectlOk(cluster, 'get pvc restored -o jsonpath={.status.phase}')).toBe('Bound');
    expect(kubectlOk(cluster, 'exec reader -- cat /data/hello.txt')).toBe('before-snapshot\n');
    // The snapshot's ext4 file system, made on 1 GiB: 996780 1K-blocks.
    expect(kubectlOk(cluster, 'exec reader -- df /data').split('\n')[1]).toMatch(/^\/dev\/nvme1n1 +996780 +/);
    // Restored into 3 GiB, NodeStageVolume grows it over the device (with 1 GiB's journal and reserve).
    applyYaml(cluster, claimYaml('restored-big', '3Gi', 'snap'));
    applyYaml(cluster, podWithClaim('reader-big', 'restored-big'));
    kubectlOk(cluster, 'wait --for=condition=Ready pod/reader-big --timeout=5m');
    expect(kubectlOk(cluster, 'exec reader-big -- df /data').split('\n')[1]).toMatch(/^\/dev\/nvme1n1 +3060520 +/);
    expect(kubectlOk(cluster, 'exec reader-big -- cat /data/hello.txt')).toBe('before-snapshot\n');
    const restoredVolume = JSON.parse(cluster.aws(`ec2 describe-volumes --volume-ids ${volumeIdOfPv(pvOfClaim(cluster, 'restored'))}`).stdout).Volumes[0];
    expect(restoredVolume.SnapshotId).toBe(handle);
    // Writes after the snapshot are not in it.
    kubectlOk(cluster, 'exec writer -- sh -c "echo after > /data/later.txt"');
    expect(cluster.kubectl('exec reader -- cat /data/later.txt').exitCode).not.toBe(0);
  });

  it('deleting the snapshot (policy Delete) deletes its content and the EBS snapshot', () => {
    const cluster = withData();
    applyYaml(cluster, SNAPSHOT_CLASS);
    applyYaml(cluster, snapshotYaml('snap', 'data'));
    cluster.advance('2m');
    const content = `snapcontent-${mustGet(cluster, 'VolumeSnapshot', 'snap').metadata.uid}`;
    const handle = kubectlOk(cluster, `get vsc ${content} -o jsonpath={.status.snapshotHandle}`);
    expect(kubectlOk(cluster, 'delete vs snap')).toBe('volumesnapshot.snapshot.storage.k8s.io "snap" deleted\n');
    expect(cluster.kubectl('get vsc').stderr).toBe('No resources found\n');
    expect(JSON.parse(cluster.aws('ec2 describe-snapshots').stdout).Snapshots).toEqual([]);
    expect(cluster.aws(`ec2 describe-snapshots --snapshot-ids ${handle}`).exitCode).not.toBe(0);
  });

  it('a snapshot whose claim does not exist reports it in events and status.error', () => {
    const cluster = createCluster({ seed: 7, addons: ['snapshot-controller'] });
    applyYaml(cluster, SNAPSHOT_CLASS);
    applyYaml(cluster, snapshotYaml('snap', 'ghost', 'ebs-vsc'));
    cluster.advance('30s');
    const message = 'Failed to create snapshot content with error snapshot controller failed to update snap on API server: cannot get claim from snapshot';
    expect(kubectlOk(cluster, 'get vs snap -o jsonpath={.status.error.message}')).toBe(message);
    expect(eventsWith(cluster, mustGet(cluster, 'VolumeSnapshot', 'snap'), 'SnapshotContentCreationFailed').map((e) => [e.type, e.message, e.count])).toEqual([['Warning', message, 1]]);
    expect(kubectlOk(cluster, 'get vs')).toBe(
      'NAME   READYTOUSE   SOURCEPVC   SOURCESNAPSHOTCONTENT   RESTORESIZE   SNAPSHOTCLASS   SNAPSHOTCONTENT   CREATIONTIME   AGE\nsnap   false        ghost                                             ebs-vsc                                          30s\n',
    );
  });

  it('the API server enforces the CRD rules', () => {
    const cluster = createCluster({ seed: 7, addons: ['snapshot-controller'] });
    const r = cluster.kubectl('apply -f -', {
      stdin: 'apiVersion: snapshot.storage.k8s.io/v1\nkind: VolumeSnapshot\nmetadata:\n  name: bad\nspec:\n  source: {}\n',
    });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'The VolumeSnapshot "bad" is invalid: spec.source: Invalid value: "object": exactly one of volumeSnapshotContentName and persistentVolumeClaimName must be set\n',
    );
  });
});
