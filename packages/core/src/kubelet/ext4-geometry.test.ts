import { describe, expect, it } from 'vitest';
import { ContainerFilesystem, FsError } from './container-fs.js';
import { ext4SizeKiB, ext4UsedKiB, FRESH_EXT4_USED_KIB } from './ext4-geometry.js';
import { VolumeFilesystem } from './filesystem.js';

const GiB = 2 ** 30;

describe('ext4 as the EBS CSI driver makes it (mkfs.ext4 -F -m0, mke2fs defaults)', () => {
  it('df sizes of fresh file systems: 4 GiB is 4046560 1K-blocks (3.9G), 10 GiB 10218772 (9.8G)', () => {
    // 4 GiB: 1048576 blocks in 32 groups; 2 bitmaps + 512 inode-table blocks a group, a 16384-block
    // journal, and 8 sparse groups (0 1 3 5 7 9 25 27) each with a superblock, 1 GDT block and 511 reserved.
    expect(ext4SizeKiB(4 * GiB)).toBe((1048576 - (32 * 514 + 16384 + 8 * 513)) * 4);
    expect(ext4SizeKiB(4 * GiB)).toBe(4046560);
    expect(ext4SizeKiB(10 * GiB)).toBe(10218772);
    expect(ext4SizeKiB(1 * GiB)).toBe(996780);
  });

  it('a grown file system keeps the journal and descriptor reserve mkfs made, so it differs from a fresh one of its size', () => {
    expect(ext4SizeKiB(8 * GiB, 4 * GiB)).toBe(8173020);
    expect(ext4SizeKiB(8 * GiB)).toBe(8154588);
  });

  it('used space is the fresh 24 KiB plus data in whole 4 KiB blocks; a write past the size is ENOSPC and changes nothing', () => {
    expect(ext4UsedKiB(0)).toBe(FRESH_EXT4_USED_KIB);
    expect(ext4UsedKiB(1)).toBe(28);
    expect(ext4UsedKiB(4097)).toBe(32);
    const volume = new VolumeFilesystem();
    volume.deviceBytes = volume.formattedBytes = 16 * 2 ** 20;
    const fs = new ContainerFilesystem(new VolumeFilesystem(), false, [{ path: 'data', fs: volume, readOnly: false, subPath: '' }]);
    const room = (ext4SizeKiB(16 * 2 ** 20) - FRESH_EXT4_USED_KIB) * 1024;
    fs.writeFile('/data/fits', 'x'.repeat(room));
    expect(() => fs.writeFile('/data/more', 'y')).toThrow(new FsError('ENOSPC', 'No space left on device'));
    expect(fs.exists('/data/more')).toBe(false);
    // Rewriting a file with something smaller still works.
    fs.writeFile('/data/fits', 'small');
    expect(fs.readFile('/data/fits')).toBe('small');
  });
});
