/**
 * The kubelet's volume manager for one node: sets up each pod volume (emptyDir, configMap,
 * secret, projected and downwardAPI (their files from `projected-volume.ts`) and hostPath built in; PVC-backed and inline cloud volumes
 * through the registered plugins), reports attachable volumes in use, and tears them down when
 * the pod leaves the node.
 *
 * Design: `setUpPod` is re-run on every pod sync until every volume answers ready; a mounted
 * volume is not asked again. Attachable volumes are mounted only once they appear in the node's
 * `status.volumesInUse` (the kubelet reports them there first, as upstream's `ReportedInUse`).
 * @see kubernetes pkg/kubelet/volumemanager/volume_manager.go, reconciler/reconciler.go
 */
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod, Secret, Volume } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/object.js';
import type { ConfigMapObject, NodeObject, PvcObject, PvObject } from './objects.js';
import { serviceAccountTokenIssuer } from '../api/token-request.js';
import { DEFAULT_TOKEN_EXPIRATION_SECONDS } from '../api/defaults/pod-spec.js';
import { configMapPayload, downwardApiVolumePayload, type Payload, type ProjectionHost, projectedVolumePayload, secretPayload } from './projected-volume.js';
import type { CoreCluster } from '../cluster/core-cluster.js';
import { ephemeralClaimName, volumeIsForPod } from '../api/ephemeral.js';
import { VolumeFilesystem } from './filesystem.js';
import { newHostFilesystem } from './host-layout.js';
import { setUpHostPath } from './host-path.js';
import { quantityBytes } from '../api/quantity.js';
import { expandOnNode, refuseReadOnlyExpansion, requiresFsResize } from './node-expander.js';
import type { KubeletVolumePlugin, VolumeContext } from './volume-plugin.js';

/** A volume set up for a pod. */
export interface MountedVolume {
  readonly name: string;
  readonly fs: VolumeFilesystem;
  readonly readOnly: boolean;
  readonly plugin?: KubeletVolumePlugin;
  readonly ctx?: VolumeContext;
  /** Unique volume name reported in `volumesInUse` (attachable plugin volumes). */
  readonly uniqueName?: string;
  /** Where the volume is inside `fs` (a hostPath volume's path on the node), '' or absent for all of it. */
  readonly root?: string;
}

/** The result of one set-up pass over a pod's volumes. */
export interface SetUpResult {
  readonly ready: boolean;
  readonly unmounted: readonly string[];
  readonly unattached: readonly string[];
  /** Volumes whose claim/PV could not be resolved (`failed to process volumes`). */
  readonly unprocessed: readonly string[];
  /** Plugin failures (FailedMount messages), in volume order. */
  readonly failures: readonly string[];
  /** What the desired state of world populator could not process (`AddErrorToPod`), in volume order. */
  readonly processErrors: readonly string[];
  /** Claims and PVs this pod's volumes wait on (`ns/claim`, `pv:<name>`). */
  readonly dependencies: readonly string[];
}

/** Per-node volume state. */
export class VolumeManager {
  /** Mounted volumes by pod uid, then volume name. */
  private readonly mounted = new Map<string, Map<string, MountedVolume>>();
  /** Unique names of attachable volumes in use, with the pods using them. */
  private readonly inUse = new Map<string, Set<string>>();
  /** The node's own file system, which hostPath volumes mount parts of (made at the first one). */
  private host?: VolumeFilesystem;
  private projection?: ProjectionHost;

  constructor(
    private readonly core: CoreCluster,
    readonly nodeName: string,
    private readonly onInUseChanged: () => void,
  ) {}

  /** Mounted volumes of a pod, by name. */
  volumesOf(podUid: string): ReadonlyMap<string, MountedVolume> {
    return this.mounted.get(podUid) ?? new Map();
  }

  /** The ConfigMap or Secret `name` a volume of `pod` projects, if any (`kind` 'ConfigMap' or 'Secret'). */
  private static projects(volume: Volume, kind: 'ConfigMap' | 'Secret', name: string): boolean {
    if (kind === 'ConfigMap' && volume.configMap?.name === name) return true;
    if (kind === 'Secret' && volume.secret?.secretName === name) return true;
    return (volume.projected?.sources ?? []).some((s) => (kind === 'ConfigMap' ? s.configMap?.name === name : s.secret?.name === name));
  }

