/**
 * What `df` shows for an ext4 file system made on a block device (an EBS volume) as the EBS CSI
 * driver formats it: `mkfs.ext4 -F -m0` (mount-utils `formatAndMount`: no blocks reserved for
 * root, so Available is Size minus Used), with mke2fs's defaults for a device over 512 MiB:
 * 4 KiB blocks, 32768 blocks per group, one 256-byte inode per 16 KiB, 64-bit group descriptors,
 * sparse superblock backups, reserved GDT blocks for growth to 1024×, and the default journal.
 * `df`'s size is the block count minus that metadata (ext4_statfs subtracts the overhead);
 * a fresh file system uses 24 KiB (its root and lost+found directories).
 * @see e2fsprogs misc/mke2fs.c, lib/ext2fs/initialize.c (calc_reserved_gdt_blocks),
 *   lib/ext2fs/mkjournal.c (ext2fs_default_journal_size); linux fs/ext4/super.c (ext4_statfs,
 *   ext4_calculate_overhead); kubernetes mount-utils mount_linux.go (formatAndMountSensitive)
 */

const BLOCK = 4096;
const BLOCKS_PER_GROUP = 32768;
const INODE_RATIO = 16384;
const INODE_SIZE = 256;
const DESC_SIZE = 64;
/** KiB a fresh file system uses: the root directory and lost+found. */
export const FRESH_EXT4_USED_KIB = 24;

/** The 1K-blocks `df` shows as used: the fresh file system's, plus `dataBytes` in whole 4 KiB blocks. */
export function ext4UsedKiB(dataBytes: number): number {
  return FRESH_EXT4_USED_KIB + Math.ceil(dataBytes / BLOCK) * (BLOCK / 1024);
}

/** `ext2fs_default_journal_size`: journal blocks for a file system of `blocks` blocks. */
function journalBlocks(blocks: number): number {
  if (blocks < 2048) return 0;
  if (blocks < 32768) return 1024;
  if (blocks < 256 * 1024) return 4096;
  if (blocks < 512 * 1024) return 8192;
  if (blocks < 4096 * 1024) return 16384;
  if (blocks < 8192 * 1024) return 32768;
  if (blocks < 16384 * 1024) return 65536;
  if (blocks < 32768 * 1024) return 131072;
  return 262144;
}

/** Whether group `g` holds a superblock backup (sparse_super: 0, 1 and powers of 3, 5 and 7). */
function hasSuperblock(g: number): boolean {
  if (g <= 1) return true;
  for (const base of [3, 5, 7]) {
    let p = base;
    while (p < g) p *= base;
    if (p === g) return true;
  }
  return false;
}

const DESC_PER_BLOCK = BLOCK / DESC_SIZE;

/** Group descriptor blocks, and (calc_reserved_gdt_blocks) the ones reserved to grow 1024×, for `blocks`. */
function gdtLayout(blocks: number): { gdt: number; reserved: number } {
  const gdt = Math.ceil(Math.ceil(blocks / BLOCKS_PER_GROUP) / DESC_PER_BLOCK);
  const maxBlocks = Math.min(0xffffffff, blocks * 1024);
  return { gdt, reserved: Math.min(Math.ceil(Math.ceil(maxBlocks / BLOCKS_PER_GROUP) / DESC_PER_BLOCK) - gdt, BLOCK / 4) };
}

/**
 * The 1K-block size `df` shows for an ext4 file system on a device of `deviceBytes`, made by mkfs
 * on `formattedBytes` (resize2fs since): the journal and the descriptor blocks plus their growth
 * reserve are mkfs's; groups added by growing carry their own bitmaps and inode tables.
 */
export function ext4SizeKiB(deviceBytes: number, formattedBytes = deviceBytes): number {
  const blocks = Math.floor(deviceBytes / BLOCK);
  const groups = Math.ceil(blocks / BLOCKS_PER_GROUP);
  const made = gdtLayout(Math.floor(formattedBytes / BLOCK));
  // resize2fs takes new descriptor blocks from the reserve: each backup keeps gdt + reserved blocks.
  const descriptorBlocks = Math.max(Math.ceil(groups / DESC_PER_BLOCK), made.gdt + made.reserved);
  const inodesPerGroup = Math.ceil((BLOCKS_PER_GROUP * BLOCK) / INODE_RATIO / (BLOCK / INODE_SIZE)) * (BLOCK / INODE_SIZE);
  const inodeTableBlocks = (inodesPerGroup * INODE_SIZE) / BLOCK;
  let overhead = journalBlocks(Math.floor(formattedBytes / BLOCK));
  for (let g = 0; g < groups; g++) {
    overhead += 2 + inodeTableBlocks;
    if (hasSuperblock(g)) overhead += 1 + descriptorBlocks;
  }
  return ((blocks - overhead) * BLOCK) / 1024;
}
