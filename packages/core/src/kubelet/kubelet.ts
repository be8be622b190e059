/**
 * The kubelet of one node: runs the pods bound to it. Volumes first (`ContainerCreating` while
 * any waits), then containers one by one (pull, create, start), restarts with crash-loop
 * back-off, graceful termination honouring the deletion grace period, then the final delete.
 *
 * Design: one work queue keyed by pod (`ns/name`); every sync reads the pod from the store and
 * moves it one step, writing status only when it changed. Timers carry the kubelet's epoch and
 * the pod record's generation, so a silent kubelet or a forgotten pod drops them. Containers live
 * in the runtime, independent of the kubelet: a restarted kubelet adopts what is still running.
 * The prober (`prober.ts`) runs the containers' probes; their results feed the status and, for a
 * failed liveness or startup probe, a kill through the terminator and a restart by the starter.
 * @see kubernetes pkg/kubelet/kubelet.go SyncPod/SyncTerminatingPod, pod_workers.go,
 * kuberuntime/kuberuntime_manager.go computePodActions
 */
import type { Container } from 'kubernetes-types/core/v1';
import { ClaimResizeStatus, storageResizeStatus } from '../api/claim-resize.js';
import type { CoreCluster } from '../cluster/core-cluster.js';
import type { Ec2Cloud } from '../cloud/ec2-cloud.js';
import { Controller, type SyncResult } from '../controllers/runtime/controller.js';
import type { ContainerRuntime, RuntimeContainer } from './container-runtime.js';
import { PodStarter } from './pod-starter.js';
import { NodeStatusReporter } from './node-status.js';
import { type NodeObject, type PodObject, PODS_BY_NODE_INDEX, type PvcObject } from './objects.js';
import { buildPodStatus, type ContainerSlot, isContainerReady, isContainerStarted } from './pod-status.js';
import { PodTerminator } from './pod-terminator.js';
import { Prober, type ProbeWorker } from './prober.js';
import { type SetUpResult, VolumeManager } from './volume-manager.js';
import { NodeAgentComponents, NodeAgentReasons } from './reasons.js';
import {
  MOUNT_RETRY_INITIAL_MS,
  MOUNT_RETRY_MAX_MS,
  POD_ATTACH_AND_MOUNT_TIMEOUT_MS,
  PLEG_RELIST_MS,
  POD_SYNC_PERIOD_MS,
  VOLUME_WAIT_RETRY_MS,
} from './defaults.js';

/** The kubelet's record of one pod on its node. */
export interface PodRecord {
  readonly key: string;
  readonly uid: string;
  pod: PodObject;
  readonly slots: ContainerSlot[];
  /** Init containers, in order. */
  readonly initSlots: ContainerSlot[];
  /** Ephemeral containers, in the order they were added to the spec; never restarted. */
  readonly ephemeralSlots: ContainerSlot[];
  readonly startTime: string;
  /** Bumped when the record is forgotten or its in-flight work must be dropped. */
  generation: number;
  volumesReady: boolean;
  waitSinceMs?: number;
  lastTimeoutTraceMs?: number;
  podIP?: string;
  /** A pull/start is in flight. */
  busy: boolean;
  terminating: boolean;
  killDeadlineMs?: number;
  phaseOverride?: 'Succeeded' | 'Failed';
  volumesTornDown: boolean;
  /** The last volume set-up pass while waiting (for diagnosis). */
  volumeWait?: SetUpResult;
  /** FailedMount retry back-off per message: next allowed time and current delay. */
  mountFailures?: Map<string, { nextMs: number; delayMs: number }>;
  /** Inputs of the last status found equal to the stored one (see `statusInputs`). */
  statusInputs?: unknown[];
  /** The prober's workers of this pod in this kubelet process (`Prober.addPod`). */
  probeWorkers?: ProbeWorker[];
}

/**
 * Everything `buildPodStatus` reads besides the clock's text, flattened for an identity check: the
 * live pod (immutable, so the same object means the same conditions and spec), IPs, phase override,
 * and per container its instances with their mutable fields, restarts, waiting reason, and whether
 * it has started and is ready (its probes).
 */
