/**
 * Storage quantity arithmetic: bytes from a quantity string and whole-GiB rounding.
 * @see apimachinery pkg/api/resource/quantity.go; ebs-csi pkg/util/util.go RoundUpBytes
 */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, m: 1e-3 };

/** One GiB in bytes. */
export const GIB = 2 ** 30;

/** Bytes of a quantity (`1Gi`, `500M`, `1e9`); undefined when it does not parse. */
export function parseBytes(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  if (typeof q === 'number') return q;
  const m = /^([+-]?[0-9.]+)([eE][-+]?[0-9]+|[KMGTPE]i|[kMGTPEm]?)$/.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (Number.isNaN(n)) return undefined;
  const suffix = m[2];
  if (/^[eE]/.test(suffix)) return n * 10 ** Number(suffix.slice(1));
  const mult = BINARY[suffix] ?? DECIMAL[suffix];
  return mult === undefined ? undefined : Math.ceil(n * mult);
}

/** Whole GiB, rounded up (`RoundUpBytes` / `BytesToGiB`). */
export function roundUpGiB(bytes: number): number {
  return Math.ceil(bytes / GIB);
}

/** `<n>Gi` quantity string. */
export function gibQuantity(gib: number): string {
  return `${gib}Gi`;
}
