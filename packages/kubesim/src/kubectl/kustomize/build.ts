/**
 * A kustomize build as kubectl 1.33 runs it (kustomize v5.6, `krusty.Kustomizer.Run`): each
 * kustomization accumulates its resources (files and bases, recursively), runs its generators
 * and its transformers in kustomize's order; then, once for the whole build, the hash suffixes,
 * the name references, local-config removal and the legacy sort. The result is what
 * `kubectl kustomize` prints and what `apply -k` sends.
 * @see kustomize api/krusty/kustomizer.go, api/internal/target/kusttarget.go,
 *   api/internal/target/kusttarget_configplugin.go (transformer order), api/resource/factory.go
 */
import { type KubeObject, ManifestError, parseManifests, parseYamlDocuments } from '@kubesim/core';
import { KubectlError } from '../errors.js';
import type { LocalFiles } from '../local-files.js';
import type { ManifestItem } from '../manifests.js';
import { addHashSuffixes, runGenerators } from './generators.js';
import { type Kustomization, loadKustomization } from './load.js';
import { Loader } from './loader.js';
import { fixNameReferences } from './name-references.js';
import { sortResources } from './order.js';
import { applyPatches, applyStrategicMergePatches } from './patches.js';
import { resourcesYaml } from './print.js';
import { idEquals, idString, isObj, KustomizeError, NotEmulatedError, type Obj, Res, wrapError } from './resource.js';
import { applyAnnotations, applyImages, applyLabels, applyNameAffix, applyNamespace, applyReplicas, dropLocalConfig } from './transformers.js';

/** How a build runs. */
export interface BuildOptions {
  /** `--load-restrictor LoadRestrictionsRootOnly` (the default): files only in or below each root. */
  readonly rootOnly?: boolean;
  /** Receives kustomize's stderr lines (deprecation warnings), as they are printed. */
  readonly warn?: (line: string) => void;
}

/** A malformed resource file: kustomize does not then try the path as a directory. */
class MalformedYamlError extends KustomizeError {}

/** Builds the kustomization in `dir`; the resources in output order. Throws `KustomizeError`. */
export function kustomizeBuild(files: LocalFiles, dir: string, options: BuildOptions = {}): Res[] {
  const warn = options.warn ?? (() => {});
  const ldr = Loader.at(files, dir, options.rootOnly ?? true);
  const k = loadKustomization(ldr, warn);
  const resources = accumulateTarget(ldr, k, warn);
  addHashSuffixes(resources);
  fixNameReferences(resources);
  return sortResources(resources, k.sortOptions);
}

/** `kubectl kustomize DIR`'s output. */
export function kustomizeYaml(files: LocalFiles, dir: string, options: BuildOptions = {}): string {
  return resourcesYaml(kustomizeBuild(files, dir, options));
}

/**
 * What `-k DIR` gives the resource builder: the build's YAML read back as a stream whose source
 * is `DIR` (cli-runtime's `KustomizeVisitor`). Build errors come back as kubectl's `error: …`.
 */
export function kustomizeItems(files: LocalFiles, dir: string, options: BuildOptions = {}): ManifestItem[] {
  let text: string;
  try {
    text = kustomizeYaml(files, dir, options);
  } catch (e) {
    if (e instanceof KustomizeError) throw new KubectlError(`error: ${e.message}`);
    throw e;
  }
  let objects: KubeObject[];
  try {
    objects = parseManifests(text, dir);
  } catch (e) {
    if (e instanceof ManifestError) throw new KubectlError(e.message);
    throw e;
  }
  return objects.map((object) => ({ object, source: dir }));
}

/** `accumulateTarget`: resources, generators, transformers (in kustomize's order), local configs dropped. */
function accumulateTarget(ldr: Loader, k: Kustomization, warn: (line: string) => void): Res[] {
  let resources: Res[] = [];
  try {
    for (const path of k.resources) accumulateResource(ldr, path, resources, warn);
  } catch (e) {
    throw wrapError('accumulating resources', e);
  }
  for (const generated of runGenerators(k, ldr)) absorbGenerated(resources, generated);
  resources = applyStrategicMergePatches(resources, k.patchesStrategicMerge, ldr);
  resources = applyPatches(resources, k.patches, ldr);
  applyNamespace(resources, k.namespace);
  applyNameAffix(resources, k.namePrefix, 'prefix');
  applyNameAffix(resources, k.nameSuffix, 'suffix');
  applyLabels(resources, k);
  applyAnnotations(resources, k.commonAnnotations);
  resources = applyPatches(resources, k.patchesJson6902, ldr, true);
  applyReplicas(resources, k.replicas);
  applyImages(resources, k.images);
  return dropLocalConfig(resources);
}

/** `ResMap.Append`: no two resources with the same current id. */
function append(into: Res[], res: Res): void {
  if (into.some((r) => idEquals(r.curId(), res.curId()))) {
    throw new KustomizeError(`may not add resource with an already registered id: ${idString(res.curId())}`);
  }
  into.push(res);
}

