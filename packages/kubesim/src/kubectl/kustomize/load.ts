/**
 * Reading and checking a kustomization file: which of `kustomization.yaml`, `kustomization.yml`
 * and `Kustomization` is there, the strict decoding kustomize does (`DisallowUnknownFields`, Go's
 * JSON field matching, which ignores case), the deprecation warnings it prints on stderr, and the
 * checks of `CheckEmpty` and `EnforceFields`. Fields kustomize knows but kubesim does not emulate
 * are refused with a kubesim error naming the field.
 * @see kustomize api/internal/target/kusttarget.go (Load, loadKustFile), api/types/kustomization.go,
 *   api/konfig/general.go (RecognizedKustomizationFileNames), api/types/kustomization.go (CheckDeprecatedFields)
 */
import { ManifestError, parseYamlDocuments } from '@kubesim/core';
import type { Loader } from './loader.js';
import { isObj, KustomizeError, notEmulated, type Obj } from './resource.js';

/** `generatorOptions` (top level or per generator). */
export interface GeneratorOptions {
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly disableNameSuffixHash?: boolean;
  readonly immutable?: boolean;
}

/** One `configMapGenerator` or `secretGenerator` entry. */
export interface GeneratorArgs {
  readonly name: string;
  readonly namespace: string;
  readonly behavior: string;
  readonly literals: readonly string[];
  readonly files: readonly string[];
  readonly envs: readonly string[];
  readonly options?: GeneratorOptions;
  /** Secrets only: the Secret's type (`Opaque` when empty). */
  readonly type: string;
}

/** `types.Selector`: a patch target. */
export interface Selector {
  readonly group?: string;
  readonly version?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly annotationSelector?: string;
}

/** One `patches` (or `patchesJson6902`) entry. */
export interface PatchArgs {
  readonly path: string;
  readonly patch: string;
  readonly target?: Selector;
  readonly options: Readonly<Record<string, boolean>>;
}

/** One `labels` entry. */
export interface LabelArgs {
  readonly pairs: Record<string, string>;
  readonly includeSelectors: boolean;
  readonly includeTemplates: boolean;
}

/** One `images` entry. */
export interface ImageArgs {
  readonly name: string;
  readonly newName: string;
  readonly newTag: string;
  readonly digest: string;
}

/** One `replicas` entry. */
export interface ReplicaArgs {
  readonly name: string;
  readonly count: number;
}

/** `sortOptions`. */
export interface SortOptions {
  readonly order: 'legacy' | 'fifo';
  readonly orderFirst?: readonly string[];
  readonly orderLast?: readonly string[];
}

/** A checked kustomization, with what kubesim emulates of it. */
export interface Kustomization {
  readonly resources: readonly string[];
  readonly namespace: string;
  readonly namePrefix: string;
  readonly nameSuffix: string;
  readonly commonLabels: Record<string, string>;
  readonly labels: readonly LabelArgs[];
  readonly commonAnnotations: Record<string, string>;
  readonly images: readonly ImageArgs[];
  readonly replicas: readonly ReplicaArgs[];
  readonly configMapGenerator: readonly GeneratorArgs[];
  readonly secretGenerator: readonly GeneratorArgs[];
  readonly generatorOptions?: GeneratorOptions;
  readonly patches: readonly PatchArgs[];
  readonly patchesStrategicMerge: readonly string[];
  readonly patchesJson6902: readonly PatchArgs[];
  readonly sortOptions?: SortOptions;
}

/** `konfig.RecognizedKustomizationFileNames`, in the order kustomize tries them. */
const FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Fields of `types.Kustomization` that kubesim emulates. */
const EMULATED = [
  'apiVersion',
  'kind',
  'metadata',
  'namePrefix',
  'nameSuffix',
  'namespace',
  'commonLabels',
  'labels',
  'commonAnnotations',
  'patchesStrategicMerge',
  'patchesJson6902',
  'patches',
  'images',
  'imageTags',
  'replicas',
  'sortOptions',
  'resources',
  'bases',
  'configMapGenerator',
  'secretGenerator',
  'generatorOptions',
];

/** Fields of `types.Kustomization` (kustomize v5.6) that kubesim refuses rather than ignores. */
const NOT_EMULATED = [
  'openapi',
  'replacements',
  'vars',
  'components',
  'crds',
  'helmGlobals',
  'helmCharts',
  'helmChartInflationGenerator',
  'configurations',
  'generators',
  'transformers',
  'validators',
  'buildMetadata',
];

/**
 * `CheckDeprecatedFields`, in its order (printed to stderr as the kustomization is read).
 * @remarks A `commonLabels` warning was added and withdrawn around kustomize v5.1; v5.6 is taken
 * not to print it.
 */
