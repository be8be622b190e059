/**
 * busybox `df` and `du` over a container's file systems. `df` shows the root overlay and each
 * mount (an EBS volume as its own NVMe device with its ext4 sizes, other volumes on the node's
 * disk) in 1K-blocks, `-m` or `-h`; `du` counts what files and directories hold on ext4 (whole
 * 4 KiB blocks, 4 KiB a directory).
 * @see busybox coreutils/df.c, coreutils/du.c, libbb/human_readable.c
 */
import { type ContainerFilesystem, type ContainerMount, FsError, tmpfsKiB } from './container-fs.js';
import { ext4SizeKiB, ext4UsedKiB } from './ext4-geometry.js';

/** What a command printed and returned. */
export interface DiskUsageResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/**
 * `make_human_readable_str`: `val` blocks of `blockSize` bytes in `displayUnit`s (rounded), or
 * with `displayUnit` 0 in the largest binary unit below 1024 with one fractional digit (`3.9G`).
 */
export function humanReadable(val: number, blockSize: number, displayUnit: number): string {
  if (val === 0) return '0';
  let v = blockSize > 1 ? val * blockSize : val;
  if (displayUnit) return String(Math.floor((v + Math.floor(displayUnit / 2)) / displayUnit));
  const units = ['', 'K', 'M', 'G', 'T', 'P', 'E'];
  let u = 0;
  let frac = 0;
  while (v >= 1024) {
    frac = Math.floor((((v % 1024) * 10) + 512) / 1024);
    v = Math.floor(v / 1024);
    u++;
  }
  if (frac >= 10) {
    v++;
    frac = 0;
  }
  return u === 0 ? String(v) : `${v}.${frac}${units[u]}`;
}

/** The node disk's 1K-blocks (20 GiB gp2 root volume's xfs) and what the image layers use. */
const NODE_DISK_KIB = 20959212;
const NODE_DISK_USED_KIB = 4_200_000;

/** Options of one `df` or `du` run. */
interface Units {
  /** `make_human_readable_str`'s display unit: 1024 for 1K-blocks, 1 MiB for `-m`, 0 for `-h`. */
  readonly unit: number;
  readonly header: string;
}

function units(flags: string): Units {
  if (flags.includes('h')) return { unit: 0, header: '     Size' };
  if (flags.includes('m')) return { unit: 1024 * 1024, header: '1M-blocks' };
  return { unit: 1024, header: '1K-blocks' };
}

/**
 * busybox `df [-hkm] [PATH…]`: the root overlay and each mount, or with operands only the file
 * systems holding them. An EBS volume shows its own NVMe device (numbered in mount-path order
 * here) and its ext4 sizes; other volumes live on the node's disk.
 */
