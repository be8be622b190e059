/**
 * Graceful pod termination on the node: `Killing` events, SIGTERM, SIGKILL when the grace period
 * ends, volume tear-down, the terminal phase, then the final delete with grace period 0. Also the
 * kill of a single container the prober found dead (SIGTERM, SIGKILL at its grace period's end).
 *
 * Design: the kill deadline is the pod's `deletionTimestamp`, so a shorter second delete moves
 * it earlier; containers exit on SIGTERM after their image's `sigtermExitMs` (never, for images
 * that ignore it). A silent kubelet does nothing: the pod stays Terminating. Termination drops the
 * pod's in-flight work, a probe's kill too, and schedules every running container's kill anew.
 * @see kubernetes pkg/kubelet/kubelet.go SyncTerminatingPod, kuberuntime_container.go killContainer
 */
import type { SyncResult } from '../controllers/runtime/controller.js';
import type { RuntimeContainer } from './container-runtime.js';
import { MINIMUM_GRACE_PERIOD_SECONDS } from './defaults.js';
import { allSlots, type Kubelet, type PodRecord } from './kubelet.js';
import { NodeAgentReasons } from './reasons.js';

/** `Stopping container %s` (kuberuntime_container.go killContainer). */
export function killingMessage(name: string): string {
  return `Stopping container ${name}`;
}

/** Exit code of a process ended by SIGTERM (128 + 15). */
const SIGTERM_EXIT = 143;
/** Exit code of a process ended by SIGKILL (128 + 9). */
const SIGKILL_EXIT = 137;

/** Terminates the kubelet's pods. */
export class PodTerminator {
  private readonly killAt = new Map<string, number>();

  constructor(private readonly kubelet: Kubelet) {}

  /** One step of termination. */
  sync(rec: PodRecord): SyncResult {
    const k = this.kubelet;
    const clock = k.core.clock;
    const deadline = Math.max(clock.now(), clock.parse(rec.pod.metadata.deletionTimestamp ?? clock.rfc3339()));
    if (!rec.terminating) {
      rec.terminating = true;
      rec.busy = false;
      // Drops an in-flight pull/start, and a probe's kill in progress (scheduled again below).
      rec.generation++;
      for (const slot of allSlots(rec)) if (slot.current) this.killAt.delete(slot.current.id);
      k.prober.stopLivenessAndStartup(rec);
      for (const slot of allSlots(rec)) {
        if (slot.current?.running) k.event(rec, 'Normal', NodeAgentReasons.Killing, killingMessage(slot.spec.name));
      }
      // The stop signal (SIGTERM) to each process; one that handles it may exit before the kill.
      for (const slot of allSlots(rec)) if (slot.current?.running) k.runtime.signal(slot.current, 'TERM');
    }
    let running = 0;
    for (const slot of allSlots(rec)) {
      const c = slot.current;
      if (!c?.running) continue;
      running++;
      this.scheduleKill(rec, c, deadline);
    }
    if (running > 0) return;
    this.finish(rec);
  }

  /**
   * `killContainer` outside termination: SIGTERM now, SIGKILL when the grace period ends (at least
   * `minimumGracePeriodInSeconds`); a process that handles SIGTERM may exit before.
   * @see kubernetes pkg/kubelet/kuberuntime/kuberuntime_container.go killContainer
   */
  killContainer(rec: PodRecord, c: RuntimeContainer, gracePeriodSeconds: number): void {
    const k = this.kubelet;
    if (!c.running) return;
    k.runtime.signal(c, 'TERM');
    this.scheduleKill(rec, c, k.core.clock.now() + Math.max(gracePeriodSeconds, MINIMUM_GRACE_PERIOD_SECONDS) * 1000);
  }

  private scheduleKill(rec: PodRecord, c: RuntimeContainer, deadline: number): void {
    const k = this.kubelet;
    const now = k.core.clock.now();
    const sigterm = k.runtime.stopDelayMs(c);
    const termAt = sigterm === undefined ? Number.POSITIVE_INFINITY : now + sigterm;
    const at = Math.min(termAt, deadline);
    const scheduled = this.killAt.get(c.id);
    if (scheduled !== undefined && scheduled <= at) return;
    this.killAt.set(c.id, at);
    const exitCode = at === termAt && termAt < deadline ? (c.behaviour.stopExitCode ?? SIGTERM_EXIT) : SIGKILL_EXIT;
    k.after(rec, at - now, 'kill', () => {
      if (this.killAt.get(c.id) !== at) return;
      this.killAt.delete(c.id);
      k.runtime.exit(c, exitCode);
      k.resync(rec);
    });
  }

  /** Every container stopped: unmount, post the terminal phase, delete the pod object. */
  private finish(rec: PodRecord): void {
    const k = this.kubelet;
    for (const slot of allSlots(rec)) slot.waiting = undefined;
    k.tearDownVolumes(rec);
    const allZero = rec.slots.every((s) => !s.current || s.current.exitCode === 0);
    rec.phaseOverride = rec.pod.status?.phase === 'Succeeded' || allZero ? 'Succeeded' : 'Failed';
    if (rec.pod.status?.phase === 'Pending' && rec.slots.every((s) => !s.current)) rec.phaseOverride = undefined;
    k.writeStatus(rec);
    const { namespace, name } = rec.pod.metadata;
    if (!k.core.store.get('Pod', namespace, name ?? '')) return;
    try {
      k.core.api.delete('Pod', namespace, name ?? '', { gracePeriodSeconds: 0 });
    } catch (e) {
      k.core.loop.record('error', `kubelet ${k.nodeName} delete ${rec.key}: ${(e as Error).message}`);
    }
  }
}
