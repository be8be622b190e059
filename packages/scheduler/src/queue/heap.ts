/**
 * A binary min-heap keyed by item key, with removal by key (`heap.Heap`).
 *
 * @remarks Each item sits in a slot that knows its position, so sifting moves slots without
 * touching the key index (which changes only on push and removal).
 * @see kubernetes pkg/scheduler/backend/heap/heap.go
 */

interface Slot<T> {
  item: T;
  readonly key: string;
  pos: number;
}

/** A heap of items with unique keys. */
export class KeyedHeap<T> {
  private readonly slots: Slot<T>[] = [];
  private readonly index = new Map<string, Slot<T>>();

  constructor(
    private readonly keyOf: (item: T) => string,
    private readonly less: (a: T, b: T) => boolean,
  ) {}

  get size(): number {
    return this.slots.length;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  get(key: string): T | undefined {
    return this.index.get(key)?.item;
  }

  peek(): T | undefined {
    return this.slots[0]?.item;
  }

  /** Adds or replaces (re-sifting) an item. */
  push(item: T): void {
    const key = this.keyOf(item);
    const slot = this.index.get(key);
    if (slot !== undefined) {
      slot.item = item;
      this.fix(slot.pos);
      return;
    }
    const s: Slot<T> = { item, key, pos: this.slots.length };
    this.slots.push(s);
    this.index.set(key, s);
    this.up(s.pos);
  }

  pop(): T | undefined {
    if (this.slots.length === 0) return undefined;
    const top = this.slots[0].item;
    this.removeAt(0);
    return top;
  }

  delete(key: string): T | undefined {
    const slot = this.index.get(key);
    if (slot === undefined) return undefined;
    this.removeAt(slot.pos);
    return slot.item;
  }

  *values(): IterableIterator<T> {
    for (const s of this.slots) yield s.item;
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
