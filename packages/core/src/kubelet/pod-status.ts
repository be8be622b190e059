/**
 * Builds a pod's `status` from the kubelet's view of it: phase, conditions, container statuses,
 * IPs, start time and QoS class, the way `kubectl get pod -o yaml` shows them. A container's
 * `started` and `ready` come from the prober's results (`UpdatePodStatus`).
 * @see kubernetes pkg/kubelet/kubelet_pods.go generateAPIPodStatus, getPhase;
 * pkg/kubelet/status/generate.go; pkg/apis/core/v1/helper/qos/qos.go;
 * pkg/kubelet/prober/prober_manager.go UpdatePodStatus
 */
import type { Container, ContainerState, ContainerStatus, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import type { RuntimeContainer } from './container-runtime.js';

/** Kubelet's view of one container slot of a pod. */
export interface ContainerSlot {
  readonly spec: Container;
  /** Newest instance (running or exited). */
  current?: RuntimeContainer;
  /** The instance before `current`, for `lastState`. */
  previous?: RuntimeContainer;
  restartCount: number;
  /** Consecutive crashes, for the back-off. */
  crashes: number;
  /** Id of the exit already accounted for in `crashes`. */
  seenExitId?: string;
  backoffUntilMs?: number;
  /** Waiting reason and message while no instance runs (`CrashLoopBackOff`, `CreateContainerConfigError`). */
  waiting?: { readonly reason: string; readonly message?: string };
  /** When a container whose config could not be made (`CreateContainerConfigError`) is tried again. */
  configRetryAtMs?: number;
  /** The prober's results for one instance (its results managers, keyed by container id). */
  probeResults?: ProbeResults;
  /** Id of the instance killed for a failed liveness or startup probe, to be started again. */
  probeKilledId?: string;
}

/** A probe result as the prober's results managers keep it (`results.Result`). */
export type ProbeResult = 'Success' | 'Failure' | 'Unknown';

/** The results of a container instance's probes; a type it has no result for is absent. */
export interface ProbeResults {
  readonly containerId: string;
  liveness?: ProbeResult;
  readiness?: ProbeResult;
  startup?: ProbeResult;
}

/** What the status builder needs. */
export interface PodView {
  readonly pod: Pod;
  readonly slots: readonly ContainerSlot[];
  readonly initSlots?: readonly ContainerSlot[];
  /** Ephemeral containers (`kubectl debug`): statuses of their own, no part of the phase or readiness. */
  readonly ephemeralSlots?: readonly ContainerSlot[];
  readonly hostIP: string;
  readonly podIP?: string;
  readonly startTime: string;
  /** Phase forced by the kubelet (terminal phase on deletion). */
  readonly phaseOverride?: 'Succeeded' | 'Failed';
}

type Rfc = (ms: number) => string;

function stateOf(slot: ContainerSlot, rfc: Rfc, defaultReason: string): ContainerState {
  const c = slot.current;
  if (slot.waiting && !c?.running) return { waiting: { reason: slot.waiting.reason, ...(slot.waiting.message ? { message: slot.waiting.message } : {}) } };
  if (!c) return { waiting: { reason: defaultReason } };
  if (c.running) return { running: { startedAt: rfc(c.startedAtMs) } };
  return { terminated: terminated(c, rfc) };
}

function terminated(c: RuntimeContainer, rfc: Rfc): NonNullable<ContainerState['terminated']> {
  return {
    containerID: `containerd://${c.id}`,
    exitCode: c.exitCode ?? 0,
    finishedAt: rfc(c.finishedAtMs ?? c.startedAtMs),
    ...(c.message ? { message: c.message } : {}),
    reason: c.reason ?? 'Completed',
    startedAt: c.neverStarted ? '1970-01-01T00:00:00Z' : rfc(c.startedAtMs),
  };
}

/**
 * One entry of `status.containerStatuses` (or `initContainerStatuses`). A container not created
 * yet waits with `ContainerCreating`, or `PodInitializing` when the pod has init containers.
 */
export function containerStatus(slot: ContainerSlot, rfc: Rfc, defaultReason = 'ContainerCreating', isInit = false): ContainerStatus {
  const c = slot.current;
  const running = c?.running === true;
  // While a restart waits, the exited instance is the last state (kubelet shows it as lastState).
  const lastInstance = slot.waiting && c && !c.running ? c : slot.previous;
  const mounts = (slot.spec.volumeMounts ?? []).map((m) => ({
    mountPath: m.mountPath,
    name: m.name,
    ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
  }));
  // Built key by key (same order as before): a literal that starts with a spread is slow in V8.
  const status = {} as ContainerStatus;
  if (c && !(slot.waiting && !c.running)) status.containerID = `containerd://${c.id}`;
  status.image = c ? c.imageRef : (slot.spec.image ?? '');
  status.imageID = c ? c.imageID : '';
  status.lastState = lastInstance && !lastInstance.running ? { terminated: terminated(lastInstance, rfc) } : {};
  status.name = slot.spec.name;
  // A plain init container is ready once it completed; the others (sidecars too) follow their probes.
  status.ready = isInit && slot.spec.restartPolicy !== 'Always' ? c?.running === false && c.exitCode === 0 : running && isContainerReady(slot);
  status.restartCount = slot.restartCount;
  status.started = isContainerStarted(slot);
  status.state = stateOf(slot, rfc, defaultReason);
  if (mounts.length) status.volumeMounts = mounts;
  return status;
}

/**
 * One entry of `status.ephemeralContainerStatuses`: converted as a regular container's
 * (`convertToAPIContainerStatuses`), but never ready and without `started` (the prober's
 * `UpdatePodStatus` sets those for regular and init containers only).
 * @see kubernetes pkg/kubelet/kubelet_pods.go convertStatusToAPIStatus
 */
export function ephemeralContainerStatus(slot: ContainerSlot, rfc: Rfc, defaultReason: string): ContainerStatus {
  const { started: _, ...status } = containerStatus(slot, rfc, defaultReason, false);
  status.ready = false;
  return status;
}

/** The result of one probe type for the container's current instance, if the prober set one. */
export function probeResultOf(slot: ContainerSlot, type: 'liveness' | 'readiness' | 'startup'): ProbeResult | undefined {
  const r = slot.probeResults;
  return r !== undefined && r.containerId === slot.current?.id ? r[type] : undefined;
}

/**
 * `isContainerStarted`: running, and past its startup probe when it has one (a startup probe that
 * has not succeeded yet keeps it not started).
 * @see kubernetes pkg/kubelet/prober/prober_manager.go isContainerStarted
 */
export function isContainerStarted(slot: ContainerSlot): boolean {
  if (slot.current?.running !== true) return false;
  return !slot.spec.startupProbe || probeResultOf(slot, 'startup') === 'Success';
}

/**
 * Whether a container is ready (`UpdatePodStatus`): started, and its readiness probe's last result
 * is Success — at once without a readiness probe.
 * @see kubernetes pkg/kubelet/prober/prober_manager.go UpdatePodStatus
 */
export function isContainerReady(slot: ContainerSlot): boolean {
  if (!isContainerStarted(slot)) return false;
  return !slot.spec.readinessProbe || probeResultOf(slot, 'readiness') === 'Success';
}

/** `getPhase` for regular containers. */
export function podPhase(pod: Pod, statuses: readonly ContainerStatus[]): PodStatus['phase'] {
  let waiting = 0;
  let running = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of statuses) {
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    }
  }
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    return policy === 'OnFailure' ? 'Running' : 'Failed';
  }
  return 'Pending';
}

