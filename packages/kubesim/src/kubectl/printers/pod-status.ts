/**
 * The STATUS, READY and RESTARTS columns of `kubectl get pods`, computed exactly as the
 * server-side table printer does.
 * @see kubernetes pkg/printers/internalversion/printers.go printPod
 */
import type { Pod } from '../types.js';
import { humanDuration } from '../duration.js';

/** Pod status reason: `Running`, `ContainerCreating`, `Terminating`, `Completed`, `Init:0/1`… */
export function podStatusReason(pod: Pod): string {
  const status = pod.status ?? {};
  // The API server sets phase Pending on create (PrepareForCreate); a pod read before that shows so.
  let reason = status.phase || 'Pending';
  if (status.reason) reason = status.reason;
  const conditions = status.conditions ?? [];
  const scheduled = conditions.find((c) => c.type === 'PodScheduled');
  if (reason === 'Pending' && scheduled?.status === 'False' && scheduled.reason === 'SchedulingGated') reason = 'SchedulingGated';
  let initializing = false;
  const inits = status.initContainerStatuses ?? [];
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    if (c.state?.terminated && c.state.terminated.exitCode === 0) continue;
    if (c.state?.terminated) {
      const t = c.state.terminated;
      reason = t.reason ? `Init:${t.reason}` : t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode}`;
    } else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${c.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${pod.spec?.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }
  if (!initializing) {
    let hasRunning = false;
    const cs = status.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state?.terminated) {
        const t = c.state.terminated;
        reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`;
      } else if (c.ready && c.state?.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) {
      const ready = conditions.find((c) => c.type === 'Ready');
      reason = ready?.status === 'True' ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && !isTerminal(status.phase)) reason = 'Terminating';
  return reason;
}

function isTerminal(phase: string | undefined): boolean {
  return phase === 'Succeeded' || phase === 'Failed';
}

/** `1/1`: ready containers over containers. */
export function podReady(pod: Pod): string {
  const total = pod.spec?.containers?.length ?? 0;
  const ready = (pod.status?.containerStatuses ?? []).filter((c) => c.ready).length;
  return `${ready}/${total}`;
}

/** `0`, or `2 (5m ago)` when a container restarted. */
export function podRestarts(pod: Pod, nowMs: number, parse: (ts: string) => number): string {
  let restarts = 0;
  let last: number | undefined;
  for (const c of pod.status?.containerStatuses ?? []) {
    restarts += c.restartCount ?? 0;
    const fin = c.lastState?.terminated?.finishedAt;
    if (fin && (last === undefined || parse(fin) > last)) last = parse(fin);
  }
  if (restarts > 0 && last !== undefined) return `${restarts} (${humanDuration(nowMs - last)} ago)`;
  return String(restarts);
}