const DEPRECATED: readonly (readonly [string, string])[] = [
  ['bases', "# Warning: 'bases' is deprecated. Please use 'resources' instead. Run 'kustomize edit fix' to update your Kustomization automatically."],
  ['imageTags', "# Warning: 'imageTags' is deprecated. Please use 'images' instead. Run 'kustomize edit fix' to update your Kustomization automatically."],
  ['patchesJson6902', "# Warning: 'patchesJson6902' is deprecated. Please use 'patches' instead. Run 'kustomize edit fix' to update your Kustomization automatically."],
  [
    'patchesStrategicMerge',
    "# Warning: 'patchesStrategicMerge' is deprecated. Please use 'patches' instead. Run 'kustomize edit fix' to update your Kustomization automatically.",
  ],
  ['vars', "# Warning: 'vars' is deprecated. Please use 'replacements' instead. [EXPERIMENTAL] Run 'kustomize edit fix' to update your Kustomization automatically."],
];

/** The kustomization of `ldr`'s root; `warn` receives kustomize's deprecation warnings. */
export function loadKustomization(ldr: Loader, warn: (line: string) => void): Kustomization {
  const found = FILE_NAMES.filter((n) => ldr.files.stat(ldr.place(n).fs) === 'file');
  if (found.length === 0) {
    throw new KustomizeError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${ldr.root.abs}'`);
  }
  // Go's text ends with a newline, which kubectl's checkErr does not double.
  if (found.length > 1) throw new KustomizeError(`Found multiple kustomization files under: ${ldr.root.abs}`);
  const raw = canonicalKeys(decode(ldr.load(found[0])));
  for (const [field, line] of DEPRECATED) if (raw[field] != null) warn(line);
  if (Object.keys(raw).every((k) => k === 'apiVersion' || k === 'kind' || raw[k] === null)) throw new KustomizeError('kustomization.yaml is empty');
  enforceFields(raw, ldr);
  for (const field of NOT_EMULATED) {
    // An empty field does nothing; one with content would be ignored, which kubesim never does.
    if (hasContent(raw[field])) throw notEmulated(`the kustomization field ${JSON.stringify(field)}`);
  }
  return toKustomization(raw);
}

/** The first YAML document as `yaml.YAMLToJSON` then `json.Unmarshal` would see it. */
function decode(text: string): Obj {
  let docs: ReturnType<typeof parseYamlDocuments>;
  try {
    docs = parseYamlDocuments(text);
  } catch (e) {
    if (e instanceof ManifestError) throw new KustomizeError(`invalid Kustomization: ${e.message.replace(/^error: /, '')}`);
    throw e;
  }
  const first = docs[0];
  if (first?.error) throw new KustomizeError(`invalid Kustomization: error converting YAML to JSON: ${first.error}`);
  const value = first?.value ?? null;
  if (value === null) return {};
  if (!isObj(value)) throw new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${jsonType(value)} into Go value of type types.Kustomization`);
  return value;
}

/** Keys matched to the struct's fields as `encoding/json` does (exact, else ignoring case); unknown ones refused. */
function canonicalKeys(raw: Obj): Obj {
  const known = [...EMULATED, ...NOT_EMULATED];
  const out: Obj = {};
  for (const [key, value] of Object.entries(raw)) {
    const field = known.includes(key) ? key : known.find((k) => k.toLowerCase() === key.toLowerCase());
    if (field === undefined) throw new KustomizeError(`invalid Kustomization: json: unknown field ${JSON.stringify(key)}`);
    out[field] = value;
  }
  return out;
}

/** `EnforceFields` after `FixKustomization`; a Component is a kind kubesim does not build. */
function enforceFields(raw: Obj, ldr: Loader): void {
  const kind = str(raw.kind, 'Kustomization.kind') || 'Kustomization';
  const apiVersion = str(raw.apiVersion, 'Kustomization.apiVersion');
  const errs: string[] = [];
  if (kind !== 'Kustomization' && kind !== 'Component') errs.push('kind should be Kustomization or Component');
  const required = kind === 'Component' ? 'kustomize.config.k8s.io/v1alpha1' : 'kustomize.config.k8s.io/v1beta1';
  if (apiVersion !== '' && apiVersion !== required) errs.push(`apiVersion for ${kind} should be ${required}`);
  if (errs.length > 0) throw new KustomizeError(`Failed to read kustomization file under ${ldr.root.abs}:\n${errs.join('\n')}`);
  if (kind === 'Component') throw notEmulated('kustomize components (kind: Component)');
}

function hasContent(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObj(v)) return Object.keys(v).length > 0;
  return v !== '';
}

/** JSON's name for a value's type, as `encoding/json` reports it. */
function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/**
 * `json: cannot unmarshal … into Go struct field <where> of type <goType>`.
 * @remarks `where` is `Kustomization.<field>` at the top; nested fields follow the same pattern
 * (Go prints the innermost struct and the dotted path; the nested struct names are not checked).
 */
function typeError(v: unknown, where: string, goType: string): KustomizeError {
  return new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${jsonType(v)} into Go struct field ${where} of type ${goType}`);
}

