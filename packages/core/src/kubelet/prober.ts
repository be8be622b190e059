/**
 * The kubelet's prober: runs each container's liveness, readiness and startup probes on the event
 * loop, keeps their results, and acts on them: readiness and startup show in the pod's status (and
 * so in its Endpoints), a liveness or startup failure kills the container to be restarted.
 *
 * Design: one worker per container and probe type, created when the pod's first sync after its
 * volumes are ready reaches its containers (`AddPod` in SyncPod). A worker ticks every
 * `periodSeconds` from its creation — after a random part of a period first when the kubelet
 * started less than a period ago (`run`) — and each tick is one `doProbe`. A readiness worker also
 * runs at once, and its ticker starts over, when the kubelet regenerates the pod's status while the
 * container is started but not ready (`UpdatePodStatus`' manual trigger): here when a container of
 * the pod starts and when a probe result of the pod changes, the syncs that matter (the periodic
 * resync is not modelled). Results live on the container slot keyed by container id, and a change
 * is acted on at once, as the kubelet's sync loop does with its results managers' updates. Timers
 * carry the kubelet's epoch: a silent kubelet probes nothing, and a restarted one starts over with
 * no results, as a new kubelet process does (a container with a readiness or startup probe is
 * unready until it passes again). Nothing scans more than the pod's own containers.
 * @see kubernetes pkg/kubelet/prober/prober_manager.go, worker.go, prober.go;
 * pkg/kubelet/kubelet.go syncLoopIteration (probe updates), handleProbeSync;
 * pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions;
 * pkg/kubelet/kuberuntime/kuberuntime_container.go killContainer, setTerminationGracePeriod
 */
import type { Container, Probe } from 'kubernetes-types/core/v1';
import type { QueuedEvent } from '../sim/queue.js';
import type { Rng } from '../sim/rng.js';
import type { RuntimeContainer } from './container-runtime.js';
import {
  DEFAULT_PROBE_FAILURE_THRESHOLD,
  DEFAULT_PROBE_PERIOD_SECONDS,
  DEFAULT_PROBE_SUCCESS_THRESHOLD,
  DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS,
} from './defaults.js';
import { runCommand } from './exec.js';
import type { HttpResponse } from './images.js';
import type { Kubelet, PodRecord } from './kubelet.js';
import { type ProbeOutcome, runProbe } from './probe-actions.js';
import { type ContainerSlot, formatPod, isContainerReady, isContainerStarted, type ProbeResult, type ProbeResults } from './pod-status.js';
import { NodeAgentReasons } from './reasons.js';

/** A probe type, spelled as `probeType.String()` prints it in event messages. */
export type ProbeType = 'Liveness' | 'Readiness' | 'Startup';

/** `%s probe failed: %s` (prober.go): a failed run, with the probe's output. */
export function probeFailedMessage(type: ProbeType, output: string): string {
  return `${type} probe failed: ${output}`;
}

/** `%s probe warning: %s` (prober.go): an HTTP probe answered with a redirect. */
export function probeWarningMessage(type: ProbeType, output: string): string {
  return `${type} probe warning: ${output}`;
}

/**
 * `%s probe errored and resulted in %s state: %s` (prober.go, kubernetes#125901): a probe that
 * could not be made; its result is thrown away.
 * @remarks UNVERIFIED that #125901 shipped in 1.33 (before it: `%s probe errored: %v`).
 */
export function probeErroredMessage(type: ProbeType, status: string, error: string): string {
  return `${type} probe errored and resulted in ${status} state: ${error}`;
}

/**
 * The `Killing` message of a container that failed its liveness or startup probe
 * (`Container %s failed %s probe` plus `, will be restarted` unless restartPolicy is Never;
 * `Init container %s failed %s probe` for a sidecar) (kuberuntime_manager.go computePodActions).
 */
export function probeKillMessage(container: string, kind: 'liveness' | 'startup', restart: boolean, sidecar = false): string {
  if (sidecar) return `Init container ${container} failed ${kind} probe`;
  return `Container ${container} failed ${kind} probe${restart ? ', will be restarted' : ''}`;
}

