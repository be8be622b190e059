/**
 * What Go's `encoding/json` writes for an unstructured object (a `map[string]interface{}`): map
 * keys sorted at every level, and `<`, `>`, `&` escaped as `\u003c`, `\u003e`, `\u0026`
 * (`json.Marshal`'s and `Encoder`'s default HTML escaping).
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

const HTML_ESCAPES: Readonly<Record<string, string>> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026' };

/** Go's HTML escaping of JSON text (the characters only occur inside strings). */
export function escapeHtmlJson(json: string): string {
  return json.replace(/[<>&]/g, (c) => HTML_ESCAPES[c]);
}

/** `json.Marshal` of an unstructured value: sorted keys, compact, HTML-escaped. */
export function marshalGoJson(value: unknown): string {
  return escapeHtmlJson(JSON.stringify(sortedKeys(value)));
}
