import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fifo } from './fifo.js';

describe('Fifo', () => {
  it('gives items back in push order, across the cuts of its taken prefix', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 5000 })), { maxLength: 300 }), (ops) => {
        const f = new Fifo<number>();
        const model: number[] = [];
        let next = 0;
        for (const op of ops) {
          if (op < 0) {
            expect(f.shift()).toBe(model.shift());
            continue;
          }
          // Push a run of items (long runs cross the 4096-item cut).
          for (let i = 0; i < op; i++) {
            f.push(next);
            model.push(next++);
          }
          for (let i = 0; i < op / 2; i++) expect(f.shift()).toBe(model.shift());
          expect(f.size).toBe(model.length);
          expect(f.peek()).toBe(model[0]);
          expect(f.last()).toBe(model.at(-1));
        }
      }),
      { numRuns: 50 },
    );
  });
});
