import { describe, expect, it } from 'vitest';
import { CoreCluster } from '../cluster/core-cluster.js';
import { ClusterDns } from '../controllers/endpoints/cluster-dns.js';
import { ContainerFilesystem, newRootFilesystem } from './container-fs.js';
import { runCommand } from './exec.js';
import { fromUtf8ByteString, readTar, TarFormatError, utf8ByteString, writeTar } from './tar-archive.js';

describe('ustar archives', () => {
  it('round-trips files and directories; text is stored as UTF-8 bytes', () => {
    const entries = [
      { name: 'data/', type: 'dir' as const, content: '', mode: 0o755, mtime: 1767225600 },
      { name: 'data/ünï.txt', type: 'file' as const, content: 'héllo 🌍\n', mode: 0o644, mtime: 1767225600 },
    ];
    const archive = writeTar(entries);
    // Header, one data block, header, two end blocks; every char one byte.
    expect(archive.length).toBe(512 * 5);
    expect([...archive].every((ch) => ch.charCodeAt(0) < 256)).toBe(true);
    expect(archive.slice(257, 265)).toBe('ustar\x0000');
    expect(archive.slice(124, 136)).toBe('00000000000\0');
    expect(readTar(archive)).toEqual(entries);
    expect(fromUtf8ByteString(utf8ByteString('ß🌍'))).toBe('ß🌍');
    expect(utf8ByteString('ß')).toBe('\xc3\x9f');
  });

  it('a name over 100 bytes goes into the prefix field at a slash', () => {
    const name = `${'d'.repeat(90)}/${'e'.repeat(60)}/f.txt`;
    const archive = writeTar([{ name, type: 'file', content: 'x', mode: 0o644, mtime: 0 }]);
    expect(archive.slice(0, 5)).toBe('f.txt');
    expect(readTar(archive)[0].name).toBe(name);
  });

  it('a damaged header or data cut short is an error', () => {
    const archive = writeTar([{ name: 'a', type: 'file', content: 'x'.repeat(600), mode: 0o644, mtime: 0 }]);
    expect(() => readTar(`b${archive.slice(1)}`)).toThrow(new TarFormatError('invalid tar header checksum'));
    expect(() => readTar(archive.slice(0, 700))).toThrow(new TarFormatError('unexpected EOF'));
  });
});

/** 2026-01-02T03:04:05Z. */
const NOW_MS = 1767323045000;

function box() {
  const core = new CoreCluster({ seed: 1 });
  const data = newRootFilesystem('data');
  const fs = new ContainerFilesystem(newRootFilesystem('box'), false, [{ path: '/ro', fs: data, readOnly: true, subPath: '' }]);
  const env = { fs, hostname: 'box', namespace: 'default', dns: new ClusterDns(core.store), nowMs: () => NOW_MS };
  fs.mkdir('/data');
  fs.writeFile('/data/a.txt', 'one\n');
  fs.mkdir('/data/sub');
  fs.writeFile('/data/sub/b.txt', 'two two\n');
  const run = (...argv: string[]) => runCommand(env, argv);
  const sh = (line: string, stdin = '') => runCommand(env, ['sh', '-c', line], stdin);
  return { fs, env, run, sh };
}

describe('busybox tar in a container', () => {
  it('creates to stdout with the leading-/ warning once, and extracts elsewhere with -C, leading directories made', () => {
    const { fs, env, run } = box();
    const c = run('tar', 'cf', '-', '/data');
    expect(c.stderr).toBe("tar: removing leading '/' from member names\n");
    expect(readTar(c.stdout).map((e) => e.name)).toEqual(['data/', 'data/a.txt', 'data/sub/', 'data/sub/b.txt']);
    fs.mkdir('/restore');
    const x = runCommand(env, ['tar', '-xmf', '-', '-C', '/restore'], c.stdout);
    expect(x).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(fs.readFile('/restore/data/sub/b.txt')).toBe('two two\n');
  });

  it('lists names (t) and the long listing (tv) with mode, owner, size and time', () => {
    const { sh } = box();
    expect(sh('cd /data && tar cf /tmp/x.tar a.txt sub && tar tf /tmp/x.tar').stdout).toBe('a.txt\nsub/\nsub/b.txt\n');
    expect(sh('tar tvf /tmp/x.tar sub').stdout).toBe(
      'drwxr-xr-x root/root         0 2026-01-02 03:04:05 sub/\n-rw-r--r-- root/root         8 2026-01-02 03:04:05 sub/b.txt\n',
    );
    expect(sh('tar xOf /tmp/x.tar a.txt').stdout).toBe('one\n');
  });

  it("busybox's errors: a missing source, a missing -C directory, a member not in the archive, bad input, a read-only target", () => {
    const { env, sh, run } = box();
    expect(run('tar', 'cf', '-', '/nope')).toMatchObject({ stderr: 'tar: /nope: No such file or directory\ntar: error exit delayed from previous errors\n', exitCode: 1 });
    const archive = run('tar', 'cf', '-', 'data').stdout;
    expect(runCommand(env, ['tar', 'x', '-C', '/nope'], archive)).toMatchObject({
      stderr: "tar: can't change directory to '/nope': No such file or directory\n",
      exitCode: 1,
    });
    expect(sh('tar cf /tmp/x.tar /data/a.txt 2>/dev/null; tar tf /tmp/x.tar data/zzz')).toMatchObject({ stdout: '', stderr: 'tar: data/zzz: not found in archive\n', exitCode: 1 });
    expect(sh('tar xf -', 'garbage')).toMatchObject({ stderr: 'tar: short read\n', exitCode: 1 });
    expect(sh('tar xf -', 'x'.repeat(1024))).toMatchObject({ stderr: 'tar: invalid tar magic\n', exitCode: 1 });
    expect(sh('tar xf /tmp/x.tar -C /ro')).toMatchObject({ stderr: "tar: can't open 'data/a.txt': Read-only file system\n", exitCode: 1 });
    expect(run('tar', 'czf', '-', 'data')).toMatchObject({ stderr: "tar: invalid option -- 'z'\n", exitCode: 1 });
  });
});
