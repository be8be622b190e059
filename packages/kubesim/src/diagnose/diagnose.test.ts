import { describe, expect, it } from 'vitest';
import type { FuzzCase } from '../testing/model/fuzz-case.js';
import { runCase } from '../testing/runner/run-case.js';
import { createCluster } from '../index.js';

const deploymentOnTwoNodes = (strategy: 'RollingUpdate' | 'Recreate'): FuzzCase => ({
  seed: 1,
  topology: { zones: ['us-east-1a'], nodes: [{ zone: 'us-east-1a', count: 2, instanceType: 'm5.large' }] },
  storageClasses: [{ name: 'sc-0', provisioner: 'ebs.csi.aws.com', type: 'gp3', bindingMode: 'WaitForFirstConsumer', reclaimPolicy: 'Delete', allowedZones: [] }],
  workloads: [{ kind: 'Deployment', name: 'web', replicas: 1, strategy, podManagementPolicy: 'OrderedReady', storage: { className: 'sc-0', accessMode: 'ReadWriteOnce', sizeGiB: 1 }, claimsPerPod: 1 }],
});

describe('diagnose chains', () => {
  it('a volume the kubelet cannot mount names the FailedMount', () => {
    const c = createCluster({ zones: ['us-east-1a'], nodes: [{ zone: 'us-east-1a', count: 1 }] });
    c.kubectl('apply -f -', {
      stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox\n    command: [sleep, infinity]\n    volumeMounts: [{ name: d, mountPath: /data }]\n  volumes: [{ name: d, configMap: { name: nope } }]\n',
    });
    c.advance('1m');
    const d = c.diagnose('p');
    expect(d.text).toBe('ContainerCreating ← FailedMount: MountVolume.SetUp failed for volume "d" : configmap "nope" not found');
    expect(d.causes).toEqual(['mount-failed']);
  });

  it('a replacement pod blocked by a volume held by a pod on a stopped node names the NotReady node', () => {
    // Stop the instance of the node the scheduler put the pod on.
    const settled = runCase(deploymentOnTwoNodes('Recreate'), []);
    const host = (settled.cluster.list('Pod')[0].spec as { nodeName?: string }).nodeName;
    const target = settled.real.nodes.findIndex((n) => n.name === host);
    expect(target).toBeGreaterThanOrEqual(0);
    const { cluster } = runCase(deploymentOnTwoNodes('Recreate'), [{ op: 'stop-instance', target, arg: 0 }]);
    const stuck = cluster.list('Pod').map((p) => cluster.diagnose(p)).filter((d) => d.status === 'ContainerCreating');
    expect(stuck).toHaveLength(1);
    expect(stuck[0].causes).toEqual(['node-not-ready', 'multi-attach']);
    expect(stuck[0].text).toMatch(/used by pod web-\S+ \(Terminating\) ← node \S+ is NotReady \(Ready=Unknown\): its pods never finish terminating/);
  });

  it('a Recreate rollout converges: the old pod is gone before the new one needs the volume', () => {
    const { cluster, violations } = runCase(deploymentOnTwoNodes('Recreate'), [{ op: 'rollout-restart', target: 0, arg: 0 }]);
    expect(violations).toEqual([]);
    expect(cluster.list('Pod').map((p) => cluster.diagnose(p).healthy)).toEqual([true]);
  });
});
