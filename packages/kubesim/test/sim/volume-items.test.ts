/**
 * ConfigMap and Secret volumes with `items`: only the listed keys, at their paths (directories
 * made as needed); a key that is not there fails the mount unless the volume is optional.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from 'kubesim';
import { applyYaml, kubectlOk } from './helpers.js';

function pod(name: string, volumes: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: c\n    image: busybox\n    command: [sleep, infinity]\n    volumeMounts:\n    - { name: v, mountPath: /v }\n  volumes:\n  - ${volumes}\n`;
}

describe('volume items', () => {
  it('only the listed keys, at their paths', () => {
    const c = createCluster({ seed: 16, zones: ['us-east-1a'], nodes: [{ zone: 'us-east-1a', count: 1 }] });
    kubectlOk(c, 'create configmap cfg --from-literal=a=1 --from-literal=b=2');
    kubectlOk(c, 'create secret generic s --from-literal=user=admin --from-literal=pw=x');
    applyYaml(c, pod('cm', '{ name: v, configMap: { name: cfg, items: [{ key: a, path: sub/a.txt }] } }'));
    applyYaml(c, pod('sec', '{ name: v, secret: { secretName: s, items: [{ key: user, path: username }] } }'));
    c.advance('1m');
    expect(kubectlOk(c, 'exec cm -- ls -R /v')).toBe('/v:\nsub\n\n/v/sub:\na.txt\n');
    expect(kubectlOk(c, 'exec cm -- cat /v/sub/a.txt')).toBe('1');
    expect(kubectlOk(c, 'exec sec -- ls /v')).toBe('username\n');
    expect(kubectlOk(c, 'exec sec -- cat /v/username')).toBe('admin');
  });

  it('a missing key fails the mount unless optional', () => {
    const c = createCluster({ seed: 16, zones: ['us-east-1a'], nodes: [{ zone: 'us-east-1a', count: 1 }] });
    kubectlOk(c, 'create configmap cfg --from-literal=a=1');
    kubectlOk(c, 'create secret generic s --from-literal=user=admin');
    applyYaml(c, pod('cm', '{ name: v, configMap: { name: cfg, items: [{ key: nope, path: x }] } }'));
    applyYaml(c, pod('sec', '{ name: v, secret: { secretName: s, items: [{ key: nope, path: x }] } }'));
    applyYaml(c, pod('opt', '{ name: v, configMap: { name: cfg, optional: true, items: [{ key: nope, path: x }] } }'));
    c.advance('1m');
    const failed = (name: string) => c.events({ kind: 'Pod', name, reason: 'FailedMount' }).map((e) => e.message);
    expect(failed('cm')).toEqual(['MountVolume.SetUp failed for volume "v" : configmap references non-existent config key: nope']);
    expect(failed('sec')).toEqual(['MountVolume.SetUp failed for volume "v" : references non-existent secret key: nope']);
    expect(kubectlOk(c, 'get pod cm -o jsonpath={.status.containerStatuses[0].state.waiting.reason}')).toBe('ContainerCreating');
    expect(kubectlOk(c, 'get pod opt -o jsonpath={.status.phase}')).toBe('Running');
    expect(kubectlOk(c, 'exec opt -- ls /v')).toBe('');
  });
});
