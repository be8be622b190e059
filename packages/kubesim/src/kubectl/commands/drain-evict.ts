/**
 * How `kubectl drain` removes a node's pods once the filters allow them: through the eviction
 * subresource (retrying a 429 every 5 s until the global timeout), or with plain deletes under
 * `--disable-eviction`; then it waits for each pod to go, printing `pod/<name> evicted|deleted`.
 *
 * Design: kubectl runs one goroutine per pod; kubesim runs them as timers on virtual time. At each
 * instant the pods whose eviction attempt is due go first, in the drain's pod order, then the
 * pods whose 1 s deletion poll is due. An attempt always prints `evicting pod`, then gives up if
 * the global timeout has passed (a retry sleep is not cut short); a deletion poll gives up as soon
 * as the timeout passes. Errors come back in the order they happened.
 * @see kubectl pkg/drain/drain.go (evictPods, deletePods, waitForDelete),
 *   pkg/cmd/drain/drain.go (onPodDeletedOrEvicted)
 */
import { isStatusError } from '@kubesim/core';
import type { Invocation } from '../command.js';
import { goDurationString } from '../duration.js';
import type { Pod } from '../types.js';

/** kubectl's `EvictErrorRetryDelay` (5 s). */
export const EVICT_ERROR_RETRY_DELAY_MS = 5_000;
/** `waitForDelete`'s poll interval. */
const DELETE_POLL_INTERVAL_MS = 1_000;

/** Texts kubectl prints while it evicts or deletes. */
export const DrainMessages = {
  evicting: (p: Pod, suffix = '') => `evicting pod ${p.metadata.namespace}/${p.metadata.name}${suffix}\n`,
  willRetry: (p: Pod, delayMs: number, message: string) =>
    `error when evicting pods/${JSON.stringify(p.metadata.name)} -n ${JSON.stringify(p.metadata.namespace)} (will retry after ${goDurationString(delayMs)}): ${message}\n`,
  evictError: (p: Pod, message: string) => `error when evicting pods/${JSON.stringify(p.metadata.name)} -n ${JSON.stringify(p.metadata.namespace)}: ${message}`,
  globalTimeout: (timeout: string) => `global timeout reached: ${timeout}`,
  waitError: (p: Pod, message: string) =>
    `error when waiting for pod ${JSON.stringify(p.metadata.name)} in namespace ${JSON.stringify(p.metadata.namespace)} to terminate: ${message}`,
  /** `context.DeadlineExceeded`. */
  deadlineExceeded: 'context deadline exceeded',
  done: (p: Pod, verb: 'evicted' | 'deleted') => `pod/${p.metadata.name} ${verb}\n`,
} as const;

/** The drain's global timeout: its length in virtual ms and how kubectl prints it. */
export interface DrainTimeout {
  readonly ms: number;
  readonly text: string;
}

interface PodTask {
  readonly pod: Pod;
  state: 'evict' | 'wait' | 'done';
  atMs: number;
}

/**
 * `evictPods`: evicts every pod (retrying 429s) and waits for the evicted ones to go. A server dry
 * run sends the evictions with dryRun and does not wait. Returns the errors, in order.
 */