/** The value a worker's result starts at for a new container (`newWorker` initialValue). */
const INITIAL_RESULT: Readonly<Record<ProbeType, ProbeResult>> = { Liveness: 'Success', Readiness: 'Failure', Startup: 'Unknown' };
/** The slot's results field of each type. */
const RESULT_KEY: Readonly<Record<ProbeType, keyof Omit<ProbeResults, 'containerId'>>> = { Liveness: 'liveness', Readiness: 'readiness', Startup: 'startup' };
/** Workers are created in this order per container (`AddPod`). */
const PROBE_TYPES: readonly ProbeType[] = ['Startup', 'Readiness', 'Liveness'];

function probeOf(container: Container, type: ProbeType): Probe | undefined {
  return type === 'Liveness' ? container.livenessProbe : type === 'Readiness' ? container.readinessProbe : container.startupProbe;
}

/** One container's probe of one type (worker.go). */
export interface ProbeWorker {
  readonly rec: PodRecord;
  readonly slot: ContainerSlot;
  readonly type: ProbeType;
  readonly spec: Probe;
  /** The kubelet epoch it belongs to. */
  readonly epoch: number;
  readonly periodMs: number;
  /** The last container id it saw. */
  containerId?: string;
  lastResult?: ProbeResult;
  /** How many runs in a row gave `lastResult`. */
  resultRun: number;
  /** Set after a liveness failure or any startup verdict: no probing until a new container. */
  onHold: boolean;
  stopped: boolean;
  /** Still waiting out the start-up jitter (a manual trigger then runs right after the first probe). */
  inJitter: boolean;
  /** A manual run is queued (the trigger channel holds one). */
  manualQueued: boolean;
  tick?: QueuedEvent;
}

/** The probe workers of one kubelet. */
export class Prober {
  /** The first probe's jitter (its own stream, so a probe draws nothing from another component's). */
  private readonly rng: Rng;
  /** When this kubelet process started (`manager.start`). */
  private startMs = 0;

  constructor(private readonly kubelet: Kubelet) {
    this.rng = kubelet.core.rng.fork(`kubelet/${kubelet.nodeName}/prober`);
  }

  /** A new kubelet process: the old workers and every result are gone. */
  restart(records: Iterable<PodRecord>): void {
    this.startMs = this.kubelet.core.clock.now();
    for (const rec of records) {
      this.removePod(rec);
      for (const slot of [...rec.initSlots, ...rec.slots]) slot.probeResults = undefined;
    }
  }

  /** `AddPod`: a worker per probe of each container and sidecar, once per kubelet process. */
  addPod(rec: PodRecord): void {
    if (rec.probeWorkers) return;
    const workers: ProbeWorker[] = [];
    const slots = [...rec.slots, ...rec.initSlots.filter((s) => s.spec.restartPolicy === 'Always')];
    for (const slot of slots) {
      for (const type of PROBE_TYPES) {
        const spec = probeOf(slot.spec, type);
        if (spec) workers.push(this.startWorker(rec, slot, type, spec));
      }
    }
    rec.probeWorkers = workers;
  }

  /** `RemovePod`: stops the pod's workers. */
  removePod(rec: PodRecord): void {
    for (const w of rec.probeWorkers ?? []) this.stopWorker(w);
    rec.probeWorkers = undefined;
  }

  /**
   * `StopLivenessAndStartup` (termination): those workers stop; with neither a startup worker nor
   * a result left, the container counts as started (`isContainerStarted`).
   */
  stopLivenessAndStartup(rec: PodRecord): void {
    for (const w of rec.probeWorkers ?? []) {
      if (w.type === 'Readiness' || w.stopped) continue;
      this.stopWorker(w);
      const c = w.slot.current;
      if (w.type === 'Startup' && c) this.resultsOf(w.slot, c.id).startup = 'Success';
    }
  }

  /**
   * The kubelet regenerated the pod's status (`UpdatePodStatus`): each started container whose
   * readiness is not Success gets its readiness probe run at once.
   */
  podSynced(rec: PodRecord): void {
    for (const w of rec.probeWorkers ?? []) {
      if (w.type === 'Readiness' && !w.stopped && isContainerStarted(w.slot) && !isContainerReady(w.slot)) this.trigger(w);
    }
  }

  private startWorker(rec: PodRecord, slot: ContainerSlot, type: ProbeType, spec: Probe): ProbeWorker {
    const k = this.kubelet;
    const periodMs = (spec.periodSeconds ?? DEFAULT_PROBE_PERIOD_SECONDS) * 1000;
    const w: ProbeWorker = { rec, slot, type, spec, epoch: k.currentEpoch, periodMs, resultRun: 0, onHold: false, stopped: false, inJitter: false, manualQueued: false };
    // A kubelet that just started may start many workers at once: each waits a random part of its period.
    const sinceStartMs = k.core.clock.now() - this.startMs;
    const jitterMs = periodMs > sinceStartMs ? this.rng.int(0, periodMs - 1) : 0;
    w.inJitter = jitterMs > 0;
    this.schedule(w, jitterMs);
    return w;
  }

