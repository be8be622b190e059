import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyedHeap } from './heap.js';

interface Item {
  readonly key: string;
  readonly rank: number;
  readonly seq: number;
}

const less = (a: Item, b: Item): boolean => (a.rank !== b.rank ? a.rank < b.rank : a.seq < b.seq);

type Op = { op: 'push'; key: number; rank: number } | { op: 'pop' } | { op: 'delete'; key: number } | { op: 'peek' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('push' as const), key: fc.nat(30), rank: fc.oneof(fc.constant(0), fc.nat(4)) }) },
  { weight: 3, arbitrary: fc.constant({ op: 'pop' as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), key: fc.nat(30) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'peek' as const }) },
);

describe('KeyedHeap', () => {
  it('pops, peeks, deletes and replaces like a sorted list (lane and heap together)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), (ops) => {
        const heap = new KeyedHeap<Item>((i) => i.key, less);
        const model = new Map<string, Item>();
        const min = (): Item | undefined => [...model.values()].sort((a, b) => (less(a, b) ? -1 : 1))[0];
        let seq = 0;
        for (const o of ops) {
          if (o.op === 'push') {
            const item = { key: `k${o.key}`, rank: o.rank, seq: seq++ };
            heap.push(item);
            model.set(item.key, item);
          } else if (o.op === 'pop') {
            const want = min();
            if (want) model.delete(want.key);
            expect(heap.pop()).toBe(want);
          } else if (o.op === 'delete') {
            const key = `k${o.key}`;
            expect(heap.delete(key)).toBe(model.get(key));
            model.delete(key);
          } else {
            expect(heap.peek()).toBe(min());
          }
          expect(heap.size).toBe(model.size);
          for (const k of model.keys()) expect(heap.get(k)).toBe(model.get(k));
        }
        expect([...heap.values()].sort((a, b) => a.seq - b.seq)).toEqual([...model.values()].sort((a, b) => a.seq - b.seq));
      }),
      { seed: 4242, numRuns: 300 },
    );
  });
});