  /** Whether a pod mounted here projects the ConfigMap or Secret `namespace/name`. */
  projectsSource(kind: 'ConfigMap' | 'Secret', namespace: string, name: string, podOf: (uid: string) => Pod | undefined): boolean {
    for (const uid of this.mounted.keys()) {
      const pod = podOf(uid);
      if (pod?.metadata?.namespace !== namespace) continue;
      if ((pod.spec?.volumes ?? []).some((v) => VolumeManager.projects(v, kind, name) && this.mounted.get(uid)?.has(v.name))) return true;
    }
    return false;
  }

  /**
   * Rewrites the mounted volumes that project the ConfigMap or Secret `namespace/name` from its
   * current data (the kubelet's periodic sync of a running pod's volumes). A payload that now fails
   * (the source deleted, a listed key gone) leaves the files as they were.
   */
  refreshSource(kind: 'ConfigMap' | 'Secret', namespace: string, name: string, podOf: (uid: string) => Pod | undefined): void {
    for (const [uid, mounts] of this.mounted) {
      const pod = podOf(uid);
      if (pod?.metadata?.namespace !== namespace) continue;
      for (const volume of pod.spec?.volumes ?? []) {
        const m = mounts.get(volume.name);
        if (!m || !VolumeManager.projects(volume, kind, name)) continue;
        const payload = this.payload(pod, volume);
        if (payload && 'files' in payload) m.fs.replaceFiles(payload.files);
      }
    }
  }

  /** Sorted unique names of attachable volumes in use (for `node.status.volumesInUse`). */
  volumesInUse(): string[] {
    return [...this.inUse.keys()].sort();
  }

  /** Sets up what is not mounted yet. */
  setUpPod(pod: Pod, node: Node | undefined): SetUpResult {
    const uid = pod.metadata?.uid ?? '';
    let mounts = this.mounted.get(uid);
    if (!mounts) {
      mounts = new Map();
      this.mounted.set(uid, mounts);
    }
    const unmounted: string[] = [];
    const unattached: string[] = [];
    const unprocessed: string[] = [];
    const failures: string[] = [];
    const processErrors: string[] = [];
    const dependencies: string[] = [];
    const reported = new Set(node?.status?.volumesInUse ?? []);
    for (const volume of pod.spec?.volumes ?? []) {
      if (mounts.has(volume.name)) continue;
      const r = this.setUpVolume(pod, volume, reported, dependencies);
      if ('mounted' in r) mounts.set(volume.name, r.mounted);
      else {
        unmounted.push(volume.name);
        if (r.unattached) unattached.push(volume.name);
        if (r.unprocessed) unprocessed.push(volume.name);
        if (r.failure) failures.push(r.failure);
        if (r.processError) processErrors.push(r.processError);
      }
    }
    return {
      ready: unmounted.length === 0,
      unmounted: unmounted.sort(),
      unattached: unattached.sort(),
      unprocessed: unprocessed.sort(),
      failures,
      processErrors,
      dependencies,
    };
  }