  private isLive(w: ProbeWorker): boolean {
    const k = this.kubelet;
    return !w.stopped && k.alive && k.currentEpoch === w.epoch && k.pods.get(w.rec.key) === w.rec;
  }

  private schedule(w: ProbeWorker, delayMs: number): void {
    this.kubelet.core.loop.cancel(w.tick);
    w.tick = this.kubelet.core.loop.schedule(delayMs, `kubelet/${this.kubelet.nodeName}/probe ${w.rec.key} ${w.slot.spec.name} ${w.type}`, () => {
      w.tick = undefined;
      this.run(w, false);
    });
  }

  /** A manual trigger (buffered once); during the start-up jitter it runs right after the first probe. */
  private trigger(w: ProbeWorker): void {
    if (w.manualQueued) return;
    w.manualQueued = true;
    if (w.inJitter) return;
    this.kubelet.core.loop.schedule(0, `kubelet/${this.kubelet.nodeName}/probe-trigger ${w.rec.key} ${w.slot.spec.name}`, () => this.run(w, true));
  }

  /** One turn of the worker's loop: probe, then wait for the next tick (a manual run restarts the ticker). */
  private run(w: ProbeWorker, manual: boolean): void {
    if (manual) w.manualQueued = false;
    if (!this.isLive(w)) return;
    const afterJitter = w.inJitter;
    w.inJitter = false;
    if (!this.doProbe(w)) {
      this.stopWorker(w);
      return;
    }
    if (afterJitter && w.manualQueued) {
      w.manualQueued = false;
      this.run(w, false);
      return;
    }
    this.schedule(w, w.periodMs);
  }

  private stopWorker(w: ProbeWorker): void {
    w.stopped = true;
    this.kubelet.core.loop.cancel(w.tick);
    w.tick = undefined;
  }

  /** `doProbe`: probes once and records the result; whether the worker goes on. */
  private doProbe(w: ProbeWorker): boolean {
    const { rec, slot } = w;
    const phase = rec.phaseOverride ?? rec.pod.status?.phase;
    if (phase === 'Failed' || phase === 'Succeeded') return false;
    const c = slot.current;
    if (!c || (!c.running && slot.waiting)) return true;
    if (w.containerId !== c.id) {
      w.containerId = c.id;
      w.onHold = false;
      this.setResult(w, INITIAL_RESULT[w.type]);
    }
    if (w.onHold) return true;
    if (!c.running) {
      this.setResult(w, 'Failure');
      return (rec.pod.spec?.restartPolicy ?? 'Always') !== 'Never';
    }
    if (rec.pod.metadata.deletionTimestamp && w.type !== 'Readiness') {
      this.setResult(w, 'Success');
      return false;
    }
    if (Math.floor((this.kubelet.core.clock.now() - c.startedAtMs) / 1000) < (w.spec.initialDelaySeconds ?? 0)) return true;
    // Startup probes run until the container has started; the others only after.
    if (isContainerStarted(slot) !== (w.type !== 'Startup')) return true;
    const outcome = this.probe(w, c);
    if (outcome.error !== undefined) return true;
    const result: ProbeResult = outcome.status === 'success' || outcome.status === 'warning' ? 'Success' : 'Failure';
    if (w.lastResult === result) w.resultRun++;
    else {
      w.lastResult = result;
      w.resultRun = 1;
    }
    const failureThreshold = w.spec.failureThreshold ?? DEFAULT_PROBE_FAILURE_THRESHOLD;
    const successThreshold = w.spec.successThreshold ?? DEFAULT_PROBE_SUCCESS_THRESHOLD;
    if ((result === 'Failure' && w.resultRun < failureThreshold) || (result === 'Success' && w.resultRun < successThreshold)) return true;
    this.setResult(w, result);
    // A liveness failure, or any startup verdict: no probing until a new container.
    if ((w.type === 'Liveness' && result === 'Failure') || w.type === 'Startup') {
      w.onHold = true;
      w.resultRun = 0;
    }
    return true;
  }