export function df(fs: ContainerFilesystem, args: readonly string[]): DiskUsageResult {
  const flags = args.filter((a) => a.startsWith('-')).join('');
  const operands = args.filter((a) => !a.startsWith('-'));
  const { unit, header } = units(flags);
  const size = (kib: number) => humanReadable(kib, 1024, unit);
  const rows = [`Filesystem           ${header.padEnd(15)}Used Available Use% Mounted on`];
  const mounts = [...fs.allMounts()].sort((a, b) => a.path.localeCompare(b.path));
  const devices = new Map(mounts.filter((m) => m.fs.deviceBytes !== undefined).map((m, i) => [m, `/dev/nvme${i + 1}n1`]));
  const line = (device: string, total: number, used: number, avail: number, mountPoint: string) => {
    // busybox df rounds the percentage to the nearest (GNU df rounds up).
    const pct = used + avail === 0 ? 0 : Math.floor((used * 100 + Math.floor((used + avail) / 2)) / (used + avail));
    return `${device.padEnd(20)} ${size(total).padStart(9)} ${size(used).padStart(9)} ${size(avail).padStart(9)} ${String(pct).padStart(3)}% ${mountPoint}`;
  };
  const nodeDisk = (device: string, usedBytes: number, mountPoint: string) => {
    const used = NODE_DISK_USED_KIB + Math.ceil(usedBytes / 1024);
    return line(device, NODE_DISK_KIB, used, Math.max(0, NODE_DISK_KIB - used), mountPoint);
  };
  const row = (m: ContainerMount | undefined): string => {
    if (!m) return nodeDisk('overlay', fs.root.usedBytes(), '/');
    if (m.fs.tmpfsBytes !== undefined) {
      const total = tmpfsKiB(m.fs.tmpfsBytes);
      const used = m.fs.pagedKiB();
      return line('tmpfs', total, used, Math.max(0, total - used), `/${m.path}`);
    }
    const device = devices.get(m);
    if (device === undefined || m.fs.deviceBytes === undefined) return nodeDisk('/dev/nvme0n1p1', m.fs.usedBytes(), `/${m.path}`);
    const total = ext4SizeKiB(m.fs.deviceBytes, m.fs.formattedBytes);
    const used = ext4UsedKiB(m.fs.usedBytes());
    return line(device, total, used, Math.max(0, total - used), `/${m.path}`);
  };
  if (operands.length === 0) for (const m of [undefined, ...mounts]) rows.push(row(m));
  let stderr = '';
  for (const p of operands) {
    if (!fs.exists(p)) stderr += `df: ${p}: No such file or directory\n`;
    else rows.push(row(fs.mountOf(p.startsWith('/') ? p : `/${p}`)));
  }
  return { stdout: rows.length > 1 ? `${rows.join('\n')}\n` : '', stderr, exitCode: stderr ? 1 : 0 };
}

/** KiB a file takes on ext4: whole 4 KiB blocks. */
function fileKiB(bytes: number): number {
  return Math.ceil(bytes / 4096) * 4;
}

/**
 * busybox `du [-a] [-s] [-c] [-d N] [-hkm] [PATH…]`: each directory's total (with `-a` each file
 * too), deepest first, or with `-s` only each operand's; `-c` adds a `total` line.
 */
export function du(fs: ContainerFilesystem, args: readonly string[]): DiskUsageResult {
  let flags = '';
  let maxDepth = Number.POSITIVE_INFINITY;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-d') maxDepth = Number(args[++i]);
    else if (a.startsWith('-d')) maxDepth = Number(a.slice(2));
    else if (a.startsWith('-') && a.length > 1) flags += a.slice(1);
    else operands.push(a);
  }
  if (!Number.isInteger(maxDepth) && maxDepth !== Number.POSITIVE_INFINITY) return { stdout: '', stderr: `du: invalid number '${args[args.indexOf('-d') + 1] ?? ''}'\n`, exitCode: 1 };
  if (flags.includes('s')) maxDepth = 0;
  const { unit } = units(flags);
  // du works in 512-byte blocks (st_blocks); busybox rounds a fixed unit up.
  const print = (kib: number, name: string) => `${humanReadable(unit ? kib * 2 + Math.floor((unit - 1) / 1024) : kib * 2, 512, unit)}\t${name}\n`;
  let stdout = '';
  let stderr = '';
  let total = 0;
  const walk = (path: string, depth: number): number => {
    if (!fs.isDirectory(path)) {
      const kib = fileKiB(fs.readFile(path).length);
      if (depth === 0 || (flags.includes('a') && depth <= maxDepth)) stdout += print(kib, path);
      return kib;
    }
    let kib = 4;
    for (const name of fs.list(path)) kib += walk(`${path.replace(/\/+$/, '')}/${name}`, depth + 1);
    if (depth <= maxDepth) stdout += print(kib, path);
    return kib;
  };
  for (const p of operands.length ? operands : ['.']) {
    try {
      if (!fs.exists(p)) throw new FsError('ENOENT', 'No such file or directory');
      total += walk(p, 0);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      stderr += `du: ${p}: ${e.message}\n`;
    }
  }
  if (flags.includes('c')) stdout += print(total, 'total');
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}
