/**
 * The event queue, ordered by `(atMs, seq)`: ties at the same instant run in insertion order, so
 * every run of the same calls pops the same sequence.
 *
 * Design: a binary min-heap, plus a FIFO lane for runs of events at one instant (watch deliveries
 * and other zero-delay work, the bulk of all events). A lane push and pop are O(1) where the heap
 * pays O(log n) with n up to the whole backlog (150,000 pods created at once). Pop takes the
 * smaller head of the two, so the order is exactly the heap's.
 */
import { Fifo } from './fifo.js';

/** One scheduled piece of work. */
export interface QueuedEvent {
  readonly atMs: number;
  readonly seq: number;
  /** Short label recorded in the trace (e.g. `deployment-controller/sync`). */
  readonly label: string;
  readonly run: () => void;
  /** Set by `cancel`; a cancelled event is skipped when popped. */
  cancelled: boolean;
}

function before(a: QueuedEvent, b: QueuedEvent): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
}

/** Events by `(atMs, seq)`: a heap and a same-instant FIFO lane. */
export class EventQueue {
  private readonly heap: QueuedEvent[] = [];
  /** Events of one instant in seq order. */
  private readonly lane = new Fifo<QueuedEvent>();
  private nextSeq = 0;

  get size(): number {
    return this.heap.length + this.lane.size;
  }

  push(atMs: number, label: string, run: () => void): QueuedEvent {
    const event: QueuedEvent = { atMs, seq: this.nextSeq++, label, run, cancelled: false };
    const lane = this.lane;
    const last = lane.last();
    if (last !== undefined ? last.atMs === atMs : this.heap.length === 0 || atMs <= this.heap[0].atMs) {
      // Same instant as the lane's events (its seq is the largest yet), or due no later than the heap's head.
      lane.push(event);
      return event;
    }
    const h = this.heap;
    h.push(event);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
    return event;
  }

  peek(): QueuedEvent | undefined {
    const fromLane = this.lane.peek();
    const top = this.heap[0];
    if (!fromLane) return top;
    return top && before(top, fromLane) ? top : fromLane;
  }

  pop(): QueuedEvent | undefined {
    const first = this.lane.peek();
    if (first !== undefined) {
      const top = this.heap[0];
      if (!top || before(first, top)) return this.lane.shift();
    }
    return this.popHeap();
  }

  private popHeap(): QueuedEvent | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop() as QueuedEvent;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
