import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../sim/clock.js';
import { EventLoop } from '../../sim/loop.js';
import { Controller } from './controller.js';

describe('Controller work queue', () => {
  it('de-duplicates keys and processes them in first-enqueue order', () => {
    const loop = new EventLoop(new VirtualClock());
    const seen: string[] = [];
    const c = new Controller(loop, { name: 'x', sync: (k) => void seen.push(k) });
    c.enqueue('b');
    c.enqueue('a');
    c.enqueue('b');
    expect(c.isQueued('b')).toBe(true);
    loop.settle();
    expect(seen).toEqual(['b', 'a']);
  });

  it('requeueAfter runs the key again later; an earlier enqueue wins', () => {
    const loop = new EventLoop(new VirtualClock());
    const times: number[] = [];
    const c = new Controller(loop, {
      name: 'x',
      sync: () => {
        times.push(loop.clock.now());
        return times.length < 3 ? { requeueAfterMs: 15_000 } : undefined;
      },
    });
    c.enqueue('k');
    loop.advance('1m');
    expect(times).toEqual([0, 15_000, 30_000]);
    c.enqueueAfter('k', 10_000);
    c.enqueueAfter('k', 2_000);
    loop.advance('1m');
    expect(times[3]).toBe(62_000);
    expect(times).toHaveLength(4);
  });

  it('a throwing sync is retried with exponential backoff', () => {
    const loop = new EventLoop(new VirtualClock());
    const times: number[] = [];
    const c = new Controller(loop, {
      name: 'x',
      baseBackoffMs: 1000,
      sync: () => {
        times.push(loop.clock.now());
        if (times.length < 4) throw new Error('boom');
      },
    });
    c.enqueue('k');
    loop.advance('1m');
    expect(times).toEqual([0, 1000, 3000, 7000]);
  });

  it('every ticks on the period', () => {
    const loop = new EventLoop(new VirtualClock());
    const c = new Controller(loop, { name: 'x', sync: () => {} });
    const ticks: number[] = [];
    c.every(15_000, 'resync', () => ticks.push(loop.clock.now()));
    loop.advance('50s');
    expect(ticks).toEqual([15_000, 30_000, 45_000]);
  });
});
