/**
 * `kubectl set env TYPE NAME KEY=VALUE… KEY-…`: adds, replaces and removes environment variables
 * of the selected containers (`-c`, init containers included) in each object's pod spec, imports a
 * Secret's or ConfigMap's keys as references (`--from`), or lists the variables (`--list`,
 * `--resolve`) without writing.
 *
 * Go map iteration order (`--from` keys) is random in kubectl; kubesim uses sorted keys.
 * @see kubectl pkg/cmd/set/set_env.go, pkg/cmd/set/env/env_parse.go, env_resolve.go
 */
import { extractFieldPathAsString, isEnvVarName, type KubeObject, type MutableObject, parseQuantity, quantityMilliValue, quantityValue } from '@kubesim/core';
import type { Invocation } from '../command.js';
import { dryRunStrategy } from '../dry-run.js';
import { clientError } from '../errors.js';
import type { FlagSpec } from '../flags.js';
import { checkWrittenOutput } from '../printers/written.js';
import {
  ALL_AND_SELECTOR,
  COMMON_FLAGS,
  CONTAINERS_FLAG,
  type Container,
  calculatePatches,
  type EnvVar,
  type EnvVarSource,
  LOCAL_SERVER_DRY_RUN,
  NO_RESOURCES,
  PatchError,
  resolveTargets,
  type SetSubcommand,
  selectContainers,
  writePatches,
} from './set-helper.js';

const ENV_FLAGS: readonly FlagSpec[] = [
  ...COMMON_FLAGS,
  CONTAINERS_FLAG,
  { name: 'from', type: 'string' },
  { name: 'prefix', type: 'string' },
  { name: 'env', short: 'e', type: 'strings' },
  { name: 'keys', type: 'strings' },
  { name: 'list', type: 'bool' },
  { name: 'resolve', type: 'bool' },
  { name: 'overwrite', type: 'bool', def: 'true' },
];

/** `kubectl set env`. */
export const setEnvCommand: SetSubcommand = {
  flags: ENV_FLAGS,
  short: 'Update environment variables on a pod template',
  run: (inv, args) => setEnv(inv, args),
};

/** `envutil.SplitEnvironmentFromResources`; undefined when a resource follows an environment argument. */
function splitEnvironmentFromResources(args: readonly string[]): { resources: string[]; envArgs: string[] } | undefined {
  const resources: string[] = [];
  const envArgs: string[] = [];
  for (const s of args) {
    const isEnv = /^(.+)=(.*)$/ms.test(s) || s.endsWith('-');
    if (isEnv) envArgs.push(s);
    else if (envArgs.length === 0) resources.push(s);
    else return undefined;
  }
  return { resources, envArgs };
}

/** `envVar(name, value)` as kubectl builds it (an empty value is omitted, as Go's omitempty does). */
function envVar(name: string, value: string): EnvVar {
  return value === '' ? { name } : { name, value };
}

/** `envutil.ParseEnv`: `NAME=value`, `NAME-`, and `-` (lines of `NAME=value` from stdin). */
function parseEnv(specs: readonly string[], stdin: string | undefined): { env: EnvVar[]; remove: string[] } {
  const env: EnvVar[] = [];
  const remove: string[] = [];
  const exists = new Set<string>();
  for (const spec of specs) {
    if (spec === '-') {
      for (let line of (stdin ?? '').split('\n')) {
        const hash = line.indexOf('#');
        if (hash >= 0) line = line.slice(0, hash);
        const eq = line.indexOf('=');
        if (eq >= 0) env.push(envVar(line.slice(0, eq), line.slice(eq + 1)));
      }
    } else if (spec.includes('=')) {
      const eq = spec.indexOf('=');
      const name = spec.slice(0, eq);
      const errs = isEnvVarName(name);
      if (errs.length > 0) throw clientError(`${JSON.stringify(name)} is not a valid key name: ${errs.join(';')}`);
      exists.add(name);
      env.push(envVar(name, spec.slice(eq + 1)));
    } else if (spec.endsWith('-')) {
      remove.push(spec.slice(0, -1));
    } else {
      throw clientError(`unknown environment variable: ${spec}`);
    }
  }
  if (remove.some((r) => exists.has(r))) throw clientError('can not both modify and remove the same environment variable in the same command');
  return { env, remove };
}

