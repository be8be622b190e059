/**
 * The event loop: owns the clock and the queue. Time moves only through `advance`, `runUntil`
 * and `step`; work scheduled "now" runs before time moves on.
 */
import { parseDuration, type VirtualClock } from './clock.js';
import { EventQueue, type QueuedEvent } from './queue.js';
import type { TraceRecorder } from './trace.js';

/** Options of `runUntil`. */
export interface RunUntilOptions {
  /** Give up after this much virtual time (ms or a duration string). */
  readonly timeout: number | string;
}

/** Schedules work on virtual time and runs it in `(atMs, seq)` order. */
export class EventLoop {
  private readonly queue = new EventQueue();
  private running = false;
  /** Number of events run so far. */
  executed = 0;

  constructor(
    readonly clock: VirtualClock,
    private readonly trace?: TraceRecorder,
  ) {}

  /** Schedules `run` after `delayMs` (0 = at the current instant, after what is already queued). */
  schedule(delayMs: number, label: string, run: () => void): QueuedEvent {
    if (!(delayMs >= 0)) throw new Error(`negative delay ${delayMs} for ${label}`);
    return this.queue.push(this.clock.now() + Math.ceil(delayMs), label, run);
  }

  /** Schedules `run` at an absolute virtual instant (clamped to now). */
  scheduleAt(atMs: number, label: string, run: () => void): QueuedEvent {
    return this.queue.push(Math.max(atMs, this.clock.now()), label, run);
  }

  /** Cancels a scheduled event; it is skipped when its turn comes. */
  cancel(event: QueuedEvent | undefined): void {
    if (event) event.cancelled = true;
  }

  /** Pending events (cancelled ones included until popped). */
  get pending(): number {
    return this.queue.size;
  }

  /** Virtual instant of the next live event, if any. */
  nextAt(): number | undefined {
    let top = this.queue.peek();
    while (top?.cancelled) {
      this.queue.pop();
      top = this.queue.peek();
    }
    return top?.atMs;
  }

  /** Runs the next event, moving time to it. Returns false if the queue is empty. */
  step(): boolean {
    const next = this.nextAt();
    if (next === undefined) return false;
    this.runOne(this.queue.pop() as QueuedEvent);
    return true;
  }

  private runOne(event: QueuedEvent): void {
    if (this.running) throw new Error(`re-entrant event loop run (${event.label})`);
    this.clock.set(event.atMs);
    this.running = true;
    try {
      this.executed++;
      event.run();
    } finally {
      this.running = false;
    }
  }

  /** Runs every event due up to `now + duration`, then sets the clock there. */
  advance(duration: number | string): void {
    const until = this.clock.now() + parseDuration(duration);
    this.runUntilTime(until);
    this.clock.set(until);
  }

  /** Runs everything due at the current instant (zero-delay work such as watch deliveries). */
  settle(): void {
    this.runUntilTime(this.clock.now());
  }

  private runUntilTime(until: number): void {
    for (;;) {
      const next = this.nextAt();
      if (next === undefined || next > until) return;
      this.runOne(this.queue.pop() as QueuedEvent);
    }
  }

  /**
   * Runs events until `predicate()` holds (checked before each event and once settled at each
   * instant) or the timeout passes. Returns whether the predicate held. On timeout the clock
   * stands at `start + timeout`.
   */
  runUntil(predicate: () => boolean, options: RunUntilOptions): boolean {
    const deadline = this.clock.now() + parseDuration(options.timeout);
    this.settle();
    for (;;) {
      if (predicate()) return true;
      const next = this.nextAt();
      if (next === undefined || next > deadline) {
        this.clock.set(deadline);
        return predicate();
      }
      // Run the whole instant, so the predicate sees settled state.
      this.runUntilTime(next);
    }
  }

  /** Whether an event is being run right now (writes must then defer their side effects). */
  get isRunning(): boolean {
    return this.running;
  }

  /** Records a trace line at the current instant. */
  record(kind: string, text: string): void {
    this.trace?.record(this.clock.now(), kind, text);
  }

  /** Records an API event at the current instant (`event <type> <reason> <kind>/<name>: <message>`, text made lazily). */
  recordEvent(type: string, reason: string, objectKind: string, name: string, message: string): void {
    this.trace?.recordEvent(this.clock.now(), type, reason, objectKind, name, message);
  }

  /** Records a store write at the current instant (`write <type> <kind> <key> rv=<n>`, text made lazily). */
  recordWrite(type: string, objectKind: string, key: string, resourceVersion: number): void {
    this.trace?.recordWrite(this.clock.now(), type, objectKind, key, resourceVersion);
  }
}
