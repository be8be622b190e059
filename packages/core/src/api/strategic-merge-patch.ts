/**
 * Strategic merge patch, as apimachinery's `strategicpatch` applies and creates it for the
 * built-in kinds: maps merge key by key (`null` deletes), lists tagged `patchStrategy:"merge"`
 * merge element by element on their `patchMergeKey` (a list of primitives merges as a set), other
 * lists are replaced whole. The directives: `$patch: replace|delete|merge` in a map or a list
 * element, `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>` and `$retainKeys`.
 *
 * The struct tags come from the decode schemas (`decode/schema.ts`, `decode/kinds.ts`): one model
 * of the Go types. Below a field decoded loosely (`any`) every list is replaced whole.
 * @see k8s.io/apimachinery/pkg/util/strategicpatch/patch.go (StrategicMergeMapPatch, CreateTwoWayMergePatch)
 */
import { isPlainObject } from '../store/structural-sharing.js';
import { cloneData } from './clone.js';
import type { PatchTag, Schema } from './decode/schema.js';
import { deepEqual } from './merge-patch.js';

type JsonMap = Record<string, unknown>;

/** The directive key in a map or list element. */
const PATCH_DIRECTIVE = '$patch';
const SET_ELEMENT_ORDER = '$setElementOrder/';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList/';
const RETAIN_KEYS = '$retainKeys';

/** A patch the API server cannot apply; its message is apimachinery's. */
export class StrategicMergePatchError extends Error {}

/** What `mergeMap` returns for a map deleted by `$patch: delete`. */
const DELETED = Symbol('deleted');

function fieldOf(schema: Schema | undefined, key: string): Schema | undefined {
  if (schema?.t === 'struct') return schema.fields[key];
  if (schema?.t === 'map') return schema.of;
  return undefined;
}

function tagOf(schema: Schema | undefined): PatchTag | undefined {
  return schema?.t === 'array' ? schema.patch : undefined;
}

function elementOf(schema: Schema | undefined): Schema | undefined {
  return schema?.t === 'array' ? schema.of : undefined;
}

/** Go's `%v` of a JSON map, as apimachinery's errors print it (`map[name:x]`). */
function goValue(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (isPlainObject(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${goValue(v[k])}`).join(' ')}]`;
  return v === null ? '<nil>' : String(v);
}

/** A patch value with its directives resolved against nothing (what a new field gets). */
function fresh(value: unknown, schema: Schema | undefined): unknown {
  if (isPlainObject(value)) {
    const merged = mergeMap({}, value, schema);
    return merged === DELETED ? undefined : merged;
  }
  if (Array.isArray(value)) return mergeValue(undefined, value, schema, undefined);
  return value;
}

/**
 * Applies a strategic merge patch to `original` (a decoded object) with the struct tags of
 * `schema`, returning a new value. Throws `StrategicMergePatchError` for a malformed patch.
 */
export function applyStrategicMergePatch(original: JsonMap, patch: JsonMap, schema: Schema | undefined): JsonMap {
  const out = mergeMap(original, patch, schema);
  return out === DELETED ? {} : out;
}

function mergeMap(original: JsonMap, patch: JsonMap, schema: Schema | undefined): JsonMap | typeof DELETED {
  const directive = patch[PATCH_DIRECTIVE];
  if (directive === 'delete') return DELETED;
  if (directive === 'replace') {
    const { [PATCH_DIRECTIVE]: _, ...rest } = patch;
    return mergeMap({}, rest, schema);
  }
  if (directive !== undefined && directive !== 'merge') throw new StrategicMergePatchError(`Unknown patch type: ${goValue(directive)} in map: ${goValue(patch)}`);
  const out: JsonMap = { ...original };
  for (const [key, value] of Object.entries(patch)) {
    if (key === PATCH_DIRECTIVE || key === RETAIN_KEYS || key.startsWith(SET_ELEMENT_ORDER)) continue;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      const field = key.slice(DELETE_FROM_PRIMITIVE_LIST.length);
      if (!Array.isArray(value)) throw new StrategicMergePatchError(`invalid type for $deleteFromPrimitiveList/${field}: ${goValue(value)}`);
      const current = out[field];
      if (Array.isArray(current)) out[field] = current.filter((v) => !value.some((d) => deepEqual(d, v)));
      continue;
    }
    if (value === null) {
      delete out[key];
      continue;
    }
    const fieldSchema = fieldOf(schema, key);
    const order = patch[`${SET_ELEMENT_ORDER}${key}`];
    const merged = Object.hasOwn(out, key) ? mergeValue(out[key], value, fieldSchema, order) : fresh(value, fieldSchema);
    if (merged === undefined || merged === DELETED) delete out[key];
    else out[key] = merged;
  }
  // An order for a list the patch does not otherwise change reorders what the object has.
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const field = key.slice(SET_ELEMENT_ORDER.length);
    if (Object.hasOwn(patch, field) || !Array.isArray(out[field]) || !Array.isArray(order)) continue;
    out[field] = applyElementOrder(out[field] as unknown[], out[field] as unknown[], order, tagOf(fieldOf(schema, field))?.key);
  }
  const retain = patch[RETAIN_KEYS];
  if (retain !== undefined) {
    if (!Array.isArray(retain)) throw new StrategicMergePatchError(`invalid value for $retainKeys: ${goValue(retain)}`);
    for (const key of Object.keys(out)) if (!retain.includes(key)) delete out[key];
  }
  return out;
}

