/**
 * JSON merge patch (RFC 7386) and JSON patch (RFC 6902), plus the three-way JSON merge patch
 * `kubectl apply` sends for kinds without Go types.
 * @see kubectl pkg/cmd/apply/patcher.go (buildMergePatch), apimachinery pkg/util/jsonmergepatch
 */

import { copyOwn, isPlainObject, setOwn } from '../store/structural-sharing.js';
import { cloneData } from './clone.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Applies a JSON merge patch to a value, returning a new value (`null` deletes a key). */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return cloneData(patch);
  const out: Record<string, unknown> = isPlainObject(target) ? copyOwn(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else setOwn(out, key, applyMergePatch(Object.hasOwn(out, key) ? out[key] : undefined, value));
  }
  return out;
}

/** The merge patch that turns `from` into `to` (keys missing in `to` become `null`). */
export function createMergePatch(from: unknown, to: unknown): unknown {
  if (!isPlainObject(from) || !isPlainObject(to)) return deepEqual(from, to) ? undefined : cloneData(to);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(from)) if (!(key in to)) patch[key] = null;
  for (const [key, value] of Object.entries(to)) {
    if (!(key in from)) patch[key] = cloneData(value);
    else {
      const sub = createMergePatch(from[key], value);
      if (sub !== undefined) patch[key] = sub;
    }
  }
  return Object.keys(patch).length ? patch : undefined;
}

/**
 * `CreateThreeWayJSONMergePatch`, what `kubectl apply` sends for kinds without Go types (custom
 * resources): the additions and changes from `current` (the live object) to `modified` (the
 * manifest) plus the deletions (`null`s) from `original` (the last applied configuration) to
 * `modified`. Undefined when there is nothing to change. The two parts cannot conflict (one holds
 * only keys `modified` has, the other only keys it lacks), so upstream's conflict check is left out.
 * @see k8s.io/apimachinery/pkg/util/jsonmergepatch/patch.go
 */
export function createThreeWayJsonMergePatch(original: unknown, modified: unknown, current: unknown): Record<string, unknown> | undefined {
  const addAndChangePatch = keepOrDeleteNullInObj(createMergePatch(current ?? {}, modified ?? {}), false);
  const deletePatch = keepOrDeleteNullInObj(createMergePatch(original ?? {}, modified ?? {}), true);
  const patch = applyMergePatch(deletePatch, addAndChangePatch) as Record<string, unknown>;
  return Object.keys(patch).length > 0 ? patch : undefined;
}

/**
 * `keepOrDeleteNullInObj`: only the `null`s of a merge patch (`keepNull`), or all but them. An
 * explicitly empty map is a value (kept with the changes); a map left empty by the filter goes.
 */
function keepOrDeleteNullInObj(patch: unknown, keepNull: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isPlainObject(patch)) return out;
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      if (keepNull) out[key] = null;
    } else if (isPlainObject(value) && Object.keys(value).length === 0) {
      if (!keepNull) out[key] = value;
    } else if (isPlainObject(value)) {
      const sub = keepOrDeleteNullInObj(value, keepNull);
      if (Object.keys(sub).length > 0) out[key] = sub;
    } else if (!keepNull) out[key] = value;
  }
  return out;
}

/** Structural equality of JSON values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** One RFC 6902 operation. */
export interface JsonPatchOp {
  readonly op: 'add' | 'remove' | 'replace' | 'test' | 'move' | 'copy';
  readonly path: string;
  readonly value?: Json;
  readonly from?: string;
}

function parsePointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new Error(`invalid JSON pointer ${JSON.stringify(path)}`);
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function getAt(doc: unknown, tokens: string[]): unknown {
  let cur = doc;
  for (const t of tokens) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isPlainObject(cur)) cur = cur[t];
    else return undefined;
  }
  return cur;
}

/** Applies an RFC 6902 JSON patch; throws with the apiserver's wording on a bad path. */
export function applyJsonPatch(doc: unknown, ops: readonly JsonPatchOp[]): unknown {
  let out = cloneData(doc);
  for (const op of ops) {
    const tokens = parsePointer(op.path);
    if (op.op === 'test') {
      if (!deepEqual(getAt(out, tokens), op.value)) throw new Error(`testing value ${op.path} failed`);
      continue;
    }
    if (op.op === 'move' || op.op === 'copy') {
      const fromTokens = parsePointer(op.from ?? '');
      const value = cloneData(getAt(out, fromTokens));
      if (value === undefined) throw new Error(`missing value at ${op.from}`);
      if (op.op === 'move') out = removeAt(out, fromTokens, op.from ?? '');
      out = setAt(out, tokens, value, 'add', op.path);
      continue;
    }
    if (op.op === 'remove') out = removeAt(out, tokens, op.path);
    else out = setAt(out, tokens, cloneData(op.value ?? null), op.op, op.path);
  }
  return out;
}

function parentOf(doc: unknown, tokens: string[], path: string): [unknown, string] {
  const parent = getAt(doc, tokens.slice(0, -1));
  if (parent === undefined || (typeof parent !== 'object' || parent === null)) {
    throw new Error(`doc is missing path: "${path}": missing value`);
  }
  return [parent, tokens[tokens.length - 1]];
}

function setAt(doc: unknown, tokens: string[], value: unknown, op: 'add' | 'replace', path: string): unknown {
  if (tokens.length === 0) return value;
  const [parent, last] = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > parent.length) throw new Error(`add operation does not apply: doc is missing path: "${path}": missing value`);
    if (op === 'add') parent.splice(i, 0, value);
    else parent[i] = value;
  } else {
    const obj = parent as Record<string, unknown>;
    if (op === 'replace' && !(last in obj)) throw new Error(`replace operation does not apply: doc is missing key: ${path}: missing value`);
    obj[last] = value;
  }
  return doc;
}

function removeAt(doc: unknown, tokens: string[], path: string): unknown {
  const [parent, last] = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else {
    const obj = parent as Record<string, unknown>;
    if (!(last in obj)) throw new Error(`remove operation does not apply: doc is missing path: "${path}": missing value`);
    delete obj[last];
  }
  return doc;
}
