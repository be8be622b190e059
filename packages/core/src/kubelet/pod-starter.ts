/**
 * Starting and restarting a pod's containers: image pull (Pulling/Pulled), the container's
 * environment, create, start, and the crash-loop back-off (first restart at once, then 10s doubling
 * to 5m).
 *
 * Design: one container at a time per pod (`rec.busy`), like the kubelet's SyncPod loop where
 * each image pull blocks; after each start the pod is re-synced to start the next one. A container
 * whose environment cannot be built (a missing ConfigMap, Secret or key) is not created: it waits
 * in `CreateContainerConfigError`, the pod's other containers go on, and it is tried again when the
 * pod worker's back-off after the failed sync ends (10s plus up to 50% jitter), every time.
 * @see kubernetes pkg/kubelet/kuberuntime/kuberuntime_container.go startContainer,
 * pkg/kubelet/images/image_manager.go EnsureImageExists, kuberuntime_manager.go doBackOff,
 * pkg/kubelet/pod_workers.go completeWork
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { Rng } from '../sim/rng.js';
import { type EnvSources, makeEnvironmentVariables, storeEnvSources } from './container-env.js';
import type { ContainerMount } from './container-fs.js';
import { VolumeFilesystem } from './filesystem.js';
import { BACKOFF_INITIAL_MS, BACKOFF_MAX_MS, BACKOFF_RESET_MS, CACHED_PULL_MS, CONTAINER_START_MS, FIRST_PULL_MS } from './defaults.js';
import { containerProcessEnv } from './image-env.js';
import { managedHostsFile, podResolvConf } from './etc-files.js';
import type { Kubelet, PodRecord } from './kubelet.js';
import { type ContainerSlot, formatGoDuration, formatPod } from './pod-status.js';
import { NodeAgentReasons } from './reasons.js';

/** `Pulling image %q` (image_manager.go). */
export function pullingMessage(image: string): string {
  return `Pulling image ${JSON.stringify(image)}`;
}

/** `Successfully pulled image %q in %v (%v including waiting). Image size: %v bytes.` (image_manager.go, 1.30+). */
export function pulledMessage(image: string, pullMs: number, totalMs: number, sizeBytes: number): string {
  return `Successfully pulled image ${JSON.stringify(image)} in ${formatGoDuration(pullMs)} (${formatGoDuration(totalMs)} including waiting). Image size: ${sizeBytes} bytes.`;
}

/** `Container image %q already present on machine` (image_manager.go). */
export function alreadyPresentMessage(image: string): string {
  return `Container image ${JSON.stringify(image)} already present on machine`;
}

/** `Created container: %v` (kuberuntime_container.go, 1.32+ wording). */
export function createdMessage(name: string): string {
  return `Created container: ${name}`;
}

/** `Started container %v` (kuberuntime_container.go). */
export function startedMessage(name: string): string {
  return `Started container ${name}`;
}

/** `Back-off restarting failed container %s in pod %s` (kuberuntime_manager.go doBackOff). */
export function backOffMessage(container: string, podDesc: string): string {
  return `Back-off restarting failed container ${container} in pod ${podDesc}`;
}

/** Waiting message of a container in back-off: `back-off %s restarting failed container=%s pod=%s`. */
export function backOffWaitingMessage(backoffMs: number, container: string, podDesc: string): string {
  return `back-off ${formatGoDuration(backoffMs)} restarting failed container=${container} pod=${podDesc}`;
}

/** `ErrCreateContainerConfig`: the waiting reason of a container whose config could not be made. */
export const CREATE_CONTAINER_CONFIG_ERROR = 'CreateContainerConfigError';

/**
 * Retry of a pod after a failed sync: the pod worker requeues it after `wait.Jitter(backOffPeriod,
 * 0.5)`, 10s (pkg/kubelet/kubelet.go `backOffPeriod`) plus up to 5s (pod_workers.go
 * `workerBackOffPeriodJitterFactor`); integer ms in [10s, 15s).
 */
export const SYNC_ERROR_RETRY_MS = { min: BACKOFF_INITIAL_MS, max: BACKOFF_INITIAL_MS * 1.5 - 1 } as const;

/** `Error: %v`: the `Failed` event of a container whose config could not be made (kuberuntime_container.go). */
export function createContainerConfigFailedMessage(message: string): string {
  return `Error: ${message}`;
}