function mergeValue(original: unknown, value: unknown, schema: Schema | undefined, order: unknown): unknown {
  if (isPlainObject(value)) return mergeMap(isPlainObject(original) ? original : {}, value, schema);
  if (!Array.isArray(value)) return value;
  const tag = tagOf(schema);
  if (!tag) return value.map((v) => fresh(v, elementOf(schema)));
  return mergeList(Array.isArray(original) ? original : [], value, elementOf(schema), tag, Array.isArray(order) ? order : undefined);
}

function mergeList(original: readonly unknown[], patch: readonly unknown[], element: Schema | undefined, tag: PatchTag, order: readonly unknown[] | undefined): unknown[] {
  const key = tag.key;
  if (key === undefined) {
    // A set of primitives: the patch's values not yet present are appended.
    const out = [...original];
    for (const v of patch) if (!out.some((o) => deepEqual(o, v))) out.push(v);
    return order ? applyElementOrder(out, original, order, undefined) : out;
  }
  if (patch.some((e) => isPlainObject(e) && e[PATCH_DIRECTIVE] === 'replace')) {
    return patch.filter((e) => !(isPlainObject(e) && e[PATCH_DIRECTIVE] === 'replace')).map((e) => fresh(e, element));
  }
  const out: unknown[] = [...original];
  for (const e of patch) {
    if (!isPlainObject(e)) throw new StrategicMergePatchError(`unable to find api field in struct ${goValue(e)} for the json field`);
    if (!Object.hasOwn(e, key)) throw new StrategicMergePatchError(`map: ${goValue(e)} does not contain declared merge key: ${key}`);
    const at = out.findIndex((o) => isPlainObject(o) && deepEqual(o[key], e[key]));
    if (e[PATCH_DIRECTIVE] === 'delete') {
      for (let i = out.length - 1; i >= 0; i--) if (isPlainObject(out[i]) && deepEqual((out[i] as JsonMap)[key], e[key])) out.splice(i, 1);
      continue;
    }
    const merged = mergeMap(at >= 0 ? (out[at] as JsonMap) : {}, e, element);
    if (merged === DELETED) {
      if (at >= 0) out.splice(at, 1);
    } else if (at >= 0) out[at] = merged;
    else out.push(merged);
  }
  return order ? applyElementOrder(out, original, order, key) : out;
}

/**
 * `normalizeElementOrder`: the elements `$setElementOrder` names, in its order, interleaved with
 * the others (server-only) in the order the object had them (`mergeSortedSlice`).
 */
function applyElementOrder(merged: readonly unknown[], original: readonly unknown[], order: readonly unknown[], key: string | undefined): unknown[] {
  const id = (v: unknown) => (key !== undefined && isPlainObject(v) ? v[key] : v);
  const indexIn = (list: readonly unknown[], v: unknown) => list.findIndex((x) => deepEqual(id(x), id(v)));
  const patched = merged.filter((v) => indexIn(order, v) >= 0).sort((a, b) => indexIn(order, a) - indexIn(order, b));
  const serverOnly = merged.filter((v) => indexIn(order, v) < 0).sort((a, b) => indexIn(original, a) - indexIn(original, b));
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patched.length) {
    if (j >= patched.length) out.push(serverOnly[i++]);
    else if (i >= serverOnly.length) out.push(patched[j++]);
    else {
      const li = indexIn(original, serverOnly[i]);
      const ri = indexIn(original, patched[j]);
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]);
      else out.push(patched[j++]);
    }
  }
  return out;
}

