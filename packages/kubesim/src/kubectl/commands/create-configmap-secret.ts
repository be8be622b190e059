/**
 * `kubectl create configmap`, `kubectl create secret generic` and `kubectl create secret
 * docker-registry`: keys from `--from-file=[key=]path`, `--from-literal=key=value` and
 * `--from-env-file=path`, each checked as it is added (key syntax, duplicates), an optional
 * `--append-hash` name suffix; then the object is created, or only printed on a client dry run.
 * Files are read from the context's workstation (a directory source adds each regular file in it,
 * keyed by its name); files are text, so `binaryData` is never filled; an env file line
 * without `=` takes its value from the environment, which kubesim does not have (empty).
 * @see kubectl pkg/cmd/create/create_configmap.go, create_secret.go, create_secret_docker.go,
 *   pkg/util/util.go (ParseFileSource, ParseLiteralSource), pkg/cmd/util/env_file.go
 */
import { isConfigMapKey, isEnvVarName, type KubeObject } from '@kubesim/core';
import type { Invocation } from '../command.js';
import { dryRunStrategy } from '../dry-run.js';
import { clientError } from '../errors.js';
import { joinPath } from '../local-files.js';
import { checkWrittenOutput } from '../printers/written.js';
import { resolveType } from '../resources.js';
import { base64, configMapHash, goJsonString, goQuote, secretHash } from './create-go.js';
import { createGenerated, generatedMeta, nameFromCommandArgs, rejectForeignFlags } from './generate.js';

type Add = (key: string, value: string) => void;

/** `kubectl create configmap NAME`. */
export function createConfigMap(inv: Invocation): number {
  const path = 'kubectl create configmap';
  rejectForeignFlags(inv, ['from-file', 'from-literal', 'from-env-file', 'append-hash'], path);
  const { name, strategy } = complete(inv, path);
  checkSources(inv);
  const data: Record<string, string> = {};
  const add: Add = (key, value) => {
    const errs = isConfigMapKey(key);
    if (errs.length > 0) throw clientError(`${goQuote(key)} is not a valid key name for a ConfigMap: ${errs.join(',')}`);
    if (Object.hasOwn(data, key)) throw clientError(`cannot add key ${goQuote(key)}, another key by that name already exists in Data for ConfigMap ${goQuote(name)}`);
    data[key] = value;
  };
  addFiles(inv, add);
  for (const source of inv.args.all('from-literal')) add(...parseLiteralSource(source));
  addEnvFiles(inv, add);
  const finalName = inv.args.bool('append-hash') ? `${name}-${configMapHash(name, data, {})}` : name;
  // ConfigMap's field order: TypeMeta, ObjectMeta, immutable, data, binaryData (empty maps omitted).
  const object = { kind: 'ConfigMap', apiVersion: 'v1', metadata: generatedMeta(inv, finalName), ...nonEmpty('data', data) };
  return create(inv, 'configmap', object, strategy, 'failed to create configmap: ');
}

/** `kubectl create secret generic NAME`. */
export function createSecretGeneric(inv: Invocation): number {
  const path = 'kubectl create secret generic';
  rejectForeignFlags(inv, ['from-file', 'from-literal', 'from-env-file', 'append-hash', 'type'], path);
  const { name, strategy } = complete(inv, path);
  checkSources(inv);
  const type = inv.args.string('type');
  const data: Record<string, string> = {};
  const add = secretAdder(data);
  // Unlike a ConfigMap, literals come before files.
  for (const source of inv.args.all('from-literal')) add(...parseLiteralSource(source));
  addFiles(inv, add);
  addEnvFiles(inv, add);
  return createSecret(inv, name, type, data, strategy, 'failed to create secret: ');
}

/** `kubectl create secret docker-registry NAME`: a `.dockerconfigjson` from the flags, or files. */
export function createSecretDockerRegistry(inv: Invocation): number {
  const path = 'kubectl create secret docker-registry';
  rejectForeignFlags(inv, ['from-file', 'append-hash', 'docker-username', 'docker-password', 'docker-email', 'docker-server'], path);
  const { name, strategy } = complete(inv, path);
  const username = inv.args.string('docker-username');
  const password = inv.args.string('docker-password');
  const server = inv.args.string('docker-server', 'https://index.docker.io/v1/');
  const files = inv.args.strings('from-file');
  if (files.length === 0 && (username === '' || password === '' || server === '')) {
    throw clientError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
  }
  const data: Record<string, string> = {};
  if (files.length > 0) addFiles(inv, secretAdder(data));
  else data['.dockerconfigjson'] = base64(dockerConfigJson(username, password, inv.args.string('docker-email'), server));
  // Note the missing colon in create_secret_docker.go's `failed to create secret %v`.
  return createSecret(inv, name, 'kubernetes.io/dockerconfigjson', data, strategy, 'failed to create secret ');
}

/** `Complete` and the name check of `Validate`. */
function complete(inv: Invocation, path: string) {
  const name = nameFromCommandArgs(inv, path.split(' ').length - 2, path);
  const strategy = dryRunStrategy(inv);
  checkWrittenOutput(inv.args.string('output'));
  if (name === '') throw clientError('name must be specified');
  return { name, strategy };
}

/** `Validate`: an env file is the only source when given. */
function checkSources(inv: Invocation): void {
  if (inv.args.strings('from-env-file').length > 0 && (inv.args.strings('from-file').length > 0 || inv.args.all('from-literal').length > 0)) {
    throw clientError('from-env-file cannot be combined with from-file or from-literal');
  }
}

