import fc from 'fast-check';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { fnv32a, Rng } from './rng.js';

const draw = (r: Rng, n = 8) => Array.from({ length: n }, () => r.int(0, 1_000_000));

describe('Rng', () => {
  it('is reproducible for a seed', () => {
    expect(draw(new Rng(42))).toEqual(draw(new Rng(42)));
    expect(draw(new Rng(42))).not.toEqual(draw(new Rng(43)));
  });

  it('forks independent streams by label, not by position', () => {
    const a = new Rng(7);
    const before = draw(a.fork('scheduler'));
    const b = new Rng(7);
    draw(b, 100); // drawing from the parent does not shift a child
    draw(b.fork('ebs'), 100); // nor does drawing from a sibling
    expect(draw(b.fork('scheduler'))).toEqual(before);
    expect(draw(new Rng(7).fork('ebs'))).not.toEqual(before);
  });

  it('makes names from an alphabet, hex and uuids of the right shape', () => {
    const r = new Rng(1);
    expect(r.string('bcdfghjklmnpqrstvwxz2456789', 5)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(r.hex(17)).toMatch(/^[0-9a-f]{17}$/);
    expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('int stays in range and pick covers the items', () => {
    const r = new Rng(3);
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const v = r.int(2, 4);
      expect(v >= 2 && v <= 4).toBe(true);
      seen.add(r.pick(['a', 'b', 'c']));
      const f = r.float();
      expect(f >= 0 && f < 1).toBe(true);
    }
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
  });

  it('int draws exactly what pure-rand uniformInt draws from the same generator', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 2 ** 33 })), { maxLength: 50 }), (seed, ranges) => {
        const r = new Rng(seed);
        const g = xoroshiro128plus(seed | 0);
        for (const [min, span] of ranges) expect(r.int(min, min + span)).toBe(uniformInt(g, min, min + span));
      }),
    );
  });

  it('fnv32a matches the FNV-1a reference values', () => {
    expect(fnv32a('')).toBe(0x811c9dc5);
    expect(fnv32a('a')).toBe(0xe40c292c);
    expect(fnv32a('foobar')).toBe(0xbf9cf968);
  });
});