function statusInputs(rec: PodRecord, pod: PodObject): unknown[] {
  const out: unknown[] = [pod, rec.podIP, rec.startTime, rec.phaseOverride];
  for (const slots of [rec.initSlots, rec.slots, rec.ephemeralSlots]) {
    for (const s of slots) {
      const c = s.current;
      const p = s.previous;
      out.push(c, c?.running, c?.exitCode, c?.finishedAtMs, c?.reason, p, p?.running, p?.exitCode, p?.finishedAtMs, p?.reason);
      out.push(s.restartCount, s.waiting, isContainerStarted(s), isContainerReady(s));
    }
    out.push('|');
  }
  return out;
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Init containers, regular containers, then ephemeral containers. */
export function allSlots(rec: PodRecord): ContainerSlot[] {
  return [...rec.initSlots, ...rec.slots, ...rec.ephemeralSlots];
}

/**
 * Adds a slot for each ephemeral container of the pod's spec the record has none for yet (they
 * come through the `ephemeralcontainers` subresource while the pod runs; none is ever removed).
 */
function syncEphemeralSlots(rec: PodRecord, pod: PodObject): void {
  const specs = (pod.spec as { ephemeralContainers?: readonly Container[] } | undefined)?.ephemeralContainers;
  if (!specs || specs.length === rec.ephemeralSlots.length) return;
  for (const spec of specs) {
    if (!rec.ephemeralSlots.some((s) => s.spec.name === spec.name)) rec.ephemeralSlots.push({ spec, restartCount: 0, crashes: 0 });
  }
}

/** What the kubelet needs from its surroundings. */
export interface KubeletDeps {
  readonly core: CoreCluster;
  readonly nodeName: string;
  readonly zone: string;
  readonly hostIP: string;
  readonly cloud: Ec2Cloud;
  readonly runtime: ContainerRuntime;
  /** Tells the hub which claims/PVs a pod waits on, so their changes requeue it. */
  readonly onDependencies: (podKey: string, deps: readonly string[]) => void;
}

/** One node's kubelet. */
export class Kubelet {
  readonly nodeName: string;
  readonly volumes: VolumeManager;
  readonly status: NodeStatusReporter;
  readonly pods = new Map<string, PodRecord>();
  private readonly byUid = new Map<string, PodRecord>();
  private readonly worker: Controller;
  private readonly starter: PodStarter;
  private readonly terminator: PodTerminator;
  /** The liveness, readiness and startup probes of the node's containers. */
  readonly prober: Prober;
  private epoch = 0;
  private hasStarted = false;
  /** Claims with an online file-system resize queued (`requestFsResize`). */
  private readonly fsResizeDue = new Set<string>();
  /** ConfigMaps and Secrets (`Kind/ns/name`) whose volumes are to be rewritten at the next periodic sync. */
  private readonly refreshDue = new Set<string>();
  /** Whether the kubelet is running (posting status, syncing pods). */
  alive = false;

  constructor(readonly deps: KubeletDeps) {
    this.nodeName = deps.nodeName;
    this.volumes = new VolumeManager(deps.core, deps.nodeName, () => this.status.requestUpdate());
    this.status = new NodeStatusReporter(deps.core, deps.nodeName, () => this.volumes.volumesInUse());
    this.worker = new Controller(deps.core.loop, { name: `kubelet/${deps.nodeName}`, sync: (key) => this.syncPod(key) });
    this.starter = new PodStarter(this);
    this.terminator = new PodTerminator(this);
    this.prober = new Prober(this);
    deps.runtime.listener = (c) => this.onContainerExit(c);
  }

  get core(): CoreCluster {
    return this.deps.core;
  }

  get runtime(): ContainerRuntime {
    return this.deps.runtime;
  }

  /** Bumped at each start and stop: work scheduled under another epoch is dropped. */
  get currentEpoch(): number {
    return this.epoch;
  }

  /** Starts (or restarts) the kubelet: posts Ready, re-syncs every pod bound to the node. */
  start(): void {
    if (this.alive) return;
    this.alive = true;
    this.epoch++;
    for (const rec of this.pods.values()) {
      rec.busy = false;
      rec.generation++;
    }
    // A new kubelet process: its prober knows no results yet.
    this.prober.restart(this.pods.values());
    // The first start follows registration, which posted the status already.
    this.status.start(this.hasStarted);
    this.hasStarted = true;
    for (const pod of this.core.store.byIndex<PodObject>('Pod', PODS_BY_NODE_INDEX, this.nodeName)) this.enqueue(pod.metadata.namespace ?? '', pod.metadata.name ?? '');
    for (const key of this.pods.keys()) this.worker.enqueue(key);
    // The first sync after a restart reprocesses every pod's volumes: a resize left pending goes now.
    this.fsResizeDue.clear();
    this.refreshDue.clear();
    for (const claimKey of this.volumes.mountedClaims()) {
      const [ns, name] = claimKey.split('/');
      const pvc = this.core.store.get<PvcObject>('PersistentVolumeClaim', ns, name);
      if (storageResizeStatus(pvc?.status) === ClaimResizeStatus.NodeResizePending) this.requestFsResize(claimKey, 0);
    }
  }

  /** Silences the kubelet (crash, instance stop, zone outage). Containers keep their runtime state. */
  stop(): void {
    if (!this.alive) return;
    this.alive = false;
    this.epoch++;
    this.status.stop();
  }

  /** Queues a pod sync. */
  enqueue(namespace: string, name: string): void {
    if (this.alive) this.worker.enqueue(`${namespace}/${name}`);
  }

  /**
   * A claim mounted here asks for node expansion: the next periodic sync of its pod
   * (`--sync-frequency`) reprocesses the pod's volumes and grows the file system (online expansion).
   */
  requestFsResize(claimKey: string, delayMs = POD_SYNC_PERIOD_MS): void {
    if (!this.alive || this.fsResizeDue.has(claimKey) || !this.volumes.hasMountedClaim(claimKey)) return;
    this.fsResizeDue.add(claimKey);
    const epoch = this.epoch;
    this.core.loop.schedule(delayMs, `kubelet/${this.nodeName}/fs-resize ${claimKey}`, () => {
      this.fsResizeDue.delete(claimKey);
      if (this.epoch === epoch) this.volumes.expandInUse(claimKey, (uid) => this.byUid.get(uid)?.pod);
    });
  }

  /**
   * A ConfigMap or Secret changed: the next periodic sync (`--sync-frequency`) of the pods here
   * that project it rewrites their volumes (environment variables keep their values; a key
   * mounted with subPath keeps its file).
   */
  requestVolumeRefresh(kind: 'ConfigMap' | 'Secret', namespace: string, name: string, delayMs = POD_SYNC_PERIOD_MS): void {
    const key = `${kind}/${namespace}/${name}`;
    const podOf = (uid: string) => this.byUid.get(uid)?.pod;
    if (!this.alive || this.refreshDue.has(key) || !this.volumes.projectsSource(kind, namespace, name, podOf)) return;
    this.refreshDue.add(key);
    const epoch = this.epoch;
    this.core.loop.schedule(delayMs, `kubelet/${this.nodeName}/volume-refresh ${key}`, () => {
      this.refreshDue.delete(key);
      if (this.epoch === epoch) this.volumes.refreshSource(kind, namespace, name, podOf);
    });
  }

  /** Queues a sync of every pod still waiting for volumes (node status or a claim changed). */
  requeueWaiting(): void {
    if (!this.alive) return;
    for (const rec of this.pods.values()) if (!rec.volumesReady) this.worker.enqueue(rec.key);
  }

  /** Runs `fn` after `delayMs` unless the kubelet went silent or the record moved on. */
  after(rec: PodRecord, delayMs: number, label: string, fn: () => void): void {
    const epoch = this.epoch;
    const generation = rec.generation;
    this.core.loop.schedule(delayMs, `kubelet/${this.nodeName}/${label} ${rec.key}`, () => {
      if (this.epoch !== epoch || rec.generation !== generation || this.pods.get(rec.key) !== rec) return;
      fn();
    });
  }

  /** Records an event about the pod from the kubelet. */
  event(rec: PodRecord, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.core.recorder.event(rec.pod, type, reason, message, NodeAgentComponents.kubelet, this.nodeName);
  }

  /** The record of a running pod by uid. */
  recordByUid(uid: string): PodRecord | undefined {
    return this.byUid.get(uid);
  }

  private syncPod(key: string): SyncResult {
    if (!this.alive) return;
    const [namespace, name] = key.split('/');
    const pod = this.core.store.get<PodObject>('Pod', namespace, name);
    let rec = this.pods.get(key);
    if (rec && (!pod || pod.metadata.uid !== rec.uid || pod.spec?.nodeName !== this.nodeName)) {
      this.forget(rec);
      rec = undefined;
    }
    if (!pod || pod.spec?.nodeName !== this.nodeName) return;
    if (!rec) rec = this.admit(pod);
    rec.pod = pod;
    syncEphemeralSlots(rec, pod);
    if (pod.metadata.deletionTimestamp) return this.terminator.sync(rec);
    if (rec.phaseOverride || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') {
      this.tearDownVolumes(rec);
      return;
    }
    if (!rec.volumesReady) {
      const wait = this.syncVolumes(rec);
      if (wait) return wait;
    }
    // A pod on the host's network has the node's address (kubelet: `podIPs = hostIPs` for hostNetwork).
    if (!rec.podIP) rec.podIP = rec.pod.spec?.hostNetwork ? this.deps.hostIP : this.deps.cloud.allocatePodIp(this.deps.zone);
    this.prober.addPod(rec);
    this.starter.sync(rec);
    this.writeStatus(rec);
    if (this.isTerminal(rec)) this.tearDownVolumes(rec);
  }

  private admit(pod: PodObject): PodRecord {
    const rec: PodRecord = {
      key: `${pod.metadata.namespace}/${pod.metadata.name}`,
      uid: pod.metadata.uid ?? '',
      pod,
      slots: (pod.spec?.containers ?? []).map((spec) => ({ spec, restartCount: 0, crashes: 0 })),
      initSlots: (pod.spec?.initContainers ?? []).map((spec) => ({ spec, restartCount: 0, crashes: 0 })),
      ephemeralSlots: [],
      startTime: pod.status?.startTime ?? this.core.clock.rfc3339(),
      generation: 0,
      volumesReady: false,
      busy: false,
      terminating: false,
      volumesTornDown: false,
    };
    syncEphemeralSlots(rec, pod);
    this.adoptContainers(rec);
    this.pods.set(rec.key, rec);
    this.byUid.set(rec.uid, rec);
    return rec;
  }

  /** After a kubelet restart the runtime may still hold this pod's containers: adopt them. */
  private adoptContainers(rec: PodRecord): void {
    for (const slot of allSlots(rec)) {
      const list = this.runtime.instances(rec.uid, slot.spec.name);
      if (!list.length) continue;
      slot.current = list[list.length - 1];
      slot.previous = list.length > 1 ? list[list.length - 2] : undefined;
      const old = rec.pod.status?.containerStatuses?.find((s) => s.name === slot.spec.name);
      slot.restartCount = old?.restartCount ?? list.length - 1;
      rec.volumesReady = this.volumes.volumesOf(rec.uid).size === (rec.pod.spec?.volumes ?? []).length;
      rec.podIP = rec.pod.status?.podIP;
    }
  }

  private syncVolumes(rec: PodRecord): SyncResult {
    const node = this.core.store.get<NodeObject>('Node', undefined, this.nodeName);
    const r = this.volumes.setUpPod(rec.pod, node);
    this.deps.onDependencies(rec.key, r.dependencies);
    if (r.ready) {
      rec.volumesReady = true;
      rec.waitSinceMs = undefined;
      rec.volumeWait = undefined;
      return undefined;
    }
    const now = this.core.clock.now();
    rec.waitSinceMs ??= now;
    rec.volumeWait = r;
    for (const message of r.failures) this.reportMountFailure(rec, message, now);
    // The populator's errors end WaitForAttachAndMount at once (not a timeout): FailedMount with them.
    if (r.processErrors.length > 0) {
      const lists = `unmounted volumes=[${r.unmounted.join(' ')}], unattached volumes=[${r.unattached.join(' ')}], failed to process volumes=[${r.unprocessed.join(' ')}]`;
      this.reportMountFailure(rec, `Unable to attach or mount volumes: ${lists}: ${r.processErrors.join('; ')}`, now);
    }
    const since = rec.lastTimeoutTraceMs ?? rec.waitSinceMs;
    if (now - since >= POD_ATTACH_AND_MOUNT_TIMEOUT_MS) {
      // 1.28+: a pure timeout is `wait.Interrupted`: no FailedMount event, only this log line.
      rec.lastTimeoutTraceMs = now;
      this.core.loop.record(
        'kubelet',
        `${this.nodeName} "Error syncing pod, skipping" err="unmounted volumes=[${r.unmounted.join(' ')}], unattached volumes=[${r.unattached.join(' ')}], failed to process volumes=[${r.unprocessed.join(' ')}]: context deadline exceeded" pod="${rec.key}"`,
      );
    }
    this.writeStatus(rec);
    return { requeueAfterMs: VOLUME_WAIT_RETRY_MS };
  }

  /** FailedMount, at most once per retry back-off (500ms doubling to 2m2s, exponentialbackoff). */
  private reportMountFailure(rec: PodRecord, message: string, now: number): void {
    rec.mountFailures ??= new Map();
    const b = rec.mountFailures.get(message);
    if (b && now < b.nextMs) return;
    const delayMs = b ? Math.min(b.delayMs * 2, MOUNT_RETRY_MAX_MS) : MOUNT_RETRY_INITIAL_MS;
    rec.mountFailures.set(message, { nextMs: now + delayMs, delayMs });
    this.event(rec, 'Warning', NodeAgentReasons.FailedMount, message);
  }

  /** Whether every container is done for good (terminal phase). */
  isTerminal(rec: PodRecord): boolean {
    const phase = rec.pod.status?.phase;
    return phase === 'Succeeded' || phase === 'Failed';
  }

  /** Posts the pod's status if it changed. */
  writeStatus(rec: PodRecord): void {
    const pod = this.core.store.get<PodObject>('Pod', rec.pod.metadata.namespace, rec.pod.metadata.name ?? '');
    if (!pod || pod.metadata.uid !== rec.uid) return;
    const clock = this.core.clock;
    // Most syncs find nothing new: skip building a status from the same inputs as the stored one.
    const inputs = statusInputs(rec, pod);
    if (rec.statusInputs && sameValues(rec.statusInputs, inputs)) return;
    const next = buildPodStatus(
      {
        pod,
        slots: rec.slots,
        initSlots: rec.initSlots,
        ephemeralSlots: rec.ephemeralSlots,
        hostIP: this.deps.hostIP,
        podIP: rec.podIP,
        startTime: rec.startTime,
        phaseOverride: rec.phaseOverride,
      },
      clock.rfc3339(),
      (ms) => clock.rfc3339(ms),
    );
    // Unchanged parts (conditions, container statuses) stay shared with the stored status; an
    // unchanged status writes nothing and gives back the stored pod.
    const written = this.core.api.updateStatus<PodObject>('Pod', pod.metadata.namespace, pod.metadata.name ?? '', next);
    // Inputs are remembered only once a rebuild from the written status confirms it (next sync).
    rec.statusInputs = written === pod ? inputs : undefined;
    rec.pod = written;
  }

  /** Unmounts the pod's volumes once. */
  tearDownVolumes(rec: PodRecord): void {
    if (rec.volumesTornDown) return;
    rec.volumesTornDown = true;
    this.volumes.tearDownPod(rec.uid);
  }

  /** Drops a pod that left the node: kills its containers, unmounts, frees its IP. */
  forget(rec: PodRecord): void {
    rec.generation++;
    this.prober.removePod(rec);
    this.runtime.removePod(rec.uid, allSlots(rec).map((s) => s.spec.name));
    this.tearDownVolumes(rec);
    if (rec.podIP && !rec.pod.spec?.hostNetwork) this.deps.cloud.releaseIp(rec.podIP);
    this.pods.delete(rec.key);
    this.byUid.delete(rec.uid);
    this.deps.onDependencies(rec.key, []);
  }

  private onContainerExit(c: RuntimeContainer): void {
    const rec = this.byUid.get(c.podUid);
    if (!rec || !this.alive) return;
    // PLEG notices the exit within a relist period, then the status shows it.
    this.after(rec, PLEG_RELIST_MS, 'pleg', () => {
      this.writeStatus(rec);
      this.worker.enqueue(rec.key);
    });
  }

  /**
   * Stops one container outside the pod's termination (a failed liveness or startup probe): SIGTERM
   * now, SIGKILL when `gracePeriodSeconds` ends.
   */
  killContainer(rec: PodRecord, c: RuntimeContainer, gracePeriodSeconds: number): void {
    this.terminator.killContainer(rec, c, gracePeriodSeconds);
  }

  /** Queues the pod's sync now. */
  resync(rec: PodRecord, delayMs = 0): void {
    if (this.alive) this.worker.enqueueAfter(rec.key, delayMs);
  }

  /**
   * Why a pod is still `ContainerCreating` on this node: the volumes not mounted yet, those not
   * attached, those whose claim/PV is not resolved, and since when (virtual ms).
   */
  volumeWaitOf(namespace: string, name: string): (SetUpResult & { readonly sinceMs: number }) | undefined {
    const rec = this.pods.get(`${namespace}/${name}`);
    if (!rec?.volumeWait || rec.waitSinceMs === undefined) return undefined;
    return { ...rec.volumeWait, sinceMs: rec.waitSinceMs };
  }

  /** The pod record by namespace and name, if the pod runs here. */
  podRecord(namespace: string, name: string): PodRecord | undefined {
    return this.pods.get(`${namespace}/${name}`);
  }
}
