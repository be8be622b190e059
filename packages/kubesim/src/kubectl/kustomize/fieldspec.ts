/**
 * kustomize's field specs: a slash-separated path (`spec/template/metadata/labels`, `\/` for a
 * slash inside a key, `[]` marking a list) limited to a group, version or kind, and whether a
 * missing field is created. Lists met on the way are entered element by element; nothing is
 * created inside a list.
 * @see kustomize api/types/fieldspec.go, api/filters/fieldspec/fieldspec.go
 */
import { type Gvk, gvkSelected, isObj, type Obj } from './resource.js';

/** One field spec. */
export interface FieldSpec {
  readonly path: string;
  readonly create?: boolean;
  readonly group?: string;
  readonly version?: string;
  readonly kind?: string;
}

/** Whether `fs` applies to a resource of `gvk`. */
export function fieldSpecSelects(fs: FieldSpec, gvk: Gvk): boolean {
  return gvkSelected(gvk, fs);
}

/**
 * Visits every place `path` reaches in `obj`: `leaf(parent, key)` is called for each parent map
 * holding the last key, when that key holds a value or `create` allows making it. Missing maps
 * on the way are made when `create` is set; lists are walked, never made.
 */
export function visitField(obj: Obj, path: string, create: boolean, leaf: (parent: Obj, key: string) => void): void {
  const segs = path.split(/(?<!\\)\//).filter((s) => s !== '');
  walk(obj, segs, create, leaf);
}

function walk(node: unknown, segs: readonly string[], create: boolean, leaf: (parent: Obj, key: string) => void): void {
  if (Array.isArray(node)) {
    for (const el of node) walk(el, segs, create, leaf);
    return;
  }
  if (!isObj(node) || segs.length === 0) return;
  const isList = segs[0].endsWith('[]');
  const key = segs[0].replace(/\\\//g, '/').replace(/\[\]$/, '');
  const value = Object.hasOwn(node, key) ? node[key] : undefined;
  if (segs.length === 1) {
    if ((value === undefined || value === null) && !create) return;
    leaf(node, key);
    return;
  }
  if (value === undefined || value === null) {
    if (!create || isList) return;
    node[key] = {};
  }
  walk(node[key], segs.slice(1), create, leaf);
}

/** Sets `key` → `value` in the string map at `parent[field]`, making the map when it is missing. */
export function setInMap(parent: Obj, field: string, key: string, value: string): void {
  if (!isObj(parent[field])) parent[field] = {};
  (parent[field] as Obj)[key] = value;
}
