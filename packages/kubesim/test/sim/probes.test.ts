/**
 * Probes run for real: the liveness-exec example of the Kubernetes docs ("Configure Liveness,
 * Readiness and Startup Probes") fails its probe 30 s in, is killed and restarted; a readiness
 * probe takes a pod out of its Service's Endpoints and puts it back.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from 'kubesim';
import { kubectlOk } from './helpers.js';

const LIVENESS_EXEC = `apiVersion: v1
kind: Pod
metadata:
  labels:
    test: liveness
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox:1.27.2
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
    livenessProbe:
      exec:
        command:
        - cat
        - /tmp/healthy
      initialDelaySeconds: 5
      periodSeconds: 5
`;

/** `Age` of a describe event line as seconds (`45s`, `2m3s`). */
function ageSeconds(age: string): number {
  const m = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(age);
  return Number(m?.[1] ?? 0) * 60 + Number(m?.[2] ?? 0);
}

describe('probes', () => {
  it('liveness-exec from the docs: healthy for 30 s, then three failures, Killing, and a restart', () => {
    const c = createCluster({ seed: 1 });
    expect(c.kubectl('apply -f -', { stdin: LIVENESS_EXEC })).toEqual({ stdout: 'pod/liveness-exec created\n', stderr: '', exitCode: 0 });
    c.advance('25s');
    const early = kubectlOk(c, 'describe pod liveness-exec');
    expect(early).toContain('    Liveness:       exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3\n');
    expect(early).not.toContain('Unhealthy');
    expect(c.kubectl('exec liveness-exec -- cat /tmp/healthy').exitCode).toBe(0);
    c.advance('25s');
    // The probe's output is what `cat` prints in the container (busybox: `cat: can't open '/tmp/healthy': No such file or directory`).
    const missing = c.kubectl('exec liveness-exec -- cat /tmp/healthy');
    expect(missing.exitCode).toBe(1);
    const events = kubectlOk(c, 'describe pod liveness-exec').split('Events:\n')[1].split('\n');
    const unhealthy = events.find((l) => l.includes('Unhealthy')) ?? '';
    const m = /^ {2}Warning {2}Unhealthy {2}(\S+) \(x3 over (\S+)\) +kubelet +(.*)$/.exec(unhealthy);
    expect(m, unhealthy).not.toBeNull();
    // Three runs 5 s apart: the first 10 s before the last.
    expect(ageSeconds(m?.[2] ?? '') - ageSeconds(m?.[1] ?? '')).toBe(10);
    // (kubectl adds its own last line, `command terminated with exit code 1`.)
    expect(m?.[3]).toBe(`Liveness probe failed: ${missing.stderr.split('\n')[0]}`);
    expect(m?.[3]).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    const killing = events.find((l) => l.includes('Killing')) ?? '';
    expect(killing).toMatch(new RegExp(`^ {2}Normal {3}Killing {4}${m?.[1]} +kubelet +Container liveness failed liveness probe, will be restarted$`));
    expect(events.indexOf(killing)).toBe(events.indexOf(unhealthy) + 1);
    // busybox's sh ignores SIGTERM: killed when the 30 s grace period ends, then started again.
    c.advance('40s');
    expect(kubectlOk(c, 'get pods --no-headers')).toMatch(/^liveness-exec +1\/1 +Running +1 \(\d+s ago\) +\d+s\n$/);
    expect(kubectlOk(c, 'get pod liveness-exec -o jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}/{.status.containerStatuses[0].lastState.terminated.reason}')).toBe(
      '137/Error',
    );
  });

  it('a readiness probe takes the pod out of its Service\'s Endpoints while it fails and puts it back when it passes', () => {
    const c = createCluster({ seed: 2 });
    const applied = c.kubectl('apply -f -', {
      stdin: `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: web
    image: busybox:1.36
    command: ["sh", "-c", "touch /tmp/ready; sleep 3600"]
    ports:
    - containerPort: 8080
    readinessProbe:
      exec:
        command: ["cat", "/tmp/ready"]
      periodSeconds: 5
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
`,
    });
    expect(applied.stdout).toBe('pod/web created\nservice/web created\n');
    c.advance('20s');
    const ip = kubectlOk(c, 'get pod web -o jsonpath={.status.podIP}');
    expect(kubectlOk(c, 'get endpoints web -o jsonpath={.subsets[0].addresses[*].ip}')).toBe(ip);
    kubectlOk(c, 'exec web -- rm /tmp/ready');
    c.advance('20s');
    expect(kubectlOk(c, 'get pods web --no-headers')).toMatch(/^web +0\/1 +Running +0 +/);
    expect(kubectlOk(c, 'get endpoints web -o jsonpath={.subsets[0].notReadyAddresses[*].ip}')).toBe(ip);
    expect(kubectlOk(c, 'get endpoints web -o jsonpath={.subsets[0].addresses}')).toBe('');
    expect(kubectlOk(c, 'describe pod web')).toMatch(/Warning +Unhealthy +\d+s \(x\d+ over \d+s\) +kubelet +Readiness probe failed: cat: .*\/tmp\/ready.*No such file or directory\n/);
    kubectlOk(c, 'exec web -- touch /tmp/ready');
    c.advance('10s');
    expect(kubectlOk(c, 'get endpoints web -o jsonpath={.subsets[0].addresses[*].ip}')).toBe(ip);
    expect(kubectlOk(c, 'get pods web --no-headers')).toMatch(/^web +1\/1 +Running +0 +/);
  });
});
