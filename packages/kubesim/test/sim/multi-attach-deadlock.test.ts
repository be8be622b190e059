/**
 * Storage issue, Done when #1: a Deployment with one ReadWriteOnce EBS claim scaled from 1 to 3 on
 * a cluster with two nodes in the claim's zone. Pods on the node holding the volume run; pods on
 * the other node stay ContainerCreating with exactly one Multi-Attach FailedAttachVolume each and
 * no FailedMount (1.28+ kubelet), and nothing changes after 24h of virtual time.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, createCluster } from 'kubesim';
import { applyYaml, claim, describeVolume, deployment, eventsWith, instanceOf, kubectlOk, nodeOf, nodesIn, nameOf, podRows, podsOf, pvOfClaim, storageClass, volumeIdOfPv } from './helpers.js';

let cluster: Cluster;
let holder: string;
let other: string;

beforeAll(() => {
  // Only zone a has nodes, so the Immediate class provisions in zone a and every replica is scheduled there.
  cluster = createCluster({ seed: 11, zones: ['us-east-1a', 'us-east-1b'], nodes: [{ zone: 'us-east-1a', count: 2 }] });
  applyYaml(cluster, storageClass('gp2', 'kubernetes.io/aws-ebs', { parameters: { type: 'gp2' } }));
  applyYaml(cluster, claim('data', 'gp2'));
  cluster.advance('1m');
  applyYaml(cluster, deployment('web', 'data'));
  expect(kubectlOk(cluster, 'rollout status deployment/web --timeout=5m')).toContain('deployment "web" successfully rolled out');
  holder = nodeOf(podsOf(cluster, 'web')[0]) ?? '';
  other = nodesIn(cluster, 'us-east-1a').find((n) => n !== holder) ?? '';
  expect(kubectlOk(cluster, 'scale deployment/web --replicas=3')).toBe('deployment.apps/web scaled\n');
  cluster.advance('5m');
});

describe('Deployment + one RWO EBS claim scaled to 3 on two nodes of one zone', () => {
  it('pods on the holding node run; pods on the other node are ContainerCreating', () => {
    const pods = podsOf(cluster, 'web');
    expect(pods).toHaveLength(3);
    const onOther = pods.filter((p) => nodeOf(p) === other);
    const onHolder = pods.filter((p) => nodeOf(p) === holder);
    expect(onOther.length).toBeGreaterThan(0);
    expect(onHolder.length + onOther.length).toBe(3);
    const rows = new Map(podRows(kubectlOk(cluster, 'get pods -o wide')).map((r) => [r[0], r]));
    for (const p of onHolder) expect(rows.get(nameOf(p))?.slice(1, 3)).toEqual(['1/1', 'Running']);
    for (const p of onOther) expect(rows.get(nameOf(p))?.slice(1, 3)).toEqual(['0/1', 'ContainerCreating']);
  });

  it('each stuck pod has exactly one Multi-Attach FailedAttachVolume naming the holders, and no FailedMount', () => {
    const pv = pvOfClaim(cluster, 'data');
    const holders = podsOf(cluster, 'web')
      .filter((p) => nodeOf(p) === holder)
      .map((p) => nameOf(p))
      .sort();
    for (const pod of podsOf(cluster, 'web').filter((p) => nodeOf(p) === other)) {
      const failed = eventsWith(cluster, pod, 'FailedAttachVolume');
      expect(failed.map((e) => [e.type, e.count, e.source?.component, e.message])).toEqual([
        ['Warning', 1, 'attachdetach-controller', `Multi-Attach error for volume "${pv.metadata.name}" Volume is already used by pod(s) ${holders.join(', ')}`],
      ]);
      expect(eventsWith(cluster, pod, 'FailedMount')).toEqual([]);
      const d = kubectlOk(cluster, `describe pod/${pod.metadata.name}`);
      expect(d).toMatch(/^Status:\s+Pending$/m);
      expect(d).toMatch(/Warning\s+FailedAttachVolume\s+\S+\s+attachdetach-controller\s+Multi-Attach error for volume "pvc-[0-9a-f-]{36}" Volume is already used by pod\(s\) web-/);
    }
  });

  it('the EBS volume is attached to the holding node only', () => {
    const v = describeVolume(cluster, volumeIdOfPv(pvOfClaim(cluster, 'data')));
    expect(v.State).toBe('in-use');
    expect(v.AvailabilityZone).toBe('us-east-1a');
    expect(v.Attachments.map((a) => [a.InstanceId, a.State])).toEqual([[instanceOf(cluster, holder), 'attached']]);
  });

  it('is still stuck after 24h of virtual time, with no new events', () => {
    const stuck = podsOf(cluster, 'web').filter((p) => nodeOf(p) === other);
    const before = stuck.map((p) => cluster.events(p).length);
    cluster.advance('24h');
    const rows = new Map(podRows(kubectlOk(cluster, 'get pods')).map((r) => [r[0], r]));
    for (const [i, p] of stuck.entries()) {
      expect(rows.get(nameOf(p))?.slice(1, 5)).toEqual(['0/1', 'ContainerCreating', '0', '24h']);
      expect(cluster.events(p)).toHaveLength(before[i]);
      expect(eventsWith(cluster, p, 'FailedAttachVolume')).toHaveLength(1);
    }
    const v = describeVolume(cluster, volumeIdOfPv(pvOfClaim(cluster, 'data')));
    expect(v.Attachments.map((a) => a.InstanceId)).toEqual([instanceOf(cluster, holder)]);
  });
});
