/**
 * hostPath volumes are parts of the node's own file system, and their `type` is checked by the
 * kubelet at SetUp (1.33's words): a missing directory or the dockershim socket (gone from EKS
 * nodes since 1.24) keeps the pod ContainerCreating with FailedMount; the `…OrCreate` types make
 * what is missing, and what one pod writes another on the same node sees.
 */
import { describe, expect, it } from 'vitest';
import { type Cluster, createCluster } from 'kubesim';
import { applyYaml, kubectlOk } from './helpers.js';

function cluster(): Cluster {
  return createCluster({ seed: 21, zones: ['us-east-1a'], nodes: [{ zone: 'us-east-1a', count: 1 }] });
}

/** A busybox pod mounting one hostPath volume at /host. */
function pod(name: string, path: string, type?: string, command = 'sleep infinity'): string {
  const t = type === undefined ? '' : `, type: "${type}"`;
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - { name: app, image: busybox, command: [sh, -c, "${command}"], volumeMounts: [{ name: host, mountPath: /host }] }
  volumes:
  - { name: host, hostPath: { path: "${path}"${t} } }
`;
}

function failedMount(c: Cluster, name: string): string[] {
  return c.events({ kind: 'Pod', name, reason: 'FailedMount' }).map((e) => e.message as string);
}

function phase(c: Cluster, name: string): string {
  return kubectlOk(c, `get pod ${name} -o jsonpath={.status.phase}/{.status.containerStatuses[0].state.waiting.reason}`);
}

describe('hostPath type checks', () => {
  it.each([
    ['Directory', '/srv/data', 'hostPath type check failed: /srv/data is not a directory'],
    ['Directory', '/etc/hosts', 'hostPath type check failed: /etc/hosts is not a directory'],
    ['File', '/etc/app.conf', 'hostPath type check failed: /etc/app.conf is not a file'],
    ['File', '/var/log', 'hostPath type check failed: /var/log is not a file'],
    ['Socket', '/var/run/docker.sock', 'hostPath type check failed: /var/run/docker.sock is not a socket file'],
    ['CharDevice', '/dev/nvme0n1', 'hostPath type check failed: /dev/nvme0n1 is not a character device'],
    ['BlockDevice', '/dev/null', 'hostPath type check failed: /dev/null is not a block device'],
    ['FileOrCreate', '/no/such/dir/app.lock', 'open /no/such/dir/app.lock: no such file or directory'],
    ['FileOrCreate', '/etc/hosts/x', 'open /etc/hosts/x: not a directory'],
    ['DirectoryOrCreate', '/etc/hosts/x', 'mkdir /etc/hosts: not a directory'],
    ['DirectoryOrCreate', '/etc/hosts', 'hostPath type check failed: /etc/hosts is not a directory'],
  ])('type %s at %s: FailedMount, the pod stays ContainerCreating', (type, path, error) => {
    const c = cluster();
    applyYaml(c, pod('app', path, type));
    c.advance('1m');
    expect(phase(c, 'app')).toBe('Pending/ContainerCreating');
    expect(failedMount(c, 'app')[0]).toBe(`MountVolume.SetUp failed for volume "host" : ${error}`);
  });

  it.each([
    ['Directory', '/var/lib/kubelet'],
    ['Directory', '/lib/modules'],
    ['Socket', '/run/containerd/containerd.sock'],
    ['Socket', '/var/run/containerd/containerd.sock'],
    ['CharDevice', '/dev/kmsg'],
    ['BlockDevice', '/dev/nvme0n1'],
    // 1.33's File check passes anything that is not a directory.
    ['File', '/dev/null'],
    ['File', '/etc/hosts'],
    ['', '/nowhere/yet'],
  ])('type %s at %s: the pod runs', (type, path) => {
    const c = cluster();
    applyYaml(c, pod('app', path, type));
    c.advance('1m');
    expect(phase(c, 'app')).toBe('Running/');
    expect(failedMount(c, 'app')).toEqual([]);
  });

  it('DirectoryOrCreate and FileOrCreate make what is missing; files written through one volume are seen through another', () => {
    const c = cluster();
    applyYaml(c, pod('writer', '/srv/data', 'DirectoryOrCreate', 'mkdir -p /host/logs && echo hello > /host/logs/app.log && touch /host/ready && sleep infinity'));
    applyYaml(c, pod('lock', '/run/app.lock', 'FileOrCreate'));
    c.advance('1m');
    expect(phase(c, 'writer')).toBe('Running/');
    expect(phase(c, 'lock')).toBe('Running/');
    // The lock file is a file at the mount path, not a directory.
    expect(kubectlOk(c, 'exec lock -- sh -c "test -f /host && echo file"')).toBe('file\n');
    applyYaml(c, pod('reader', '/srv/data/logs', 'Directory'));
    applyYaml(c, pod('one-file', '/srv/data/ready', 'File'));
    applyYaml(c, pod('whole-node', '/'));
    c.advance('1m');
    expect(phase(c, 'reader')).toBe('Running/');
    expect(phase(c, 'one-file')).toBe('Running/');
    expect(kubectlOk(c, 'exec reader -- cat /host/app.log')).toBe('hello\n');
    expect(kubectlOk(c, 'exec whole-node -- ls /host/srv/data /host/run')).toContain('logs\nready\n');
    expect(kubectlOk(c, 'exec whole-node -- ls /host/run')).toContain('app.lock');
  });

  it('describe shows the type; one given as none is "" (the API server defaults it), for a pod and a PersistentVolume', () => {
    const c = cluster();
    applyYaml(c, pod('typed', '/run/containerd/containerd.sock', 'Socket'));
    applyYaml(c, pod('untyped', '/var/log'));
    applyYaml(c, 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: local\nspec:\n  capacity: { storage: 1Gi }\n  accessModes: [ReadWriteOnce]\n  hostPath: { path: /srv/pv }\n');
    const volumes = (name: string) => {
      const out = kubectlOk(c, `describe pod ${name}`);
      return out.slice(out.indexOf('  host:\n'), out.indexOf('  kube-api-access'));
    };
    expect(volumes('typed')).toBe('  host:\n    Type:          HostPath (bare host directory volume)\n    Path:          /run/containerd/containerd.sock\n    HostPathType:  Socket\n');
    expect(volumes('untyped')).toBe('  host:\n    Type:          HostPath (bare host directory volume)\n    Path:          /var/log\n    HostPathType:  \n');
    expect(kubectlOk(c, 'get pv local -o jsonpath={.spec.hostPath}')).toBe('{"path":"/srv/pv","type":""}');
    expect(kubectlOk(c, 'describe pv local')).toContain('    Type:          HostPath (bare host directory volume)\n    Path:          /srv/pv\n    HostPathType:  \n');
  });

  it('the API server refuses an unknown type and a path with ..', () => {
    const c = cluster();
    const bad = c.kubectl('apply -f -', { stdin: pod('app', '/var/../etc', 'Dir') });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toBe(
      'The Pod "app" is invalid: \n* spec.volumes[0].hostPath.path: Invalid value: "/var/../etc": must not contain \'..\'\n' +
        '* spec.volumes[0].hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"\n',
    );
    expect(c.list('Pod')).toEqual([]);
  });
});
