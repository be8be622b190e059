import { describe, expect, it } from 'vitest';
import { ClusterDns } from '../controllers/endpoints/cluster-dns.js';
import { CoreCluster } from '../cluster/core-cluster.js';
import { ContainerFilesystem } from './container-fs.js';
import { newRootFilesystem } from './container-fs.js';
import { runShellProcess } from './shell-process.js';

function container() {
  const core = new CoreCluster({ seed: 1 });
  const fs = new ContainerFilesystem(newRootFilesystem('box'), false, []);
  const log: string[] = [];
  const ctx = { exec: { fs, hostname: 'box', namespace: 'default', dns: new ClusterDns(core.store) }, log: (l: string) => void log.push(l) };
  return { fs, log, run: (...argv: string[]) => runShellProcess(ctx, argv) };
}

describe('a container command run as busybox runs it', () => {
  it('echo goes to the log and the process exits 0 at once', () => {
    const c = container();
    expect(c.run('echo', 'Hello', 'World')).toEqual({ kind: 'exit', exitCode: 0, afterMs: 100 });
    expect(c.log).toEqual(['Hello World']);
  });

  it('sh -c: redirections write files, && stops at a failure, || runs on one, the last status is the exit code', () => {
    const c = container();
    expect(c.run('sh', '-c', 'mkdir -p /out && echo "a; b" > /out/x; cat /out/x; cat /nope || echo fallback')).toEqual({ kind: 'exit', exitCode: 0, afterMs: 100 });
    expect(c.fs.readFile('/out/x')).toBe('a; b\n');
    expect(c.log).toEqual(['a; b', "cat: can't open '/nope': No such file or directory", 'fallback']);
    expect(container().run('sh', '-c', 'false && echo never')).toEqual({ kind: 'exit', exitCode: 1, afterMs: 100 });
    expect(container().run('/bin/sh', '-c', 'echo bye; exit 3')).toEqual({ kind: 'exit', exitCode: 3, afterMs: 100 });
  });

  it('sleep N lasts N (s, m, h suffixes); sleep infinity, tail -f, loops and unknown programs keep running', () => {
    expect(container().run('sleep', '30')).toEqual({ kind: 'exit', exitCode: 0, afterMs: 30_100 });
    expect(container().run('sh', '-c', 'sleep 1m; sleep 1.5')).toEqual({ kind: 'exit', exitCode: 0, afterMs: 61_600 });
    for (const argv of [['sleep', 'infinity'], ['tail', '-f', '/dev/null'], ['sh', '-c', 'while true; do date; sleep 5; done'], ['python', 'app.py'], []]) {
      expect(container().run(...argv)).toEqual({ kind: 'running' });
    }
    // What comes before the long-running part still happens.
    const c = container();
    expect(c.run('sh', '-c', 'echo started > /tmp/ready && exec /app/server')).toEqual({ kind: 'running' });
    expect(c.fs.readFile('/tmp/ready')).toBe('started\n');
  });
});
