/**
 * The event queue: a binary min-heap ordered by `(atMs, seq)`. Ties at the same instant run in
 * insertion order, so every run of the same calls pops the same sequence.
 */

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

/** Binary heap of events. */
export class EventQueue {
  private readonly heap: QueuedEvent[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(atMs: number, label: string, run: () => void): QueuedEvent {
    const event: QueuedEvent = { atMs, seq: this.nextSeq++, label, run, cancelled: false };
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
    return this.heap[0];
  }

  pop(): QueuedEvent | undefined {
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
