/**
 * Storage issue, Done when #3: an Immediate StorageClass provisions the volume in one zone before
 * any pod exists; a pod pinned (nodeSelector) to another zone can then never be scheduled: it
 * stays Pending with a FailedScheduling whose message is the scheduler's FitError with
 * `node(s) had volume node affinity conflict` and the preemption suffix.
 */
import { expect, it } from 'vitest';
import { createCluster } from 'kubesim';
import { applyYaml, claim, deployment, describeVolume, eventsWith, kubectlOk, nodeOf, podRows, podsOf, pvOfClaim, pvZones, storageClass, volumeIdOfPv } from './helpers.js';

it('Immediate class + pod pinned to another zone → Pending with volume node affinity conflict', () => {
  const cluster = createCluster({ seed: 31 });
  applyYaml(cluster, storageClass('gp3-now', 'ebs.csi.aws.com', { binding: 'Immediate', parameters: { type: 'gp3' } }));
  applyYaml(cluster, claim('data', 'gp3-now'));
  cluster.advance('1m');
  const pv = pvOfClaim(cluster, 'data');
  const [zone] = pvZones(pv);
  expect(['us-east-1a', 'us-east-1b', 'us-east-1c']).toContain(zone);
  expect(describeVolume(cluster, volumeIdOfPv(pv))).toMatchObject({ State: 'available', AvailabilityZone: zone });

  const elsewhere = ['us-east-1a', 'us-east-1b', 'us-east-1c'].find((z) => z !== zone) ?? '';
  applyYaml(cluster, deployment('web', 'data', { nodeSelector: { 'topology.kubernetes.io/zone': elsewhere } }));
  cluster.advance('5m');

  const [pod] = podsOf(cluster, 'web');
  expect(nodeOf(pod)).toBeUndefined();
  expect(podRows(kubectlOk(cluster, 'get pods'))[0].slice(1, 3)).toEqual(['0/1', 'Pending']);
  const failed = eventsWith(cluster, pod, 'FailedScheduling');
  expect(failed.length).toBeGreaterThan(0);
  for (const e of failed) {
    expect([e.type, e.source?.component]).toEqual(['Warning', 'default-scheduler']);
    expect(e.message).toBe(
      "0/3 nodes are available: 1 node(s) had volume node affinity conflict, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  }
  expect(kubectlOk(cluster, `describe pod/${pod.metadata.name}`)).toMatch(
    /Warning\s+FailedScheduling\s+.*default-scheduler\s+0\/3 nodes are available: 1 node\(s\) had volume node affinity conflict, 2 node\(s\) didn't match Pod's node affinity\/selector\. preemption: 0\/3 nodes are available: 3 Preemption is not helpful for scheduling\./,
  );
  // The volume never left its zone and was never attached.
  expect(describeVolume(cluster, volumeIdOfPv(pv))).toMatchObject({ State: 'available', AvailabilityZone: zone, Attachments: [] });
});
