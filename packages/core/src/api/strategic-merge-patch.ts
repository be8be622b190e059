/**
 * Strategic merge patch, as apimachinery's `strategicpatch` applies and creates it for the
 * built-in kinds: maps merge key by key (`null` deletes), lists tagged `patchStrategy:"merge"`
 * merge element by element on their `patchMergeKey` (a list of primitives merges as a set), other
 * lists are replaced whole. The directives: `$patch: replace|delete|merge` in a map or a list
 * element, `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>` and `$retainKeys`.
 *
 * The struct tags come from the decode schemas (`decode/schema.ts`, `decode/kinds.ts`): one model
 * of the Go types. Below a field decoded loosely (`any`) every list is replaced whole.
 * @see k8s.io/apimachinery/pkg/util/strategicpatch/patch.go (StrategicMergeMapPatch, CreateTwoWayMergePatch, CreateThreeWayMergePatch)
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

/**
 * `MergeOptions`: the API server merges a patch into an object (`StrategicMergeMapPatch`: the
 * directives take effect, a `null` without a match is dropped); `CreateThreeWayMergePatch` merges
 * two patches (`$setElementOrder`, `$retainKeys`, `$deleteFromPrimitiveList` and nulls are carried
 * into the result, values are taken as they are).
 */
interface MergeOptions {
  readonly mergeParallelList: boolean;
  readonly ignoreUnmatchedNulls: boolean;
}

const SERVER_MERGE: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };
const PATCH_MERGE: MergeOptions = { mergeParallelList: false, ignoreUnmatchedNulls: false };

/** A patch value with its directives resolved against nothing (what a new field gets). */
function fresh(value: unknown, schema: Schema | undefined): unknown {
  if (isPlainObject(value)) {
    const merged = mergeMap({}, value, schema, SERVER_MERGE);
    return merged === DELETED ? undefined : merged;
  }
  if (Array.isArray(value)) return mergeValue(undefined, value, schema, undefined, SERVER_MERGE);
  return value;
}

/** A value the original lacks: resolved by the server, taken as it is when merging patches. */
function added(value: unknown, schema: Schema | undefined, options: MergeOptions): unknown {
  return options.mergeParallelList ? fresh(value, schema) : cloneData(value);
}

/** The JSON type of a value, as `reflect.TypeOf` tells decoded JSON apart. */
function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  return Array.isArray(v) ? 'array' : typeof v;
}

/**
 * Applies a strategic merge patch to `original` (a decoded object) with the struct tags of
 * `schema`, returning a new value. Throws `StrategicMergePatchError` for a malformed patch.
 */
export function applyStrategicMergePatch(original: JsonMap, patch: JsonMap, schema: Schema | undefined): JsonMap {
  const out = mergeMap(original, patch, schema, SERVER_MERGE);
  return out === DELETED ? {} : out;
}

function mergeMap(original: JsonMap, patch: JsonMap, schema: Schema | undefined, options: MergeOptions): JsonMap | typeof DELETED {
  const directive = patch[PATCH_DIRECTIVE];
  if (directive === 'delete') return DELETED;
  if (directive === 'replace') {
    const { [PATCH_DIRECTIVE]: _, ...rest } = patch;
    return mergeMap({}, rest, schema, options);
  }
  if (directive !== undefined && directive !== 'merge') throw new StrategicMergePatchError(`Unknown patch type: ${goValue(directive)} in map: ${goValue(patch)}`);
  const out: JsonMap = { ...original };
  for (const [key, value] of Object.entries(patch)) {
    if (key === PATCH_DIRECTIVE || key === RETAIN_KEYS) continue;
    if (key.startsWith(SET_ELEMENT_ORDER)) {
      if (!options.mergeParallelList) out[key] = cloneData(value);
      continue;
    }
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (options.mergeParallelList) deleteFromPrimitiveList(out, key.slice(DELETE_FROM_PRIMITIVE_LIST.length), value);
      else out[key] = cloneData(value);
      continue;
    }
    if (value === null) {
      delete out[key];
      if (!options.ignoreUnmatchedNulls) out[key] = null;
      continue;
    }
    const fieldSchema = fieldOf(schema, key);
    const order = patch[`${SET_ELEMENT_ORDER}${key}`];
    const merged = Object.hasOwn(out, key) ? mergeValue(out[key], value, fieldSchema, order, options) : added(value, fieldSchema, options);
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
  applyRetainKeysDirective(out, patch[RETAIN_KEYS], options);
  return out;
}

