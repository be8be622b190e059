import { describe, expect, it } from 'vitest';
import { containerState, makePod, newTestCluster } from './testing.js';

function listing(body: string): string[] {
  return [...body.matchAll(/<a href="[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]);
}

describe('randserver and emptyDir', () => {
  it('3-1 randserver writes one random file into the emptyDir and serves its listing on :3000', () => {
    const c = newTestCluster();
    c.core.api.create(makePod('rs').randserver().emptyDir().node(c.nodes[0]).obj());
    c.advance('10s');
    const ls = c.w.exec('default', 'rs', undefined, ['ls', '/data']);
    expect(ls.exitCode).toBe(0);
    const files = ls.stdout.trim().split('\n');
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[a-z0-9]{12}$/);
    const res = c.w.http('default', 'rs', 3000, '/');
    expect(res.status).toBe(200);
    expect(listing(res.body)).toEqual(files);
    expect(res.body.startsWith('<!doctype html>\n<meta name="viewport" content="width=device-width">\n<pre>\n')).toBe(true);
    expect(c.w.http('default', 'rs', 8080, '/').status).toBe(0);
    expect(c.w.logs('default', 'rs')).toContain(`wrote /data/${files[0]}`);
  });

  it('3-2 a new pod gets a new empty dir: again exactly one, different file', () => {
    const c = newTestCluster();
    c.core.api.create(makePod('rs').randserver().emptyDir().node(c.nodes[0]).obj());
    c.advance('10s');
    const first = listing(c.w.http('default', 'rs', 3000, '/').body);
    c.core.api.delete('Pod', 'default', 'rs');
    c.advance('5s');
    expect(c.pod('rs')).toBeUndefined();
    c.core.api.create(makePod('rs').randserver().emptyDir().node(c.nodes[0]).obj());
    c.advance('10s');
    const second = listing(c.w.http('default', 'rs', 3000, '/').body);
    expect(second).toHaveLength(1);
    expect(second[0]).not.toBe(first[0]);
  });

  it('3-3 the emptyDir survives container restarts (one more file per start)', () => {
    const c = newTestCluster();
    c.core.api.create(makePod('rs').randserver().emptyDir().node(c.nodes[0]).obj());
    c.advance('10s');
    const kubelet = c.w.kubelets.get(c.nodes[0]);
    const uid = c.pod('rs')?.metadata.uid ?? '';
    const container = kubelet?.runtime.latest(uid, 'randserver');
    if (container) kubelet?.runtime.exit(container, 2);
    c.advance('5s');
    expect(c.pod('rs')?.status?.containerStatuses?.[0].restartCount).toBe(1);
    expect(listing(c.w.http('default', 'rs', 3000, '/').body)).toHaveLength(2);
  });

  it('3-4 with a read-only root and no volume at /data randserver crash-loops', () => {
    const c = newTestCluster();
    c.core.api.create(
      makePod('bad')
        .container('randserver', 'errm/randserver', { securityContext: { readOnlyRootFilesystem: true } })
        .node(c.nodes[0])
        .obj(),
    );
    c.core.loop.runUntil(() => containerState(c.pod('bad')) === 'CrashLoopBackOff', { timeout: '60s' });
    expect(containerState(c.pod('bad'))).toBe('CrashLoopBackOff');
    expect(c.w.logs('default', 'bad', undefined, { previous: true })).toMatch(/open \/data\/[a-z0-9]{12}: read-only file system/);
  });
});

describe('exec', () => {
  it('4-1 file commands, read-only root and unknown commands', () => {
    const c = newTestCluster();
    c.core.api.create(makePod('rs').randserver().emptyDir().hostname('rs-0', 'rs').node(c.nodes[0]).obj());
    c.advance('10s');
    const exec = (...argv: string[]) => c.w.exec('default', 'rs', 'randserver', argv);
    expect(exec('touch', '/data/hello')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(exec('sh', '-c', 'echo hi > /data/greeting').exitCode).toBe(0);
    expect(exec('cat', '/data/greeting').stdout).toBe('hi\n');
    expect(exec('touch', '/root-file')).toEqual({ stdout: '', stderr: 'touch: /root-file: Read-only file system\n', exitCode: 1 });
    expect(exec('sh', '-c', 'echo x > /etc/x').stderr).toBe("sh: can't create /etc/x: Read-only file system\n");
    expect(exec('mkdir', '/data/sub').exitCode).toBe(0);
    expect(exec('rm', '/data/hello').exitCode).toBe(0);
    expect(exec('ls', '/data').stdout.split('\n')).toContain('sub');
    expect(exec('ls', '/nope')).toEqual({ stdout: '', stderr: 'ls: /nope: No such file or directory\n', exitCode: 1 });
    expect(exec('cat', '/data/none').stderr).toBe("cat: can't open '/data/none': No such file or directory\n");
    expect(exec('hostname').stdout).toBe('rs-0\n');
    expect(exec('df').stdout).toContain(' /data\n');
    expect(exec('foo')).toEqual({ stdout: '', stderr: 'sh: foo: not found\n', exitCode: 127 });
  });

  it('4-2 exec into a missing pod or a silent node fails like kubectl', () => {
    const c = newTestCluster();
    expect(c.w.exec('default', 'ghost', undefined, ['ls']).stderr).toBe('Error from server (NotFound): pods "ghost" not found\n');
    c.core.api.create(makePod('rs').randserver().emptyDir().node(c.nodes[0]).obj());
    c.advance('10s');
    c.w.faults.kubeletCrash(c.nodes[0]);
    const r = c.w.exec('default', 'rs', undefined, ['ls']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^Error from server: error dialing backend: dial tcp 10\.0\.\d+\.\d+:10250: i\/o timeout\n$/);
  });

  it('4-3 cluster DNS: Service names and pods behind a headless Service', () => {
    const c = newTestCluster();
    c.core.api.create(makePod('client').container('app', 'busybox', { command: ['sleep', '3600'] }).node(c.nodes[0]).obj());
    c.core.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { clusterIP: '10.100.12.7', ports: [{ port: 80 }] } });
    c.core.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'rs', namespace: 'default' }, spec: { clusterIP: 'None' } });
    c.core.store.create({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'rs', namespace: 'default' },
      subsets: [{ addresses: [{ ip: '10.0.1.9', hostname: 'rs-0' }, { ip: '10.0.1.8', hostname: 'rs-1' }] }],
    });
    c.advance('10s');
    const exec = (...argv: string[]) => c.w.exec('default', 'client', undefined, argv);
    expect(exec('nslookup', 'web').stdout).toBe('Server:\t\t10.100.0.10\nAddress:\t10.100.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.100.12.7\n');
    expect(exec('getent', 'hosts', 'rs-0.rs').stdout).toBe('10.0.1.9        rs-0.rs.default.svc.cluster.local\n');
    expect(exec('nslookup', 'rs.default.svc.cluster.local').stdout).toContain('Address: 10.0.1.8\n');
    const miss = exec('nslookup', 'nothing');
    expect(miss.exitCode).toBe(1);
    expect(miss.stderr).toBe("** server can't find nothing.default.svc.cluster.local: NXDOMAIN\n");
  });
});
