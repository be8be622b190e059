/**
 * `patches`, `patchesStrategicMerge` and `patchesJson6902`: strategic merge patches as kyaml's
 * merge2 applies them (maps merged, `null` deletes, `$patch: delete|replace`, lists of known
 * Kubernetes types merged by their merge key with the patch's elements first, other lists
 * replaced) and RFC 6902 JSON patches, on the resource a patch names or on a target selection.
 * @remarks The merge keys are those of the common pod and Service lists (kyaml reads them from
 * the OpenAPI schema, `x-kubernetes-patch-merge-key`); lists of custom resources are replaced, as
 * kyaml does without a schema. A patch's configuration errors (`patch and path can't be set at
 * the same time`) are given without the configuration dump kustomize appends.
 * @see kustomize api/builtins/PatchTransformer.go, PatchStrategicMergeTransformer.go,
 *   PatchJson6902Transformer.go, api/resource/resource.go (ApplySmPatch), api/resmap/reswrangler.go
 *   (Select, ApplySmPatch), kyaml/yaml/merge2, kyaml/yaml/walk/associative_sequence.go,
 *   api/filters/patchstrategicmerge (MergeOptionsListPrepend)
 */
import { applyJsonPatch, cloneData, type JsonPatchOp, ManifestError, parseYamlDocuments } from '@kubesim/core';
import { parseLabelSelector } from '../selectors.js';
import type { Loader } from './loader.js';
import type { PatchArgs, Selector } from './load.js';
import { effectiveNamespace, idEquals, idString, isObj, KustomizeError, type Obj, parseGroupVersion, type ResId, type Res } from './resource.js';

/** A loaded patch: strategic merge documents or JSON patch operations. */
type LoadedPatch = { readonly kind: 'smp'; readonly docs: readonly Obj[] } | { readonly kind: 'json'; readonly ops: readonly JsonPatchOp[]; readonly text: string };

/** The YAML documents of a patch text, or undefined when it does not parse. */
function documents(text: string): unknown[] | undefined {
  try {
    const docs = parseYamlDocuments(text);
    return docs.some((d) => d.error) ? undefined : docs.map((d) => d.value);
  } catch (e) {
    if (e instanceof ManifestError) return undefined;
    throw e;
  }
}

/** `PatchTransformer.Config`: which kind of patch `text` is. */
function loadPatch(text: string): LoadedPatch {
  const docs = documents(text);
  if (docs && docs.length > 0 && docs.every(isObj)) return { kind: 'smp', docs };
  if (docs && docs.length === 1 && Array.isArray(docs[0]) && docs[0].every((op) => isObj(op) && typeof op.op === 'string')) {
    return { kind: 'json', ops: docs[0] as JsonPatchOp[], text };
  }
  throw new KustomizeError(`unable to parse SM or JSON patch from ${text}`);
}

/** The patch text of a `patches` entry: inline, or read from its path. */
function patchText(args: PatchArgs, ldr: Loader): string {
  const inline = args.patch.trim();
  if (inline === '' && args.path === '') throw new KustomizeError('must specify one of patch and path in');
  if (inline !== '' && args.path !== '') throw new KustomizeError("patch and path can't be set at the same time");
  return args.path !== '' ? ldr.load(args.path) : inline;
}

/** The id a strategic merge patch names (its own apiVersion, kind, name and namespace). */
function patchId(doc: Obj): ResId {
  const meta = isObj(doc.metadata) ? doc.metadata : {};
  const { group, version } = parseGroupVersion(typeof doc.apiVersion === 'string' ? doc.apiVersion : '');
  return {
    gvk: { group, version, kind: typeof doc.kind === 'string' ? doc.kind : '' },
    name: typeof meta.name === 'string' ? meta.name : '',
    namespace: typeof meta.namespace === 'string' ? meta.namespace : '',
  };
}

/** `GetById` over every id a resource had, for a patch without a target. */
function patchTarget(resources: readonly Res[], doc: Obj): Res {
  const id = patchId(doc);
  const matches = resources.filter((r) => r.allIds().some((x) => idEquals(x, id)));
  if (matches.length === 1) return matches[0];
  const s = idString(id);
  const why = matches.length === 0 ? `no matches for Id ${s}` : `multiple matches for Id ${s}`;
  throw new KustomizeError(`no resource matches strategic merge patch ${JSON.stringify(s)}: ${why}; failed to find unique target for patch ${s}`);
}