/** `deleteFromSlice`: the values of a `$deleteFromPrimitiveList/<field>` leave the list. */
function deleteFromPrimitiveList(out: JsonMap, field: string, values: unknown): void {
  if (!Array.isArray(values)) throw new StrategicMergePatchError(`invalid type for $deleteFromPrimitiveList/${field}: ${goValue(values)}`);
  const current = out[field];
  if (Array.isArray(current)) out[field] = current.filter((v) => !values.some((d) => deepEqual(d, v)));
}

/**
 * `applyRetainKeysDirective`: the server keeps only the listed keys; merging patches carries the
 * directive over (the first patch's wins).
 */
function applyRetainKeysDirective(out: JsonMap, retain: unknown, options: MergeOptions): void {
  if (retain === undefined) return;
  if (!options.mergeParallelList) {
    if (!Object.hasOwn(out, RETAIN_KEYS)) out[RETAIN_KEYS] = cloneData(retain);
    return;
  }
  if (!Array.isArray(retain)) throw new StrategicMergePatchError(`invalid value for $retainKeys: ${goValue(retain)}`);
  for (const key of Object.keys(out)) if (!retain.includes(key)) delete out[key];
}

function mergeValue(original: unknown, value: unknown, schema: Schema | undefined, order: unknown, options: MergeOptions): unknown {
  if (!options.mergeParallelList && jsonKind(original) !== jsonKind(value)) return cloneData(value);
  if (isPlainObject(value)) return mergeMap(isPlainObject(original) ? original : {}, value, schema, options);
  if (!Array.isArray(value)) return value;
  const tag = tagOf(schema);
  if (!tag) return options.mergeParallelList ? value.map((v) => fresh(v, elementOf(schema))) : cloneData(value);
  return mergeList(Array.isArray(original) ? original : [], value, elementOf(schema), tag, Array.isArray(order) ? order : undefined, options);
}

function mergeList(original: readonly unknown[], patch: readonly unknown[], element: Schema | undefined, tag: PatchTag, order: readonly unknown[] | undefined, options: MergeOptions): unknown[] {
  const key = tag.key;
  if (key === undefined) {
    // A set of primitives: the patch's values not yet present are appended.
    const out = [...original];
    for (const v of patch) if (!out.some((o) => deepEqual(o, v))) out.push(v);
    return order ? applyElementOrder(out, original, order, undefined) : out;
  }
  if (patch.some((e) => isPlainObject(e) && e[PATCH_DIRECTIVE] === 'replace')) {
    return patch.filter((e) => !(isPlainObject(e) && e[PATCH_DIRECTIVE] === 'replace')).map((e) => added(e, element, options));
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
    const merged = at >= 0 ? mergeMap(out[at] as JsonMap, e, element, options) : options.mergeParallelList ? mergeMap({}, e, element, options) : cloneData(e);
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
  return nonEmpty(diffMaps(original, modified, schema, {}));
}

/**
 * `CreateThreeWayMergePatch` (with overwrite, as `kubectl apply` calls it): the patch that takes
 * `current` (the live object) to `modified` (the new manifest) without undoing what others changed.
 * Additions and changes come from `current` → `modified` (deletions ignored), deletions from
 * `original` (the last applied configuration) → `modified` (additions and changes ignored); the
 * second patch is merged into the first. So a field or list element the manifest never had stays,
 * one it dropped is deleted. Undefined when there is nothing to change.
 */
export function createThreeWayMergePatch(original: JsonMap, modified: JsonMap, current: JsonMap, schema: Schema | undefined): JsonMap | undefined {
  const deltaMap = diffMaps(current, modified, schema, { ignoreDeletions: true });
  const deletionsMap = diffMaps(original, modified, schema, { ignoreChangesAndAdditions: true });
  const patch = mergeMap(deletionsMap, deltaMap, schema, PATCH_MERGE);
  return patch === DELETED ? undefined : nonEmpty(patch);
}

function nonEmpty(patch: JsonMap): JsonMap | undefined {
  return Object.keys(patch).length > 0 ? patch : undefined;
}

/** `DiffOptions` (`SetElementOrder` is always on: every caller kubectl has sets it). */
interface DiffOptions {
  /** Keep only deletions (`null`, `$patch: delete`, `$deleteFromPrimitiveList`). */
  readonly ignoreChangesAndAdditions?: boolean;
  /** Keep only additions and changes. */
  readonly ignoreDeletions?: boolean;
  /** Add `$retainKeys` (the map's field or list is tagged retainKeys). */
  readonly buildRetainKeysDirective?: boolean;
}

/**
 * `diffMaps`: a (recursive) strategic merge patch that yields `modified` from `original`: added
 * and changed fields, `null` for removed ones, merged lists diffed element by element, other
 * lists replaced whole, `$retainKeys` where the field is tagged so.
 */
function diffMaps(original: JsonMap, modified: JsonMap, schema: Schema | undefined, options: DiffOptions): JsonMap {
  const patch: JsonMap = {};
  const retainKeysList: string[] = [];
  for (const [key, to] of Object.entries(modified)) {
    if (options.buildRetainKeysDirective && to !== null) retainKeysList.push(key);
    if (!Object.hasOwn(original, key)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = cloneData(to);
      continue;
    }
    const from = original[key];
    // Equal values diff to nothing whatever the options (a fast path, not a rule of its own).
    if (deepEqual(from, to)) continue;
    if (jsonKind(from) !== jsonKind(to)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = cloneData(to);
    } else if (isPlainObject(from)) handleMapDiff(key, from, to as JsonMap, patch, fieldOf(schema, key), options);
    else if (Array.isArray(from)) handleSliceDiff(key, from, to as unknown[], patch, fieldOf(schema, key), options);
    else replacePatchFieldIfNotEqual(key, from, to, patch, options);
  }
  updatePatchIfMissing(original, modified, patch, options);
  if (retainKeysList.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalNewField(original, modified))) {
    patch[RETAIN_KEYS] = retainKeysList.sort();
  }
  return patch;
}

