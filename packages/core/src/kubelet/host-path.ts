/**
 * The hostPath volume plugin's SetUp on a node: the `type` check, and the directory or empty file
 * a `DirectoryOrCreate` or `FileOrCreate` volume makes when nothing is there.
 * @see kubernetes pkg/volume/hostpath/host_path.go (SetUp, checkTypeInternal, makeDir, makeFile),
 *   1.33: a file check passes for anything that is not a directory
 */
import type { VolumeFilesystem } from './filesystem.js';
import { type HostFileType, hostFileType, resolveHostPath } from './host-layout.js';

/** `hostPath type check failed: … is not a …`, the kubelet's words for each type. */
const NOT_A: Readonly<Record<string, string>> = {
  Directory: 'directory',
  DirectoryOrCreate: 'directory',
  File: 'file',
  FileOrCreate: 'file',
  Socket: 'socket file',
  CharDevice: 'character device',
  BlockDevice: 'block device',
};

/** The first existing ancestor of `resolved` that is not a directory, if any (where `mkdir`/`open` stop with ENOTDIR). */
function fileAncestor(fs: VolumeFilesystem, resolved: string): string | undefined {
  const parts = resolved.split('/');
  for (let i = 1; i < parts.length; i++) {
    const at = parts.slice(0, i).join('/');
    if (!fs.exists(at)) return undefined;
    if (!fs.isDirectory(at)) return at;
  }
  return undefined;
}

/**
 * `os.MkdirAll(path, 0755)`: the directory and its missing parents; the Go error text when an
 * ancestor is a file.
 */
function makeDir(fs: VolumeFilesystem, resolved: string): string | undefined {
  const blocker = fileAncestor(fs, resolved);
  if (blocker !== undefined) return `mkdir /${blocker}: not a directory`;
  fs.mkdir(resolved);
  return undefined;
}

/** `os.OpenFile(path, O_CREATE, 0644)`: an empty file in an existing directory; the Go error text otherwise. */
function makeFile(fs: VolumeFilesystem, path: string, resolved: string): string | undefined {
  if (fileAncestor(fs, resolved) !== undefined) return `open ${path}: not a directory`;
  const parent = resolved.split('/').slice(0, -1).join('/');
  if (!fs.isDirectory(parent)) return `open ${path}: no such file or directory`;
  fs.writeFile(resolved, '');
  return undefined;
}

/**
 * SetUp of a hostPath volume: checks (or, for the `…OrCreate` types, makes) what is at `path` on
 * the node, then the container runtime's bind mount, which makes a missing path of an unchecked
 * volume a directory. Returns where the volume is in the node's file system, or why SetUp fails
 * (the text after `MountVolume.SetUp failed for volume "…" : `).
 */
export function setUpHostPath(fs: VolumeFilesystem, path: string, type: string): { root: string } | { error: string } {
  const resolved = resolveHostPath(path);
  const found = hostFileType(fs, resolved);
  let ok: boolean;
  switch (type) {
    case '':
      // containerd's CRI plugin creates a missing bind-mount source as a directory.
      if (found === undefined && fileAncestor(fs, resolved) === undefined) fs.mkdir(resolved);
      else if (found !== undefined) asFile(fs, resolved, found);
      return { root: resolved };
    case 'DirectoryOrCreate':
      if (found === undefined) {
        const error = makeDir(fs, resolved);
        return error === undefined ? { root: resolved } : { error };
      }
      ok = found === 'Directory';
      break;
    case 'Directory':
      ok = found === 'Directory';
      break;
    case 'FileOrCreate':
      if (found === undefined) {
        const error = makeFile(fs, path, resolved);
        return error === undefined ? { root: resolved } : { error };
      }
      ok = found !== 'Directory';
      break;
    case 'File':
      ok = found !== undefined && found !== 'Directory';
      break;
    case 'Socket':
    case 'CharDevice':
    case 'BlockDevice':
      ok = found === type;
      break;
    default:
      return { error: `${type} is an invalid volume type` };
  }
  if (!ok) return { error: `hostPath type check failed: ${path} is not a ${NOT_A[type]}` };
  asFile(fs, resolved, found);
  return { root: resolved };
}

/** A socket or device about to be bind-mounted gets a file entry, so the container sees a file there (not a directory). */
function asFile(fs: VolumeFilesystem, resolved: string, found: HostFileType | undefined): void {
  if (found !== undefined && found !== 'Directory' && !fs.exists(resolved)) fs.writeFile(resolved, '');
}
