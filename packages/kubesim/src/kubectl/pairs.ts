/**
 * `KEY=VALUE` arguments as kubectl's commands parse them (`kubectl run --annotations`, the
 * `NAME=IMAGE` pairs of `kubectl set image`).
 * @see kubectl pkg/cmd/util/helpers.go (ParsePairs)
 */
import { clientError } from './errors.js';

/**
 * `cmdutil.ParsePairs` without removals (`supportRemove` false): `KEY=VALUE` each, split at the
 * first `=`, the last value of a key winning. A pair without `=` or starting with one is invalid;
 * the invalid ones are listed together in one error (`invalid <pairType> format: a, b`).
 */
export function parsePairs(pairs: readonly string[], pairType: string): Map<string, string> {
  const out = new Map<string, string>();
  const invalid: string[] = [];
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq > 0) out.set(p.slice(0, eq), p.slice(eq + 1));
    else invalid.push(p);
  }
  if (invalid.length > 0) throw clientError(`invalid ${pairType} format: ${invalid.join(', ')}`);
  return out;
}