function handleMapDiff(key: string, from: JsonMap, to: JsonMap, patch: JsonMap, fieldSchema: Schema | undefined, options: DiffOptions): void {
  const retainKeys = fieldSchema?.t === 'struct' && fieldSchema.retainKeys === true;
  const sub = diffMaps(from, to, fieldSchema, { ...options, buildRetainKeysDirective: retainKeys });
  if (Object.keys(sub).length > 0) patch[key] = sub;
}

function handleSliceDiff(key: string, from: readonly unknown[], to: readonly unknown[], patch: JsonMap, fieldSchema: Schema | undefined, options: DiffOptions): void {
  const tag = tagOf(fieldSchema);
  if (!tag) {
    replacePatchFieldIfNotEqual(key, from, to, patch, options);
    return;
  }
  const listOptions = { ...options, buildRetainKeysDirective: tag.strategy === 'merge,retainKeys' };
  const { patchList, deleteList, setOrderList } = diffLists(from, to, elementOf(fieldSchema), tag.key, listOptions);
  if (patchList.length > 0) patch[key] = patchList;
  if (deleteList.length > 0) patch[`${DELETE_FROM_PRIMITIVE_LIST}${key}`] = deleteList;
  if (setOrderList.length > 0) patch[`${SET_ELEMENT_ORDER}${key}`] = setOrderList;
}

function replacePatchFieldIfNotEqual(key: string, from: unknown, to: unknown, patch: JsonMap, options: DiffOptions): void {
  if (!options.ignoreChangesAndAdditions && !deepEqual(from, to)) patch[key] = cloneData(to);
}

/** `updatePatchIfMissing`: `null` for the keys `modified` dropped. */
function updatePatchIfMissing(original: JsonMap, modified: JsonMap, patch: JsonMap, options: DiffOptions): void {
  if (options.ignoreDeletions) return;
  for (const key of Object.keys(original)) if (!Object.hasOwn(modified, key)) patch[key] = null;
}

/** Whether `original` has a non-null key `modified` lacks (a field `$retainKeys` would clear). */
function hasAdditionalNewField(original: JsonMap, modified: JsonMap): boolean {
  return Object.entries(original).some(([key, v]) => v !== null && !Object.hasOwn(modified, key));
}

interface ListDiff {
  readonly patchList: unknown[];
  readonly deleteList: unknown[];
  readonly setOrderList: unknown[];
}

/**
 * `diffLists` of a merged list: the element patches (deletions last, as `$patch: delete`), the
 * `$deleteFromPrimitiveList` values of a list of primitives, and the `$setElementOrder` list when
 * the content or the order changed. A list that was empty is sent whole.
 */
function diffLists(original: readonly unknown[], modified: readonly unknown[], element: Schema | undefined, mergeKey: string | undefined, options: DiffOptions): ListDiff {
  if (original.length === 0) {
    if (modified.length === 0 || options.ignoreChangesAndAdditions) return { patchList: [], deleteList: [], setOrderList: [] };
    return { patchList: cloneData([...modified]), deleteList: [], setOrderList: [] };
  }
  return mergeKey === undefined ? diffListsOfScalars(original, modified, options) : diffListsOfMaps(original, modified, element, mergeKey, options);
}