/** An anchored regular expression of a selector field (empty: anything). */
function selectorMatch(pattern: string | undefined, value: string): boolean {
  if (!pattern) return true;
  return new RegExp(`^(?:${pattern})$`).test(value);
}

/** `ResMap.Select`: namespace and name (original or current), gvk, label and annotation selectors. */
export function selectTargets(resources: readonly Res[], target: Selector): Res[] {
  let labels: ((l: Record<string, string>) => boolean) | undefined;
  let annotations: ((l: Record<string, string>) => boolean) | undefined;
  try {
    if (target.labelSelector) labels = parseLabelSelector(target.labelSelector);
    if (target.annotationSelector) annotations = parseLabelSelector(target.annotationSelector);
  } catch (e) {
    throw new KustomizeError((e as Error).message.replace(/^error: /, ''));
  }
  return resources.filter((r) => {
    const cur = r.curId();
    const org = r.orgId();
    if (!selectorMatch(target.namespace, effectiveNamespace(org)) && !selectorMatch(target.namespace, effectiveNamespace(cur))) return false;
    if (!selectorMatch(target.name, org.name) && !selectorMatch(target.name, cur.name)) return false;
    const gvk = r.gvk;
    if (!selectorMatch(target.group, gvk.group) || !selectorMatch(target.version, gvk.version) || !selectorMatch(target.kind, gvk.kind)) return false;
    if (labels && !labels(r.stringMap('labels'))) return false;
    return !annotations || annotations(r.stringMap('annotations'));
  });
}

/**
 * Applies `patches` entries in order (`patchesJson6902` with `jsonOnly`); returns the resources
 * left (a patch may delete one).
 */
export function applyPatches(resources: Res[], patches: readonly PatchArgs[], ldr: Loader, jsonOnly = false): Res[] {
  let out = resources;
  for (const args of patches) {
    const text = patchText(args, ldr);
    const patch = loadPatch(text);
    if (jsonOnly && patch.kind === 'smp') throw new KustomizeError(`decoding ${text}: json: cannot unmarshal object into Go value of type jsonpatch.Patch`);
    if (patch.kind === 'json') {
      if (!args.target) throw new KustomizeError(`must specify a target for JSON patch ${patch.text}`);
      for (const res of selectTargets(out, args.target)) applyJson(res, patch.ops);
      continue;
    }
    for (const doc of patch.docs) {
      const targets = args.target ? selectTargets(out, args.target) : [patchTarget(out, doc)];
      out = applySmpTo(out, targets, doc, args.options);
    }
  }
  return out;
}

/** `patchesStrategicMerge`: each entry an inline patch or a file of patches, each naming its target. */
export function applyStrategicMergePatches(resources: Res[], entries: readonly string[], ldr: Loader): Res[] {
  let out = resources;
  for (const entry of entries) {
    // As kustomize: the entry is first tried as an inline patch, then as a path.
    const inline = documents(entry);
    const docs = inline && inline.length > 0 && inline.every(isObj) ? inline : documents(ldr.load(entry));
    if (!docs?.every(isObj)) throw new KustomizeError(`unable to parse SM patch from ${entry}`);
    for (const doc of docs) out = applySmpTo(out, [patchTarget(out, doc)], doc, {});
  }
  return out;
}

/** A JSON patch on one resource (its id recorded first, as `transformJson6902`). */
function applyJson(res: Res, ops: readonly JsonPatchOp[]): void {
  res.storePreviousId();
  try {
    res.obj = applyJsonPatch(res.obj, ops) as Obj;
  } catch (e) {
    throw new KustomizeError((e as Error).message);
  }
}

