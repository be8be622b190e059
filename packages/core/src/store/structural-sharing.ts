/**
 * Structural sharing between a stored (frozen) object and a plain replacement for it: every part
 * of the replacement that is JSON-equal to the same part of the stored object becomes that stored
 * part, and the new parts are frozen. One pass does what "deep-equal, then produce" did twice, and
 * an unchanged replacement gives back the stored object itself.
 *
 * Equality is JSON equality, as the API server's no-op detection: key order is ignored and keys
 * whose value is `undefined` are absent. Object keys keep the stored order, new keys follow in
 * the replacement's order (a decoded Go struct's field order does not move either).
 */

/** `out[key] = value`, except that a `__proto__` key stays an own key instead of setting the prototype. */
export function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** A JSON object (not null, not an array). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * `next` sharing every unchanged subtree with `old`; `old` itself when they are JSON-equal.
 * @param old a frozen stored value (or undefined)
 * @param next a plain JSON value; it is not modified
 */
export function shareStructure(old: unknown, next: unknown): unknown {
  if (old === next) return old;
  if (typeof next !== 'object' || next === null) return next;
  if (Array.isArray(next)) {
    const prev = Array.isArray(old) ? old : undefined;
    let same = prev !== undefined && prev.length === next.length;
    const out = new Array<unknown>(next.length);
    for (let i = 0; i < next.length; i++) {
      const v = shareStructure(prev?.[i], next[i]);
      out[i] = v;
      if (same && v !== prev?.[i]) same = false;
    }
    return same ? old : Object.freeze(out);
  }
  const src = next as Record<string, unknown>;
  const prev = isPlainObject(old) ? old : undefined;
  const out: Record<string, unknown> = {};
  let same = prev !== undefined;
  // for…in, not Object.keys: no key array per object (plain data has no inherited keys).
  if (prev) {
    for (const k in prev) {
      const p = prev[k];
      if (p === undefined) continue;
      const n = Object.hasOwn(src, k) ? src[k] : undefined;
      if (n === undefined) {
        same = false;
        continue;
      }
      const v = shareStructure(p, n);
      setOwn(out, k, v);
      if (same && v !== p) same = false;
    }
  }
  for (const k in src) {
    const n = src[k];
    if (n === undefined || (prev !== undefined && Object.hasOwn(prev, k) && prev[k] !== undefined)) continue;
    setOwn(out, k, shareStructure(undefined, n));
    same = false;
  }
  return same ? old : Object.freeze(out);
}

/**
 * Freezes a JSON value and everything under it, skipping subtrees that are already frozen (stored
 * parts shared into a new object). A plain-data version of immer's deep `freeze`.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
  } else {
    for (const k in value) deepFreeze((value as Record<string, unknown>)[k]);
  }
  return value;
}

/**
 * A shallow copy of an object's own keys, then `extra`'s: `Object.assign({}, src, extra)` without
 * its one trap (a `__proto__` key stays an own key), and unlike `{ ...src, newKey }` fast in V8.
 */
export function copyOwn<T extends object>(src: T | undefined, extra?: Readonly<Record<string, unknown>>): T {
  const out: Record<string, unknown> = {};
  // for…in, not Object.keys: no key array per copy (plain data has no inherited keys).
  if (src) for (const k in src) setOwn(out, k, (src as Record<string, unknown>)[k]);
  if (extra) for (const k in extra) setOwn(out, k, extra[k]);
  return out as T;
}
