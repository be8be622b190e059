/**
 * The Go library behaviour the `kubectl create` generators share: Go's `%q` quoting,
 * `encoding/json`'s string escaping, and kubectl's `--append-hash` name suffix. (apimachinery's
 * key and name checks come from `@kubesim/core`.)
 * @see kubectl pkg/util/hash/hash.go, Go strconv.Quote, encoding/json
 */
import { createHash } from 'node:crypto';

const hex = (c: number, width: number) => c.toString(16).padStart(width, '0');

/** Go's `%q` (`strconv.Quote`). */
export function goQuote(s: string): string {
  const named: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (named[ch]) out += named[ch];
    else if (c < 0x20 || c === 0x7f) out += `\\x${hex(c, 2)}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else if (ch !== ' ' && /[\p{C}\p{Z}]/u.test(ch)) out += c > 0xffff ? `\\U${hex(c, 8)}` : `\\u${hex(c, 4)}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A string as Go's `encoding/json` writes it (HTML-safe: `<`, `>`, `&` escaped). */
export function goJsonString(s: string): string {
  const named: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (named[ch]) out += named[ch];
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += `\\u${hex(c, 4)}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

/** `json.Marshal` of nested `map[string]…` values with string leaves (keys sorted); `null` for a nil map. */
export function goJsonMap(value: Record<string, unknown> | null): string {
  if (value === null) return 'null';
  const members = Object.keys(value)
    .sort()
    .map((k) => {
      const v = value[k];
      return `${goJsonString(k)}:${typeof v === 'string' ? goJsonString(v) : goJsonMap(v as Record<string, unknown> | null)}`;
    });
  return `{${members.join(',')}}`;
}

/**
 * `encodeHash(hash(encoded))`: the first ten hex digits of the SHA-256, with `0 1 3 a e` mapped
 * to `g h k m t` so that no words form.
 */
export function nameHash(encoded: string): string {
  const map: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  const digest = createHash('sha256').update(encoded, 'utf8').digest('hex');
  return [...digest.slice(0, 10)].map((c) => map[c] ?? c).join('');
}

/** `hash.ConfigMapHash`: kind, name, data and (when not empty) binaryData. */
export function configMapHash(name: string, data: Record<string, string>, binaryData: Record<string, string>): string {
  return nameHash(goJsonMap({ kind: 'ConfigMap', name, data, ...(Object.keys(binaryData).length > 0 ? { binaryData } : {}) }));
}

/** `hash.SecretHash`: kind, name, type and data (base64 values, as `[]byte` marshals). */
export function secretHash(name: string, type: string, data: Record<string, string>): string {
  return nameHash(goJsonMap({ kind: 'Secret', name, type, data }));
}

/** Base64 of a string's UTF-8 bytes (a `[]byte` field on the wire). */
export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