/** Go's `%v` of a merge key or scalar, what the diff sorts and matches list values by. */
function scalarString(v: unknown): string {
  return typeof v === 'string' ? v : goValue(v);
}

function byScalarString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function diffListsOfMaps(original: readonly unknown[], modified: readonly unknown[], element: Schema | undefined, mergeKey: string, options: DiffOptions): ListDiff {
  const keyOf = (v: unknown) => mergeKeyValue(v, mergeKey);
  const sorted = (list: readonly unknown[]) => [...list].sort((a, b) => byScalarString(scalarString(keyOf(a)), scalarString(keyOf(b)))) as JsonMap[];
  const from = sorted(original);
  const to = sorted(modified);
  const patchList: JsonMap[] = [];
  const deleteList: JsonMap[] = [];
  let i = 0;
  let j = 0;
  while (i < from.length || j < to.length) {
    const o = i < from.length ? scalarString(keyOf(from[i])) : undefined;
    const m = j < to.length ? scalarString(keyOf(to[j])) : undefined;
    if (o !== undefined && o === m) {
      const sub = diffMaps(from[i], to[j], element, options);
      if (Object.keys(sub).length > 0) patchList.push({ ...sub, [mergeKey]: cloneData(to[j][mergeKey]) });
      i++;
      j++;
    } else if (o === undefined || (m !== undefined && o > m)) {
      if (!options.ignoreChangesAndAdditions) patchList.push(cloneData(to[j]));
      j++;
    } else {
      if (!options.ignoreDeletions) deleteList.push({ [mergeKey]: cloneData(from[i][mergeKey]), [PATCH_DIRECTIVE]: 'delete' });
      i++;
    }
  }
  const elements = [...normalizeSliceOrder(patchList, modified, keyOf), ...deleteList];
  const orderSame = original.length === modified.length && original.every((o, k) => deepEqual(keyOf(o), keyOf(modified[k])));
  const setOrder = (!options.ignoreChangesAndAdditions && (elements.length > 0 || !orderSame)) || (!options.ignoreDeletions && elements.length > 0);
  return { patchList: elements, deleteList: [], setOrderList: setOrder ? modified.map((m) => ({ [mergeKey]: cloneData(keyOf(m)) })) : [] };
}

/** The merge key of a merged list's element; apimachinery's error when it has none. */
function mergeKeyValue(v: unknown, mergeKey: string): unknown {
  if (!isPlainObject(v)) throw new StrategicMergePatchError(`expected a map, but got ${goValue(v)}`);
  if (!Object.hasOwn(v, mergeKey)) throw new StrategicMergePatchError(`map: ${goValue(v)} does not contain declared merge key: ${mergeKey}`);
  return v[mergeKey];
}

function diffListsOfScalars(original: readonly unknown[], modified: readonly unknown[], options: DiffOptions): ListDiff {
  const sorted = (list: readonly unknown[]) => [...list].sort((a, b) => byScalarString(scalarString(a), scalarString(b)));
  const from = sorted(original);
  const to = sorted(modified);
  const addList: unknown[] = [];
  const deletionList: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < from.length || j < to.length) {
    const o = i < from.length ? scalarString(from[i]) : undefined;
    const m = j < to.length ? scalarString(to[j]) : undefined;
    if (o !== undefined && o === m) {
      i++;
      j++;
    } else if (o === undefined || (m !== undefined && o > m)) {
      if (!options.ignoreChangesAndAdditions) addList.push(to[j]);
      j++;
    } else {
      if (!options.ignoreDeletions) deletionList.push(from[i]);
      i++;
    }
  }
  const deleteList = deduplicateScalars(deletionList);
  const setOrder = (!options.ignoreDeletions && deleteList.length > 0) || (!options.ignoreChangesAndAdditions && !deepEqual(original, modified));
  return { patchList: normalizeSliceOrder(addList, modified, (v) => v), deleteList, setOrderList: setOrder ? cloneData([...modified]) : [] };
}

/** `normalizeSliceOrder`: `list` in the order its elements have in `order` (stable). */
function normalizeSliceOrder<T>(list: readonly T[], order: readonly unknown[], id: (v: unknown) => unknown): T[] {
  const indexIn = (v: T) => order.findIndex((o) => deepEqual(id(o), id(v)));
  return [...list].sort((a, b) => indexIn(a) - indexIn(b));
}

/** `deduplicateScalars`, with its swap-with-last removal. */
function deduplicateScalars(list: unknown[]): unknown[] {
  const s = [...list];
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (deepEqual(s[i], s[j])) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}