  private setUpVolume(
    pod: Pod,
    volume: Volume,
    reported: ReadonlySet<string>,
    deps: string[],
  ): { mounted: MountedVolume } | { unattached?: boolean; unprocessed?: boolean; failure?: string; processError?: string } {
    const builtin = this.setUpBuiltin(pod, volume);
    if (builtin) return builtin;
    const ns = pod.metadata?.namespace ?? 'default';
    let pvc: PersistentVolumeClaim | undefined;
    let pv: PersistentVolume | undefined;
    // `createVolumeSpec`: a generic ephemeral volume is its claim `<pod>-<volume>`.
    if (volume.ephemeral && !volume.persistentVolumeClaim) volume = { ...volume, persistentVolumeClaim: { claimName: ephemeralClaimName(pod, volume) } };
    if (volume.persistentVolumeClaim) {
      const claimName = volume.persistentVolumeClaim.claimName;
      deps.push(`${ns}/${claimName}`);
      pvc = this.core.store.get<PvcObject>('PersistentVolumeClaim', ns, claimName);
      if (pvc && volume.ephemeral && volumeIsForPod(pod, pvc) !== undefined) return { unprocessed: true };
      if (pvc?.status?.phase !== 'Bound' || !pvc.spec?.volumeName) return { unprocessed: true };
      deps.push(`pv:${pvc.spec.volumeName}`);
      pv = this.core.store.get<PvObject>('PersistentVolume', undefined, pvc.spec.volumeName);
      if (!pv) return { unprocessed: true };
      const mismatch = volumeModeMismatch(pod, volume.name, pv.spec?.volumeMode ?? 'Filesystem');
      if (mismatch) return { unprocessed: true, processError: mismatch };
    }
    const nodeName = this.nodeName;
    const ctx: VolumeContext = pvc && pv ? { pod, volume, nodeName, pvc, pv } : { pod, volume, nodeName };
    const plugin = this.core.volumes.find(ctx);
    if (!plugin) return {};
    const uniqueName = plugin.attachable ? plugin.getVolumeName?.(ctx) : undefined;
    if (uniqueName) {
      this.markInUse(uniqueName, pod.metadata?.uid ?? '');
      if (!reported.has(uniqueName)) return { unattached: true };
    }
    const r = plugin.setUp(ctx);
    if (r.state === 'ready') {
      const readOnly = r.readOnly ?? volume.persistentVolumeClaim?.readOnly ?? false;
      // expandVolumeDuringMount: a claim the resizer left NodeResizePending grows while it mounts.
      if (pvc && pv && requiresFsResize(pvc, pv)) {
        if (volume.persistentVolumeClaim?.readOnly) refuseReadOnlyExpansion(this.core, pod, pv as PvObject, nodeName);
        else expandOnNode(this.core, pod, pvc as PvcObject, pv as PvObject, nodeName, r.fs);
      }
      return { mounted: { name: volume.name, fs: r.fs, readOnly, plugin, ctx, uniqueName } };
    }
    if (r.state === 'failed') return { failure: r.message };
    return { unattached: r.reason === 'unattached' && plugin.attachable };
  }

  private setUpBuiltin(pod: Pod, volume: Volume): { mounted: MountedVolume } | { failure: string } | undefined {
    const mounted = (fs: VolumeFilesystem, readOnly = false) => ({ mounted: { name: volume.name, fs, readOnly } });
    // Secret, projected and downward API volumes sit on a tmpfs (their plugins wrap a Memory emptyDir).
    const tmpfs = (sizeLimit?: string) => {
      const fs = new VolumeFilesystem();
      fs.tmpfsBytes = memoryBackedBytes(pod, this.nodeAllocatableMemory(), sizeLimit);
      return fs;
    };
    if (volume.emptyDir) return mounted(volume.emptyDir.medium === 'Memory' ? tmpfs(volume.emptyDir.sizeLimit) : new VolumeFilesystem());
    if (volume.hostPath) {
      this.host ??= newHostFilesystem();
      const r = setUpHostPath(this.host, volume.hostPath.path ?? '', volume.hostPath.type ?? '');
      if ('error' in r) return { failure: `MountVolume.SetUp failed for volume "${volume.name}" : ${r.error}` };
      return { mounted: { name: volume.name, fs: this.host, readOnly: false, root: r.root } };
    }
    const payload = this.payload(pod, volume);
    if (!payload) return undefined;
    if ('error' in payload) return { failure: `MountVolume.SetUp failed for volume "${volume.name}" : ${payload.error}` };
    // A ConfigMap volume's files are on the node's disk; the others are on a tmpfs.
    const fs = volume.configMap ? new VolumeFilesystem() : tmpfs();
    for (const [path, content] of payload.files) fs.writeFile(path, content);
    return mounted(fs, true);
  }

