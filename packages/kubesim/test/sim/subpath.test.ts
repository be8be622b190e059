/**
 * `subPath` mounts: a path not in the volume yet becomes a directory of it; a file that is there
 * (a ConfigMap key) is mounted as that one file, which is how a single config file is placed.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from 'kubesim';
import { applyYaml, kubectlOk } from './helpers.js';

describe('subPath', () => {
  it('a directory of a volume, and a single ConfigMap key as a file', () => {
    const c = createCluster({ seed: 15, zones: ['us-east-1a'], nodes: [{ zone: 'us-east-1a', count: 1 }] });
    kubectlOk(c, 'create configmap cfg --from-literal=app.conf=port=80 --from-literal=other=x');
    applyYaml(
      c,
      `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: busybox
    command: [sleep, infinity]
    volumeMounts:
    - { name: scratch, mountPath: /logs, subPath: app }
    - { name: scratch, mountPath: /all }
    - { name: cfg, mountPath: /etc/app/app.conf, subPath: app.conf }
  volumes:
  - { name: scratch, emptyDir: {} }
  - { name: cfg, configMap: { name: cfg } }
`,
    );
    c.advance('1m');
    const sh = (script: string) => c.kubectl(`exec p -- sh -c "${script}"`);
    expect(sh('echo hi > /logs/today; ls /all; cat /all/app/today').stdout).toBe('app\nhi\n');
    expect(sh('cat /etc/app/app.conf; echo; ls /etc/app').stdout).toBe('port=80\napp.conf\n');
    expect(sh('test -f /etc/app/app.conf && echo file').stdout).toBe('file\n');
    expect(sh('echo x > /etc/app/app.conf')).toMatchObject({ stderr: "sh: can't create /etc/app/app.conf: Read-only file system\ncommand terminated with exit code 1\n", exitCode: 1 });
  });
});
