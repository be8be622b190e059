/**
 * The scheduling queue: activeQ (priority, then arrival), backoffQ (1 s doubling to 10 s) and
 * unschedulablePods, with moves on cluster events and the 5-minute leftover flush.
 *
 * Design: time only advances through the event loop, so instead of upstream's 1 s / 30 s
 * goroutine tickers the queue schedules one loop event at the next backoff expiry and one at the
 * next 30 s tick on which an unschedulable pod passes 5 minutes; nothing is scheduled while the
 * queue is idle. A move event seen while a pod is in flight sends it to backoff on failure
 * (upstream's moveRequestCycle), so an event cannot be lost between Filter and failure.
 * @see kubernetes pkg/scheduler/backend/queue/scheduling_queue.go
 */
import type { EventLoop, QueuedEvent } from '@kubesim/core';
import {
  POD_INITIAL_BACKOFF_MS,
  POD_MAX_BACKOFF_MS,
  POD_MAX_IN_UNSCHEDULABLE_PODS_MS,
  UNSCHEDULABLE_FLUSH_PERIOD_MS,
} from '../defaults.js';
import type { PodInfo } from '../framework/pod-info.js';
import { KeyedHeap } from './heap.js';

/** A pod in the queue (`framework.QueuedPodInfo`). */
export interface QueuedPodInfo {
  pi: PodInfo;
  /** When it was (re)added to a queue, virtual ms. */
  timestamp: number;
  /** Arrival order, to break priority ties deterministically. */
  seq: number;
  attempts: number;
  /** Plugins that rejected it in its last attempt (empty: any event may help). */
  unschedulablePlugins: ReadonlySet<string>;
  backoffExpiry: number;
  /** The queue's move counter when the pod was popped (a move since then sends it to backoff). */
  moveCycleAtPop: number;
}

const NO_PLUGINS: ReadonlySet<string> = new Set();

/** The queue. */
export class SchedulingQueue {
  private readonly activeQ = new KeyedHeap<QueuedPodInfo>(
    (q) => q.pi.key,
    (a, b) => (a.pi.priority !== b.pi.priority ? a.pi.priority > b.pi.priority : a.timestamp !== b.timestamp ? a.timestamp < b.timestamp : a.seq < b.seq),
  );
  private readonly backoffQ = new KeyedHeap<QueuedPodInfo>(
    (q) => q.pi.key,
    (a, b) => (a.backoffExpiry !== b.backoffExpiry ? a.backoffExpiry < b.backoffExpiry : a.seq < b.seq),
  );
  private readonly unschedulable = new Map<string, QueuedPodInfo>();
  private readonly inFlight = new Map<string, QueuedPodInfo>();
  /** Number of move events so far (upstream's moveRequestCycle): in-flight pods that saw one go to backoff. */
  private moveCycle = 0;
  private seq = 0;
  private backoffTimer: QueuedEvent | undefined;
  private flushTimer: QueuedEvent | undefined;
  private readonly startMs: number;

  constructor(
    private readonly loop: EventLoop,
    private readonly onActive: () => void,
  ) {
    this.startMs = loop.clock.now();
  }

  private now(): number {
    return this.loop.clock.now();
  }

  /** Sizes, for tests and explain. */
  get sizes(): { active: number; backoff: number; unschedulable: number } {
    return { active: this.activeQ.size, backoff: this.backoffQ.size, unschedulable: this.unschedulable.size };
  }

  /** Where a pod is: 'active', 'backoff', 'unschedulable', 'inFlight' or undefined. */
  whereIs(key: string): string | undefined {
    if (this.activeQ.has(key)) return 'active';
    if (this.backoffQ.has(key)) return 'backoff';
    if (this.unschedulable.has(key)) return 'unschedulable';
    if (this.inFlight.has(key)) return 'inFlight';
    return undefined;
  }

  /** Adds a new pending pod, or refreshes the PodInfo of one already queued. */
  add(pi: PodInfo): void {
    const existing = this.inFlight.get(pi.key) ?? this.activeQ.get(pi.key) ?? this.backoffQ.get(pi.key) ?? this.unschedulable.get(pi.key);
    if (existing) {
      existing.pi = pi;
      if (this.unschedulable.has(pi.key)) {
        // Upstream isPodUpdated: a changed pending pod may now fit.
        this.unschedulable.delete(pi.key);
        this.requeue(existing);
      } else if (this.activeQ.has(pi.key)) this.activeQ.push(existing);
      return;
    }
    const now = this.now();
    this.activeQ.push({ pi, timestamp: now, seq: this.seq++, attempts: 0, unschedulablePlugins: NO_PLUGINS, backoffExpiry: now, moveCycleAtPop: -1 });
    this.onActive();
  }

  /** Removes a pod from every queue. */
  delete(key: string): void {
    this.activeQ.delete(key);
    this.backoffQ.delete(key);
    this.unschedulable.delete(key);
    this.inFlight.delete(key);
  }