function str(v: unknown, where: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'string') throw typeError(v, where, 'string');
  return v;
}

function bool(v: unknown, where: string): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v !== 'boolean') throw typeError(v, where, 'bool');
  return v;
}

function strList(v: unknown, where: string): string[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) throw typeError(v, where, '[]string');
  return v.map((x) => str(x, where));
}

function strMap(v: unknown, where: string): Record<string, string> {
  if (v === null || v === undefined) return {};
  if (!isObj(v)) throw typeError(v, where, 'map[string]string');
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, str(x, where)]));
}

/** A list of structs, each checked for unknown fields (`known`) and fields kubesim refuses (`refused`). */
function structList(v: unknown, where: string, goType: string, known: readonly string[], refused: readonly string[] = []): Obj[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) throw typeError(v, where, `[]${goType}`);
  return v.map((item) => struct(item, where, goType, known, refused) ?? {});
}

function struct(v: unknown, where: string, goType: string, known: readonly string[], refused: readonly string[] = []): Obj | undefined {
  if (v === null || v === undefined) return undefined;
  if (!isObj(v)) throw typeError(v, where, goType);
  for (const key of Object.keys(v)) {
    const field = [...known, ...refused].find((k) => k === key) ?? [...known, ...refused].find((k) => k.toLowerCase() === key.toLowerCase());
    if (field === undefined) throw new KustomizeError(`invalid Kustomization: json: unknown field ${JSON.stringify(key)}`);
    if (refused.includes(field) && hasContent(v[key])) throw notEmulated(`the kustomization field ${JSON.stringify(`${where.replace(/^Kustomization\./, '')}.${field}`)}`);
    if (field !== key) {
      v[field] = v[key];
      delete v[key];
    }
  }
  return v;
}

const GENERATOR_FIELDS = ['name', 'namespace', 'behavior', 'literals', 'files', 'envs', 'env', 'options'];
const OPTIONS_FIELDS = ['labels', 'annotations', 'disableNameSuffixHash', 'immutable'];
const SELECTOR_FIELDS = ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'];

function generatorOptions(v: unknown, where: string): GeneratorOptions | undefined {
  const o = struct(v, where, 'GeneratorOptions', OPTIONS_FIELDS);
  if (!o) return undefined;
  return {
    ...(o.labels != null ? { labels: strMap(o.labels, `${where}.labels`) } : {}),
    ...(o.annotations != null ? { annotations: strMap(o.annotations, `${where}.annotations`) } : {}),
    disableNameSuffixHash: bool(o.disableNameSuffixHash, `${where}.disableNameSuffixHash`),
    immutable: bool(o.immutable, `${where}.immutable`),
  };
}

function generators(v: unknown, field: 'configMapGenerator' | 'secretGenerator'): GeneratorArgs[] {
  const where = `Kustomization.${field}`;
  const fields = field === 'secretGenerator' ? [...GENERATOR_FIELDS, 'type'] : GENERATOR_FIELDS;
  return structList(v, where, field === 'secretGenerator' ? 'SecretArgs' : 'ConfigMapArgs', fields).map((g) => {
    const options = generatorOptions(g.options, `${where}.options`);
    return {
      name: str(g.name, `${where}.name`),
      namespace: str(g.namespace, `${where}.namespace`),
      behavior: str(g.behavior, `${where}.behavior`),
      literals: strList(g.literals, `${where}.literals`),
      files: strList(g.files, `${where}.files`),
      // FixKustomization: the deprecated `env` joins `envs`.
      envs: [...strList(g.envs, `${where}.envs`), ...(g.env != null && g.env !== '' ? [str(g.env, `${where}.env`)] : [])],
      ...(options ? { options } : {}),
      type: str(g.type, `${where}.type`),
    };
  });
}

function patches(v: unknown, field: 'patches' | 'patchesJson6902'): PatchArgs[] {
  const where = `Kustomization.${field}`;
  return structList(v, where, 'Patch', ['path', 'patch', 'target', 'options']).map((p) => {
    const target = struct(p.target, `${where}.target`, 'Selector', SELECTOR_FIELDS, ['resId']);
    const options = p.options == null ? {} : p.options;
    if (!isObj(options)) throw typeError(options, `${where}.options`, 'map[string]bool');
    return {
      path: str(p.path, `${where}.path`),
      patch: str(p.patch, `${where}.patch`),
      ...(target ? { target: Object.fromEntries(SELECTOR_FIELDS.filter((k) => target[k] != null).map((k) => [k, str(target[k], `${where}.target.${k}`)])) } : {}),
      options: Object.fromEntries(Object.entries(options).map(([k, b]) => [k, bool(b, `${where}.options`)])),
    };
  });
}