/** `addKeyFromLiteralToSecret`: checks the key, stores the value's bytes (base64). */
function secretAdder(data: Record<string, string>): Add {
  return (key, value) => {
    const errs = isConfigMapKey(key);
    if (errs.length > 0) throw clientError(`${goQuote(key)} is not valid key name for a Secret ${errs.join(';')}`);
    if (Object.hasOwn(data, key)) throw clientError(`cannot add key ${key}, another key by that name already exists`);
    data[key] = base64(value);
  };
}

function createSecret(inv: Invocation, name: string, type: string, data: Record<string, string>, strategy: ReturnType<typeof dryRunStrategy>, failure: string): number {
  const finalName = inv.args.bool('append-hash') ? `${name}-${secretHash(name, type, data)}` : name;
  // Secret's field order: TypeMeta, ObjectMeta, immutable, data, stringData, type.
  const object = { kind: 'Secret', apiVersion: 'v1', metadata: generatedMeta(inv, finalName), ...nonEmpty('data', data), ...(type ? { type } : {}) };
  return create(inv, 'secret', object, strategy, failure);
}

function create(inv: Invocation, resource: string, object: object, strategy: ReturnType<typeof dryRunStrategy>, failure: string): number {
  const wrap = (e: unknown) => (e instanceof Error ? clientError(`${failure}${e.message}`) : e);
  return createGenerated(inv, [{ info: resolveType(inv.ctx, resource), object: object as unknown as KubeObject }], strategy, wrap);
}

/** `{ [field]: map }` with the keys sorted as Go marshals a map, or nothing for an empty map (`omitempty`). */
function nonEmpty(field: string, map: Record<string, string>): Record<string, Record<string, string>> {
  const keys = Object.keys(map).sort();
  return keys.length === 0 ? {} : { [field]: Object.fromEntries(keys.map((k) => [k, map[k]])) };
}

/** `handle…FromFileSources`: a file under its key, or each regular file of a directory under its name. */
function addFiles(inv: Invocation, add: Add): void {
  const files = inv.ctx.files;
  for (const source of inv.args.strings('from-file')) {
    const [key, path] = parseFileSource(source);
    if (files?.stat(path) !== 'dir') {
      add(key, readSource(inv, path));
      continue;
    }
    if (source.includes('=')) throw clientError('cannot give a key name for a directory path');
    for (const name of files?.readDir(path) ?? []) {
      const item = joinPath(path, name);
      if (files?.stat(item) === 'file') add(name, files.readFile(item) ?? '');
    }
  }
}

/** `os.Stat` then `os.ReadFile` on the workstation. */
function readSource(inv: Invocation, path: string): string {
  const text = inv.ctx.files?.readFile(path);
  if (text === undefined) throw clientError(`error reading ${path}: no such file or directory`);
  return text;
}

/** `util.ParseFileSource`: `path` (key: its base name) or `key=path`. */
function parseFileSource(source: string): [string, string] {
  const parts = source.split('=');
  if (parts.length === 1) return [goPathBase(source), source];
  if (parts.length === 2 && parts[0] === '') throw clientError(`key name for file path ${parts[1]} missing`);
  if (parts.length === 2 && parts[1] === '') throw clientError(`file path for key name ${parts[0]} missing`);
  if (parts.length > 2) throw clientError("key names or file paths cannot contain '='");
  return [parts[0], parts[1]];
}

/** Go's `path.Base`. */
function goPathBase(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** `util.ParseLiteralSource`: `key=value`, split at the first `=`, the key not empty. */
function parseLiteralSource(source: string): [string, string] {
  const eq = source.indexOf('=');
  if (eq <= 0) throw clientError(`invalid literal source ${source}, expected key=value`);
  return [source.slice(0, eq), source.slice(eq + 1)];
}

/**
 * An env file's `KEY=value` pairs as `bufio.Scanner` splits its lines (kubectl's
 * `cmdutil.AddFromEnvFile`, kustomize's `keyValuesFromLines`): a BOM and leading blanks dropped,
 * blank lines and `#` comments skipped, a line without `=` a key with an empty value. Returns the
 * pairs, or the error text for an invalid key.
 */
export function envFilePairs(text: string): [string, string][] | { error: string } {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const out: [string, string][] = [];
  for (const [i, raw] of lines.entries()) {
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (i === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    line = line.replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    const errs = isEnvVarName(key);
    if (errs.length > 0) return { error: `${goQuote(key)} is not a valid key name: ${errs.join(';')}` };
    out.push([key, eq < 0 ? '' : line.slice(eq + 1)]);
  }
  return out;
}

/** `cmdutil.AddFromEnvFile` for each `--from-env-file`. */
function addEnvFiles(inv: Invocation, add: Add): void {
  for (const path of inv.args.strings('from-env-file')) {
    const pairs = envFilePairs(readSource(inv, path));
    if ('error' in pairs) throw clientError(pairs.error);
    for (const [key, value] of pairs) add(key, value);
  }
}

/** `handleDockerCfgJSONContent`: `DockerConfigJSON` marshalled (fields in struct order, empty ones omitted). */
function dockerConfigJson(username: string, password: string, email: string, server: string): string {
  const entry = [
    ['username', username],
    ['password', password],
    ['email', email],
    ['auth', base64(`${username}:${password}`)],
  ]
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${goJsonString(k)}:${goJsonString(v)}`);
  return `{"auths":{${goJsonString(server)}:{${entry.join(',')}}}}`;
}