  /**
   * `MakePayload` of a ConfigMap, Secret, projected or downward API volume of `pod`: every key or
   * the listed items at their paths, or why SetUp fails (a source that is gone and not optional, a
   * listed key missing); undefined for other volumes. Set-up and the periodic refresh both use it.
   */
  private payload(pod: Pod, volume: Volume): Payload | undefined {
    const ns = pod.metadata?.namespace ?? 'default';
    const files = new Map<string, string>();
    if (volume.configMap) {
      const cm = this.core.store.get<ConfigMapObject>('ConfigMap', ns, volume.configMap.name ?? '');
      if (!cm && !volume.configMap.optional) return { error: `configmap "${volume.configMap.name}" not found` };
      const error = configMapPayload(volume.configMap.items, cm, volume.configMap.optional === true, files);
      return error ? { error } : { files };
    }
    if (volume.secret) {
      const secret = this.core.store.get<Secret & KubeObject>('Secret', ns, volume.secret.secretName ?? '');
      if (!secret && !volume.secret.optional) return { error: `secret "${volume.secret.secretName}" not found` };
      const error = secretPayload(volume.secret.items, secret, volume.secret.optional === true, files);
      return error ? { error } : { files };
    }
    if (volume.projected) return projectedVolumePayload(volume.projected, pod, this.projectionHost());
    if (volume.downwardAPI) return downwardApiVolumePayload(volume.downwardAPI.items, pod, this.projectionHost());
    return undefined;
  }

  /** The node's allocatable memory in bytes (what every pod together may use). */
  private nodeAllocatableMemory(): number {
    const node = this.core.store.get<NodeObject>('Node', undefined, this.nodeName);
    const text = node?.status?.allocatable?.memory;
    return text ? quantityBytes(String(text)) : 0;
  }

  /** What projected and downward API volumes read: this node's view of the API (made once). */
  private projectionHost(): ProjectionHost {
    this.projection ??= this.newProjectionHost();
    return this.projection;
  }

