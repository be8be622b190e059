/**
 * `configMapGenerator` and `secretGenerator`: key/value pairs from env files, literals and files
 * (in that order), checked as kustomize checks them, into a ConfigMap or Secret marked for the
 * content-hash name suffix, which `addHashSuffixes` appends once the whole build is done.
 * @remarks Files are text, so nothing lands in `binaryData`. An env file line without `=` takes its
 * value from kustomize's environment, which kubesim does not have (empty). The wrapping of
 * errors ("loading KV pairs", "env source files: …") follows kustomize's kv loader; the
 * wrapping of the `behavior` error by the generator plugin is left out.
 * @see kustomize api/kv/kv.go, api/internal/generators/configmap.go, secret.go, utils.go,
 *   kyaml/yaml/datamap.go (LoadMapIntoConfigMapData, LoadMapIntoSecretData, encodeBase64),
 *   api/hasher/hasher.go, api/types/generatoroptions.go (MergeGlobalOptionsIntoLocal)
 */
import { isConfigMapKey } from '@kubesim/core';
import { configMapHash, goQuote, secretHash } from '../commands/create-go.js';
import { envFilePairs } from '../commands/create-configmap-secret.js';
import type { GeneratorArgs, GeneratorOptions, Kustomization } from './load.js';
import type { Loader } from './loader.js';
import { isObj, KustomizeError, notEmulated, type Obj, Res, wrapError } from './resource.js';

type Pair = readonly [string, string];

/** The ConfigMaps then the Secrets a kustomization generates. */
export function runGenerators(k: Kustomization, ldr: Loader): Res[] {
  const make = (kind: 'ConfigMap' | 'Secret') => (args: GeneratorArgs) => {
    if (args.behavior !== '' && args.behavior !== 'create') {
      throw notEmulated(`the ${kind === 'ConfigMap' ? 'configMapGenerator' : 'secretGenerator'} behavior ${JSON.stringify(args.behavior)}`);
    }
    const options = mergeOptions(args.options, k.generatorOptions);
    const data = validatedData(ldr, args);
    const obj = kind === 'ConfigMap' ? configMap(args, data) : secret(args, data);
    applyOptions(obj, options);
    return new Res(obj, !options?.disableNameSuffixHash);
  };
  return [...k.configMapGenerator.map(make('ConfigMap')), ...k.secretGenerator.map(make('Secret'))];
}

/** `MergeGlobalOptionsIntoLocal`: the generator's own labels and annotations win. */
function mergeOptions(local: GeneratorOptions | undefined, global: GeneratorOptions | undefined): GeneratorOptions | undefined {
  if (!global) return local;
  return {
    labels: { ...global.labels, ...local?.labels },
    annotations: { ...global.annotations, ...local?.annotations },
    disableNameSuffixHash: !!(local?.disableNameSuffixHash || global.disableNameSuffixHash),
    immutable: !!(local?.immutable || global.immutable),
  };
}

/** `makeBaseNode`: apiVersion, kind, metadata.name (and namespace). */
function baseNode(kind: string, args: GeneratorArgs): Obj {
  return { apiVersion: 'v1', kind, metadata: { name: args.name, ...(args.namespace ? { namespace: args.namespace } : {}) } };
}

/** `MakeConfigMap`: `data` holds the keys sorted, and is absent when there are none. */
function configMap(args: GeneratorArgs, data: Map<string, string>): Obj {
  const obj = baseNode('ConfigMap', args);
  if (data.size > 0) obj.data = Object.fromEntries([...data.keys()].sort().map((key) => [key, data.get(key)]));
  return obj;
}

/** `MakeSecret`: `type` (Opaque by default) and `data` (always present) with base64 values. */
function secret(args: GeneratorArgs, data: Map<string, string>): Obj {
  const obj = baseNode('Secret', args);
  obj.type = args.type || 'Opaque';
  obj.data = Object.fromEntries([...data.keys()].sort().map((key) => [key, encodeBase64(data.get(key) ?? '')]));
  return obj;
}

/** `copyLabelsAndAnnotations` and `setImmutable`. */
function applyOptions(obj: Obj, options: GeneratorOptions | undefined): void {
  const meta = obj.metadata as Obj;
  const labels = options?.labels ?? {};
  const annotations = options?.annotations ?? {};
  if (Object.keys(labels).length > 0) meta.labels = { ...labels };
  if (Object.keys(annotations).length > 0) meta.annotations = { ...annotations };
  if (options?.immutable) obj.immutable = true;
}

/**
 * kyaml's `encodeBase64`: standard base64, cut into lines of 70 characters when it is longer
 * than that, each line (the last one too) then ending in a newline.
 */
