/**
 * A min-heap keyed by item key, with removal by key (`heap.Heap`), plus a FIFO lane for items
 * pushed in order.
 *
 * @remarks Each item sits in a slot that knows its position, so sifting moves slots without
 * touching the key index (which changes only on push and removal). An item that does not sort
 * before the last item put in the lane joins the lane instead of the heap (the lane stays sorted),
 * and pop takes the smaller of the heap top and the lane head: the order is the heap's, but a
 * burst of pods queued in arrival order costs O(1) per push and pop instead of a sift through a
 * large heap. Removed lane items are left as tombstones until the lane head passes them.
 * @see kubernetes pkg/scheduler/backend/heap/heap.go
 */

interface Slot<T> {
  item: T;
  readonly key: string;
  /** Position in the heap array; -1 for a lane slot. */
  pos: number;
  /** A lane slot whose item was removed or replaced. */
  dead: boolean;
}

/** A heap of items with unique keys. */
export class KeyedHeap<T> {
  private readonly slots: Slot<T>[] = [];
  private readonly index = new Map<string, Slot<T>>();
  private lane: Slot<T>[] = [];
  private laneHead = 0;
  private laneLive = 0;

  constructor(
    private readonly keyOf: (item: T) => string,
    private readonly less: (a: T, b: T) => boolean,
  ) {}

  get size(): number {
    return this.slots.length + this.laneLive;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  get(key: string): T | undefined {
    return this.index.get(key)?.item;
  }

  peek(): T | undefined {
    const head = this.laneFront();
    const top = this.slots[0];
    if (head === undefined) return top?.item;
    return top !== undefined && this.less(top.item, head.item) ? top.item : head.item;
  }

  /** Adds or replaces (re-sorting) an item. */
  push(item: T): void {
    const key = this.keyOf(item);
    const slot = this.index.get(key);
    if (slot !== undefined && slot.pos >= 0) {
      slot.item = item;
      this.fix(slot.pos);
      return;
    }
    if (slot !== undefined) this.kill(slot);
    const lane = this.lane;
    const last = lane.length > this.laneHead ? lane[lane.length - 1] : undefined;
    if (last === undefined || !this.less(item, last.item)) {
      const s: Slot<T> = { item, key, pos: -1, dead: false };
      if (last === undefined) {
        this.lane = [s];
        this.laneHead = 0;
      } else lane.push(s);
      this.laneLive++;
      this.index.set(key, s);
      return;
    }
    const s: Slot<T> = { item, key, pos: this.slots.length, dead: false };
    this.slots.push(s);
    this.index.set(key, s);
    this.up(s.pos);
  }

  pop(): T | undefined {
    const head = this.laneFront();
    const top = this.slots[0];
    if (head !== undefined && (top === undefined || !this.less(top.item, head.item))) {
      this.kill(head);
      return head.item;
    }
    if (top === undefined) return undefined;
    this.removeAt(0);
    return top.item;
  }

  delete(key: string): T | undefined {
    const slot = this.index.get(key);
    if (slot === undefined) return undefined;
    if (slot.pos >= 0) this.removeAt(slot.pos);
    else this.kill(slot);
    return slot.item;
  }

  *values(): IterableIterator<T> {
    for (const s of this.slots) yield s.item;
    for (let i = this.laneHead; i < this.lane.length; i++) if (!this.lane[i].dead) yield this.lane[i].item;
  }

  /** The first live lane slot (dropping tombstones before it). */
  private laneFront(): Slot<T> | undefined {
    const lane = this.lane;
    while (this.laneHead < lane.length && lane[this.laneHead].dead) this.laneHead++;
    if (this.laneHead >= lane.length) {
      if (lane.length > 0) {
        this.lane = [];
        this.laneHead = 0;
      }
      return undefined;
    }
    if (this.laneHead >= 4096 && this.laneHead * 2 >= lane.length) {
      this.lane = lane.slice(this.laneHead);
      this.laneHead = 0;
    }
    return this.lane[this.laneHead];
  }

  /** Removes a lane slot (a tombstone until the lane head passes it). */
  private kill(slot: Slot<T>): void {
    slot.dead = true;
    this.laneLive--;
    this.index.delete(slot.key);
  }

  private removeAt(i: number): void {
    const slots = this.slots;
    const last = slots.length - 1;
    this.index.delete(slots[i].key);
    if (i !== last) {
      slots[i] = slots[last];
      slots[i].pos = i;
    }
    slots.pop();
    if (i < slots.length) this.fix(i);
  }

  private fix(i: number): void {
    if (!this.down(i)) this.up(i);
  }

  private swap(i: number, j: number): void {
    const slots = this.slots;
    const a = slots[i];
    slots[i] = slots[j];
    slots[j] = a;
    slots[i].pos = i;
    a.pos = j;
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(this.slots[i].item, this.slots[p].item)) break;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i0: number): boolean {
    let i = i0;
    const n = this.slots.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let j = l;
      if (l + 1 < n && this.less(this.slots[l + 1].item, this.slots[l].item)) j = l + 1;
      if (!this.less(this.slots[j].item, this.slots[i].item)) break;
      this.swap(i, j);
      i = j;
    }
    return i > i0;
  }
}
