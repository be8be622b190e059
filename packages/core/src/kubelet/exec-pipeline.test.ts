import { describe, expect, it } from 'vitest';
import { CoreCluster } from '../cluster/core-cluster.js';
import { ClusterDns } from '../controllers/endpoints/cluster-dns.js';
import { ContainerFilesystem, newRootFilesystem } from './container-fs.js';
import { runCommand } from './exec.js';
import { runShellProcess } from './shell-process.js';

/** A busybox container with /data/a.txt (one), /data/b.txt (two), /data/c.log (three) and a dot file. */
function box() {
  const core = new CoreCluster({ seed: 1 });
  const fs = new ContainerFilesystem(newRootFilesystem('box'), false, []);
  const env = { fs, hostname: 'box', namespace: 'default', dns: new ClusterDns(core.store) };
  fs.mkdir('/data');
  fs.writeFile('/data/a.txt', 'one\n');
  fs.writeFile('/data/b.txt', 'two\n');
  fs.writeFile('/data/c.log', 'three\n');
  fs.writeFile('/data/.hidden', 'secret\n');
  const sh = (line: string) => runCommand(env, ['sh', '-c', line]);
  return { fs, env, sh };
}

describe('sh -c: pipes and pathname expansion (busybox ash)', () => {
  it('an unquoted pattern expands to the sorted matches, hidden files only for a leading dot; a quoted one, or one matching nothing, stays', () => {
    const { sh } = box();
    expect(sh('echo /data/*').stdout).toBe('/data/a.txt /data/b.txt /data/c.log\n');
    expect(sh('echo /data/?.txt').stdout).toBe('/data/a.txt /data/b.txt\n');
    expect(sh('echo /data/[ac].*').stdout).toBe('/data/a.txt /data/c.log\n');
    expect(sh('echo /data/.h*').stdout).toBe('/data/.hidden\n');
    expect(sh("echo '/data/*'").stdout).toBe('/data/*\n');
    expect(sh('echo /nope/*').stdout).toBe('/nope/*\n');
    expect(sh('cat /data/*.txt').stdout).toBe('one\ntwo\n');
  });

  it('a pipeline feeds each stdout to the next stdin; the status is the last command\'s', () => {
    const { sh, fs } = box();
    expect(sh('cat /data/*.txt | wc -l')).toEqual({ stdout: '2\n', stderr: '', exitCode: 0 });
    expect(sh('ls /data | wc -l').stdout).toBe('3\n');
    expect(sh('cat /data/* | grep -n o | sort -r').stdout).toBe('2:two\n1:one\n');
    expect(sh('cat /data/*.txt | tail -1 > /data/last && cat /data/last').stdout).toBe('two\n');
    expect(fs.readFile('/data/last')).toBe('two\n');
    expect(sh('ls /nope | wc -l')).toEqual({ stdout: '0\n', stderr: 'ls: /nope: No such file or directory\n', exitCode: 0 });
    expect(sh('cat /data/a.txt | grep zzz').exitCode).toBe(1);
    expect(sh("echo 'a|b' | grep '|'").stdout).toBe('a|b\n');
  });

  it('wc, head, tail, grep and sort print as busybox does', () => {
    const { sh } = box();
    expect(sh('echo a b c | wc').stdout).toBe('        1         3         6\n');
    expect(sh('wc -c /data/a.txt').stdout).toBe('4 /data/a.txt\n');
    expect(sh('wc -l /data/a.txt /data/b.txt').stdout).toBe('        1 /data/a.txt\n        1 /data/b.txt\n        2 total\n');
    expect(sh('head -n 1 /data/a.txt /data/b.txt').stdout).toBe('==> /data/a.txt <==\none\n\n==> /data/b.txt <==\ntwo\n');
    expect(sh('cat /data/*.txt /data/c.log | head -2').stdout).toBe('one\ntwo\n');
    expect(sh('grep -c o /data/a.txt /data/b.txt /data/c.log').stdout).toBe('/data/a.txt:1\n/data/b.txt:1\n/data/c.log:0\n');
    expect(sh('grep -v o /data/c.log').stdout).toBe('three\n');
    expect(sh('grep x /data/none')).toEqual({ stdout: '', stderr: 'grep: /data/none: No such file or directory\n', exitCode: 2 });
    // Those that open through fopen_or_warn/open_or_warn quote the path.
    for (const cmd of ['cat', 'head', 'tail', 'wc']) expect(sh(`${cmd} /data/none`).stderr).toBe(`${cmd}: can't open '/data/none': No such file or directory\n`);
    expect(sh('ls /data/a.txt /data/b.txt /data').stdout).toBe('/data/a.txt\n/data/b.txt\n\n/data:\na.txt\nb.txt\nc.log\n');
    expect(sh('ls -A /data').stdout).toBe('.hidden\na.txt\nb.txt\nc.log\n');
    expect(sh('ls -a /data').stdout).toBe('.\n..\n.hidden\na.txt\nb.txt\nc.log\n');
  });

  it('a container\'s own script runs its pipelines too', () => {
    const { env, fs } = box();
    const log: string[] = [];
    const ctx = { exec: env, log: (l: string) => void log.push(l) };
    expect(runShellProcess(ctx, ['sh', '-c', 'ls /data/*.txt | wc -l > /data/count; cat /data/count'])).toMatchObject({ kind: 'exit', exitCode: 0 });
    expect(fs.readFile('/data/count')).toBe('2\n');
    expect(log).toEqual(['2']);
  });
});

describe('exec results', () => {
  it('say how long the sleeps of a finished command would have taken', () => {
    const { sh } = box();
    expect(sh('sleep 2; sleep 0.5; echo done')).toEqual({ stdout: 'done\n', stderr: '', exitCode: 0, elapsedMs: 2500 });
    expect(sh('echo fast')).toEqual({ stdout: 'fast\n', stderr: '', exitCode: 0 });
  });
});
