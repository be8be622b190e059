/**
 * A container's view of files: a root filesystem (read-only when
 * `securityContext.readOnlyRootFilesystem`) with volume filesystems mounted at their mount paths.
 * Errors carry the Linux error texts (`Read-only file system`, `No such file or directory`).
 */
import { ext4SizeKiB, ext4UsedKiB } from './ext4-geometry.js';
import { VolumeFilesystem } from './filesystem.js';

/** A filesystem error with its errno text. */
export class FsError extends Error {
  constructor(
    readonly code: 'EROFS' | 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'ENOTEMPTY' | 'EEXIST' | 'ENOSPC',
    message: string,
  ) {
    super(message);
  }
}

/** errno texts (glibc `strerror`). */
export const ERRNO_TEXT = {
  EROFS: 'Read-only file system',
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ENOTEMPTY: 'Directory not empty',
  EEXIST: 'File exists',
  ENOSPC: 'No space left on device',
} as const;

/** One mounted volume. */
export interface ContainerMount {
  /** Mount path without the leading slash (`data`). */
  readonly path: string;
  readonly fs: VolumeFilesystem;
  readonly readOnly: boolean;
  /** Sub-directory of the volume (`subPath`), '' for the whole volume. */
  readonly subPath: string;
}

/** A path with empty, `.` and `..` parts resolved, without the leading slash (`/a/./b/../c` → `a/c`). */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const p of path.split('/')) {
    if (!p || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out.join('/');
}

interface Resolved {
  readonly fs: VolumeFilesystem;
  readonly rel: string;
  readonly readOnly: boolean;
}

/** The files a container sees. */
export class ContainerFilesystem {
  private readonly mounts: ContainerMount[];
  /** The directory relative paths start from (`at`). */
  readonly cwd: string = '/';

  constructor(
    readonly root: VolumeFilesystem,
    readonly rootReadOnly: boolean,
    mounts: readonly ContainerMount[],
  ) {
    // Longest mount path first, so nested mounts win.
    this.mounts = [...mounts].map((m) => ({ ...m, path: normalizePath(m.path) })).sort((a, b) => b.path.length - a.path.length);
    for (const m of this.mounts) {
      if (!m.path) continue;
      // A file mounted with subPath appears as a file at its mount path; anything else as a directory.
      if (m.subPath && m.fs.exists(m.subPath) && !m.fs.isDirectory(m.subPath)) {
        this.root.mkdir(m.path.split('/').slice(0, -1).join('/'));
        if (!this.root.exists(m.path)) this.root.writeFile(m.path, '');
      } else this.root.mkdir(m.path);
    }
  }

  /** The same files seen from the directory `cwd` (a shell after `cd`): relative paths start there. */
  at(cwd: string): ContainerFilesystem {
    if (cwd === this.cwd) return this;
    const view = Object.create(this) as ContainerFilesystem;
    Object.defineProperty(view, 'cwd', { value: cwd });
    return view;
  }

  /** `path` from the root, without the leading slash. */
  private abs(path: string): string {
    return normalizePath(path.startsWith('/') ? path : `${this.cwd}/${path}`);
  }

  /** The filesystem and relative path behind a path (relative ones from `cwd`). */
  resolve(path: string, cwd = this.cwd): Resolved {
    const p = normalizePath(path.startsWith('/') ? path : `${cwd}/${path}`);
    for (const m of this.mounts) {
      if (p === m.path || p.startsWith(`${m.path}/`) || m.path === '') {
        const rest = m.path === '' ? p : p.slice(m.path.length + 1);
        return { fs: m.fs, rel: normalizePath(`${m.subPath}/${rest}`), readOnly: m.readOnly };
      }
    }
    return { fs: this.root, rel: p, readOnly: this.rootReadOnly };
  }

  /** Whether the path is a mount point or inside one. */
  mountOf(path: string): ContainerMount | undefined {
    const p = this.abs(path);
    return this.mounts.find((m) => p === m.path || p.startsWith(`${m.path}/`));
  }

  exists(path: string): boolean {
    const r = this.resolve(path);
    return r.fs.exists(r.rel);
  }

  isDirectory(path: string): boolean {
    const r = this.resolve(path);
    return r.fs.isDirectory(r.rel);
  }

  readFile(path: string): string {
    const r = this.resolve(path);
    if (r.fs.isDirectory(r.rel)) throw new FsError('EISDIR', ERRNO_TEXT.EISDIR);
    const content = r.fs.readFile(r.rel);
    if (content === undefined) throw new FsError('ENOENT', ERRNO_TEXT.ENOENT);
    return content;
  }

  /** Creates or replaces a file; the parent directory must exist. */
  writeFile(path: string, content: string, append = false): void {
    const r = this.resolve(path);
    const parent = r.rel.split('/').slice(0, -1).join('/');
    if (!r.fs.isDirectory(parent)) throw new FsError('ENOENT', ERRNO_TEXT.ENOENT);
    if (r.fs.isDirectory(r.rel)) throw new FsError('EISDIR', ERRNO_TEXT.EISDIR);
    if (r.readOnly) throw new FsError('EROFS', ERRNO_TEXT.EROFS);
    const before = r.fs.readFile(r.rel) ?? '';
    const after = append ? before + content : content;
    // A block volume's ext4 file system holds what df says is available, no more.
    if (r.fs.deviceBytes !== undefined && after.length > before.length && ext4UsedKiB(r.fs.usedBytes() - before.length + after.length) > ext4SizeKiB(r.fs.deviceBytes, r.fs.formattedBytes)) {
      throw new FsError('ENOSPC', ERRNO_TEXT.ENOSPC);
    }
    // A tmpfs holds its size in pages.
    if (r.fs.tmpfsBytes !== undefined && after.length > before.length) {
      const pages = (n: number) => Math.ceil(n / 4096) * 4;
      if (r.fs.pagedKiB() - pages(before.length) + pages(after.length) > tmpfsKiB(r.fs.tmpfsBytes)) throw new FsError('ENOSPC', ERRNO_TEXT.ENOSPC);
    }
    r.fs.writeFile(r.rel, after);
  }

  mkdir(path: string, parents = false): void {
    const r = this.resolve(path);
    if (r.fs.exists(r.rel)) {
      if (parents && r.fs.isDirectory(r.rel)) return;
      throw new FsError('EEXIST', ERRNO_TEXT.EEXIST);
    }
    const parent = r.rel.split('/').slice(0, -1).join('/');
    if (!parents && !r.fs.isDirectory(parent)) throw new FsError('ENOENT', ERRNO_TEXT.ENOENT);
    if (r.readOnly) throw new FsError('EROFS', ERRNO_TEXT.EROFS);
    r.fs.mkdir(r.rel);
  }

  remove(path: string, recursive = false): void {
    const r = this.resolve(path);
    if (!r.fs.exists(r.rel)) throw new FsError('ENOENT', ERRNO_TEXT.ENOENT);
    if (r.readOnly) throw new FsError('EROFS', ERRNO_TEXT.EROFS);
    if (r.fs.isDirectory(r.rel)) {
      if (!recursive) throw new FsError('EISDIR', ERRNO_TEXT.EISDIR);
      for (const child of r.fs.list(r.rel)) this.remove(`/${this.abs(path)}/${child}`, true);
      if (r.rel) r.fs.remove(r.rel);
      return;
    }
    r.fs.remove(r.rel);
  }

  /** Sorted names in a directory. */
  list(path: string): string[] {
    const r = this.resolve(path);
    if (!r.fs.exists(r.rel)) throw new FsError('ENOENT', ERRNO_TEXT.ENOENT);
    if (!r.fs.isDirectory(r.rel)) throw new FsError('ENOTDIR', ERRNO_TEXT.ENOTDIR);
    const names = new Set(r.fs.list(r.rel));
    const here = this.abs(path);
    for (const m of this.mounts) {
      const parent = m.path.split('/').slice(0, -1).join('/');
      if (m.path && parent === here) names.add(m.path.split('/').pop() as string);
    }
    return [...names].sort();
  }

  /** Mounts, longest path first. */
  allMounts(): readonly ContainerMount[] {
    return this.mounts;
  }
}

/** A tmpfs's size in 1K-blocks: its bytes rounded up to whole 4 KiB pages. */
export function tmpfsKiB(bytes: number): number {
  return Math.ceil(bytes / 4096) * 4;
}

/** A fresh root filesystem with the directories a small Linux image has. */
export function newRootFilesystem(hostname: string): VolumeFilesystem {
  const fs = new VolumeFilesystem();
  for (const d of ['bin', 'dev', 'etc', 'proc', 'root', 'sys', 'tmp', 'usr', 'var']) fs.mkdir(d);
  fs.writeFile('etc/hostname', `${hostname}\n`);
  fs.writeFile('dev/null', '');
  return fs;
}
