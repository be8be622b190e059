import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneData } from './clone.js';

describe('cloneData', () => {
  it('equals structuredClone on JSON-shaped data and shares nothing with the input', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const c = cloneData(v);
        expect(c).toStrictEqual(structuredClone(v));
        if (typeof v === 'object' && v !== null) expect(c).not.toBe(v);
      }),
    );
  });

  it('keeps undefined values, own __proto__ keys, and hands Dates, Maps and cycles to structuredClone', () => {
    const withProto = JSON.parse('{"__proto__": {"x": 1}}');
    const c = cloneData({ a: undefined, d: new Date(0), m: new Map([[1, 2]]), p: withProto });
    expect(Object.keys(c)).toEqual(['a', 'd', 'm', 'p']);
    expect(c.d).toBeInstanceOf(Date);
    expect(c.m.get(1)).toBe(2);
    expect(Object.getOwnPropertyNames(c.p)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    const cyc: Record<string, unknown> = { n: 1 };
    cyc.self = cyc;
    const cc = cloneData(cyc);
    expect(cc.self).not.toBe(cyc);
    expect((cc.self as Record<string, unknown>).n).toBe(1);
  });
});