/**
 * A generated ConfigMap or Secret with `behavior: create`: refused when an object has (or had)
 * its id. kustomize prints the id with Go's `%#v`, reproduced here; the generator plugin's own
 * wrapping (`merging from generator …`) is left out.
 */
function absorbGenerated(into: Res[], res: Res): void {
  const id = res.curId();
  if (into.some((r) => r.allIds().some((x) => idEquals(x, id)))) {
    const { group, version, kind } = id.gvk;
    throw new KustomizeError(
      `id resid.ResId{Gvk:resid.Gvk{Group:${JSON.stringify(group)}, Version:${JSON.stringify(version)}, Kind:${JSON.stringify(kind)}, isClusterScoped:false}, Name:${JSON.stringify(id.name)}, Namespace:${JSON.stringify(id.namespace)}} exists; behavior must be merge or replace`,
    );
  }
  into.push(res);
}

/** `accumulateResources` for one path: a file of resources, else a base directory. */
function accumulateResource(ldr: Loader, path: string, into: Res[], warn: (line: string) => void): void {
  let errF: KustomizeError;
  try {
    accumulateFile(ldr, path, into);
    return;
  } catch (e) {
    if (!(e instanceof KustomizeError) || e instanceof MalformedYamlError || e instanceof NotEmulatedError) throw e;
    errF = e;
  }
  const prefix = `accumulation err='${errF.message}'`;
  let child: Loader;
  try {
    child = ldr.child(path);
  } catch (e) {
    throw wrapError(prefix, e);
  }
  try {
    accumulateDirectory(child, into, warn);
  } catch (e) {
    throw wrapError(prefix, e);
  }
}

/** `accumulateFile`: the resources of one file appended. */
function accumulateFile(ldr: Loader, path: string, into: Res[]): void {
  let objects: Obj[];
  try {
    objects = parseResources(ldr.load(path), path);
  } catch (e) {
    if (e instanceof MalformedYamlError) throw new MalformedYamlError(`accumulating resources from '${path}': ${e.message}`);
    throw wrapError(`accumulating resources from '${path}'`, e);
  }
  try {
    for (const obj of objects) append(into, new Res(obj));
  } catch (e) {
    throw wrapError(`merging resources from '${path}'`, e);
  }
}

/** `accumulateDirectory`: a base built on its own, then merged in. */
function accumulateDirectory(child: Loader, into: Res[], warn: (line: string) => void): void {
  let k: Kustomization;
  try {
    k = loadKustomization(child, warn);
  } catch (e) {
    throw wrapError(`couldn't make target for path '${child.root.abs}'`, e);
  }
  let sub: Res[];
  try {
    sub = accumulateTarget(child, k, warn);
  } catch (e) {
    throw wrapError(`recursed accumulation of path '${child.root.abs}'`, e);
  }
  try {
    for (const res of sub) append(into, res);
  } catch (e) {
    throw wrapError(`recursed merging from path '${child.root.abs}'`, e);
  }
}

/**
 * The objects of a resource file: empty documents skipped, `*List` kinds with `items` replaced by
 * their items (queued after the file's other documents, as kustomize's factory does).
 * @remarks A YAML syntax error is reported as kustomize's `MalformedYAMLError` with the YAML
 * parser's text; kustomize's go-yaml v3 wording (and its `in File:` suffix) may differ. Scalars
 * are read as kubectl reads manifests (YAML 1.1: an unquoted `yes` or `on` is a boolean), where
 * kyaml reads YAML 1.2 (they stay strings): quote such values.
 */
function parseResources(text: string, path: string): Obj[] {
  let docs: ReturnType<typeof parseYamlDocuments>;
  try {
    docs = parseYamlDocuments(text);
  } catch (e) {
    if (e instanceof ManifestError) throw new MalformedYamlError(`MalformedYAMLError: ${e.message.replace(/^error: /, '')} in File: ${path}`);
    throw e;
  }
  const bad = docs.find((d) => d.error);
  if (bad) throw new MalformedYamlError(`MalformedYAMLError: ${bad.error} in File: ${path}`);
  const queue = docs.map((d) => d.value);
  const out: Obj[] = [];
  while (queue.length > 0) {
    const value = queue.shift();
    if (!isObj(value)) throw new KustomizeError(`wrong node kind: expected MappingNode but got ${Array.isArray(value) ? 'SequenceNode' : 'ScalarNode'}`);
    const kind = typeof value.kind === 'string' ? value.kind : '';
    if (!kind.endsWith('List') || !Object.hasOwn(value, 'items')) {
      out.push(value);
      continue;
    }
    if (value.items === null) continue;
    if (!Array.isArray(value.items)) throw new KustomizeError(`expected array in ${kind}/items`);
    queue.push(...value.items);
  }
  return out;
}
