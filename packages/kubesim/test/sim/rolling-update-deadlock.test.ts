/**
 * Storage issue, Done when #2: a RollingUpdate of a one-replica Deployment whose RWO EBS claim is
 * attached to node A, with the new pod landing on node B of the same zone, never completes
 * (Multi-Attach, ProgressDeadlineExceeded after 600s, `kubectl rollout status` fails); the same
 * Deployment with `strategy: Recreate` completes and keeps the data on the volume.
 *
 * Determinism: the node holding the volume is cordoned (`kubectl cordon`) before the template
 * change, so the scheduler can only place the new pod on the other node of the zone (the zone has
 * exactly two nodes and only zone a has nodes at all).
 */
import { describe, expect, it } from 'vitest';
import { type Cluster, createCluster } from 'kubesim';
import { applyYaml, claim, conditionOf, describeVolume, deployment, eventsWith, instanceOf, kubectlOk, nameOf, nodeOf, nodesIn, podsOf, pvOfClaim, storageClass, volumeIdOfPv } from './helpers.js';

interface Setup {
  cluster: Cluster;
  holder: string;
  other: string;
  oldPod: string;
}

/** Two nodes in us-east-1a, a gp2 claim and a one-replica Deployment using it, rolled out, with a file on the volume. */
function setup(strategy: 'RollingUpdate' | 'Recreate'): Setup {
  const cluster = createCluster({ seed: 23, zones: ['us-east-1a', 'us-east-1b'], nodes: [{ zone: 'us-east-1a', count: 2 }] });
  applyYaml(cluster, storageClass('gp2', 'kubernetes.io/aws-ebs', { parameters: { type: 'gp2' } }));
  applyYaml(cluster, claim('data', 'gp2'));
  cluster.advance('1m');
  applyYaml(cluster, deployment('web', 'data', { strategy }));
  expect(kubectlOk(cluster, 'rollout status deployment/web --timeout=5m')).toContain('deployment "web" successfully rolled out');
  const [pod] = podsOf(cluster, 'web');
  kubectlOk(cluster, `exec ${pod.metadata.name} -- sh -c "echo precious > /data/keep.txt"`);
  const holder = nodeOf(pod) ?? '';
  const other = nodesIn(cluster, 'us-east-1a').find((n) => n !== holder) ?? '';
  expect(kubectlOk(cluster, `cordon ${holder}`)).toBe(`node/${holder} cordoned\n`);
  return { cluster, holder, other, oldPod: nameOf(pod) };
}

describe('RollingUpdate with the new pod on the other node of the zone', () => {
  it('never completes: Multi-Attach, ProgressDeadlineExceeded after 600s, rollout status fails', () => {
    const { cluster, holder, other, oldPod } = setup('RollingUpdate');
    expect(kubectlOk(cluster, 'rollout restart deployment/web')).toBe('deployment.apps/web restarted\n');
    cluster.advance('1m');
    const pods = podsOf(cluster, 'web');
    expect(pods).toHaveLength(2);
    const newPod = pods.find((p) => p.metadata.name !== oldPod);
    if (!newPod) throw new Error('no new pod');
    expect(nodeOf(newPod)).toBe(other);
    const pv = pvOfClaim(cluster, 'data');
    expect(eventsWith(cluster, newPod, 'FailedAttachVolume').map((e) => e.message)).toEqual([
      `Multi-Attach error for volume "${pv.metadata.name}" Volume is already used by pod(s) ${oldPod}`,
    ]);

    // Before the deadline, a short rollout status times out with kubectl's generic text.
    const early = cluster.kubectl('rollout status deployment/web --timeout=2m');
    expect(early.exitCode).toBe(1);
    expect(early.stdout).toBe('Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...\n');
    expect(early.stderr).toBe('error: timed out waiting for the condition\n');

    cluster.advance('10m');
    const newRs = newPod.metadata.ownerReferences?.[0]?.name ?? '';
    expect(conditionOf(cluster.get('Deployment', 'web'), 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${newRs}" has timed out progressing.`,
    });
    const late = cluster.kubectl('rollout status deployment/web --timeout=1m');
    expect(late.exitCode).toBe(1);
    expect(late.stderr).toBe('error: deployment "web" exceeded its progress deadline\n');

    // No automatic rollback and no progress: the old pod still runs on the holder, the new one waits.
    cluster.advance('1h');
    const after = podsOf(cluster, 'web');
    expect(after.map((p) => [p.metadata.name, nodeOf(p), (p.status as { phase?: string }).phase]).sort()).toEqual(
      [
        [oldPod, holder, 'Running'],
        [newPod.metadata.name, other, 'Pending'],
      ].sort(),
    );
    expect(eventsWith(cluster, newPod, 'FailedAttachVolume')).toHaveLength(1);
    expect(describeVolume(cluster, volumeIdOfPv(pv)).Attachments.map((a) => a.InstanceId)).toEqual([instanceOf(cluster, holder)]);
  });
});

describe('the same Deployment with strategy: Recreate', () => {
  it('completes on the other node: the old pod is gone before the new one starts, and the data is intact', () => {
    const { cluster, other, oldPod } = setup('Recreate');
    // When the old pod disappears and when a new pod first appears (virtual ms).
    let oldGoneAt: number | undefined;
    let newCreatedAt: number | undefined;
    cluster.on('Pod', (e) => {
      if (e.type === 'DELETED' && e.object.metadata.name === oldPod) oldGoneAt ??= cluster.now();
      if (e.type === 'ADDED' && e.object.metadata.labels?.app === 'web') newCreatedAt ??= cluster.now();
    });
    kubectlOk(cluster, 'rollout restart deployment/web');
    const status = kubectlOk(cluster, 'rollout status deployment/web --timeout=10m');
    expect(status).toContain('deployment "web" successfully rolled out\n');
    const pods = podsOf(cluster, 'web');
    expect(pods).toHaveLength(1);
    const [pod] = pods;
    expect(pod.metadata.name).not.toBe(oldPod);
    expect(nodeOf(pod)).toBe(other);
    expect(oldGoneAt).toBeDefined();
    expect(newCreatedAt).toBeDefined();
    expect(newCreatedAt ?? 0).toBeGreaterThanOrEqual(oldGoneAt ?? Number.POSITIVE_INFINITY);
    // The old node's detach is still finishing when the new pod is scheduled: the transient
    // "exclusively attached" variant (no pod holds the volume any more), never "already used by".
    const pvName = pvOfClaim(cluster, 'data').metadata.name;
    expect(eventsWith(cluster, pod, 'FailedAttachVolume').map((e) => e.message)).toEqual([
      `Multi-Attach error for volume "${pvName}" Volume is already exclusively attached to one node and can't be attached to another`,
    ]);
    expect(eventsWith(cluster, pod, 'SuccessfulAttachVolume')).toHaveLength(1);
    expect(kubectlOk(cluster, `exec ${pod.metadata.name} -- cat /data/keep.txt`)).toBe('precious\n');
    const v = describeVolume(cluster, volumeIdOfPv(pvOfClaim(cluster, 'data')));
    expect(v.Attachments.map((a) => [a.InstanceId, a.State])).toEqual([[instanceOf(cluster, other), 'attached']]);
  });
});
