/**
 * What `kubectl set image|env|resources` share: the flags, the resolution of the objects to change
 * (cli-runtime's builder), their pod specs, the patch loop that writes (or prints) the changed
 * objects, `--record`, container selection, and the errors as `checkErr` prints them.
 *
 * Resolution follows cli-runtime's builder (`TYPE NAME…`, `TYPE/NAME…`, `TYPE -l SEL`, `TYPE
 * --all`, `-f FILE` re-read from the server unless `--local`); a builder error (NotFound, unknown
 * type) stops the command before anything is written. kubectl sends a strategic merge patch of
 * the change; kubesim writes the changed object with an update (same result: only the touched
 * fields differ). `--dry-run=server` validates without storing; `--dry-run=client` and `--local`
 * print the locally changed object and send nothing.
 * @see kubectl pkg/cmd/set/helper.go, pkg/polymorphichelpers/updatepodspec.go,
 *   pkg/cmd/util/helpers.go (GetResourcesAndPairs, checkErr),
 *   cli-runtime pkg/resource/builder.go, visitor.go (Info.ObjectName),
 *   pkg/genericclioptions/record_flags.go
 */
import {
  BUILTIN_KINDS,
  cloneData,
  deepEqual,
  isStatusError,
  type KindInfo,
  type KubeObject,
  type MutableObject,
} from '@kubesim/core';
import type { Invocation } from '../command.js';
import { DRY_RUN_FLAG, type DryRunStrategy, dryRunSuffix } from '../dry-run.js';
import { clientError, KubectlError, renderError, standardErrorMessage } from '../errors.js';
import { type FlagSpec, GLOBAL_FLAGS } from '../flags.js';
import { type ManifestItem, manifestTarget, readManifests } from '../manifests.js';
import { printWritten } from '../printers/written.js';
import { listObjects, MISSING_RESOURCE_ERROR, resolveType, resolveTypes } from '../resources.js';

// ---------------------------------------------------------------------------------------------
// Flags and subcommands

/** Flags of all three subcommands (`resource.FilenameOptions`, `PrintFlags`, builder flags). */
export const COMMON_FLAGS: readonly FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'all', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'local', type: 'bool' },
  DRY_RUN_FLAG,
  { name: 'output', short: 'o', type: 'string' },
  { name: 'field-manager', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool' },
  { name: 'show-managed-fields', type: 'bool' },
];

/** `--record` (deprecated; set image and set resources): see {@link recorder}. */
export const RECORD_FLAG: FlagSpec = { name: 'record', type: 'bool' };
/** `-c`/`--containers` (set env and set resources): the containers to change, see {@link selectContainers}. */
export const CONTAINERS_FLAG: FlagSpec = { name: 'containers', short: 'c', type: 'string', def: '*' };

/** One `kubectl set` subcommand, as set.ts dispatches to it. */
export interface SetSubcommand {
  /** Every flag it accepts (cobra rejects the others). */
  readonly flags: readonly FlagSpec[];
  /** Its line in `kubectl set --help`. */
  readonly short: string;
  /** Runs it on the arguments after the subcommand's name (those after `--` included). */
  run(inv: Invocation, args: string[]): number;
}

// ---------------------------------------------------------------------------------------------
// Errors as `cmdutil.CheckErr` prints them

/** Errors the command returns to `checkErr` (a Go error's text, or an API/client error). */
export type GoError = string | Error;

/** The errors that end a command, thrown to the dispatcher (set.ts), which prints them with {@link fail}. */
export class CheckErr extends Error {
  constructor(readonly errors: readonly GoError[]) {
    super('check error');
  }
}

/**
 * `checkErr`: an aggregate of one is unwrapped and printed with `error: ` (unless its text has it)
 * or in the API form; several print one per line (`MultipleErrors`, no prefix added).
 */
export function fail(inv: Invocation, errs: readonly GoError[]): number {
  const line = (m: string) => (m.endsWith('\n') ? m : `${m}\n`);
  if (errs.length === 1) {
    const e = errs[0];
    inv.err(line(typeof e === 'string' ? (e.startsWith('error: ') ? e : `error: ${e}`) : renderError(e)));
    return 1;
  }
  for (const e of errs) {
    inv.err(line(typeof e === 'string' ? e : isStatusError(e) ? standardErrorMessage(e) : e.message));
  }
  return 1;
}

/** `resource.LocalResourceError`. */
export const LOCAL_RESOURCE_ERROR = `error: you must specify resources by --filename when --local is set.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'`;

/** `--local` with `--dry-run=server` (every subcommand's Validate). */
export const LOCAL_SERVER_DRY_RUN = 'cannot specify --local and --dry-run=server - did you mean --dry-run=client?';
/** `--all` with `-l` (every subcommand's Validate). */
export const ALL_AND_SELECTOR = 'cannot set --all and --selector at the same time';
/** No resource argument and no `-f` (set image and set env). */
export const NO_RESOURCES = 'one or more resources must be specified as <resource> <name> or <resource>/<name>';

