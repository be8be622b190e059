/**
 * A small filesystem model: directories and text files under absolute-looking paths relative to
 * a mount root. Volumes own one each (an emptyDir's dies with its pod; an EBS volume's lives on
 * the volume), and the container runtime mounts them into containers.
 */

/** Paths are `/`-separated, relative to the filesystem's root, without a leading slash. */
function norm(path: string): string {
  return path.split('/').filter((p) => p && p !== '.').join('/');
}

/** An in-memory directory tree of text files. */
export class VolumeFilesystem {
  private readonly files = new Map<string, string>();
  private readonly dirs = new Set<string>(['']);
  /** Total length of the files' contents, kept as they change (`df`, and the space check of every write). */
  private used = 0;
  /**
   * The bytes of the block device its ext4 file system spans (an EBS volume once formatted, then
   * grown by node expansion); undefined for directories on the node's disk (emptyDir, hostPath).
   */
  deviceBytes?: number;
  /** The device's bytes when mkfs made the file system (its journal and descriptor reserve). */
  formattedBytes?: number;
  /**
   * The size of a memory-backed file system (tmpfs: secret, projected and downward API volumes,
   * `emptyDir.medium: Memory`); undefined for the others.
   */
  tmpfsBytes?: number;

  /** Writes (creates or replaces) a file; parent directories are created. */
  writeFile(path: string, content: string): void {
    const p = norm(path);
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) this.dirs.add(parts.slice(0, i).join('/'));
    this.used += content.length - (this.files.get(p)?.length ?? 0);
    this.files.set(p, content);
  }

  /**
   * Replaces every file and directory with `files` (what the atomic writer's `..data` switch does
   * for a ConfigMap, Secret or projected volume whose source changed).
   */
  replaceFiles(files: ReadonlyMap<string, string>): void {
    this.files.clear();
    this.dirs.clear();
    this.dirs.add('');
    this.used = 0;
    for (const [path, content] of files) this.writeFile(path, content);
  }

  readFile(path: string): string | undefined {
    return this.files.get(norm(path));
  }

  exists(path: string): boolean {
    const p = norm(path);
    return this.files.has(p) || this.dirs.has(p);
  }

  isDirectory(path: string): boolean {
    return this.dirs.has(norm(path));
  }

  mkdir(path: string): void {
    const p = norm(path);
    if (this.dirs.has(p)) return;
    // Each prefix once (`a`, `a/b`, …), without re-joining the parts for every level.
    for (let at = p.indexOf('/'); at >= 0; at = p.indexOf('/', at + 1)) this.dirs.add(p.slice(0, at));
    this.dirs.add(p);
  }

  /** Removes a file or an empty directory; returns whether something was removed. */
  remove(path: string): boolean {
    const p = norm(path);
    const file = this.files.get(p);
    if (file !== undefined) {
      this.used -= file.length;
      return this.files.delete(p);
    }
    if (p && this.dirs.has(p) && this.list(p).length === 0) return this.dirs.delete(p);
    return false;
  }

  /** Names directly inside a directory, sorted. */
  list(dir = ''): string[] {
    const d = norm(dir);
    const prefix = d ? `${d}/` : '';
    const out = new Set<string>();
    for (const key of [...this.files.keys(), ...this.dirs]) {
      if (key === d || !key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      if (rest) out.add(rest.split('/')[0]);
    }
    return [...out].sort();
  }

  /** Total bytes of file contents (for `df`). */
  usedBytes(): number {
    return this.used;
  }

  /** KiB its files take in whole `pageBytes` pages (tmpfs charges each file its pages; directories none). */
  pagedKiB(pageBytes = 4096): number {
    let pages = 0;
    for (const content of this.files.values()) pages += Math.ceil(content.length / pageBytes);
    return (pages * pageBytes) / 1024;
  }

  /** A deep copy (snapshots, volumes created from snapshots). */
  clone(): VolumeFilesystem {
    const copy = new VolumeFilesystem();
    copy.deviceBytes = this.deviceBytes;
    copy.formattedBytes = this.formattedBytes;
    copy.tmpfsBytes = this.tmpfsBytes;
    for (const d of this.dirs) copy.dirs.add(d);
    for (const [k, v] of this.files) copy.files.set(k, v);
    copy.used = this.used;
    return copy;
  }
}
