import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.js';
import { EventLoop } from './loop.js';
import { EventQueue } from './queue.js';
import { TraceRecorder } from './trace.js';

describe('EventQueue', () => {
  it('pops by time, then by insertion order at the same instant', () => {
    const q = new EventQueue();
    const order: string[] = [];
    for (const [at, name] of [[5, 'a'], [1, 'b'], [5, 'c'], [0, 'd'], [1, 'e'], [5, 'f']] as const) {
      q.push(at, name, () => order.push(name));
    }
    for (let e = q.pop(); e; e = q.pop()) e.run();
    expect(order).toEqual(['d', 'b', 'e', 'a', 'c', 'f']);
  });
  it('keeps heap order over many random pushes', () => {
    const q = new EventQueue();
    let x = 7;
    for (let i = 0; i < 2000; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      q.push(x % 100, String(i), () => {});
    }
    let prev = { at: -1, seq: -1 };
    for (let e = q.pop(); e; e = q.pop()) {
      expect(e.atMs > prev.at || (e.atMs === prev.at && e.seq > prev.seq)).toBe(true);
      prev = { at: e.atMs, seq: e.seq };
    }
  });
  it('pops exactly in (atMs, seq) order under interleaved pushes, pops and same-instant runs', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 6 })), { maxLength: 300 }), (ops) => {
        const q = new EventQueue();
        const model: { atMs: number; seq: number }[] = [];
        let now = 0;
        for (const op of ops) {
          if (op === -1) {
            model.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
            const want = model.shift();
            const got = q.pop();
            expect(got && { atMs: got.atMs, seq: got.seq }).toEqual(want);
            if (got) now = got.atMs;
          } else {
            // Mostly "now" (delay 0), as the loop schedules; some later.
            const e = q.push(now + (op < 3 ? 0 : op), '', () => {});
            model.push({ atMs: e.atMs, seq: e.seq });
          }
          expect(q.size).toBe(model.length);
        }
      }),
    );
  });
});

describe('EventLoop', () => {
  const make = () => new EventLoop(new VirtualClock(), new TraceRecorder());

  it('advance runs everything due and stops the clock at the end of the window', () => {
    const loop = make();
    const seen: number[] = [];
    loop.schedule(1000, 't', () => seen.push(loop.clock.now()));
    loop.schedule(3000, 't', () => seen.push(loop.clock.now()));
    loop.advance('2s');
    expect(seen).toEqual([1000]);
    expect(loop.clock.now()).toBe(2000);
    loop.advance(1000);
    expect(seen).toEqual([1000, 3000]);
  });

  it('work scheduled now runs after work already queued for now', () => {
    const loop = make();
    const order: string[] = [];
    loop.schedule(0, 'a', () => {
      order.push('a');
      loop.schedule(0, 'c', () => order.push('c'));
    });
    loop.schedule(0, 'b', () => order.push('b'));
    loop.settle();
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('cancelled events never run', () => {
    const loop = make();
    let ran = false;
    const e = loop.schedule(10, 'x', () => {
      ran = true;
    });
    loop.cancel(e);
    loop.advance(100);
    expect(ran).toBe(false);
  });

  it('runUntil stops at the first instant where the predicate holds', () => {
    const loop = make();
    let n = 0;
    const tick = () => {
      n++;
      loop.schedule(1000, 'tick', tick);
    };
    loop.schedule(1000, 'tick', tick);
    expect(loop.runUntil(() => n >= 3, { timeout: '1m' })).toBe(true);
    expect(loop.clock.now()).toBe(3000);
  });

  it('runUntil gives up at the timeout and leaves the clock there', () => {
    const loop = make();
    expect(loop.runUntil(() => false, { timeout: '90s' })).toBe(false);
    expect(loop.clock.now()).toBe(90_000);
  });

  it('step moves to the next event', () => {
    const loop = make();
    loop.schedule(500, 'x', () => {});
    expect(loop.step()).toBe(true);
    expect(loop.clock.now()).toBe(500);
    expect(loop.step()).toBe(false);
  });

  it('refuses negative delays and re-entrant runs', () => {
    const loop = make();
    expect(() => loop.schedule(-1, 'x', () => {})).toThrow(/negative delay/);
    loop.schedule(0, 'outer', () => loop.step());
    loop.schedule(0, 'inner', () => {});
    expect(() => loop.settle()).toThrow(/re-entrant/);
  });
});
