import { describe, expect, it } from 'vitest';
import { CoreCluster } from '../cluster/core-cluster.js';
import { ClusterDns } from '../controllers/endpoints/cluster-dns.js';
import { ContainerFilesystem, FsError, newRootFilesystem } from './container-fs.js';
import { humanReadable } from './disk-usage.js';
import { runCommand } from './exec.js';
import { VolumeFilesystem } from './filesystem.js';
import { memoryBackedBytes } from './volume-manager.js';

/** A container with a fresh 4 GiB EBS volume at /data and an emptyDir at /cache. */
function box() {
  const ebs = new VolumeFilesystem();
  ebs.deviceBytes = ebs.formattedBytes = 4 * 2 ** 30;
  const fs = new ContainerFilesystem(newRootFilesystem('box'), false, [
    { path: '/data', fs: ebs, readOnly: false, subPath: '' },
    { path: '/cache', fs: new VolumeFilesystem(), readOnly: false, subPath: '' },
  ]);
  const env = { fs, hostname: 'box', namespace: 'default', dns: new ClusterDns(new CoreCluster({ seed: 1 }).store) };
  return { fs, run: (...argv: string[]) => runCommand(env, argv) };
}

describe('make_human_readable_str', () => {
  it.each([
    [0, 1024, 0, '0'],
    [24, 1024, 0, '24.0K'],
    [4046560, 1024, 0, '3.9G'],
    [20959212, 1024, 0, '20.0G'],
    [1023, 1, 0, '1023'],
    [4046560, 1024, 1024 * 1024, '3952'],
  ])('%d blocks of %d in unit %d: %s', (val, block, unit, want) => expect(humanReadable(val, block, unit)).toBe(want));
});

describe('busybox df and du', () => {
  it('df -h: the overlay, the EBS volume on its NVMe device, the emptyDir on the node disk', () => {
    const { run } = box();
    expect(run('df', '-h').stdout).toBe(
      [
        'Filesystem                Size      Used Available Use% Mounted on',
        'overlay                  20.0G      4.0G     16.0G  20% /',
        '/dev/nvme0n1p1           20.0G      4.0G     16.0G  20% /cache',
        '/dev/nvme1n1              3.9G     24.0K      3.9G   0% /data',
        '',
      ].join('\n'),
    );
    expect(run('df', '-m', '/data').stdout).toBe(
      'Filesystem           1M-blocks      Used Available Use% Mounted on\n/dev/nvme1n1              3952         0      3952   0% /data\n',
    );
  });

  it('du counts whole 4 KiB blocks and 4 KiB a directory: -s, -h, -a, -c', () => {
    const { fs, run } = box();
    fs.mkdir('/data/logs');
    fs.writeFile('/data/logs/a.log', 'x'.repeat(5000));
    fs.writeFile('/data/b.txt', 'hi\n');
    expect(run('du', '/data').stdout).toBe('12\t/data/logs\n20\t/data\n');
    expect(run('du', '-sh', '/data').stdout).toBe('20.0K\t/data\n');
    expect(run('du', '-a', '/data').stdout).toBe('4\t/data/b.txt\n8\t/data/logs/a.log\n12\t/data/logs\n20\t/data\n');
    expect(run('du', '-sc', '/data/logs', '/data/b.txt').stdout).toBe('12\t/data/logs\n4\t/data/b.txt\n16\ttotal\n');
    expect(run('du', '/nope')).toMatchObject({ stderr: 'du: /nope: No such file or directory\n', exitCode: 1 });
  });

  it('find lists a tree depth first with -name, -type and the depth limits; ls -R lists each directory under a header', () => {
    const { fs, run } = box();
    fs.mkdir('/data/logs');
    fs.writeFile('/data/logs/a.log', 'a');
    fs.writeFile('/data/b.txt', 'b');
    expect(run('find', '/data').stdout).toBe('/data\n/data/b.txt\n/data/logs\n/data/logs/a.log\n');
    expect(run('find', '/data', '-name', '*.log').stdout).toBe('/data/logs/a.log\n');
    expect(run('find', '/data', '-type', 'd').stdout).toBe('/data\n/data/logs\n');
    expect(run('find', '/data', '-maxdepth', '1', '-mindepth', '1').stdout).toBe('/data/b.txt\n/data/logs\n');
    expect(run('find', '/nope')).toMatchObject({ stderr: 'find: /nope: No such file or directory\n', exitCode: 1 });
    expect(run('find', '/data', '-newer', 'x')).toMatchObject({ stderr: 'find: unrecognized: -newer\n', exitCode: 1 });
    expect(run('ls', '-R', '/data').stdout).toBe('/data:\nb.txt\nlogs\n\n/data/logs:\na.log\n');
  });
});

describe('memory-backed volumes (tmpfs)', () => {
  it('df shows a tmpfs of its size with each file charged whole pages; a write past it is ENOSPC', () => {
    const mem = new VolumeFilesystem();
    mem.tmpfsBytes = 64 * 2 ** 20;
    const fs = new ContainerFilesystem(newRootFilesystem('box'), false, [{ path: '/mem', fs: mem, readOnly: false, subPath: '' }]);
    const env = { fs, hostname: 'box', namespace: 'default', dns: new ClusterDns(new CoreCluster({ seed: 1 }).store) };
    fs.writeFile('/mem/a', 'x');
    fs.writeFile('/mem/b', 'y'.repeat(4097));
    expect(runCommand(env, ['df', '/mem']).stdout).toBe(
      'Filesystem           1K-blocks      Used Available Use% Mounted on\ntmpfs                    65536        12     65524   0% /mem\n',
    );
    expect(() => fs.writeFile('/mem/big', 'z'.repeat(64 * 2 ** 20))).toThrow(FsError);
    expect(fs.exists('/mem/big')).toBe(false);
  });

  it("calculateEmptyDirMemorySize: node allocatable, else the pod's limit when every container has one, else a smaller sizeLimit", () => {
    const node = 7244608 * 1024;
    const pod = (limits: (string | undefined)[], init?: string) =>
      ({
        spec: {
          containers: limits.map((m, i) => ({ name: `c${i}`, resources: m ? { limits: { memory: m } } : {} })),
          ...(init ? { initContainers: [{ name: 'i', resources: { limits: { memory: init } } }] } : {}),
        },
      }) as never;
    expect(memoryBackedBytes(pod([undefined]), node)).toBe(node);
    expect(memoryBackedBytes(pod(['256Mi', '128Mi']), node)).toBe(384 * 2 ** 20);
    expect(memoryBackedBytes(pod(['256Mi', undefined]), node)).toBe(node);
    expect(memoryBackedBytes(pod(['256Mi'], '1Gi'), node)).toBe(2 ** 30);
    expect(memoryBackedBytes(pod(['256Mi']), node, '64Mi')).toBe(64 * 2 ** 20);
    expect(memoryBackedBytes(pod(['256Mi']), node, '1Gi')).toBe(256 * 2 ** 20);
    expect(memoryBackedBytes(pod(['100Gi']), node)).toBe(node);
  });
});