/** QoS class (`GetPodQOS`). */
export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = pod.spec?.containers ?? [];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      const l = lim[r];
      const q = req[r] ?? l;
      if (l === undefined || String(q) !== String(l)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

const KUBELET_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady'];

function condition(old: readonly PodCondition[], type: string, status: 'True' | 'False', nowTs: string, extra: Partial<PodCondition> = {}): PodCondition {
  const prev = old.find((c) => c.type === type);
  const lastTransitionTime = prev && prev.status === status ? (prev.lastTransitionTime ?? nowTs) : nowTs;
  return { type, status, lastTransitionTime, ...extra };
}

/** The pod status the kubelet posts. */
export function buildPodStatus(view: PodView, nowTs: string, rfc: Rfc): PodStatus {
  const { pod } = view;
  const old = pod.status?.conditions ?? [];
  const inits = view.initSlots ?? [];
  const defaultReason = inits.length ? 'PodInitializing' : 'ContainerCreating';
  const initStatuses = inits.map((s) => containerStatus(s, rfc, defaultReason, true));
  const statuses = view.slots.map((s) => containerStatus(s, rfc, defaultReason, false));
  const ephemeralStatuses = (view.ephemeralSlots ?? []).map((s) => ephemeralContainerStatus(s, rfc, defaultReason));
  const incomplete = inits
    .filter((s) => (s.spec.restartPolicy === 'Always' ? !s.current?.running : s.current?.running !== false || s.current.exitCode !== 0))
    .map((s) => s.spec.name);
  const phase = view.phaseOverride ?? (incomplete.length ? 'Pending' : podPhase(pod, statuses));
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const notReady = terminal
    ? { reason: 'PodCompleted' }
    : { reason: 'ContainersNotReady', message: `containers with unready status: [${unready.join(' ')}]` };
  const ready = unready.length === 0 && !terminal;
  const conditions: PodCondition[] = [
    condition(old, 'PodReadyToStartContainers', view.podIP && !terminal ? 'True' : 'False', nowTs),
    incomplete.length && !terminal
      ? condition(old, 'Initialized', 'False', nowTs, { reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${incomplete.join(' ')}]` })
      : condition(old, 'Initialized', 'True', nowTs, terminal ? { reason: 'PodCompleted' } : {}),
    condition(old, 'Ready', ready ? 'True' : 'False', nowTs, ready ? {} : notReady),
    condition(old, 'ContainersReady', ready ? 'True' : 'False', nowTs, ready ? {} : notReady),
  ];
  const others = old.filter((c) => !KUBELET_CONDITIONS.includes(c.type));
  if (!others.some((c) => c.type === 'PodScheduled')) others.push(condition(old, 'PodScheduled', 'True', nowTs));
  return {
    conditions: [...conditions, ...others],
    containerStatuses: statuses,
    ...(ephemeralStatuses.length ? { ephemeralContainerStatuses: ephemeralStatuses } : {}),
    hostIP: view.hostIP,
    hostIPs: [{ ip: view.hostIP }],
    ...(initStatuses.length ? { initContainerStatuses: initStatuses } : {}),
    phase,
    ...(view.podIP ? { podIP: view.podIP, podIPs: [{ ip: view.podIP }] } : {}),
    qosClass: pod.status?.qosClass ?? qosClass(pod),
    startTime: view.startTime,
  };
}

/** Go `time.Duration.String()` of whole milliseconds (`512ms`, `1.234s`, `5m0s`). */
export function formatGoDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const totalSeconds = ms / 1000;
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = Number((totalSeconds % 60).toFixed(3));
  if (h === 0 && m === 0) return `${s}s`;
  return `${h ? `${h}h` : ''}${m}m${s}s`;
}

/** `format.Pod`: `name_namespace(uid)`. */
export function formatPod(pod: Pod): string {
  return `${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})`;
}
