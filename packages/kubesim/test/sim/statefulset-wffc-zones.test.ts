/**
 * Storage issue, Done when #4: a StatefulSet of 3 replicas with a WaitForFirstConsumer EBS class
 * across 3 zones: each claim is provisioned after its pod is scheduled, in the zone of the pod's
 * node (PV nodeAffinity and the EBS volume's AvailabilityZone), and every pod runs.
 */
import { expect, it } from 'vitest';
import { createCluster } from 'kubesim';
import { applyYaml, describeVolume, eventsWith, instanceOf, kubectlOk, nodeOf, podsOf, pvOfClaim, pvZones, statefulSet, storageClass, volumeIdOfPv, zoneOfNode } from './helpers.js';

it('each claim of a WaitForFirstConsumer StatefulSet is in its pod node\'s zone', () => {
  const cluster = createCluster({ seed: 41, nodes: [{ zone: 'us-east-1a' }, { zone: 'us-east-1b' }, { zone: 'us-east-1c' }] });
  applyYaml(cluster, storageClass('gp3', 'ebs.csi.aws.com', { binding: 'WaitForFirstConsumer', parameters: { type: 'gp3' } }));
  applyYaml(cluster, statefulSet('db', 'gp3', 3));
  kubectlOk(cluster, 'rollout status statefulset/db --timeout=15m');
  const pods = podsOf(cluster, 'db');
  expect(pods.map((p) => [p.metadata.name, (p.status as { phase?: string }).phase])).toEqual([
    ['db-0', 'Running'],
    ['db-1', 'Running'],
    ['db-2', 'Running'],
  ]);
  // The default PodTopologySpread constraints (zone, ScheduleAnyway) spread the three pods over the three zones.
  expect(pods.map((p) => zoneOfNode(cluster, nodeOf(p) ?? '')).sort()).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
  for (const pod of pods) {
    const node = nodeOf(pod) ?? '';
    const zone = zoneOfNode(cluster, node);
    const claimName = `data-${pod.metadata.name}`;
    const pvc = cluster.get('PersistentVolumeClaim', claimName);
    expect(pvc?.metadata.annotations?.['volume.kubernetes.io/selected-node']).toBe(node);
    // The claim is created just before its pod, so the PV controller sees an unscheduled pod.
    expect(eventsWith(cluster, pvc ?? pod, 'WaitForPodScheduled').map((e) => e.message)).toEqual([`waiting for pod ${pod.metadata.name} to be scheduled`]);
    expect(eventsWith(cluster, pvc ?? pod, 'ProvisioningSucceeded').map((e) => e.message)).toEqual([`Successfully provisioned volume ${pvc?.spec && (pvc.spec as { volumeName?: string }).volumeName}`]);
    const pv = pvOfClaim(cluster, claimName);
    expect(pvZones(pv)).toEqual([zone]);
    const v = describeVolume(cluster, volumeIdOfPv(pv));
    expect(v.AvailabilityZone).toBe(zone);
    expect(v.Attachments.map((a) => [a.InstanceId, a.State])).toEqual([[instanceOf(cluster, node), 'attached']]);
  }
  // The rollout really finished (kubectl's StatefulSet viewer text; partition defaults to 0).
  expect(kubectlOk(cluster, 'rollout status statefulset/db --timeout=1m')).toBe('partitioned roll out complete: 3 new pods have been updated...\n');
});