  /** Pops the next pod to schedule (marks it in flight). */
  pop(): QueuedPodInfo | undefined {
    const q = this.activeQ.pop();
    if (!q) return undefined;
    q.attempts++;
    q.moveCycleAtPop = this.moveCycle;
    this.inFlight.set(q.pi.key, q);
    return q;
  }

  /** Whether a pod is being scheduled or bound. */
  isInFlight(key: string): boolean {
    return this.inFlight.has(key);
  }

  /** The attempt finished with success: forget the pod. */
  done(key: string): void {
    this.inFlight.delete(key);
  }

  /** `AddUnschedulableIfNotPresent`: after an Unschedulable failure (or Error, `toBackoff`). */
  addUnschedulable(q: QueuedPodInfo, plugins: ReadonlySet<string>, toBackoff: boolean): void {
    if (!this.inFlight.has(q.pi.key)) return; // deleted meanwhile
    this.inFlight.delete(q.pi.key);
    const moved = this.moveCycle !== q.moveCycleAtPop;
    q.unschedulablePlugins = plugins;
    q.timestamp = this.now();
    q.backoffExpiry = q.timestamp + backoffDuration(q.attempts);
    if (toBackoff || moved) this.pushBackoff(q);
    else {
      this.unschedulable.set(q.pi.key, q);
      this.scheduleFlush();
    }
  }

  /** Moves unschedulable pods rejected by one of `plugins` (undefined: any) to active/backoff. */
  moveAll(plugins: ReadonlySet<string> | undefined): void {
    this.moveCycle++;
    if (this.unschedulable.size === 0) return;
    const moved: QueuedPodInfo[] = [];
    for (const q of this.unschedulable.values()) {
      if (plugins && q.unschedulablePlugins.size > 0 && ![...q.unschedulablePlugins].some((p) => plugins.has(p))) continue;
      moved.push(q);
    }
    for (const q of moved) {
      this.unschedulable.delete(q.pi.key);
      this.requeue(q);
    }
  }

  private requeue(q: QueuedPodInfo): void {
    if (q.backoffExpiry > this.now()) this.pushBackoff(q);
    else {
      this.activeQ.push(q);
      this.onActive();
    }
  }

  private pushBackoff(q: QueuedPodInfo): void {
    this.backoffQ.push(q);
    this.scheduleBackoffFlush();
  }

  private scheduleBackoffFlush(): void {
    const top = this.backoffQ.peek();
    if (!top) return;
    if (this.backoffTimer && !this.backoffTimer.cancelled && this.backoffTimer.atMs <= top.backoffExpiry) return;
    this.loop.cancel(this.backoffTimer);
    this.backoffTimer = this.loop.scheduleAt(top.backoffExpiry, 'scheduler/flush-backoff', () => {
      this.backoffTimer = undefined;
      this.flushBackoffQCompleted();
    });
  }

  /** `flushBackoffQCompleted`: pods whose backoff expired go to activeQ. */
  private flushBackoffQCompleted(): void {
    const now = this.now();
    let any = false;
    for (let top = this.backoffQ.peek(); top && top.backoffExpiry <= now; top = this.backoffQ.peek()) {
      this.backoffQ.pop();
      this.activeQ.push(top);
      any = true;
    }
    this.scheduleBackoffFlush();
    if (any) this.onActive();
  }

  private scheduleFlush(): void {
    if (this.flushTimer && !this.flushTimer.cancelled) return;
    let oldest = Number.POSITIVE_INFINITY;
    for (const q of this.unschedulable.values()) if (q.timestamp < oldest) oldest = q.timestamp;
    if (oldest === Number.POSITIVE_INFINITY) return;
    const due = oldest + POD_MAX_IN_UNSCHEDULABLE_PODS_MS;
    const ticks = Math.ceil((due - this.startMs) / UNSCHEDULABLE_FLUSH_PERIOD_MS);
    let at = this.startMs + ticks * UNSCHEDULABLE_FLUSH_PERIOD_MS;
    if (at < due) at += UNSCHEDULABLE_FLUSH_PERIOD_MS;
    this.flushTimer = this.loop.scheduleAt(at, 'scheduler/flush-unschedulable', () => {
      this.flushTimer = undefined;
      this.flushUnschedulablePodsLeftover();
    });
  }

  /** `flushUnschedulablePodsLeftover`: pods unschedulable for more than 5 minutes are retried. */
  private flushUnschedulablePodsLeftover(): void {
    const now = this.now();
    const stale = [...this.unschedulable.values()].filter((q) => now - q.timestamp > POD_MAX_IN_UNSCHEDULABLE_PODS_MS - 1);
    for (const q of stale) {
      this.unschedulable.delete(q.pi.key);
      this.requeue(q);
    }
    this.scheduleFlush();
  }
}

/** `calculateBackoffDuration`: 1 s doubled per attempt after the first, capped at 10 s. */
export function backoffDuration(attempts: number): number {
  let d = POD_INITIAL_BACKOFF_MS;
  for (let i = 1; i < attempts; i++) {
    d *= 2;
    if (d > POD_MAX_BACKOFF_MS) return POD_MAX_BACKOFF_MS;
  }
  return d;
}
