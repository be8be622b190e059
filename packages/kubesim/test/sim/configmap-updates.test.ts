/**
 * A ConfigMap or Secret that changes reaches the volumes that project it at the kubelet's next
 * periodic sync of the pod (a minute here), not at once; environment variables keep the values
 * the container started with, and a key mounted with subPath keeps its file.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from 'kubesim';
import { applyYaml, kubectlOk } from './helpers.js';

describe('ConfigMap and Secret updates in running pods', () => {
  it('volumes follow after the sync period; env and subPath do not', () => {
    const c = createCluster({ seed: 17, zones: ['us-east-1a'], nodes: [{ zone: 'us-east-1a', count: 1 }] });
    kubectlOk(c, 'create configmap cfg --from-literal=mode=blue');
    kubectlOk(c, 'create secret generic creds --from-literal=token=t1');
    applyYaml(
      c,
      `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: busybox
    command: [sleep, infinity]
    env: [{ name: MODE, valueFrom: { configMapKeyRef: { name: cfg, key: mode } } }]
    volumeMounts:
    - { name: cfg, mountPath: /cfg }
    - { name: cfg, mountPath: /etc/mode, subPath: mode }
    - { name: creds, mountPath: /creds }
    - { name: both, mountPath: /both }
  volumes:
  - { name: cfg, configMap: { name: cfg } }
  - { name: creds, secret: { secretName: creds } }
  - { name: both, projected: { sources: [{ configMap: { name: cfg } }, { secret: { name: creds } }] } }
`,
    );
    c.advance('1m');
    const read = () => kubectlOk(c, 'exec app -- sh -c "cat /cfg/mode /etc/mode /creds/token /both/mode /both/token; echo $MODE; ls /cfg"');
    expect(read()).toBe('bluebluet1bluet1blue\nmode\n');
    kubectlOk(c, `patch configmap cfg -p '{"data":{"mode":"green","extra":"x"}}'`);
    kubectlOk(c, `patch secret creds -p '{"stringData":{"token":"t2"}}'`);
    c.advance('30s');
    expect(read()).toBe('bluebluet1bluet1blue\nmode\n');
    c.advance('31s');
    expect(read()).toBe('greenbluet2greent2blue\nextra\nmode\n');
  });

  it('a ConfigMap deleted before the sync leaves the files the volume had (its SetUp fails); one changed again reaches it', () => {
    const c = createCluster({ seed: 18, zones: ['us-east-1a'], nodes: [{ zone: 'us-east-1a', count: 1 }] });
    kubectlOk(c, 'create configmap cfg --from-literal=mode=blue');
    applyYaml(
      c,
      `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - { name: app, image: busybox, command: [sleep, infinity], volumeMounts: [{ name: cfg, mountPath: /cfg }] }
  volumes:
  - { name: cfg, configMap: { name: cfg } }
`,
    );
    c.advance('1m');
    kubectlOk(c, `patch configmap cfg -p '{"data":{"mode":"green"}}'`);
    kubectlOk(c, 'delete configmap cfg');
    c.advance('2m');
    expect(kubectlOk(c, 'exec app -- cat /cfg/mode')).toBe('blue');
    kubectlOk(c, 'create configmap cfg --from-literal=mode=red');
    kubectlOk(c, `patch configmap cfg -p '{"data":{"mode":"amber"}}'`);
    c.advance('61s');
    expect(kubectlOk(c, 'exec app -- cat /cfg/mode')).toBe('amber');
  });
});