/** `updateEnv`: replaces existing variables in place, drops removed ones, appends new ones. */
function updateEnv(existing: readonly EnvVar[], env: readonly EnvVar[], remove: readonly string[]): EnvVar[] {
  const out: EnvVar[] = [];
  const covered = new Set(remove);
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((n) => n.name === e.name);
    if (newer) {
      covered.add(e.name);
      out.push(newer);
      continue;
    }
    out.push(e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

/** `GetEnvVarRefString`. */
function envVarRefString(from: EnvVarSource): string {
  if (from.configMapKeyRef) return `configmap ${from.configMapKeyRef.name ?? ''}, key ${from.configMapKeyRef.key}`;
  if (from.secretKeyRef) return `secret ${from.secretKeyRef.name ?? ''}, key ${from.secretKeyRef.key}`;
  if (from.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef) {
    const prefix = from.resourceFieldRef.containerName ? `${from.resourceFieldRef.containerName}/` : '';
    return `resource field ${prefix}${from.resourceFieldRef.resource}`;
  }
  return 'invalid valueFrom';
}

/** Decodes a Secret's base64 value. */
function decodeBase64(text: string): string {
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** `GetEnvVarRefValue` (`--resolve`): the referenced value, or the error's text. */
function envVarRefValue(inv: Invocation, from: EnvVarSource, obj: MutableObject, c: Container): { value: string } | { error: string } {
  const ns = inv.namespace;
  const store = inv.ctx.core.store;
  const ref = from.secretKeyRef ?? from.configMapKeyRef;
  if (ref) {
    const kind = from.secretKeyRef ? 'Secret' : 'ConfigMap';
    const holder = store.get(kind, ns, ref.name ?? '') as (KubeObject & { data?: Record<string, string>; stringData?: Record<string, string> }) | undefined;
    if (!holder) return { error: inv.ctx.core.api.notFound(kind, ref.name ?? '').message };
    if (kind === 'Secret') {
      if (holder.data && ref.key in holder.data) return { value: decodeBase64(holder.data[ref.key]) };
      if (holder.stringData && ref.key in holder.stringData) return { value: holder.stringData[ref.key] };
      return { error: `key ${ref.key} not found in secret ${ref.name ?? ''}` };
    }
    if (holder.data && ref.key in holder.data) return { value: holder.data[ref.key] };
    return { error: `key ${ref.key} not found in config map ${ref.name ?? ''}` };
  }
  if (from.fieldRef) return extractFieldPathAsString(obj, from.fieldRef.fieldPath);
  if (from.resourceFieldRef) return resourceFieldValue(from.resourceFieldRef, c);
  return { error: 'invalid valueFrom' };
}

/** `extractContainerResourceValue`: the container's request or limit over the divisor, rounded up. */
function resourceFieldValue(fs: NonNullable<EnvVarSource['resourceFieldRef']>, c: Container): { value: string } | { error: string } {
  let divisor = parseQuantity('1');
  if (fs.divisor !== undefined && fs.divisor !== '') {
    const d = parseQuantity(String(fs.divisor));
    if (d.nanos !== 0n) divisor = d;
  }
  const dot = fs.resource.indexOf('.');
  const [scope, name] = [fs.resource.slice(0, dot), fs.resource.slice(dot + 1)];
  const unsupported = { error: `Unsupported container resource : ${fs.resource}` };
  if (dot < 0 || (scope !== 'limits' && scope !== 'requests')) return unsupported;
  const raw = (scope === 'limits' ? c.resources?.limits : c.resources?.requests)?.[name];
  const q = parseQuantity(raw === undefined ? '0' : String(raw));
  if (name === 'cpu') return { value: String(Math.ceil(Number(quantityMilliValue(q)) / Number(quantityMilliValue(divisor)))) };
  if (name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-')) {
    return { value: String(Math.ceil(Number(quantityValue(q)) / Number(quantityValue(divisor)))) };
  }
  return unsupported;
}

/** `keyToEnvName`: invalid characters become `_`, upper case. */
function keyToEnvName(key: string): string {
  return key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
}

function setEnv(inv: Invocation, args: string[]): number {
  // Complete.
  const all = inv.args.bool('all');
  const selector = inv.args.string('selector').trim() || undefined;
  if (all && selector) throw clientError(ALL_AND_SELECTOR);
  const split = splitEnvironmentFromResources(args);
  if (!split) throw clientError(`all resources must be specified before environment changes: ${args.join(' ')}`);
  const strategy = dryRunStrategy(inv);
  const output = inv.args.string('output');
  checkWrittenOutput(output);
  // Validate.
  const local = inv.args.bool('local');
  if (local && strategy === 'server') throw clientError(LOCAL_SERVER_DRY_RUN);
  if (inv.args.strings('filename').length === 0 && split.resources.length < 1) throw clientError(NO_RESOURCES);
  const list = inv.args.bool('list');
  if (list && output) throw clientError('--list and --output may not be specified together');
  const from = inv.args.string('from');
  const keys = inv.args.strings('keys');
  if (keys.length > 0 && !from) throw clientError('when specifying --keys, a configmap or secret must be provided with --from');

  // RunEnv.
  const { env, remove } = parseEnv([...inv.args.all('env'), ...split.envArgs], inv.stdin);
  if (from) {
    for (const t of resolveTargets(inv, [from], { local, selector, all })) {
      if (t.info.kind !== 'Secret' && t.info.kind !== 'ConfigMap') throw clientError('unsupported resource specified in --from');
      const holder = t.obj as KubeObject & { data?: Record<string, string>; stringData?: Record<string, string> };
      // The API server stores a Secret's stringData in data; kubesim keeps it apart.
      const dataKeys = [...new Set([...Object.keys(holder.data ?? {}), ...(t.info.kind === 'Secret' ? Object.keys(holder.stringData ?? {}) : [])])].sort();
      const refKey = t.info.kind === 'Secret' ? 'secretKeyRef' : 'configMapKeyRef';
      for (const key of dataKeys) {
        if (keys.length > 0 && !keys.includes(key)) continue;
        env.push({ name: keyToEnvName(key), valueFrom: { [refKey]: { name: t.obj.metadata.name ?? '', key } } });
      }
    }
  }
  const prefix = inv.args.string('prefix');
  if (prefix) for (const e of env) e.name = `${prefix}${e.name}`;

  const targets = resolveTargets(inv, split.resources, { local, selector, all });
  const containerSelector = inv.args.string('containers', '*');
  const overwrite = inv.args.bool('overwrite', true);
  const resolve = inv.args.bool('resolve');
  const patches = calculatePatches(targets, (spec, obj, t) => {
    const containers = [...selectContainers(spec.containers, containerSelector), ...selectContainers(spec.initContainers, containerSelector)];
    const objName = obj.metadata.name ?? '';
    if (containers.length === 0) {
      inv.err(`warning: ${t.info.kind}/${objName} does not have any containers matching ${JSON.stringify(containerSelector)}\n`);
      return true;
    }
    let resolutionFailed = false;
    for (const c of containers) {
      if (!overwrite) {
        for (const e of env) {
          const current = (c.env ?? []).find((x) => x.name === e.name);
          if (current && (current.value ?? '') !== (e.value ?? '')) {
            throw new PatchError(`'${current.name}' already has a value (${current.value ?? ''}), and --overwrite is false`);
          }
        }
      }
      const next = updateEnv(c.env ?? [], env, remove);
      if (next.length > 0) c.env = next;
      else delete c.env;
      if (!list) continue;
      const resolveErrors = new Map<string, string[]>();
      inv.out(`# ${t.info.kind} ${objName}, container ${c.name}\n`);
      for (const e of c.env ?? []) {
        if (!e.valueFrom) {
          inv.out(`${e.name}=${e.value ?? ''}\n`);
          continue;
        }
        if (resolve) {
          const r = envVarRefValue(inv, e.valueFrom, obj, c);
          if ('value' in r) {
            inv.out(`${e.name}=${r.value}\n`);
            continue;
          }
          resolveErrors.set(r.error, [...(resolveErrors.get(r.error) ?? []), e.name]);
          resolutionFailed = true;
        }
        inv.out(`# ${e.name} from ${envVarRefString(e.valueFrom)}\n`);
      }
      const lines = [...resolveErrors].map(([err, vars]) => `error retrieving reference for ${[...vars].sort().join(', ')}: ${err}`).sort();
      for (const l of lines) inv.err(`${l}\n`);
    }
    if (resolutionFailed) throw new PatchError('failed to retrieve valueFrom references');
    return true;
  });
  if (list) return 0;

  return writePatches(inv, patches, [], {
    strategy,
    output,
    local,
    operation: 'env updated',
    failure: 'failed to patch env update to pod template: ',
    afterWrite: () => (env.length === 0 && split.envArgs.length === 0 ? 'at least one environment variable must be provided' : undefined),
  });
}