// ---------------------------------------------------------------------------------------------
// Resolution (cli-runtime's builder: FilenameParam, LabelSelectorParam, ResourceTypeOrNameArgs,
// Latest, ContinueOnError)

/** One object to change (`resource.Info`). */
export interface Target {
  readonly info: KindInfo;
  readonly obj: KubeObject;
  /** Read from a file with `--local` (no REST mapping: `ObjectName` uses the kind). */
  readonly local: boolean;
}

/** `Info.ObjectName()`: `deployments/web`; without a mapping (`--local`) `deployment.apps/web\n`. */
function objectName(t: Target): string {
  const name = t.obj.metadata.name ?? '';
  if (!t.local) return `${t.info.resource}/${name}`;
  const kind = t.info.kind.toLowerCase();
  return t.info.group ? `${kind}.${t.info.group}/${name}\n` : `${kind}/${name}`;
}

/** What the builder is given besides the arguments and `-f`. */
export interface ResolveOptions {
  readonly local: boolean;
  /** `-l` (trimmed; undefined when not given or blank, as `LabelSelectorParam` ignores it). */
  readonly selector: string | undefined;
  readonly all: boolean;
}

/** `SplitResourceArgument`: comma-separated, duplicates dropped. */
function splitResourceArgument(arg: string): string[] {
  return [...new Set(arg.split(','))];
}

/**
 * The builder's `Do().Infos()`: the targets, or a `CheckErr` with every error (all NotFounds are
 * collected before the command gives up).
 */
export function resolveTargets(inv: Invocation, args: readonly string[], opts: ResolveOptions): Target[] {
  const files = inv.args.strings('filename');
  const tuples: { type: string; name: string }[] = [];
  let types: string[] = [];
  let names: string[] = [];
  let selector = opts.local ? undefined : opts.selector;
  if (!opts.local) {
    // ResourceTypeOrNameArgs: `a,b NAME…` becomes `a/NAME… b/NAME…` (normalizeMultipleResourcesArgs).
    let norm = [...args];
    if (norm.length >= 2 && splitResourceArgument(norm[0]).length > 1) {
      norm = splitResourceArgument(norm[0]).flatMap((r) => norm.slice(1).map((n) => `${r}/${n}`));
    }
    const slashed = norm.filter((a) => a.includes('/')).length;
    if (slashed > 0) {
      if (slashed !== norm.length) {
        throw clientError(
          "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
        );
      }
      for (const s of norm) {
        const seg = s.split('/');
        if (seg.length !== 2) throw clientError('arguments in resource/name form may not have more than one slash');
        if (!seg[0] || !seg[1] || splitResourceArgument(seg[0]).length !== 1) {
          throw clientError('arguments in resource/name form must have a single resource and name');
        }
        tuples.push({ type: seg[0], name: seg[1] });
      }
    } else if (norm.length > 0) {
      types = splitResourceArgument(norm[0]);
      names = norm.slice(1);
      if (norm.length === 1 && selector === undefined && opts.all) selector = '';
    }
  }
  if (files.length > 0) {
    if (types.length > 0) throw clientError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    if (tuples.length > 0) throw clientError('resource/name arguments cannot be provided when a path is specified');
    return fromFiles(inv, files, opts.local);
  }
  const ns = inv.namespace;
  if (selector !== undefined) {
    if (names.length > 0) throw clientError('name cannot be provided when a selector is specified');
    if (tuples.length > 0) throw clientError('selectors and the all flag cannot be used when passing resource/name arguments');
    if (types.length === 0) throw clientError('at least one resource must be specified to use a selector');
    const infos = [...new Set(types.flatMap((t) => resolveTypes(inv.ctx, t)))];
    return infos.flatMap((info) =>
      listObjects(inv.ctx, info, { namespace: ns, allNamespaces: false, labelSelector: selector }).map((obj) => ({ info, obj, local: false })),
    );
  }
  let wanted: { info: KindInfo; name: string }[];
  if (tuples.length > 0) {
    const infos = new Map<string, KindInfo>();
    for (const t of tuples) if (!infos.has(t.type)) infos.set(t.type, resolveType(inv.ctx, t.type));
    wanted = tuples.map((t) => ({ info: infos.get(t.type) as KindInfo, name: t.name }));
  } else if (names.length > 0) {
    const infos = [...new Set(types.flatMap((t) => resolveTypes(inv.ctx, t)))];
    if (infos.length > 1) throw clientError('you must specify only one resource');
    wanted = names.map((name) => ({ info: infos[0], name }));
  } else if (types.length > 0) {
    for (const t of types) resolveTypes(inv.ctx, t);
    throw clientError('resource(s) were provided, but no name was specified');
  } else {
    throw clientError(MISSING_RESOURCE_ERROR);
  }
  const out: Target[] = [];
  const errs: GoError[] = [];
  for (const w of wanted) {
    try {
      out.push({ info: w.info, obj: getLatest(inv, w.info, ns, w.name), local: false });
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      errs.push(e);
    }
  }
  if (errs.length > 0) throw new CheckErr(errs);
  return out;
}