export function encodeBase64(s: string): string {
  const enc = Buffer.from(s, 'utf8').toString('base64');
  const lineLen = 70;
  const lines = Math.floor(enc.length / lineLen) + 1;
  if (lines === 1) return enc;
  let out = '';
  for (let i = 0; i < enc.length; i += lineLen) out += `${enc.slice(i, i + lineLen)}\n`;
  return out;
}

/** `makeValidatedDataMap`: every pair's key checked, no key twice. */
function validatedData(ldr: Loader, args: GeneratorArgs): Map<string, string> {
  let pairs: Pair[];
  try {
    pairs = loadPairs(ldr, args);
  } catch (e) {
    throw wrapError('loading KV pairs', e);
  }
  const data = new Map<string, string>();
  for (const [key, value] of pairs) {
    const errs = isConfigMapKey(key);
    if (errs.length > 0) throw new KustomizeError(`${goQuote(key)} is not a valid key name: ${errs.join(';')}`);
    if (data.has(key)) throw new KustomizeError(`configmap ${args.name} illegally repeats the key \`${key}\``);
    data.set(key, value);
  }
  return data;
}

/** `kv.loader.Load`: env files, then literals, then files. */
function loadPairs(ldr: Loader, args: GeneratorArgs): Pair[] {
  const out: Pair[] = [];
  const step = (prefix: string, fn: () => Pair[]) => {
    try {
      out.push(...fn());
    } catch (e) {
      throw wrapError(prefix, e);
    }
  };
  step(`env source files: [${args.envs.join(' ')}]`, () => args.envs.flatMap((p) => envPairs(ldr.load(p))));
  step(`literal sources [${args.literals.join(' ')}]`, () => args.literals.map(literalPair));
  step(`file sources: [${args.files.join(' ')}]`, () =>
    args.files.map((source) => {
      const [key, path] = parseFileSource(source);
      return [key, ldr.load(path)] as const;
    }),
  );
  return out;
}

/** `parseLiteralSource`: split at the first `=`; the value loses one pair of surrounding quotes. */
function literalPair(source: string): Pair {
  const eq = source.indexOf('=');
  if (eq <= 0) throw new KustomizeError(`invalid literal source ${source}, expected key=value`);
  const value = source.slice(eq + 1);
  const quoted = value.length >= 2 && value[0] === value[value.length - 1] && (value[0] === '"' || value[0] === "'");
  return [source.slice(0, eq), quoted ? value.slice(1, -1) : value];
}

/**
 * `ParseFileSource`: `path` (key: its base name) or `key=path`.
 * @remarks The texts of the malformed-source errors are kustomize's as far as known; unverified.
 */
function parseFileSource(source: string): Pair {
  const n = source.split('=').length - 1;
  if (n === 0) return [source.replace(/\/+$/, '').split('/').pop() || source, source];
  if (n === 1 && source.startsWith('=')) throw new KustomizeError(`missing key name for file path ${goQuote(source.slice(1))} in source ${goQuote(source)}`);
  if (n === 1 && source.endsWith('=')) throw new KustomizeError(`missing file path for key name ${goQuote(source.slice(0, -1))} in source ${goQuote(source)}`);
  if (n > 1) throw new KustomizeError("key names or file paths cannot contain '='");
  const [key, path] = source.split('=');
  return [key, path];
}

/** `keyValuesFromLines`: `KEY=value` lines; blank lines and `#` comments skipped. */
function envPairs(text: string): Pair[] {
  const pairs = envFilePairs(text);
  if ('error' in pairs) throw new KustomizeError(pairs.error);
  return pairs;
}

/** A data map's values as kyaml's `GetDataMap` reads them (scalars as text). */
function dataMap(obj: Obj, field: string): Record<string, string> {
  const m = obj[field];
  if (!isObj(m)) return {};
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

/**
 * The `HashTransformer`, run once at the end of a build: each generated ConfigMap or Secret
 * still marked gets `-<hash>` of its final name and content.
 */
export function addHashSuffixes(resources: readonly Res[]): void {
  for (const res of resources) {
    if (!res.needsHash) continue;
    const obj = res.obj;
    const hash =
      res.gvk.kind === 'Secret'
        ? secretHash(res.name, typeof obj.type === 'string' ? obj.type : '', dataMap(obj, 'data'))
        : configMapHash(res.name, dataMap(obj, 'data'), dataMap(obj, 'binaryData'));
    res.storePreviousId();
    res.name = `${res.name}-${hash}`;
    res.needsHash = false;
  }
}