/** `hostnameMaxLen`: a hostname is at most 63 characters (64 bytes with the terminating NUL). */
const HOSTNAME_MAX_LEN = 63;

/**
 * `truncatePodHostnameIfNeeded`: the pod's hostname (`spec.hostname`, else its name) cut to 63
 * characters, without a trailing `-` or `.`.
 */
export function podHostname(hostname: string): string {
  if (hostname.length <= HOSTNAME_MAX_LEN) return hostname;
  return hostname.slice(0, HOSTNAME_MAX_LEN).replace(/[-.]+$/, '');
}

/** Effective pull policy: `Always` for `:latest` or untagged images, else `IfNotPresent` (API defaulting). */
export function pullPolicyOf(container: Container): string {
  if (container.imagePullPolicy) return container.imagePullPolicy;
  const image = container.image ?? '';
  const last = image.split('/').pop() ?? '';
  if (last.includes('@')) return 'IfNotPresent';
  return !last.includes(':') || last.endsWith(':latest') ? 'Always' : 'IfNotPresent';
}

/** Starts and restarts containers of the kubelet's pods. */
export class PodStarter {
  private readonly sources: EnvSources;
  /** Pod worker jitter (its own stream, so a retry draws nothing from another component's). */
  private readonly rng: Rng;

  constructor(private readonly kubelet: Kubelet) {
    this.sources = storeEnvSources(kubelet.core.store, kubelet.nodeName);
    this.rng = kubelet.core.rng.fork(`kubelet/${kubelet.nodeName}/pod-workers`);
  }

  /** Moves the pod's containers one step: start the next, restart an exited one, or wait. */
  sync(rec: PodRecord): void {
    if (rec.busy || rec.terminating) return;
    if (this.startEphemeral(rec)) return;
    if (!this.syncInit(rec)) return;
    const policy = rec.pod.spec?.restartPolicy ?? 'Always';
    for (const slot of rec.slots) {
      const c = slot.current;
      if (!c) {
        if (this.waitsConfigRetry(rec, slot)) continue;
        this.startContainer(rec, slot, false);
        return;
      }
      if (c.running) continue;
      const wantsRestart = policy === 'Always' || (policy === 'OnFailure' && c.exitCode !== 0);
      if (!wantsRestart) continue;
      if (this.backOff(rec, slot) || this.waitsConfigRetry(rec, slot)) continue;
      this.startContainer(rec, slot, true);
      return;
    }
  }

  /**
   * Starts the first ephemeral container not started yet; true when it did. Ephemeral containers
   * start before init and regular containers (SyncPod's step 5, so a pod whose init containers fail
   * can still be debugged) and are never restarted (`computePodActions` starts one only while the
   * runtime has no container of that name).
   * @see kubernetes pkg/kubelet/kuberuntime/kuberuntime_manager.go (computePodActions, SyncPod)
   */
  private startEphemeral(rec: PodRecord): boolean {
    for (const slot of rec.ephemeralSlots) {
      if (slot.current || this.waitsConfigRetry(rec, slot)) continue;
      this.startContainer(rec, slot, false);
      return true;
    }
    return false;
  }

  /**
   * Runs init containers in order; true once all completed (sidecars — init containers with
   * `restartPolicy: Always` — only need to be running). An init container that fails under
   * `restartPolicy: Never` fails the pod.
   */
  private syncInit(rec: PodRecord): boolean {
    const policy = rec.pod.spec?.restartPolicy ?? 'Always';
    for (const slot of rec.initSlots) {
      const sidecar = slot.spec.restartPolicy === 'Always';
      const c = slot.current;
      if (!c) {
        if (!this.waitsConfigRetry(rec, slot)) this.startContainer(rec, slot, false);
        return false;
      }
      if (c.running) {
        if (sidecar) continue;
        return false;
      }
      if (c.exitCode === 0 && !sidecar) continue;
      if (policy === 'Never' && !sidecar) {
        rec.phaseOverride = 'Failed';
        return false;
      }
      if (!this.backOff(rec, slot) && !this.waitsConfigRetry(rec, slot)) this.startContainer(rec, slot, true);
      return false;
    }
    return true;
  }

