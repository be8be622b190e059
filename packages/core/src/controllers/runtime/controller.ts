/**
 * A small controller runtime: a de-duplicating work queue whose items are processed on the event
 * loop, requeue with per-key exponential backoff on the virtual clock, and periodic resync.
 * @see client-go util/workqueue (rate_limiting_queue.go), controller-runtime reconcile loop
 */
import type { EventLoop } from '../../sim/loop.js';
import type { QueuedEvent } from '../../sim/queue.js';

/** What a sync returns: nothing (done), or a request to run again later. */
export type SyncResult = void | { readonly requeueAfterMs?: number; readonly requeue?: boolean };

/** Options of a controller. */
export interface ControllerOptions {
  /** Component name, used in traces and as the event source (`deployment-controller`). */
  readonly name: string;
  /** Processes one key. Throwing requeues the key with backoff. */
  readonly sync: (key: string) => SyncResult;
  /** Backoff base and cap for failed keys (client-go default 5ms doubling to 1000s). */
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /**
   * Virtual ms a sync of `key` keeps the controller busy with it: events for the key that arrive
   * sooner are folded into one sync when that time is over (the first event is never delayed).
   * Models a controller syncing a large object while events pile up (client-go de-duplicates keys
   * that are queued or in flight), and keeps an O(replicas) sync from running once per replica
   * event. Default: no cost.
   */
  readonly syncCostMs?: (key: string) => number;
}

/**
 * A work queue bound to the event loop. `enqueue(key)` schedules one processing of the key at the
 * current instant unless it is already queued; keys run in the order they were first enqueued.
 */
export class Controller {
  private readonly queued = new Map<string, QueuedEvent>();
  private readonly failures = new Map<string, number>();
  /** Key → the instant its last sync stops keeping the controller busy (only keys with a cost). */
  private readonly busyUntil = new Map<string, number>();
  /** Number of syncs run, for tests and benchmarks. */
  syncs = 0;

  constructor(
    private readonly loop: EventLoop,
    readonly options: ControllerOptions,
  ) {}

  /** Processes `key` at the current instant (de-duplicated). */
  enqueue(key: string): void {
    this.enqueueAfter(key, 0);
  }

  /** Processes `key` after `delayMs`; an earlier pending run wins. */
  enqueueAfter(key: string, delayMs: number): void {
    let at = this.loop.clock.now() + delayMs;
    const busyUntil = this.busyUntil.get(key);
    if (busyUntil !== undefined) at = Math.max(at, busyUntil);
    const pending = this.queued.get(key);
    if (pending && !pending.cancelled) {
      if (pending.atMs <= at) return;
      this.loop.cancel(pending);
    }
    const event = this.loop.scheduleAt(at, `${this.options.name}/${key}`, () => this.process(key));
    this.queued.set(key, event);
  }

  /** Whether a key is waiting to be processed. */
  isQueued(key: string): boolean {
    const e = this.queued.get(key);
    return e !== undefined && !e.cancelled;
  }

  private process(key: string): void {
    this.queued.delete(key);
    this.syncs++;
    const cost = this.options.syncCostMs?.(key) ?? 0;
    if (cost > 0) this.busyUntil.set(key, this.loop.clock.now() + cost);
    else this.busyUntil.delete(key);
    let result: SyncResult;
    try {
      result = this.options.sync(key);
    } catch (e) {
      const n = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, n);
      const base = this.options.baseBackoffMs ?? 5;
      const max = this.options.maxBackoffMs ?? 1_000_000;
      this.loop.record('error', `${this.options.name} ${key}: ${(e as Error).message}`);
      this.enqueueAfter(key, Math.min(max, base * 2 ** (n - 1)));
      return;
    }
    this.failures.delete(key);
    if (result?.requeueAfterMs !== undefined) this.enqueueAfter(key, result.requeueAfterMs);
    else if (result?.requeue) this.enqueueAfter(key, 0);
  }

  /** Calls `tick` every `periodMs` of virtual time, starting one period from now. */
  every(periodMs: number, label: string, tick: () => void): void {
    const run = () => {
      tick();
      this.loop.schedule(periodMs, `${this.options.name}/${label}`, run);
    };
    this.loop.schedule(periodMs, `${this.options.name}/${label}`, run);
  }
}
