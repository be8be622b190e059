/**
 * busybox wget from a container over the pod network: DNS, kube-proxy to a ready endpoint, what
 * the endpoint's image serves, and busybox's errors.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from 'kubesim';

function cluster() {
  const c = createCluster({ seed: 4 });
  const ok = (line: string) => expect(c.kubectl(line).exitCode).toBe(0);
  ok('create deployment web --image=nginx --replicas=2');
  ok('expose deployment web --port=80');
  ok('create deployment rs --image=errm/randserver');
  ok('expose deployment rs --port=3000');
  ok('create service clusterip empty --tcp=80:80');
  ok('run bb --image=busybox -- sleep 3600');
  c.advance('2m');
  const exec = (cmd: string) => c.kubectl(`exec bb -- ${cmd}`);
  return { c, exec };
}

describe('wget in a container', () => {
  it('reaches a Service by name through one of its ready endpoints and prints the body with -qO-', () => {
    const { c, exec } = cluster();
    const page = exec('wget -qO- http://web');
    expect(page.exitCode).toBe(0);
    expect(page.stdout).toContain('<title>Welcome to nginx!</title>');
    // randserver lists the file its pod wrote into /data.
    const [rs] = c.list('Pod', { labelSelector: 'app=rs' });
    const written = c.kubectl(`exec ${rs.metadata.name} -- ls /data`).stdout.trim();
    expect(exec('wget -qO- rs:3000').stdout).toContain(`<a href="${written}">${written}</a>`);
  });

  it('without -q: where it connects, where it writes, the 100% line; a file named after the URL, never overwritten', () => {
    const { c, exec } = cluster();
    const ip = (c.get('Service', 'web') as unknown as { spec: { clusterIP: string } }).spec.clusterIP;
    const r = exec('wget http://web.default.svc.cluster.local/');
    expect(r.stderr).toBe(
      `Connecting to web.default.svc.cluster.local (${ip}:80)\nsaving to 'index.html'\nindex.html           100% |********************************|   615  0:00:00 ETA\n'index.html' saved\n`,
    );
    expect(exec('cat index.html').stdout).toContain('Welcome to nginx!');
    expect(exec('wget -q http://web/')).toMatchObject({ stderr: "wget: can't open 'index.html': File exists\ncommand terminated with exit code 1\n", exitCode: 1 });
    expect(exec('wget -O- -q http://web/').exitCode).toBe(0);
  });

  it("busybox's errors: unknown name, no ready endpoints, a port the Service lacks, an HTTP error status", () => {
    const { c, exec } = cluster();
    const ip = (name: string) => (c.get('Service', name) as unknown as { spec: { clusterIP: string } }).spec.clusterIP;
    expect(exec('wget -qO- http://nope').stderr).toBe("wget: bad address 'nope'\ncommand terminated with exit code 1\n");
    expect(exec('wget -qO- http://empty').stderr).toBe(`wget: can't connect to remote host (${ip('empty')}): Connection refused\ncommand terminated with exit code 1\n`);
    expect(exec('wget -qO- http://web:8080').stderr).toBe(`wget: can't connect to remote host (${ip('web')}): Connection timed out\ncommand terminated with exit code 1\n`);
    expect(exec('wget -qO- http://web/missing').stderr).toBe('wget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n');
    expect(exec('wget -q --spider http://web').exitCode).toBe(0);
  });

  it('a scaled-down Deployment leaves its Service with nothing behind it', () => {
    const { c, exec } = cluster();
    c.kubectl('scale deployment web --replicas=0');
    c.advance('1m');
    expect(exec('wget -qO- http://web').stderr).toMatch(/Connection refused/);
  });

  it('kube-proxy spreads requests over the endpoints at random, the same way for the same seed', () => {
    const bodies = () => {
      const { c, exec } = cluster();
      c.kubectl('scale deployment rs --replicas=2');
      c.advance('1m');
      // Each randserver pod lists the one file it wrote: the body tells which pod answered.
      return Array.from({ length: 12 }, () => exec('wget -qO- rs:3000').stdout);
    };
    const first = bodies();
    expect(new Set(first).size).toBe(2);
    expect(bodies()).toEqual(first);
  });

  it('curl in images that ship it: the body, -w %{http_code}, -f, errors with their exit codes; busybox has none', () => {
    const { c } = cluster();
    const run = (name: string, args: string) => c.kubectl(`run ${name} --image=curlimages/curl --rm -i --restart=Never -- ${args}`);
    // curlimages/curl's entrypoint puts curl in front of arguments that start with an option.
    expect(run('c1', '-s -o /dev/null -w %{http_code} http://web')).toEqual({ stdout: '200pod "c1" deleted\n', stderr: '', exitCode: 0 });
    expect(run('c2', 'curl -s http://web/missing').stdout).toContain('<head><title>404 Not Found</title></head>');
    expect(run('c3', 'curl -sf http://web/missing')).toEqual({ stdout: 'pod "c3" deleted\n', stderr: 'pod default/c3 terminated (Error)\n', exitCode: 22 });
    expect(run('c4', 'curl -sS http://nope')).toMatchObject({ stdout: 'curl: (6) Could not resolve host: nope\npod "c4" deleted\n', exitCode: 6 });
    expect(run('c5', 'curl -sS http://empty')).toMatchObject({ stdout: expect.stringContaining("curl: (7) Failed to connect to empty port 80 after 0 ms: Couldn't connect to server"), exitCode: 7 });
    const meter = run('c6', 'curl http://web').stdout;
    expect(meter).toContain('  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n');
    expect(meter).toContain('100   615  100   615    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k');
    // busybox's shell finds no curl.
    expect(c.kubectl('exec bb -- sh -c "curl http://web"')).toMatchObject({ stderr: 'sh: curl: not found\ncommand terminated with exit code 127\n', exitCode: 127 });
  });
});