/** `ResMap.ApplySmPatch`: the patch on each of `targets`; a resource the patch empties leaves the list. */
function applySmpTo(resources: Res[], targets: readonly Res[], patch: Obj, options: Readonly<Record<string, boolean>>): Res[] {
  const gone = new Set<Res>();
  for (const res of targets) {
    const { name, namespace } = res;
    const kind = res.gvk.kind;
    const nameChange = !!options.allowNameChange;
    const kindChange = !!options.allowKindChange;
    if (nameChange || kindChange) res.storePreviousId();
    // The patch takes the target's apiVersion (and keeps its own kind only when allowed).
    const merged = mergeValue(res.obj, { ...patch, apiVersion: res.obj.apiVersion }, [], kind);
    if (!isObj(merged) || Object.keys(merged).length === 0) {
      gone.add(res);
      continue;
    }
    res.obj = merged;
    if (!kindChange) res.obj.kind = kind;
    if (!nameChange) res.name = name;
    if (namespace === '') delete res.meta.namespace;
    else res.meta.namespace = namespace;
  }
  return gone.size === 0 ? resources : resources.filter((r) => !gone.has(r));
}

/** The kinds kyaml has a schema for: the built-in API groups. */
function builtinKind(apiVersion: unknown): boolean {
  const { group } = parseGroupVersion(typeof apiVersion === 'string' ? apiVersion : '');
  return group === '' || !group.includes('.') || group.endsWith('.k8s.io');
}

/** The merge key of the list at `path` (map keys from the root), when it is an associative list. */
function mergeKey(path: readonly string[], kind: string): string | undefined {
  const field = path[path.length - 1];
  const parent = path[path.length - 2];
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'env':
    case 'imagePullSecrets':
    case 'resourceClaims':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'hostAliases':
      return 'ip';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    case 'ports':
      if (parent === 'containers' || parent === 'initContainers' || parent === 'ephemeralContainers') return 'containerPort';
      return kind === 'Service' && path.length === 2 ? 'port' : undefined;
    default:
      return undefined;
  }
}

/** A patch value without its `$patch` directive. */
function withoutDirective(v: Obj): Obj {
  const { $patch: _, ...rest } = v;
  return rest;
}

/**
 * merge2's merge of `patch` into `dest`; undefined deletes the field. `kind` (with the root's
 * apiVersion) tells whether lists have merge keys.
 */
function mergeValue(dest: unknown, patch: unknown, path: readonly string[], kind: string, schema = true): unknown {
  if (patch === null) return undefined;
  if (isObj(patch)) {
    if (patch.$patch === 'delete') return undefined;
    if (patch.$patch === 'replace') return cloneData(withoutDirective(patch));
    const base: Obj = isObj(dest) ? { ...dest } : {};
    const known = path.length === 0 ? builtinKind(patch.apiVersion ?? (dest as Obj | undefined)?.apiVersion) : schema;
    for (const [key, value] of Object.entries(withoutDirective(patch))) {
      const merged = mergeValue(base[key], value, [...path, key], kind, known);
      if (merged === undefined) delete base[key];
      else base[key] = merged;
    }
    return base;
  }
  if (Array.isArray(patch)) {
    const key = schema ? mergeKey(path, kind) : undefined;
    if (key === undefined || !Array.isArray(dest)) return cloneData(patch.filter((el) => !(isObj(el) && el.$patch === 'delete')));
    return mergeList(dest, patch, key, path, kind);
  }
  return patch;
}

/**
 * An associative list merged with `MergeOptionsListPrepend`: the patch's elements first (merged
 * with the list's element of the same key), then the list's other elements; an element patched
 * with `$patch: delete` (or emptied) is dropped; elements without the key stay at the end.
 */
function mergeList(dest: readonly unknown[], patch: readonly unknown[], key: string, path: readonly string[], kind: string): unknown[] {
  const keyOf = (el: unknown) => (isObj(el) && el[key] !== undefined && el[key] !== null ? String(el[key]) : undefined);
  const values: string[] = [];
  for (const el of [...patch, ...dest]) {
    const v = keyOf(el);
    if (v !== undefined && !values.includes(v)) values.push(v);
  }
  const out: unknown[] = [];
  for (const v of values) {
    const d = dest.find((el) => keyOf(el) === v);
    const p = patch.find((el) => keyOf(el) === v);
    const merged = p === undefined ? d : mergeValue(d, p, path, kind);
    if (merged === undefined || (isObj(merged) && Object.keys(merged).length === 0)) continue;
    out.push(merged);
  }
  return [...out, ...dest.filter((el) => keyOf(el) === undefined)];
}