/**
 * `CreateTwoWayMergePatch`: the patch that turns `original` into `modified` (what `kubectl edit`
 * sends): changed fields, `null` for removed ones, merged lists as element patches with the
 * merge key, `$patch: delete` for removed elements and `$setElementOrder` when a merged list
 * changed. Undefined when they are equal.
 */
export function createTwoWayMergePatch(original: JsonMap, modified: JsonMap, schema: Schema | undefined): JsonMap | undefined {
  const patch = diffMaps(original, modified, schema);
  return Object.keys(patch).length > 0 ? patch : undefined;
}

function diffMaps(original: JsonMap, modified: JsonMap, schema: Schema | undefined): JsonMap {
  const patch: JsonMap = {};
  for (const key of Object.keys(original)) if (!Object.hasOwn(modified, key)) patch[key] = null;
  for (const [key, to] of Object.entries(modified)) {
    const from = original[key];
    const fieldSchema = fieldOf(schema, key);
    if (Object.hasOwn(original, key) && deepEqual(from, to)) continue;
    if (isPlainObject(from) && isPlainObject(to)) {
      const sub = diffMaps(from, to, fieldSchema);
      if (Object.keys(sub).length > 0) patch[key] = withRetainKeys(sub, to, fieldSchema?.t === 'struct' && fieldSchema.retainKeys === true);
      continue;
    }
    const tag = tagOf(fieldSchema);
    if (tag && Array.isArray(to) && (Array.isArray(from) || !Object.hasOwn(original, key))) {
      diffList(patch, key, Array.isArray(from) ? from : [], to, elementOf(fieldSchema), tag);
      continue;
    }
    patch[key] = cloneData(to);
  }
  return patch;
}

/** `$retainKeys` (the modified map's keys, sorted) on a changed map whose field is tagged retainKeys. */
function withRetainKeys(patch: JsonMap, modified: JsonMap, retain: boolean): JsonMap {
  return retain ? { [RETAIN_KEYS]: Object.keys(modified).sort(), ...patch } : patch;
}

function diffList(patch: JsonMap, field: string, from: readonly unknown[], to: readonly unknown[], element: Schema | undefined, tag: PatchTag): void {
  const key = tag.key;
  if (key === undefined) {
    const added = to.filter((v) => !from.some((f) => deepEqual(f, v)));
    const deleted = from.filter((v) => !to.some((t) => deepEqual(t, v)));
    if (added.length > 0) patch[field] = cloneData(added);
    if (deleted.length > 0) patch[`${DELETE_FROM_PRIMITIVE_LIST}${field}`] = cloneData(deleted);
    patch[`${SET_ELEMENT_ORDER}${field}`] = cloneData(to);
    return;
  }
  const idOf = (v: unknown) => (isPlainObject(v) ? v[key] : undefined);
  const find = (list: readonly unknown[], id: unknown) => list.find((v) => deepEqual(idOf(v), id));
  const elements: unknown[] = [];
  for (const m of to) {
    const o = find(from, idOf(m));
    if (o === undefined || !isPlainObject(o) || !isPlainObject(m)) {
      elements.push(cloneData(m));
      continue;
    }
    const sub = diffMaps(o, m, element);
    if (Object.keys(sub).length > 0) elements.push(withRetainKeys({ ...sub, [key]: cloneData(m[key]) }, m, tag.strategy === 'merge,retainKeys'));
  }
  for (const o of from) if (find(to, idOf(o)) === undefined) elements.push({ [PATCH_DIRECTIVE]: 'delete', [key]: cloneData(idOf(o)) });
  if (elements.length > 0) patch[field] = elements;
  patch[`${SET_ELEMENT_ORDER}${field}`] = to.map((m) => ({ [key]: cloneData(idOf(m)) }));
}
