/**
 * Quota arithmetic over resource lists (`quota.Add`, `SubtractWithNonNegativeResult`, `Mask`,
 * `LessThanOrEqual`, `RemoveZeros`, `Equals`) and the texts quota errors print them in.
 * A sum keeps the format of its left side unless that side is zero (`Quantity.Add`), so the
 * used storage of `1Gi` claims prints `3Gi`.
 * @see k8s.io/apiserver pkg/quota/v1/resources.go; apimachinery pkg/api/resource/quantity.go (Add);
 *   apiserver pkg/admission/plugin/resourcequota/controller.go (prettyPrint, prettyPrintResourceNames)
 */
import { formatQuantity, parseQuantity, type Quantity } from '../api/quantity.js';

/** A resource list: resource name → quantity. */
export type ResourceList = Map<string, Quantity>;

/** A zero quantity as `resource.Quantity{Format: resource.DecimalSI}`. */
export const ZERO: Quantity = Object.freeze({ nanos: 0n, format: 'DecimalSI' });

/** A count of `n` (`resource.NewQuantity(n, resource.DecimalSI)`). */
export function count(n: number): Quantity {
  return { nanos: BigInt(n) * 1_000_000_000n, format: 'DecimalSI' };
}

/** `Quantity.Add`: the receiver's format, or the addend's when the receiver is zero. */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** A resource list from an API object's map of quantity strings (values that do not parse are skipped). */
export function fromObject(list: Readonly<Record<string, unknown>> | undefined): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of Object.entries(list ?? {})) {
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    try {
      out.set(k, parseQuantity(String(v)));
    } catch {
      // A stored list always parses; a hand-written status may not.
    }
  }
  return out;
}

/** The map of canonical strings an API object stores, keys sorted. */
export function toObject(list: ResourceList): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of [...list.keys()].sort()) out[k] = formatQuantity(list.get(k) as Quantity);
  return out;
}

/** `quota.Add`. */
export function add(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of a) {
    const other = b.get(k);
    out.set(k, other ? addQuantity(v, other) : v);
  }
  for (const [k, v] of b) if (!out.has(k)) out.set(k, v);
  return out;
}

/** `quota.SubtractWithNonNegativeResult`. */
export function subtractNonNegative(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of a) {
    const other = b.get(k);
    const nanos = other ? v.nanos - other.nanos : v.nanos;
    out.set(k, nanos > 0n ? { nanos, format: v.format } : ZERO);
  }
  for (const k of b.keys()) if (!out.has(k)) out.set(k, ZERO);
  return out;
}

/** `quota.Mask`: only the entries named in `names`. */
export function mask(list: ResourceList, names: Iterable<string>): ResourceList {
  const out: ResourceList = new Map();
  for (const n of names) {
    const v = list.get(n);
    if (v) out.set(n, v);
  }
  return out;
}

/** `quota.RemoveZeros`. */
export function removeZeros(list: ResourceList): ResourceList {
  return new Map([...list].filter(([, v]) => v.nanos !== 0n));
}

/** `quota.LessThanOrEqual`: whether every entry of `a` is within `b` (absent in `b` is unbounded), and the names that are not. */
export function lessThanOrEqual(a: ResourceList, b: ResourceList): { allowed: boolean; exceeded: string[] } {
  const exceeded: string[] = [];
  for (const [k, v] of a) {
    const limit = b.get(k);
    if (limit && v.nanos > limit.nanos) exceeded.push(k);
  }
  return { allowed: exceeded.length === 0, exceeded };
}

/** `quota.Equals`: the same names with equal values. */
export function equals(a: ResourceList, b: ResourceList): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k)?.nanos !== v.nanos) return false;
  return true;
}

/** `quota.IsNegative`: the names whose value is below zero. */
export function negativeNames(list: ResourceList): string[] {
  return [...list].filter(([, v]) => v.nanos < 0n).map(([k]) => k);
}

/** `prettyPrint`: `name=value` sorted by name, comma-separated. */
export function prettyPrint(list: ResourceList): string {
  return [...list.keys()]
    .sort()
    .map((k) => `${k}=${formatQuantity(list.get(k) as Quantity)}`)
    .join(',');
}

/** `prettyPrintResourceNames`: sorted, comma-separated. */
export function prettyPrintNames(names: Iterable<string>): string {
  return [...names].sort().join(',');
}