function images(v: unknown, field: 'images' | 'imageTags'): ImageArgs[] {
  const where = `Kustomization.${field}`;
  return structList(v, where, 'Image', ['name', 'newName', 'newTag', 'digest'], ['tagSuffix']).map((i) => ({
    name: str(i.name, `${where}.name`),
    newName: str(i.newName, `${where}.newName`),
    // YAML reads `newTag: 1.0` as a number; kustomize's Image.NewTag is a string and Go refuses it.
    newTag: str(i.newTag, `${where}.newTag`),
    digest: str(i.digest, `${where}.digest`),
  }));
}

function labels(v: unknown): LabelArgs[] {
  const where = 'Kustomization.labels';
  return structList(v, where, 'Label', ['pairs', 'includeSelectors', 'includeTemplates'], ['fields']).map((l) => ({
    pairs: strMap(l.pairs, `${where}.pairs`),
    includeSelectors: bool(l.includeSelectors, `${where}.includeSelectors`),
    includeTemplates: bool(l.includeTemplates, `${where}.includeTemplates`),
  }));
}

function replicas(v: unknown): ReplicaArgs[] {
  const where = 'Kustomization.replicas';
  return structList(v, where, 'Replica', ['name', 'count']).map((r) => {
    if (r.count != null && (typeof r.count !== 'number' || !Number.isInteger(r.count))) throw typeError(r.count, `${where}.count`, 'int64');
    return { name: str(r.name, `${where}.name`), count: (r.count as number | undefined) ?? 0 };
  });
}

function sortOptions(v: unknown): SortOptions | undefined {
  const where = 'Kustomization.sortOptions';
  const s = struct(v, where, 'SortOptions', ['order', 'legacySortOptions']);
  if (!s) return undefined;
  const order = str(s.order, `${where}.order`);
  // kustomize's SortOrderTransformer rejects other orders; its wording is not emulated.
  if (order !== 'legacy' && order !== 'fifo') throw notEmulated(`the sortOptions order ${JSON.stringify(order)}`);
  const legacy = struct(s.legacySortOptions, `${where}.legacySortOptions`, 'LegacySortOptions', ['orderFirst', 'orderLast']);
  return {
    order,
    ...(legacy?.orderFirst != null ? { orderFirst: strList(legacy.orderFirst, `${where}.legacySortOptions.orderFirst`) } : {}),
    ...(legacy?.orderLast != null ? { orderLast: strList(legacy.orderLast, `${where}.legacySortOptions.orderLast`) } : {}),
  };
}

/** The typed kustomization (after `FixKustomization`: `bases` join `resources`, `imageTags` join `images`). */
function toKustomization(raw: Obj): Kustomization {
  if (raw.metadata != null && !isObj(raw.metadata)) throw typeError(raw.metadata, 'Kustomization.metadata', 'types.ObjectMeta');
  const gen = generatorOptions(raw.generatorOptions, 'Kustomization.generatorOptions');
  const sort = sortOptions(raw.sortOptions);
  return {
    resources: [...strList(raw.resources, 'Kustomization.resources'), ...strList(raw.bases, 'Kustomization.bases')],
    namespace: str(raw.namespace, 'Kustomization.namespace'),
    namePrefix: str(raw.namePrefix, 'Kustomization.namePrefix'),
    nameSuffix: str(raw.nameSuffix, 'Kustomization.nameSuffix'),
    commonLabels: strMap(raw.commonLabels, 'Kustomization.commonLabels'),
    labels: labels(raw.labels),
    commonAnnotations: strMap(raw.commonAnnotations, 'Kustomization.commonAnnotations'),
    images: [...images(raw.images, 'images'), ...images(raw.imageTags, 'imageTags')],
    replicas: replicas(raw.replicas),
    configMapGenerator: generators(raw.configMapGenerator, 'configMapGenerator'),
    secretGenerator: generators(raw.secretGenerator, 'secretGenerator'),
    ...(gen ? { generatorOptions: gen } : {}),
    patches: patches(raw.patches, 'patches'),
    patchesStrategicMerge: strList(raw.patchesStrategicMerge, 'Kustomization.patchesStrategicMerge'),
    patchesJson6902: patches(raw.patchesJson6902, 'patchesJson6902'),
    ...(sort ? { sortOptions: sort } : {}),
  };
}