  /** Whether the slot must still wait; accounts the exit once and emits BackOff. */
  private backOff(rec: PodRecord, slot: ContainerSlot): boolean {
    const c = slot.current;
    if (!c) return false;
    const now = this.kubelet.core.clock.now();
    if (slot.seenExitId !== c.id) {
      slot.seenExitId = c.id;
      if (c.reason === 'Unknown') return false;
      if (slot.probeKilledId === c.id && this.restartsAfterProbeKill(slot, c.startedAtMs, c.finishedAtMs ?? now)) {
        slot.backoffUntilMs = undefined;
        return false;
      }
      if ((c.finishedAtMs ?? now) - c.startedAtMs >= BACKOFF_RESET_MS) slot.crashes = 0;
      slot.crashes++;
      slot.backoffUntilMs = slot.crashes === 1 ? now : (c.finishedAtMs ?? now) + this.backoffMs(slot);
    }
    if (slot.backoffUntilMs === undefined || now >= slot.backoffUntilMs) return false;
    const podDesc = formatPod(rec.pod);
    slot.waiting = { reason: 'CrashLoopBackOff', message: backOffWaitingMessage(this.backoffMs(slot), slot.spec.name, podDesc) };
    this.kubelet.event(rec, 'Warning', NodeAgentReasons.BackOff, backOffMessage(slot.spec.name, podDesc));
    this.kubelet.resync(rec, slot.backoffUntilMs - now);
    return true;
  }

  /** Whether a container that failed with `CreateContainerConfigError` must still wait for its retry. */
  private waitsConfigRetry(rec: PodRecord, slot: ContainerSlot): boolean {
    const at = slot.configRetryAtMs;
    const now = this.kubelet.core.clock.now();
    if (at === undefined || now >= at) return false;
    this.kubelet.resync(rec, at - now);
    return true;
  }

  /**
   * Whether a container killed for a failed liveness or startup probe starts again at once. The
   * kill and the start are one SyncPod (`computePodActions` lists it to kill and to start), whose
   * back-off check (`doBackOff`) reads the status from before the kill: it looks at the instance
   * before the killed one. None: no back-off, nothing counted. One that exited longer ago than the
   * current back-off: counted (`backOff.Next`), no wait. Otherwise the usual back-off from the
   * killed instance's exit applies. A killed instance that ran long enough for the back-off entry to
   * be collected starts the count over.
   */
  private restartsAfterProbeKill(slot: ContainerSlot, startedAtMs: number, killedAtMs: number): boolean {
    const prev = slot.previous;
    if (!prev || prev.running) return true;
    if (killedAtMs - startedAtMs >= BACKOFF_RESET_MS) slot.crashes = 0;
    if (slot.crashes > 0 && killedAtMs - (prev.finishedAtMs ?? killedAtMs) < this.entryBackoffMs(slot.crashes)) return false;
    slot.crashes++;
    return true;
  }

