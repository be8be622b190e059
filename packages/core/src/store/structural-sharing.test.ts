import { freeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { applyMergePatch } from '../api/merge-patch.js';
import { copyOwn, shareStructure } from './structural-sharing.js';

const stored = freeze({ a: 1, spec: { x: [1, 2], y: { z: 'q' } }, status: { phase: 'Running' } }, true);

describe('shareStructure', () => {
  it('returns the stored value for a JSON-equal replacement (key order and undefined ignored)', () => {
    const next = { status: { phase: 'Running' }, spec: { y: { z: 'q' }, x: [1, 2], gone: undefined }, a: 1 };
    expect(shareStructure(stored, next)).toBe(stored);
  });

  it('shares unchanged subtrees, freezes the new parts and keeps the stored key order', () => {
    const next = { status: { phase: 'Failed' }, spec: { x: [1, 2], y: { z: 'q' } }, a: 1, extra: { k: [true] } };
    const out = shareStructure(stored, next) as typeof stored & { extra: { k: boolean[] } };
    expect(out).not.toBe(stored);
    expect(out.spec).toBe(stored.spec);
    expect(out.status).toEqual({ phase: 'Failed' });
    expect(Object.keys(out)).toEqual(['a', 'spec', 'status', 'extra']);
    expect(Object.isFrozen(out) && Object.isFrozen(out.status) && Object.isFrozen(out.extra.k)).toBe(true);
    expect(next.status).not.toBe(out.status);
  });

  it('drops removed keys and notices changed array lengths and types', () => {
    const out = shareStructure(stored, { a: 1, spec: { x: [1], y: 'flat' } }) as Record<string, unknown>;
    expect(out).toEqual({ a: 1, spec: { x: [1], y: 'flat' } });
    expect(shareStructure([1, 2], [1, 2, 3])).toEqual([1, 2, 3]);
    expect(shareStructure({ a: [] }, { a: {} })).toEqual({ a: {} });
  });

  it('treats keys named like Object.prototype members as plain data keys', () => {
    const stored = freeze({ data: { constructor: 'a', toString: 'b' } }, true);
    expect(shareStructure(stored, { data: { toString: 'b' } })).toEqual({ data: { toString: 'b' } });
    expect(shareStructure(freeze({ data: {} }, true), { data: { constructor: 'c', valueOf: 'd' } })).toEqual({ data: { constructor: 'c', valueOf: 'd' } });
    const withProto = shareStructure({}, JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(Object.getOwnPropertyNames(withProto)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('copyOwn and merge patches keep a __proto__ key as data, never as the prototype', () => {
    const src = JSON.parse('{"a": 1, "__proto__": {"polluted": true}}');
    const copy = copyOwn(src, { b: 2 }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['a', '__proto__', 'b']);
    const merged = applyMergePatch({ a: 1 }, JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect((merged as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.keys(merged)).toEqual(['a', '__proto__']);
  });
});
