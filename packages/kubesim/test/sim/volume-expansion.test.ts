/**
 * EBS volume expansion end to end, as on EKS 1.33 with the EBS CSI driver: the external-resizer
 * grows the EBS volume and the PV, then the claim waits (`FileSystemResizePending`) for a kubelet
 * to grow the file system: a running pod's kubelet does it on its next periodic sync (online), a
 * pod that mounts the claim later does it while mounting (offline).
 */
import type { KubeObject } from '@kubesim/core';
import { describe, expect, it } from 'vitest';
import { type Cluster, createCluster } from 'kubesim';
import { applyYaml, claim, kubectlOk, mustGet, podWithClaim, pvOfClaim, volumeIdOfPv } from './helpers.js';

const EXPANDABLE_CLASS = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: gp3
provisioner: ebs.csi.aws.com
volumeBindingMode: WaitForFirstConsumer
allowVolumeExpansion: true
parameters:
  type: gp3
`;

interface ClaimStatus {
  capacity?: { storage?: string };
  allocatedResources?: { storage?: string };
  allocatedResourceStatuses?: { storage?: string };
  conditions?: { type: string; status: string; message?: string; lastProbeTime?: unknown }[];
}

function claimStatus(cluster: Cluster): ClaimStatus {
  return (mustGet(cluster, 'PersistentVolumeClaim', 'data') as KubeObject & { status: ClaimStatus }).status;
}

/** `type reason (source): message` of the events about an object, oldest first. */
function eventLines(cluster: Cluster, obj: KubeObject): string[] {
  return cluster.events(obj).map((e) => `${e.type} ${e.reason} (${e.source.component}): ${e.message}`);
}

/** A cluster with pod `writer` Running on claim `data` (1Gi) holding /data/hello.txt. */
function withRunningPod(): Cluster {
  const cluster = createCluster({ seed: 11 });
  applyYaml(cluster, EXPANDABLE_CLASS);
  applyYaml(cluster, claim('data', 'gp3'));
  applyYaml(cluster, podWithClaim('writer', 'data'));
  kubectlOk(cluster, 'wait --for=condition=Ready pod/writer --timeout=5m');
  kubectlOk(cluster, 'exec writer -- sh -c "echo kept > /data/hello.txt"');
  return cluster;
}

describe('EBS volume expansion', () => {
  it('online: the claim is FileSystemResizePending until the running pod\'s kubelet grows the file system on its next sync', () => {
    const cluster = withRunningPod();
    const pv = pvOfClaim(cluster, 'data');
    const pvName = pv.metadata.name as string;
    const node = (mustGet(cluster, 'Pod', 'writer') as KubeObject & { spec: { nodeName: string } }).spec.nodeName;
    expect(kubectlOk(cluster, `patch pvc data -p '{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}'`)).toBe('persistentvolumeclaim/data patched\n');
    cluster.advance('10s');

    // The resizer's part is done: EBS and the PV are 2 GiB, the claim still says 1Gi.
    expect(cluster.aws(`ec2 describe-volumes --volume-ids ${volumeIdOfPv(pv)} --query Volumes[0].Size`).stdout.trim()).toBe('2');
    expect((pvOfClaim(cluster, 'data') as KubeObject & { spec: { capacity: { storage: string } } }).spec.capacity.storage).toBe('2Gi');
    expect(kubectlOk(cluster, 'get pvc data -o custom-columns=CAP:.status.capacity.storage,ALLOC:.status.allocatedResources.storage,STATUS:.status.allocatedResourceStatuses.storage')).toBe(
      'CAP   ALLOC   STATUS\n1Gi   2Gi     NodeResizePending\n',
    );
    const pending = claimStatus(cluster).conditions;
    // external-resizer v2 keeps its Resizing condition next to FileSystemResizePending.
    expect(pending?.map((c) => [c.type, c.status, c.message, c.lastProbeTime])).toEqual([
      ['Resizing', 'True', undefined, null],
      ['FileSystemResizePending', 'True', 'Waiting for user to (re-)start a pod to finish file system resize of volume on node.', null],
    ]);
    const pvc = mustGet(cluster, 'PersistentVolumeClaim', 'data');
    expect(eventLines(cluster, pvc).slice(-3)).toEqual([
      'Normal ExternalExpanding (volume_expand): waiting for an external controller to expand this PVC',
      `Normal Resizing (external-resizer ebs.csi.aws.com): External resizer is resizing volume ${pvName}`,
      'Normal FileSystemResizeRequired (external-resizer ebs.csi.aws.com): Require file system resize of volume on node',
    ]);
    expect(kubectlOk(cluster, 'describe pvc data')).toMatch(
      /Conditions:\n {2}Type\s+Status\s+LastProbeTime\s+LastTransitionTime\s+Reason\s+Message\n {2}-+\s+-+\s+-+\s+-+\s+-+\s+-+\n {2}Resizing\s+True\s+Mon, 01 Jan 0001 00:00:00 \+0000\s+\S.*\+0000\s+\n {2}FileSystemResizePending\s+True\s+Mon, 01 Jan 0001 00:00:00 \+0000\s+\S.*\+0000\s+Waiting for user to \(re-\)start a pod to finish file system resize of volume on node\.\n/,
    );

    // EBS is 2 GiB already, but the file system in the pod still spans 1 GiB: ext4 as mkfs.ext4 -F -m0
    // makes it on 1 GiB is 996780 1K-blocks, 24 KiB used by a fresh file system, 4 KiB by hello.txt.
    const dfData = () => kubectlOk(cluster, 'exec writer -- df /data').split('\n')[1];
    expect(dfData()).toBe('/dev/nvme1n1            996780        28    996752   0% /data');
    // The pod worker resyncs a minute later; the kubelet grows the file system then.
    cluster.advance('40s');
    expect(claimStatus(cluster).capacity?.storage).toBe('1Gi');
    cluster.advance('20s');
    const done = claimStatus(cluster);
    expect(done.capacity?.storage).toBe('2Gi');
    expect(done.allocatedResources?.storage).toBe('2Gi');
    expect(done.allocatedResourceStatuses).toBeUndefined();
    expect(done.conditions).toBeUndefined();
    const message = `MountVolume.NodeExpandVolume succeeded for volume "${pvName}" ${node}`;
    expect(eventLines(cluster, mustGet(cluster, 'PersistentVolumeClaim', 'data')).at(-1)).toBe(`Normal FileSystemResizeSuccessful (kubelet): ${message}`);
    expect(eventLines(cluster, mustGet(cluster, 'Pod', 'writer')).at(-1)).toBe(`Normal FileSystemResizeSuccessful (kubelet): ${message}`);
    expect(eventLines(cluster, pvc).some((e) => e.includes('VolumeResizeSuccessful'))).toBe(false);
    expect(kubectlOk(cluster, 'get pvc data')).toMatch(/^data\s+Bound\s+pvc-\S+\s+2Gi\s+RWO\s+gp3\s/m);
    // The pod kept running, with its data; resize2fs grew the file system over the 2 GiB (its
    // journal and descriptor reserve stay those mkfs made for 1 GiB: more than a fresh 2 GiB's 1992552).
    expect(kubectlOk(cluster, 'exec writer -- cat /data/hello.txt')).toBe('kept\n');
    expect(dfData()).toBe('/dev/nvme1n1           2028392        28   2028364   0% /data');
  });

  it('offline: with no pod the claim stays pending; the next pod to mount it grows the file system', () => {
    const cluster = withRunningPod();
    kubectlOk(cluster, 'delete pod writer');
    kubectlOk(cluster, `patch pvc data -p '{"spec":{"resources":{"requests":{"storage":"3Gi"}}}}'`);
    cluster.advance('30m');
    expect(claimStatus(cluster).capacity?.storage).toBe('1Gi');
    expect(claimStatus(cluster).allocatedResourceStatuses?.storage).toBe('NodeResizePending');
    expect(claimStatus(cluster).conditions?.map((c) => c.type)).toEqual(['Resizing', 'FileSystemResizePending']);

    applyYaml(cluster, podWithClaim('reader', 'data'));
    kubectlOk(cluster, 'wait --for=condition=Ready pod/reader --timeout=5m');
    const status = claimStatus(cluster);
    expect(status.capacity?.storage).toBe('3Gi');
    expect(status.conditions).toBeUndefined();
    expect(status.allocatedResourceStatuses).toBeUndefined();
    const reader = mustGet(cluster, 'Pod', 'reader');
    const node = (reader as KubeObject & { spec: { nodeName: string } }).spec.nodeName;
    const pvName = pvOfClaim(cluster, 'data').metadata.name as string;
    // While mounting, before the container starts.
    const lines = eventLines(cluster, reader);
    const resized = lines.indexOf(`Normal FileSystemResizeSuccessful (kubelet): MountVolume.NodeExpandVolume succeeded for volume "${pvName}" ${node}`);
    expect(resized).toBeGreaterThanOrEqual(0);
    expect(resized).toBeLessThan(lines.findIndex((l) => l.startsWith('Normal Started')));
    expect(kubectlOk(cluster, 'exec reader -- cat /data/hello.txt')).toBe('kept\n');
  });

  it('a kubelet that restarts with the resize pending grows the file system on its first sync', () => {
    const cluster = withRunningPod();
    const node = (mustGet(cluster, 'Pod', 'writer') as KubeObject & { spec: { nodeName: string } }).spec.nodeName;
    kubectlOk(cluster, `patch pvc data -p '{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}'`);
    cluster.advance('10s');
    cluster.faults.kubeletCrash(node);
    cluster.advance('2m');
    // The crashed kubelet's periodic sync never came.
    expect(claimStatus(cluster).capacity?.storage).toBe('1Gi');
    cluster.faults.kubeletRestart(node);
    cluster.advance('1s');
    expect(claimStatus(cluster).capacity?.storage).toBe('2Gi');
    expect(claimStatus(cluster).allocatedResourceStatuses).toBeUndefined();
  });
});
