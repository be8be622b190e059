import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster.js';

/** Two randserver pods (they log two lines at start) and a busybox pod that crash-loops after logging. */
function cluster() {
  const c = createCluster({ seed: 5 });
  const ok = (line: string) => {
    const r = c.kubectl(line);
    expect(r.exitCode).toBe(0);
    return r;
  };
  ok('create deployment web --image=errm/randserver --replicas=2');
  ok('rollout status deployment/web --timeout=2m');
  ok('run crash --image=busybox -- sh -c "echo starting; exit 1"');
  c.advance('3m');
  const pods = c.list('Pod', { labelSelector: 'app=web' }).map((p) => p.metadata.name as string);
  return { c, ok, pods };
}

describe('kubectl logs (logs.go, the kubelet\'s PodLogOptions)', () => {
  it('--previous reads the instance before; a container without one is a BadRequest', () => {
    const { c } = cluster();
    expect(c.kubectl('logs crash').stderr).toBe('Error from server (BadRequest): container "crash" in pod "crash" is waiting to start: CrashLoopBackOff\n');
    expect(c.kubectl('logs crash --previous').stdout).toBe('starting\n');
    expect(c.kubectl('logs web --previous').exitCode).toBe(1);
    const [web] = c.list('Pod', { labelSelector: 'app=web' });
    expect(c.kubectl(`logs ${web.metadata.name} -p`)).toEqual({
      stdout: '',
      stderr: `Error from server (BadRequest): previous terminated container "randserver" in pod "${web.metadata.name}" not found\n`,
      exitCode: 1,
    });
  });

  it('--timestamps stamps each line (RFC3339NanoFixed); --since and --since-time keep the later lines', () => {
    const { c, pods } = cluster();
    const stamped = c.kubectl(`logs ${pods[0]} --timestamps`).stdout.split('\n').filter(Boolean);
    expect(stamped).toHaveLength(2);
    for (const line of stamped) expect(line).toMatch(/^2026-01-01T00:00:0\d\.\d{3}000000Z 2026\/01\/01 00:00:0\d (wrote \/data\/\w+|listening on :3000)$/);
    // The pods started about 3 minutes ago.
    expect(c.kubectl(`logs ${pods[0]} --since=1m`).stdout).toBe('');
    expect(c.kubectl(`logs ${pods[0]} --since=10m`).stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect(c.kubectl(`logs ${pods[0]} --since-time=2026-01-01T00:00:30Z`).stdout).toBe('');
    expect(c.kubectl(`logs ${pods[0]} --since-time=2026-01-01T00:00:00Z`).stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect(c.kubectl(`logs ${pods[0]} --since=1m --since-time=2026-01-01T00:00:00Z`).stderr).toBe('error: at most one of `sinceTime` or `sinceSeconds` may be specified\n');
    expect(c.kubectl(`logs ${pods[0]} --since=soon`).stderr).toBe(`error: invalid argument "soon" for "--since" flag: time: invalid duration "soon"\nSee 'kubectl logs -h' for help and examples\n`);
    expect(c.kubectl(`logs ${pods[0]} --limit-bytes=10`).stdout).toBe('2026/01/01');
  });

  it('-l gives every matching pod (10 lines each by default), --prefix names pod and container; a workload says which pod of how many', () => {
    const { c, pods } = cluster();
    const out = c.kubectl('logs -l app=web --prefix').stdout.split('\n').filter(Boolean);
    expect(out).toHaveLength(4);
    expect(out.filter((l) => l.startsWith(`[pod/${pods[0]}/randserver] 2026/01/01`))).toHaveLength(2);
    expect(out.filter((l) => l.startsWith(`[pod/${pods[1]}/randserver] 2026/01/01`))).toHaveLength(2);
    const r = c.kubectl('logs deploy/web --tail=1');
    expect(r.stderr).toMatch(/^Found 2 pods, using pod\/web-\S+\n$/);
    expect(r.stdout).toMatch(/^2026\/01\/01 00:00:0\d listening on :3000\n$/);
  });
});
