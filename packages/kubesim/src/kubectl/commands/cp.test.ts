import { describe, expect, it } from 'vitest';
import { readTar } from '@kubesim/core';
import { createCluster } from '../../cluster.js';

/** A cluster with a running busybox pod `bb`, a two-container pod `duo`, and a few local files. */
function cluster() {
  const c = createCluster({ seed: 3, files: { 'data/a.txt': 'hello\n', 'data/sub/b.txt': 'bee\n', 'one.txt': 'one\n', 'empty/.keep': '' } });
  c.kubectl('run bb --image=busybox -- sleep 3600');
  c.apply(`apiVersion: v1
kind: Pod
metadata: { name: duo }
spec:
  containers:
    - { name: first, image: busybox, command: [sleep, '3600'] }
    - { name: second, image: busybox, command: [sleep, '3600'] }
`);
  c.advance('1m');
  return c;
}

describe('kubectl cp (cp.go: tar through exec)', () => {
  it('a file to a path, and into a directory under its own name', () => {
    const c = cluster();
    expect(c.kubectl('cp one.txt bb:/tmp/renamed.txt')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(c.kubectl('exec bb -- cat /tmp/renamed.txt').stdout).toBe('one\n');
    expect(c.kubectl('cp one.txt default/bb:/tmp').exitCode).toBe(0);
    expect(c.kubectl('exec bb -- cat /tmp/one.txt').stdout).toBe('one\n');
  });

  it('a directory with everything under it; back out of the pod into a new local directory', () => {
    const c = cluster();
    expect(c.kubectl('cp data bb:/tmp/data').exitCode).toBe(0);
    expect(c.kubectl('exec bb -- cat /tmp/data/sub/b.txt').stdout).toBe('bee\n');
    // tar's message reaches kubectl's standard output.
    expect(c.kubectl('cp bb:/tmp/data copy')).toEqual({ stdout: "tar: removing leading '/' from member names\n", stderr: '', exitCode: 0 });
    expect(c.files.readDir('copy')).toEqual(['a.txt', 'sub']);
    expect(c.files.readFile('copy/sub/b.txt')).toBe('bee\n');
    expect(c.kubectl('cp bb:/etc/hostname host.txt').exitCode).toBe(0);
    expect(c.files.readFile('host.txt')).toBe('bb\n');
  });

  it('what the container receives is a real tar stream (the same archive tar tf lists)', () => {
    const c = cluster();
    c.kubectl('cp data bb:/tmp/in');
    const r = c.kubectl('exec bb -- tar cf - -C /tmp in');
    expect(readTar(r.stdout).map((e) => e.name)).toEqual(['in/', 'in/a.txt', 'in/sub/', 'in/sub/b.txt']);
  });

  it('the container flag, and the default container named on stderr', () => {
    const c = cluster();
    expect(c.kubectl('cp one.txt duo:/tmp/x').stderr).toBe('Defaulted container "first" out of: first, second\n');
    expect(c.kubectl('cp one.txt duo:/tmp/y -c second').stderr).toBe('');
    expect(c.kubectl('exec duo -c second -- ls /tmp').stdout).toBe('y\n');
  });

  it("errors in kubectl's and tar's words; nothing is written", () => {
    const c = cluster();
    expect(c.kubectl('cp nope.txt bb:/tmp')).toEqual({ stdout: '', stderr: "error: nope.txt doesn't exist in local filesystem\n", exitCode: 1 });
    expect(c.kubectl('cp one.txt bb:/no/such/dir/x')).toEqual({
      stdout: '',
      stderr: "tar: can't change directory to '/no/such/dir': No such file or directory\ncommand terminated with exit code 1\n",
      exitCode: 1,
    });
    expect(c.kubectl('cp bb:/nope out.txt')).toEqual({
      stdout: 'tar: /nope: No such file or directory\ntar: error exit delayed from previous errors\n',
      stderr: 'command terminated with exit code 1\n',
      exitCode: 1,
    });
    expect(c.files.stat('out.txt')).toBeUndefined();
    expect(c.kubectl('cp one.txt ghost:/tmp').stderr).toBe('Error from server (NotFound): pods "ghost" not found\n');
    expect(c.kubectl('cp one.txt two.txt').stderr).toBe('error: one of src or dest must be a remote file specification\n');
    expect(c.kubectl('cp bb:/a bb:/b').stderr).toBe('error: one of src or dest must be a local file specification\n');
    expect(c.kubectl('cp :x y').stderr).toBe('error: filespec must match the canonical format: [[namespace/]pod:]file/path\n');
    expect(c.kubectl('cp one.txt').stderr).toBe('error: source and destination are required\n');
    expect(c.kubectl('cp bb:/etc/hostname data').stderr).toBe("error: open data: is a directory\n");
  });
});