/** `Info.Get`: the stored object; a NotFound in a namespace that does not exist names the namespace. */
function getLatest(inv: Invocation, info: KindInfo, namespace: string, name: string): KubeObject {
  const api = inv.ctx.core.api;
  try {
    return api.mustGet(info.kind, info.namespaced ? namespace : undefined, name);
  } catch (e) {
    if (isStatusError(e) && info.namespaced && namespace !== 'default' && !inv.ctx.core.store.get('Namespace', undefined, namespace)) {
      throw api.notFound('Namespace', namespace);
    }
    throw e;
  }
}

/** `-f`: the files' objects, each re-read from the server (`Latest`) unless `--local`. */
function fromFiles(inv: Invocation, files: readonly string[], local: boolean): Target[] {
  let items: ManifestItem[];
  try {
    items = readManifests(inv.ctx, files, inv.stdin, 'set', inv.args.bool('recursive'));
  } catch (e) {
    // An empty file is no objects for the builder, not an error.
    if (e instanceof KubectlError && e.message === 'error: no objects passed to set') return [];
    throw e;
  }
  const out: Target[] = [];
  const errs: GoError[] = [];
  for (const item of items) {
    try {
      const { info, input } = manifestTarget(inv, item);
      const obj = local ? input : getLatest(inv, info, input.metadata.namespace ?? inv.namespace, input.metadata.name ?? '');
      out.push({ info, obj, local });
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      errs.push(e);
    }
  }
  if (errs.length > 0) throw new CheckErr(errs);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Pod specs, patches and writes

/** A container variable's `valueFrom` (`corev1.EnvVarSource`, the references kubectl lists and resolves). */
export interface EnvVarSource {
  readonly configMapKeyRef?: { readonly name?: string; readonly key: string };
  readonly secretKeyRef?: { readonly name?: string; readonly key: string };
  readonly fieldRef?: { readonly fieldPath: string };
  readonly resourceFieldRef?: { readonly containerName?: string; readonly resource: string; readonly divisor?: string | number };
}

/** A container variable (`corev1.EnvVar`). */
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: EnvVarSource;
}

/** A container's `limits` or `requests` (`corev1.ResourceList`: quantities as text). */
export type ResourceList = Record<string, string>;

/** The fields of a container (`corev1.Container`) that the subcommands read and change. */
export interface Container {
  name: string;
  image?: string;
  env?: EnvVar[];
  resources?: { limits?: ResourceList; requests?: ResourceList };
}

/** The container lists of a pod spec (`corev1.PodSpec`). */
export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
}

/** Kinds with a `spec.template` (`updatePodSpecForObject`). */
const TEMPLATE_KINDS = new Set(['ReplicationController', 'Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet', 'Job']);

/** The pod spec to change, or `ResourceNotHavePodTemplate`'s text. */
export function podSpecOf(info: KindInfo, obj: MutableObject): PodSpec | string {
  if (info.kind === 'Pod') {
    obj.spec ??= {};
    return obj.spec;
  }
  if (TEMPLATE_KINDS.has(info.kind) || info.kind === 'CronJob') {
    obj.spec ??= {};
    let holder = obj.spec;
    if (info.kind === 'CronJob') {
      holder.jobTemplate ??= {};
      holder.jobTemplate.spec ??= {};
      holder = holder.jobTemplate.spec;
    }
    holder.template ??= {};
    holder.template.spec ??= {};
    return holder.template.spec;
  }
  const builtin = BUILTIN_KINDS.some((k) => k.kind === info.kind && k.group === info.group);
  return `the object is not a pod or does not have a pod template: *${builtin ? `${info.version}.${info.kind}` : 'unstructured.Unstructured'}`;
}

/** A mutation that fails for one object (`patch.Err`): thrown by `mutate` in {@link calculatePatches}. */
export class PatchError extends Error {}

/** What the mutation did to one object (`set.Patch`). */
export interface Patch {
  readonly target: Target;
  readonly err?: string;
  readonly after?: MutableObject;
  /** False when the strategic merge patch would be `{}`: nothing is sent or printed. */
  readonly changed: boolean;
}

/**
 * `CalculatePatches`: runs `mutate` on a copy of every target; `false` from `mutate` (not
 * transformed) leaves the object out entirely.
 */
