/**
 * Storage issue, Done when #5: the EC2 instance under a StatefulSet pod is stopped. The node goes
 * NotReady (Unknown) after the 50s grace period, the pod is marked for deletion after the 300s
 * unreachable toleration and stays Terminating (no kubelet confirms it); the StatefulSet creates
 * no replacement while the old object exists. A force delete lets the replacement be created; its
 * volume is force-detached from the stopped instance only 6 minutes later, then attached, and the
 * data written before the stop is intact.
 *
 * Only us-east-1a has nodes (two), so the replacement can only go to the second node of the zone.
 */
import { expect, it } from 'vitest';
import { createCluster } from 'kubesim';
import { applyYaml, conditionOf, describeVolume, eventsWith, instanceOf, kubectlOk, mustGet, nodeOf, nodesIn, podRows, pvOfClaim, statefulSet, storageClass, volumeIdOfPv } from './helpers.js';

it('stopped node under a StatefulSet pod: Terminating, no replacement, force delete, 6-minute force detach, data intact', () => {
  const cluster = createCluster({ seed: 51, zones: ['us-east-1a', 'us-east-1b'], nodes: [{ zone: 'us-east-1a', count: 2 }] });
  applyYaml(cluster, storageClass('gp3', 'ebs.csi.aws.com', { binding: 'WaitForFirstConsumer', parameters: { type: 'gp3' } }));
  applyYaml(cluster, statefulSet('db', 'gp3', 1));
  kubectlOk(cluster, 'rollout status statefulset/db --timeout=10m');
  kubectlOk(cluster, `exec db-0 -- sh -c "echo hi > /data/x"`);
  const before = kubectlOk(cluster, 'exec db-0 -- ls /data');
  expect(before).toContain('x\n');
  const oldPod = mustGet(cluster, 'Pod', 'db-0');
  const dead = nodeOf(oldPod) ?? '';
  const spare = nodesIn(cluster, 'us-east-1a').find((n) => n !== dead) ?? '';
  const volumeId = volumeIdOfPv(pvOfClaim(cluster, 'data-db-0'));
  const pvName = pvOfClaim(cluster, 'data-db-0').metadata.name;

  cluster.faults.stopInstance(dead);
  const ready = () => conditionOf(cluster.get('Node', dead), 'Ready')?.status;
  cluster.advance('40s');
  expect(ready()).toBe('True');
  cluster.advance('15s');
  expect(ready()).toBe('Unknown');
  expect(kubectlOk(cluster, 'get nodes')).toMatch(new RegExp(`^${dead.replace(/\./g, '\\.')}\\s+NotReady\\s`, 'm'));

  // 300s toleration of node.kubernetes.io/unreachable:NoExecute, then the taint-eviction controller.
  cluster.advance('5m');
  const evicted = mustGet(cluster, 'Pod', 'db-0');
  expect(evicted.metadata.uid).toBe(oldPod.metadata.uid);
  expect(evicted.metadata.deletionTimestamp).toBeDefined();
  expect(eventsWith(cluster, evicted, 'TaintManagerEviction').map((e) => e.message)).toEqual(['Marking for deletion Pod default/db-0']);
  expect(podRows(kubectlOk(cluster, 'get pods'))[0].slice(0, 3)).toEqual(['db-0', '1/1', 'Terminating']);

  // At most one pod per identity: no replacement while the old object exists, however long.
  cluster.advance('30m');
  const pods = cluster.list('Pod', { labelSelector: 'app=db' });
  expect(pods.map((p) => [p.metadata.name, p.metadata.uid])).toEqual([['db-0', oldPod.metadata.uid]]);
  expect(describeVolume(cluster, volumeId).Attachments.map((a) => [a.InstanceId, a.State])).toEqual([[instanceOf(cluster, dead), 'attached']]);

  const forced = cluster.kubectl('delete pod db-0 --grace-period=0 --force');
  expect(forced).toEqual({
    exitCode: 0,
    stdout: 'pod "db-0" force deleted\n',
    stderr: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
  });
  cluster.advance('1m');
  const replacement = mustGet(cluster, 'Pod', 'db-0');
  expect(replacement.metadata.uid).not.toBe(oldPod.metadata.uid);
  expect(nodeOf(replacement)).toBe(spare);

  // Not attached at +5m (the volume is still mounted on the unhealthy node: wait 6 minutes).
  cluster.advance('4m');
  expect(describeVolume(cluster, volumeId).Attachments.map((a) => a.InstanceId)).toEqual([instanceOf(cluster, dead)]);
  expect(podRows(kubectlOk(cluster, 'get pods'))[0].slice(0, 3)).toEqual(['db-0', '0/1', 'ContainerCreating']);
  expect(eventsWith(cluster, replacement, 'FailedAttachVolume').map((e) => e.message)).toEqual([
    `Multi-Attach error for volume "${pvName}" Volume is already exclusively attached to one node and can't be attached to another`,
  ]);

  // Force detach at +6m, attach and start by +7m.
  cluster.advance('2m');
  expect(describeVolume(cluster, volumeId).Attachments.map((a) => [a.InstanceId, a.State])).toEqual([[instanceOf(cluster, spare), 'attached']]);
  expect(podRows(kubectlOk(cluster, 'get pods'))[0].slice(0, 3)).toEqual(['db-0', '1/1', 'Running']);
  expect(eventsWith(cluster, replacement, 'SuccessfulAttachVolume')).toHaveLength(1);

  // randserver adds one random file at each start; every earlier file is still there.
  const after = kubectlOk(cluster, 'exec db-0 -- ls /data').split('\n').filter(Boolean);
  const earlier = before.split('\n').filter(Boolean);
  expect(after).toEqual(expect.arrayContaining(earlier));
  expect(after).toHaveLength(earlier.length + 1);
  expect(kubectlOk(cluster, 'exec db-0 -- cat /data/x')).toBe('hi\n');
});
