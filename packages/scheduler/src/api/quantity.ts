/**
 * Parses `resource.Quantity` strings into numbers: CPU in millicores, everything else in units.
 *
 * @remarks Binary (Ki…Ei), decimal (k, M…E, m) suffixes and exponents; rounds up like `MilliValue()`.
 * @see apimachinery pkg/api/resource/quantity.go
 */

const SUFFIX: Readonly<Record<string, number>> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const QUANTITY = /^([+-]?[0-9.]+)(?:([eE][+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/;
const cache = new Map<string, number>();

/** The value of a quantity in base units (bytes, cores, count). Throws on malformed input. */
export function parseQuantity(q: string | number): number {
  if (typeof q === 'number') return q;
  const hit = cache.get(q);
  if (hit !== undefined) return hit;
  const m = QUANTITY.exec(q.trim());
  if (!m) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
  const value = m[2] ? Number(m[1] + m[2]) : Number(m[1]) * SUFFIX[m[3] ?? ''];
  if (cache.size < 10_000) cache.set(q, value);
  return value;
}

/** `Quantity.MilliValue()`: thousandths, rounded up. */
export function milliValue(q: string | number): number {
  return Math.ceil(Math.round(parseQuantity(q) * 1e6) / 1e3);
}

/** `Quantity.Value()`: whole units, rounded up. */
export function intValue(q: string | number): number {
  return Math.ceil(parseQuantity(q) - 1e-9);
}
