/**
 * A container must use a claim the way its volume is made: a Block volume through
 * `volumeDevices`, a Filesystem one through `volumeMounts`. Otherwise the kubelet's desired state
 * of world populator refuses the volume and the pod stays ContainerCreating with FailedMount
 * (WaitForAttachAndMount ends on the populator's error, not on its timeout).
 */
import { describe, expect, it } from 'vitest';
import { type Cluster, createCluster } from 'kubesim';
import { applyYaml, claim, kubectlOk } from './helpers.js';

function cluster(): Cluster {
  const c = createCluster({ seed: 14, zones: ['us-east-1a'], nodes: [{ zone: 'us-east-1a', count: 1 }] });
  applyYaml(c, 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: gp3\nprovisioner: ebs.csi.aws.com\nvolumeBindingMode: WaitForFirstConsumer\n');
  return c;
}

function pod(use: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: app\n    image: busybox\n    command: [sleep, infinity]\n    ${use}\n  volumes: [{ name: data, persistentVolumeClaim: { claimName: data } }]\n`;
}

function failedMount(c: Cluster): string[] {
  return c.events({ kind: 'Pod', name: 'app', reason: 'FailedMount' }).map((e) => e.message as string);
}

describe('a claim used against its volumeMode', () => {
  it('a Block volume in volumeMounts: FailedMount, ContainerCreating', () => {
    const c = cluster();
    applyYaml(c, claim('data', 'gp3', 'ReadWriteOnce', { volumeMode: 'Block' }));
    applyYaml(c, pod('volumeMounts: [{ name: data, mountPath: /data }]'));
    c.advance('3m');
    expect(kubectlOk(c, 'get pod app -o jsonpath={.status.containerStatuses[0].state.waiting.reason}')).toBe('ContainerCreating');
    expect(failedMount(c)).toEqual([
      'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: volume data has volumeMode Block, but is specified in volumeMounts',
    ]);
  });

  it('a Filesystem volume in volumeDevices: the same, the other way round', () => {
    const c = cluster();
    applyYaml(c, claim('data', 'gp3', 'ReadWriteOnce', { volumeMode: 'Filesystem' }));
    applyYaml(c, pod('volumeDevices: [{ name: data, devicePath: /dev/xvda }]'));
    c.advance('3m');
    expect(failedMount(c)).toEqual([
      'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: volume data has volumeMode Filesystem, but is specified in volumeDevices',
    ]);
  });

  it('used the right way, the pod runs', () => {
    const c = cluster();
    applyYaml(c, claim('data', 'gp3', 'ReadWriteOnce', { volumeMode: 'Block' }));
    applyYaml(c, pod('volumeDevices: [{ name: data, devicePath: /dev/xvda }]'));
    c.advance('3m');
    expect(kubectlOk(c, 'get pod app -o jsonpath={.status.phase}')).toBe('Running');
    expect(failedMount(c)).toEqual([]);
  });
});
