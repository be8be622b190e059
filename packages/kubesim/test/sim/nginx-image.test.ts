/**
 * The official nginx image, the most common demo image: it serves its welcome page on port 80,
 * logs its entrypoint lines, and stops at once with exit 0 on its STOPSIGNAL (SIGQUIT), so a
 * deleted nginx pod does not sit Terminating for its grace period as a `sleep` does.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from 'kubesim';

describe('the nginx image', () => {
  it('serves the welcome page on 80, 404 elsewhere, and logs the entrypoint', () => {
    const c = createCluster({ seed: 3 });
    c.kubectl('run web --image=nginx');
    c.advance('30s');
    const page = c.http('web', 80);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Welcome to nginx!</title>');
    expect(c.http('web', 80, '/missing').status).toBe(404);
    expect(c.http('web', 8080).status).toBe(0);
    expect(c.kubectl('logs web').stdout.split('\n').at(-2)).toBe('/docker-entrypoint.sh: Configuration complete; ready for start up');
    expect(c.kubectl('events --for pod/web --types Normal').stdout).toMatch(/Successfully pulled image "nginx" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: 72402122 bytes\./);
  });

  it('a deleted nginx pod is gone at once (exit 0); a sleeping busybox takes its 30 s grace period (exit 137)', () => {
    const c = createCluster({ seed: 3 });
    c.kubectl('run web --image=nginx');
    c.kubectl('run sleeper --image=busybox -- sleep 3600');
    c.advance('30s');
    const t0 = c.now();
    expect(c.kubectl('delete pod web').stdout).toBe('pod "web" deleted\n');
    expect(c.now() - t0).toBeLessThan(1000);
    const exits: string[] = [];
    c.on('Pod', (e) => {
      const s = (e.object.status as { containerStatuses?: { state?: { terminated?: { exitCode: number; reason: string } } }[] }).containerStatuses?.[0]?.state?.terminated;
      if (s) exits.push(`${e.object.metadata.name} ${s.exitCode} ${s.reason}`);
    });
    const t1 = c.now();
    expect(c.kubectl('delete pod sleeper').stdout).toBe('pod "sleeper" deleted\n');
    expect(c.now() - t1).toBeGreaterThanOrEqual(30_000);
    expect(exits.at(-1)).toBe('sleeper 137 Error');
  });
});