export function calculatePatches(targets: readonly Target[], mutate: (spec: PodSpec, obj: MutableObject, t: Target) => boolean): Patch[] {
  const patches: Patch[] = [];
  for (const target of targets) {
    const obj = cloneData(target.obj) as unknown as MutableObject;
    const spec = podSpecOf(target.info, obj);
    if (typeof spec === 'string') {
      patches.push({ target, err: spec, changed: false });
      continue;
    }
    try {
      if (!mutate(spec, obj, target)) continue;
    } catch (e) {
      if (!(e instanceof PatchError)) throw e;
      patches.push({ target, err: e.message, changed: false });
      continue;
    }
    patches.push({ target, after: obj, changed: !deepEqual(obj, target.obj) });
  }
  return patches;
}

/** How {@link writePatches} writes and reports. */
export interface WriteOptions {
  readonly strategy: DryRunStrategy;
  readonly output: string;
  readonly local: boolean;
  /** `image updated`, `env updated`, `resource requirements updated`. */
  readonly operation: string;
  /** Prefix of a failed write (`failed to patch image update to pod template: `). */
  readonly failure: string;
  /** set env's check after a successful write (returns the error that ends the command). */
  readonly afterWrite?: () => string | undefined;
}

/** The patch loop of `Run`: print (local, client dry run) or write each changed object. */
export function writePatches(inv: Invocation, patches: readonly Patch[], errs: GoError[], o: WriteOptions): number {
  const operation = `${o.operation}${dryRunSuffix(o.strategy)}`;
  let printed = 0;
  for (const p of patches) {
    const { info } = p.target;
    if (p.err !== undefined) {
      errs.push(`error: ${objectName(p.target)} ${p.err}\n`);
      continue;
    }
    if (!p.changed || !p.after) continue;
    if (o.local || o.strategy === 'client') {
      inv.out(printWritten([{ info, object: p.after as unknown as KubeObject }], o.output, operation, printed++));
      continue;
    }
    let actual: KubeObject;
    try {
      actual = inv.ctx.core.api.update(p.after, { dryRun: o.strategy === 'server' });
    } catch (e) {
      if (!isStatusError(e)) throw e;
      errs.push(`${o.failure}${e.message}`);
      continue;
    }
    const stop = o.afterWrite?.();
    if (stop !== undefined) return fail(inv, [stop]);
    inv.out(printWritten([{ info, object: actual }], o.output, operation, printed++));
  }
  if (o.strategy === 'none' && !o.local) inv.ctx.core.loop.settle();
  return errs.length > 0 ? fail(inv, errs) : 0;
}

/**
 * `--record`: pflag's deprecation notice, and the change-cause recorder (`kubectl` + the
 * arguments + every flag set, as `--name=value`) when it is true.
 * @remarks kubectl lists the flags in command-line order; kubesim lists them in flag order.
 */
export function recorder(inv: Invocation, sub: string, flags: readonly FlagSpec[]): ((obj: MutableObject) => void) | undefined {
  if (!inv.args.has('record')) return undefined;
  inv.err('Flag --record has been deprecated, --record will be removed in the future\n');
  if (!inv.args.bool('record')) return undefined;
  const args = ['set', sub, ...inv.args.args.slice(1), ...inv.args.rest];
  let set = '';
  for (const f of [...GLOBAL_FLAGS, ...flags]) for (const v of inv.args.all(f.name)) set += ` --${f.name}=${v}`;
  const cause = `kubectl ${args.join(' ')}${set}`;
  return (obj) => {
    obj.metadata.annotations = { ...obj.metadata.annotations, 'kubernetes.io/change-cause': cause };
  };
}

/** `selectString`: `*`, an exact name, or kubectl's (non-greedy, quirky) wildcard match. */
function selectString(s: string, spec: string): boolean {
  if (spec === '*') return true;
  if (!spec.includes('*')) return s === spec;
  let pos = 0;
  const parts = spec.split('*');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.length === 0) continue;
    const next = s.slice(pos).indexOf(part);
    if (next < pos || (i === 0 && pos !== 0) || (i === parts.length - 1 && s.length !== part.length + next)) return false;
    pos = next;
  }
  return true;
}

/** `selectContainers`: the matching containers of a list (the objects themselves, to change). */
export function selectContainers(containers: Container[] | undefined, spec: string): Container[] {
  return (containers ?? []).filter((c) => selectString(c.name, spec));
}

// ---------------------------------------------------------------------------------------------
// Arguments

/** `GetResourcesAndPairs`: resources first, then `KEY=VALUE` / `KEY-` pairs. */
export function resourcesAndPairs(args: readonly string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const s of args) {
    const pair = (s.includes('=') && s[0] !== '=') || (s.endsWith('-') && s !== '-');
    if (pair) pairs.push(s);
    else if (pairs.length === 0) resources.push(s);
    else throw clientError(`all resources must be specified before ${pairType} changes: ${s}`);
  }
  return { resources, pairs };
}