  private newProjectionHost(): ProjectionHost {
    const store = this.core.store;
    const node = () => store.get<NodeObject>('Node', undefined, this.nodeName);
    return {
      getConfigMap: (ns, name) => store.get<ConfigMapObject>('ConfigMap', ns, name),
      getSecret: (ns, name) => store.get<Secret & KubeObject>('Secret', ns, name),
      getServiceAccountToken: (pod, projection) => {
        const n = node();
        return serviceAccountTokenIssuer(this.core).request({
          namespace: pod.metadata?.namespace ?? 'default',
          serviceAccountName: pod.spec?.serviceAccountName ?? '',
          pod: { name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' },
          node: n ? { name: n.metadata.name ?? '', uid: n.metadata.uid ?? '' } : undefined,
          audience: projection.audience,
          expirationSeconds: projection.expirationSeconds ?? DEFAULT_TOKEN_EXPIRATION_SECONDS,
        });
      },
      nodeAllocatable: () => (node()?.status?.allocatable ?? {}) as Record<string, string>,
    };
  }

  private markInUse(uniqueName: string, podUid: string): void {
    let pods = this.inUse.get(uniqueName);
    if (!pods) {
      pods = new Set();
      this.inUse.set(uniqueName, pods);
      this.onInUseChanged();
    }
    pods.add(podUid);
  }

  /** Unmounts every volume of a pod (plugins' `tearDown`), drops its emptyDirs and in-use marks. */
  tearDownPod(podUid: string): void {
    const mounts = this.mounted.get(podUid);
    this.mounted.delete(podUid);
    for (const m of mounts?.values() ?? []) if (m.plugin && m.ctx) m.plugin.tearDown(m.ctx);
    let changed = false;
    for (const [name, pods] of this.inUse) {
      if (pods.delete(podUid) && pods.size === 0) {
        this.inUse.delete(name);
        changed = true;
      }
    }
    if (changed) this.onInUseChanged();
  }

  /** Mounted, writable claim volumes (pod uid, mount, `ns/name` of the claim), in mount order. */
  private *claimMounts(): Generator<{ podUid: string; mount: MountedVolume; claimKey: string }> {
    for (const [podUid, mounts] of this.mounted) {
      for (const m of mounts.values()) {
        const claim = m.ctx?.volume.persistentVolumeClaim;
        if (claim && !claim.readOnly) yield { podUid, mount: m, claimKey: `${m.ctx?.pod.metadata?.namespace ?? 'default'}/${claim.claimName}` };
      }
    }
  }

  /** The first mounted, writable volume of claim `ns/name` (pod uid and mount), in mount order. */
  private mountedClaim(claimKey: string): { podUid: string; mount: MountedVolume } | undefined {
    for (const c of this.claimMounts()) if (c.claimKey === claimKey) return c;
    return undefined;
  }

  /** Claims (`ns/name`) mounted writable by pods on this node, each once, in mount order. */
  mountedClaims(): string[] {
    return [...new Set([...this.claimMounts()].map((c) => c.claimKey))];
  }

  /** Whether a pod on this node has claim `ns/name` mounted writable. */
  hasMountedClaim(claimKey: string): boolean {
    return this.mountedClaim(claimKey) !== undefined;
  }

  /**
   * Online expansion (the volume manager's `ExpandInUseVolume`, on a pod sync): grows the file
   * system of claim `ns/name` if a pod here has it mounted and its PV outgrew the claim's status.
   */
  expandInUse(claimKey: string, currentPod: (uid: string) => Pod | undefined): boolean {
    const found = this.mountedClaim(claimKey);
    if (!found) return false;
    const [ns, name] = claimKey.split('/');
    const pvc = this.core.store.get<PvcObject>('PersistentVolumeClaim', ns, name);
    const pv = pvc?.spec?.volumeName ? this.core.store.get<PvObject>('PersistentVolume', undefined, pvc.spec.volumeName) : undefined;
    if (!pvc || !pv || !requiresFsResize(pvc, pv)) return false;
    const pod = currentPod(found.podUid) ?? (found.mount.ctx?.pod as Pod);
    return expandOnNode(this.core, pod, pvc, pv, this.nodeName, found.mount.fs);
  }

  /** Pod uids with volume state (for the kubelet's clean-up after a restart). */
  podUids(): string[] {
    return [...this.mounted.keys()];
  }
}

/**
 * `calculateEmptyDirMemorySize`: a memory-backed volume's size is the node's allocatable memory,
 * or the pod's memory limit when every container declares one and it is smaller, or the volume's
 * `sizeLimit` when smaller still.
 * @see kubernetes pkg/volume/emptydir/empty_dir.go, pkg/kubelet/cm ResourceConfigForPod
 */
export function memoryBackedBytes(pod: Pod, nodeAllocatableBytes: number, sizeLimit?: string): number {
  let size = nodeAllocatableBytes;
  const limitOf = (c: { resources?: { limits?: Record<string, unknown> } }) => {
    const q = c.resources?.limits?.memory;
    return q === undefined ? 0 : quantityBytes(String(q));
  };
  const containers = pod.spec?.containers ?? [];
  const inits = pod.spec?.initContainers ?? [];
  if ([...containers, ...inits].every((c) => limitOf(c) > 0)) {
    const podLimit = Math.max(
      containers.reduce((sum, c) => sum + limitOf(c), 0),
      ...inits.map(limitOf),
    );
    if (podLimit > 0 && podLimit <= size) size = podLimit;
  }
  const volumeLimit = sizeLimit === undefined ? 0 : quantityBytes(String(sizeLimit));
  if (volumeLimit > 0 && volumeLimit <= size) size = volumeLimit;
  return size;
}

/**
 * `createVolumeSpec`'s check: a Block volume may not be in a container's `volumeMounts`, nor a
 * Filesystem volume in its `volumeDevices`.
 */
function volumeModeMismatch(pod: Pod, name: string, volumeMode: string): string | undefined {
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  if (volumeMode !== 'Filesystem' && containers.some((c) => (c.volumeMounts ?? []).some((m) => m.name === name))) {
    return `volume ${name} has volumeMode ${volumeMode}, but is specified in volumeMounts`;
  }
  if (volumeMode !== 'Block' && containers.some((c) => (c.volumeDevices ?? []).some((d) => d.name === name))) {
    return `volume ${name} has volumeMode ${volumeMode}, but is specified in volumeDevices`;
  }
  return undefined;
}
