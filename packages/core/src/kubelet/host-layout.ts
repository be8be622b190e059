/**
 * What an EKS node's own file system holds before any pod writes to it, as hostPath volumes see
 * it: the Amazon Linux 2023 EKS AMI's usual directories, its merged-`/usr` symlinks, and the
 * files, sockets and devices hostPath volumes commonly name (the container runtime's socket, the
 * kubelet's plugin directories, `/dev/null`, the root NVMe disk). A node's layout is one
 * `VolumeFilesystem` (directories and regular files) plus the fixed special files here.
 *
 * @remarks The host's own regular files (`/etc/hosts`, …) exist but read empty: kubesim does not
 * model their contents. There is no Docker on EKS nodes since 1.24: `/var/run/docker.sock` is
 * absent, the classic failure of a log or monitoring DaemonSet written for dockershim.
 */
import { normalizePath } from './container-fs.js';
import { VolumeFilesystem } from './filesystem.js';

/** A path's kind, named as `v1.HostPathType` names them (what the kubelet's `GetFileType` returns). */
export type HostFileType = 'Directory' | 'File' | 'Socket' | 'CharDevice' | 'BlockDevice';

/** The AMI's directory symlinks (merged `/usr`, `/var/run`), from link to target, without the leading slash. */
const SYMLINKS: readonly (readonly [string, string])[] = [
  ['bin', 'usr/bin'],
  ['sbin', 'usr/sbin'],
  ['lib', 'usr/lib'],
  ['lib64', 'usr/lib64'],
  ['var/run', 'run'],
  ['var/lock', 'run/lock'],
];

/** Directories of a fresh node (parents are implied). */
const DIRECTORIES: readonly string[] = [
  'boot',
  'dev/disk/by-id',
  'dev/net',
  'dev/pts',
  'dev/shm',
  'etc/cni/net.d',
  'etc/containerd',
  'etc/eks',
  'etc/kubernetes/kubelet',
  'etc/kubernetes/pki',
  'etc/pki/tls/certs',
  'etc/ssl/certs',
  'etc/sysconfig',
  'etc/systemd/system',
  'home/ec2-user',
  'media',
  'mnt',
  'opt/cni/bin',
  'proc',
  'root',
  'run/containerd',
  'run/dbus',
  'run/lock',
  'run/systemd/journal',
  'srv',
  'sys/fs/bpf',
  'sys/fs/cgroup',
  'sys/kernel',
  'tmp',
  'usr/bin',
  'usr/lib/modules',
  'usr/lib64',
  'usr/libexec',
  'usr/local/bin',
  'usr/sbin',
  'usr/share',
  'var/cache',
  'var/lib/cni',
  'var/lib/containerd',
  'var/lib/kubelet/device-plugins',
  'var/lib/kubelet/plugins',
  'var/lib/kubelet/plugins_registry',
  'var/lib/kubelet/pod-resources',
  'var/lib/kubelet/pods',
  'var/log/containers',
  'var/log/journal',
  'var/log/pods',
  'var/tmp',
];

/** Regular files of a fresh node (read empty). */
const FILES: readonly string[] = [
  'etc/containerd/config.toml',
  'etc/fstab',
  'etc/group',
  'etc/hostname',
  'etc/hosts',
  'etc/kubernetes/kubelet/config.json',
  'etc/kubernetes/pki/ca.crt',
  'etc/machine-id',
  'etc/os-release',
  'etc/passwd',
  'etc/resolv.conf',
  'var/lib/kubelet/kubeconfig',
];

/** Sockets and devices of a fresh node. */
const SPECIAL: ReadonlyMap<string, HostFileType> = new Map<string, HostFileType>([
  ['run/containerd/containerd.sock', 'Socket'],
  ['run/dbus/system_bus_socket', 'Socket'],
  ['run/systemd/journal/socket', 'Socket'],
  ['var/lib/kubelet/device-plugins/kubelet.sock', 'Socket'],
  ['var/lib/kubelet/pod-resources/kubelet.sock', 'Socket'],
  ['dev/console', 'CharDevice'],
  ['dev/full', 'CharDevice'],
  ['dev/fuse', 'CharDevice'],
  ['dev/kmsg', 'CharDevice'],
  ['dev/net/tun', 'CharDevice'],
  ['dev/null', 'CharDevice'],
  ['dev/ptmx', 'CharDevice'],
  ['dev/random', 'CharDevice'],
  ['dev/tty', 'CharDevice'],
  ['dev/urandom', 'CharDevice'],
  ['dev/zero', 'CharDevice'],
  ['dev/nvme0n1', 'BlockDevice'],
  ['dev/nvme0n1p1', 'BlockDevice'],
]);

/** A fresh node's file system: its directories and (empty) regular files. */
export function newHostFilesystem(): VolumeFilesystem {
  const fs = new VolumeFilesystem();
  for (const d of DIRECTORIES) fs.mkdir(d);
  for (const f of FILES) fs.writeFile(f, '');
  return fs;
}

/**
 * An absolute host path normalized (`normalizePath`) with the AMI's symlinked directories
 * followed (`/var/run/x` is `run/x`), without the leading slash: where the path really is.
 */
export function resolveHostPath(path: string): string {
  const normalized = normalizePath(path);
  for (const [link, target] of SYMLINKS) {
    if (normalized === link || normalized.startsWith(`${link}/`)) return target + normalized.slice(link.length);
  }
  return normalized;
}

/** What is at a resolved host path (`os.Stat` following links), or undefined when nothing is. */
export function hostFileType(fs: VolumeFilesystem, resolved: string): HostFileType | undefined {
  const special = SPECIAL.get(resolved);
  if (special !== undefined) return special;
  if (fs.isDirectory(resolved)) return 'Directory';
  return fs.exists(resolved) ? 'File' : undefined;
}
