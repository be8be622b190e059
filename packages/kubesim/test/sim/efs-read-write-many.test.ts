/**
 * Storage issue, Done when #6: an EFS (`efs.csi.aws.com`) ReadWriteMany claim shared by the 3 pods
 * of a Deployment spread over 3 nodes in 3 zones: all Running (no Multi-Attach, no zone conflict),
 * and a file written through one pod is visible from the others.
 */
import { expect, it } from 'vitest';
import { createCluster } from 'kubesim';
import { applyYaml, claim, deployment, eventsWith, kubectlOk, nodeOf, podsOf, pvOfClaim, pvZones, storageClass, zoneOfNode } from './helpers.js';

it('3 pods in 3 zones share one EFS ReadWriteMany claim', () => {
  const cluster = createCluster({ seed: 61 });
  applyYaml(cluster, storageClass('efs', 'efs.csi.aws.com', { parameters: { provisioningMode: 'efs-ap' } }));
  applyYaml(cluster, claim('shared', 'efs', 'ReadWriteMany'));
  cluster.advance('1m');
  const pv = pvOfClaim(cluster, 'shared');
  expect((pv.spec as { accessModes?: string[] }).accessModes).toEqual(['ReadWriteMany']);
  expect((pv.spec as { csi?: { driver?: string; volumeHandle?: string } }).csi).toMatchObject({ driver: 'efs.csi.aws.com', volumeHandle: expect.stringMatching(/^fs-[0-9a-f]+::fsap-[0-9a-f]+$/) });
  expect(pvZones(pv)).toEqual([]);

  // A zone topology spread (maxSkew 1, DoNotSchedule) puts one replica in each zone.
  applyYaml(cluster, deployment('web', 'shared', { replicas: 3, spreadByZone: true }));
  expect(kubectlOk(cluster, 'rollout status deployment/web --timeout=10m')).toContain('deployment "web" successfully rolled out');
  const pods = podsOf(cluster, 'web');
  expect(pods).toHaveLength(3);
  expect(pods.map((p) => zoneOfNode(cluster, nodeOf(p) ?? '')).sort()).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
  expect(new Set(pods.map((p) => nodeOf(p))).size).toBe(3);
  for (const p of pods) {
    expect((p.status as { phase?: string }).phase).toBe('Running');
    expect(eventsWith(cluster, p, 'FailedAttachVolume')).toEqual([]);
    expect(eventsWith(cluster, p, 'FailedScheduling')).toEqual([]);
  }

  const [writer, ...readers] = pods.map((p) => p.metadata.name);
  kubectlOk(cluster, `exec ${writer} -- sh -c "echo from-${writer} > /data/shared.txt"`);
  for (const r of readers) expect(kubectlOk(cluster, `exec ${r} -- cat /data/shared.txt`)).toBe(`from-${writer}\n`);
  // And the other way round: a reader's write is seen by the writer.
  kubectlOk(cluster, `exec ${readers[1]} -- sh -c "echo back >> /data/shared.txt"`);
  expect(kubectlOk(cluster, `exec ${writer} -- cat /data/shared.txt`)).toBe(`from-${writer}\nback\n`);
});