  /** `prober.probe`: runs the probe and files its `Unhealthy` or `ProbeWarning` event. */
  private probe(w: ProbeWorker, c: RuntimeContainer): ProbeOutcome {
    const k = this.kubelet;
    const { rec } = w;
    const outcome = runProbe(w.spec, {
      container: w.slot.spec,
      podIP: rec.podIP ?? '',
      podDesc: formatPod(rec.pod),
      exec: (argv) => runCommand(c.ctx.exec, argv),
      http: (port, path) => this.http(rec, port, path),
    });
    if (outcome.error !== undefined) k.event(rec, 'Warning', NodeAgentReasons.Unhealthy, probeErroredMessage(w.type, outcome.status, outcome.error));
    else if (outcome.status === 'warning') k.event(rec, 'Warning', NodeAgentReasons.ProbeWarning, probeWarningMessage(w.type, outcome.output));
    else if (outcome.status === 'failure') k.event(rec, 'Warning', NodeAgentReasons.Unhealthy, probeFailedMessage(w.type, outcome.output));
    return outcome;
  }

  /** A request to the pod's network namespace: the first running container whose image answers on the port. */
  private http(rec: PodRecord, port: number, path: string): HttpResponse | undefined {
    for (const slot of [...rec.initSlots, ...rec.slots]) {
      const c = slot.current;
      if (!c?.running) continue;
      const answer = c.behaviour.http?.(c.ctx, port, path);
      if (answer) return answer;
    }
    return undefined;
  }

  private resultsOf(slot: ContainerSlot, containerId: string): ProbeResults {
    let r = slot.probeResults;
    if (r?.containerId !== containerId) {
      r = { containerId };
      slot.probeResults = r;
    }
    return r;
  }

  /** `resultsManager.Set`: stores the result; a change is acted on at once (the sync loop's updates). */
  private setResult(w: ProbeWorker, result: ProbeResult): void {
    const r = this.resultsOf(w.slot, w.containerId as string);
    const key = RESULT_KEY[w.type];
    if (r[key] === result) return;
    r[key] = result;
    const k = this.kubelet;
    if (w.type !== 'Liveness') k.writeStatus(w.rec);
    if (result === 'Failure' && w.type !== 'Readiness') this.killForProbe(w);
    // handleProbeSync: the pod syncs on every readiness or startup change and on a liveness failure.
    if (w.type !== 'Liveness' || result === 'Failure') this.podSynced(w.rec);
  }

  /**
   * `computePodActions` for a container that failed its liveness or startup probe: kill it (its
   * probe's `terminationGracePeriodSeconds`, else the pod's), to be started again unless the pod's
   * restartPolicy is Never; then, if nothing else of the pod runs or waits to start, the whole pod
   * is killed (`KillPod`: `Stopping container` with the pod's grace period).
   */
  private killForProbe(w: ProbeWorker): void {
    const { rec, slot } = w;
    const c = slot.current;
    if (!c?.running || c.id !== w.containerId || rec.terminating) return;
    const k = this.kubelet;
    const kind = w.type === 'Liveness' ? 'liveness' : 'startup';
    const sidecar = rec.initSlots.includes(slot);
    const restart = sidecar || (rec.pod.spec?.restartPolicy ?? 'Always') !== 'Never';
    const others = rec.slots.filter((s) => s !== slot);
    const killPod = !restart && !others.some((s) => s.current?.running === true || s.current === undefined);
    if (killPod) {
      for (const s of [...rec.initSlots, ...rec.slots]) {
        if (!s.current?.running) continue;
        k.event(rec, 'Normal', NodeAgentReasons.Killing, `Stopping container ${s.spec.name}`);
        k.killContainer(rec, s.current, this.gracePeriodSeconds(rec));
      }
      return;
    }
    if (restart) slot.probeKilledId = c.id;
    k.event(rec, 'Normal', NodeAgentReasons.Killing, probeKillMessage(slot.spec.name, kind, restart, sidecar));
    k.killContainer(rec, c, this.gracePeriodSeconds(rec, w.spec));
  }

  /**
   * `setTerminationGracePeriod`: a deletion's grace period first, else the probe's own
   * `terminationGracePeriodSeconds`, else the pod's (the kill itself waits at least 2 s).
   */
  private gracePeriodSeconds(rec: PodRecord, probe?: Probe): number {
    const pod = rec.pod;
    return pod.metadata.deletionGracePeriodSeconds ?? probe?.terminationGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  }
}