export function evictPods(inv: Invocation, pods: readonly Pod[], timeout: DrainTimeout, gracePeriodSeconds: number, serverDryRun: boolean): string[] {
  const api = inv.ctx.core.api;
  const options = { ...(gracePeriodSeconds >= 0 ? { gracePeriodSeconds } : {}), ...(serverDryRun ? { dryRun: true } : {}) };
  const errors: string[] = [];
  const attempt = (task: PodTask, nowMs: number, deadlineMs: number) => {
    const p = task.pod;
    inv.out(DrainMessages.evicting(p, serverDryRun ? ' (server dry run)' : ''));
    if (nowMs >= deadlineMs) {
      errors.push(DrainMessages.evictError(p, DrainMessages.globalTimeout(timeout.text)));
      task.state = 'done';
      return;
    }
    try {
      api.evict(p.metadata.namespace ?? 'default', p.metadata.name ?? '', options);
      task.state = serverDryRun ? 'done' : 'wait';
    } catch (e) {
      if (isStatusError(e) && e.reason === 'NotFound') task.state = 'done';
      else if (isStatusError(e) && e.reason === 'TooManyRequests') {
        inv.err(DrainMessages.willRetry(p, EVICT_ERROR_RETRY_DELAY_MS, e.message));
        task.atMs = nowMs + EVICT_ERROR_RETRY_DELAY_MS;
      } else if (isStatusError(e)) {
        errors.push(DrainMessages.evictError(p, e.message));
        task.state = 'done';
      } else throw e;
    }
  };
  runTasks(inv, pods, timeout, attempt, 'evicted', (p) => errors.push(DrainMessages.waitError(p, DrainMessages.deadlineExceeded)));
  return errors;
}

/** `deletePods`: deletes every pod (NotFound is fine), then waits for them all to go. */
export function deletePods(inv: Invocation, pods: readonly Pod[], timeout: DrainTimeout, gracePeriodSeconds: number, serverDryRun: boolean): string[] {
  const api = inv.ctx.core.api;
  for (const p of pods) {
    try {
      api.delete('Pod', p.metadata.namespace, p.metadata.name ?? '', {
        ...(gracePeriodSeconds >= 0 ? { gracePeriodSeconds } : {}),
        ...(serverDryRun ? { dryRun: true } : {}),
      });
    } catch (e) {
      if (!(isStatusError(e) && e.reason === 'NotFound')) return [isStatusError(e) ? e.message : String(e)];
    }
  }
  if (serverDryRun) return [];
  // One waitForDelete for all pods: its timeout is the global one and its error is returned bare.
  let timedOut = false;
  runTasks(inv, pods, timeout, () => undefined, 'deleted', () => {
    timedOut = true;
  });
  return timedOut ? [DrainMessages.deadlineExceeded] : [];
}

/** Runs the per-pod timers on virtual time until every pod is done. */
function runTasks(
  inv: Invocation,
  pods: readonly Pod[],
  timeout: DrainTimeout,
  attempt: (task: PodTask, nowMs: number, deadlineMs: number) => void,
  verb: 'evicted' | 'deleted',
  onWaitTimeout: (p: Pod) => void,
): void {
  const loop = inv.ctx.core.loop;
  const store = inv.ctx.core.store;
  const startMs = inv.ctx.core.clock.now();
  const deadlineMs = startMs + timeout.ms;
  const tasks: PodTask[] = pods.map((pod) => ({ pod, state: verb === 'evicted' ? 'evict' : 'wait', atMs: startMs }));
  const gone = (p: Pod) => store.get('Pod', p.metadata.namespace, p.metadata.name ?? '')?.metadata.uid !== p.metadata.uid;
  for (;;) {
    const nowMs = inv.ctx.core.clock.now();
    for (const t of tasks) if (t.state === 'evict' && t.atMs <= nowMs) attempt(t, nowMs, deadlineMs);
    for (const t of tasks) {
      if (t.state !== 'wait' || t.atMs > nowMs) continue;
      if (gone(t.pod)) {
        inv.out(DrainMessages.done(t.pod, verb));
        t.state = 'done';
      } else if (nowMs >= deadlineMs) {
        onWaitTimeout(t.pod);
        t.state = 'done';
      } else t.atMs = Math.min(nowMs + DELETE_POLL_INTERVAL_MS, deadlineMs);
    }
    const pending = tasks.filter((t) => t.state !== 'done');
    if (pending.length === 0) return;
    const nextMs = Math.min(...pending.map((t) => t.atMs));
    loop.runUntil(() => false, { timeout: nextMs - nowMs });
  }
}
