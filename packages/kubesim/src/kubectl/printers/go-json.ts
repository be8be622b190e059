/**
 * What Go's `encoding/json` writes for the unstructured objects kubectl prints (`-o json`,
 * JSONPath maps and lists): map keys sorted at every level.
 */

/** A copy of `value` whose object keys are in sorted order (undefined members dropped). */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(src).sort()) if (src[k] !== undefined) out[k] = sortedKeys(src[k]);
  return out;
}