  /** The back-off after `crashes` counted exits (10s, doubling, capped at 5m). */
  private entryBackoffMs(crashes: number): number {
    return Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS * 2 ** Math.max(0, crashes - 1));
  }

  private backoffMs(slot: ContainerSlot): number {
    return Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS * 2 ** Math.max(0, slot.crashes - 2));
  }

  /** Pull (or not), then create and start the container after a short delay. */
  private startContainer(rec: PodRecord, slot: ContainerSlot, restart: boolean): void {
    const k = this.kubelet;
    const image = slot.spec.image ?? '';
    const runtime = k.runtime;
    rec.busy = true;
    const cached = runtime.hasImage(image);
    const policy = pullPolicyOf(slot.spec);
    let pullMs = 0;
    if (policy === 'Always' || (!cached && policy !== 'Never')) {
      pullMs = runtime.draw(cached ? CACHED_PULL_MS : FIRST_PULL_MS);
      k.event(rec, 'Normal', NodeAgentReasons.Pulling, pullingMessage(image));
    } else {
      k.event(rec, 'Normal', NodeAgentReasons.Pulled, alreadyPresentMessage(image));
    }
    const startMs = runtime.draw(CONTAINER_START_MS);
    k.after(rec, pullMs, 'pulled', () => {
      if (pullMs > 0) {
        runtime.addImage(image);
        k.event(rec, 'Normal', NodeAgentReasons.Pulled, pulledMessage(image, pullMs, pullMs, runtime.behaviourOf(image).sizeBytes ?? 0));
      }
      k.after(rec, startMs, 'start', () => this.run(rec, slot, restart));
    });
  }

  private run(rec: PodRecord, slot: ContainerSlot, restart: boolean): void {
    const k = this.kubelet;
    rec.busy = false;
    if (rec.terminating) return;
    // generateContainerConfig: the environment first; without it no container is created.
    const podIP = rec.podIP ?? '';
    const net = { podIP, podIPs: podIP ? [podIP] : [], hostIPs: [k.deps.hostIP] };
    const built = makeEnvironmentVariables(rec.pod, slot.spec, net, this.sources);
    if ('error' in built) {
      this.failConfig(rec, slot, built.error);
      return;
    }
    k.event(rec, 'Normal', NodeAgentReasons.Created, createdMessage(slot.spec.name));
    const mounts = this.mountsOf(rec, slot.spec);
    const hostname = podHostname(rec.pod.spec?.hostname || rec.pod.metadata.name || '');
    const env = containerProcessEnv(rec.pod, slot.spec, hostname, built.env);
    if (slot.current) slot.previous = slot.current;
    slot.waiting = undefined;
    slot.configRetryAtMs = undefined;
    const region = k.deps.zone.slice(0, -1);
    const managed: Record<string, string> = { 'etc/resolv.conf': podResolvConf(rec.pod, region) };
    // A host-network pod sees the node's hosts file, not a managed one.
    if (!rec.pod.spec?.hostNetwork) managed['etc/hosts'] = managedHostsFile(podIP, hostname, rec.pod);
    slot.current = k.runtime.start(rec.pod, slot.spec, mounts, hostname, env, managed);
    if (restart) slot.restartCount++;
    const startError = slot.current.neverStarted ? slot.current.message : undefined;
    if (startError) k.event(rec, 'Warning', NodeAgentReasons.Failed, `Error: ${startError}`);
    else k.event(rec, 'Normal', NodeAgentReasons.Started, startedMessage(slot.spec.name));
    k.writeStatus(rec);
    // The sync that sees the new container regenerates the status: unready containers are probed now.
    k.prober.podSynced(rec);
    k.resync(rec);
  }

  /**
   * `CreateContainerConfigError`: the `Failed` event, the waiting state with the message, and a
   * retry after the pod worker's back-off; the pod's next container may start meanwhile.
   */
  private failConfig(rec: PodRecord, slot: ContainerSlot, message: string): void {
    const k = this.kubelet;
    k.event(rec, 'Warning', NodeAgentReasons.Failed, createContainerConfigFailedMessage(message));
    slot.waiting = { reason: CREATE_CONTAINER_CONFIG_ERROR, message };
    slot.configRetryAtMs = k.core.clock.now() + this.rng.int(SYNC_ERROR_RETRY_MS.min, SYNC_ERROR_RETRY_MS.max);
    k.writeStatus(rec);
    k.resync(rec);
  }

  private mountsOf(rec: PodRecord, spec: Container): ContainerMount[] {
    const volumes = this.kubelet.volumes.volumesOf(rec.uid);
    const out: ContainerMount[] = [];
    for (const m of spec.volumeMounts ?? []) {
      const v = volumes.get(m.name);
      if (!v) continue;
      // A hostPath volume is a part of the node's file system: its subPath is under the volume's root.
      const subPath = v.root ? (m.subPath ? `${v.root}/${m.subPath}` : v.root) : (m.subPath ?? '');
      // `doSafeMakeDir`: a subPath that is not in the volume yet is made a directory; an existing
      // file (a ConfigMap key) is mounted as that file.
      if (m.subPath && !v.fs.exists(subPath)) v.fs.mkdir(subPath);
      const readOnly = m.readOnly === true || v.readOnly;
      // A file of an atomically written volume (ConfigMap, Secret, projected) bind-mounted at
      // container start keeps what it held then: a key mounted with subPath sees no later update.
      if (m.subPath && v.readOnly && v.plugin === undefined && !v.fs.isDirectory(subPath)) {
        const snapshot = new VolumeFilesystem();
        snapshot.writeFile(subPath, v.fs.readFile(subPath) ?? '');
        out.push({ path: m.mountPath, fs: snapshot, readOnly, subPath });
        continue;
      }
      out.push({ path: m.mountPath, fs: v.fs, readOnly, subPath });
    }
    return out;
  }
}
