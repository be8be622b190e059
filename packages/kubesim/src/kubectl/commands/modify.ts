/**
 * `kubectl scale`, `patch`, `label` and `annotate`: writes through the API server's patch, with
 * kubectl's messages (`deployment.apps/x scaled`, `pod/x labeled`, `already has a value`).
 * `--dry-run=server` sends the write with the dry-run option (validated, not stored);
 * `--dry-run=client` computes the result locally and sends nothing.
 * @see kubectl pkg/cmd/scale/scale.go, pkg/cmd/patch/patch.go, pkg/cmd/label/label.go,
 *   pkg/cmd/annotate/annotate.go
 */
import {
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  cloneData,
  deepEqual,
  type JsonPatchOp,
  KIND_SCHEMAS,
  type KindInfo,
  type KubeObject,
  parseYamlDocuments,
  StrategicMergePatchError,
} from '@kubesim/core';
import type { Command, Invocation } from '../command.js';
import { DRY_RUN_FLAG, dryRunStrategy, dryRunSuffix } from '../dry-run.js';
import { clientError, renderErrors } from '../errors.js';
import { FILENAME_FLAGS, manifestTarget, readManifests } from '../manifests.js';
import { listObjects, MISSING_RESOURCE_ERROR, objectRef, parseResourceArgs } from '../resources.js';

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

/** `kubectl scale`. */
export const scaleCommand: Command = {
  flags: [
    { name: 'replicas', type: 'int' },
    { name: 'current-replicas', type: 'int' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'timeout', type: 'string' },
    DRY_RUN_FLAG,
    ...FILENAME_FLAGS,
  ],
  run(inv) {
    // cobra checks the required flag; then Complete reads --dry-run, then Validate the count.
    if (!inv.args.has('replicas')) throw clientError('required flag(s) "replicas" not set');
    const strategy = dryRunStrategy(inv);
    const replicas = inv.args.int('replicas', 0);
    if (replicas < 0) throw clientError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    const suffix = dryRunSuffix(strategy);
    const errs: unknown[] = [];
    for (const { info, obj } of targets(inv, inv.args.args)) {
      // A client dry run prints every target and stops there: no scaler, no precondition.
      if (strategy === 'client') {
        inv.out(`${objectRef(info, obj.metadata.name ?? '')} scaled${suffix}\n`);
        continue;
      }
      if (!SCALABLE.has(info.kind)) {
        errs.push(clientError(`no scaler has been implemented for {"${info.group}" "${info.kind}"}`));
        continue;
      }
      const current = inv.args.int('current-replicas', -1);
      if (current >= 0 && (obj.spec as { replicas?: number }).replicas !== current) {
        errs.push(clientError(`Expected replicas to be ${current}, was ${(obj.spec as { replicas?: number }).replicas}`));
        continue;
      }
      inv.ctx.core.api.patch(info.kind, obj.metadata.namespace, obj.metadata.name ?? '', { spec: { replicas } }, 'merge', { dryRun: strategy === 'server' });
      inv.out(`${objectRef(info, obj.metadata.name ?? '')} scaled${suffix}\n`);
    }
    if (strategy === 'none') inv.ctx.core.loop.settle();
    return finish(inv, errs);
  },
};

/** `kubectl patch`. */
export const patchCommand: Command = {
  flags: [
    { name: 'patch', short: 'p', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'patch-file', type: 'string' },
    { name: 'subresource', type: 'string' },
    DRY_RUN_FLAG,
    ...FILENAME_FLAGS,
    { name: 'output', short: 'o', type: 'string' },
  ],
  run(inv) {
    // Complete reads --dry-run before Validate looks at the patch and its type.
    const strategy = dryRunStrategy(inv);
    const text = inv.args.has('patch-file') ? readPatchFile(inv, inv.args.string('patch-file')) : inv.args.string('patch');
    if (!text) throw clientError('must specify --patch or --patch-file containing the contents of the patch');
    const type = (inv.args.string('type') || 'strategic') as 'merge' | 'strategic' | 'json';
    if (!['merge', 'strategic', 'json'].includes(type)) {
      throw clientError(`--type must be one of [json merge strategic], not ${JSON.stringify(type)}`);
    }
    const docs = parseYamlDocuments(text);
    if (docs.length !== 1 || docs[0].error) {
      throw clientError(`unable to parse ${JSON.stringify(text)}: yaml: did not find expected node content`);
    }
    const patch = docs[0].value;
    const errs: unknown[] = [];
    for (const { info, obj } of targets(inv, inv.args.args)) {
      try {
        const next =
          strategy === 'client'
            ? patchLocally(obj, patch, type)
            : inv.ctx.core.api.patch(info.kind, obj.metadata.namespace, obj.metadata.name ?? '', patch, type, { dryRun: strategy === 'server' });
        // kubectl's `didPatch := !reflect.DeepEqual(info.Object, patchedObj)`. Its ToPrinter sets
        // the operation after PrintFlagsWithDryRunStrategy added the dry-run suffix, so a dry
        // run prints plain `patched` (label.go was fixed for this; patch.go never was).
        inv.out(`${objectRef(info, obj.metadata.name ?? '')} patched${deepEqual(next, obj) ? ' (no change)' : ''}\n`);
      } catch (e) {
        errs.push(e);
      }
    }
    if (strategy === 'none') inv.ctx.core.loop.settle();
    return finish(inv, errs);
  },
};

/**
 * `--dry-run=client`: the patch applied to the object as read (`getPatchedJSON`), without the
 * server's defaulting or validation; a strategic patch with the kind's struct tags.
 */
function patchLocally(live: KubeObject, patch: unknown, type: 'merge' | 'strategic' | 'json'): KubeObject {
  const schema = type === 'strategic' ? KIND_SCHEMAS[live.kind] : undefined;
  if (schema) {
    try {
      return applyStrategicMergePatch(cloneData(live) as Record<string, unknown>, patch as Record<string, unknown>, schema) as KubeObject;
    } catch (e) {
      if (e instanceof StrategicMergePatchError) throw clientError(e.message);
      throw e;
    }
  }
  if (type !== 'json') return applyMergePatch(cloneData(live), patch) as KubeObject;
  try {
    return applyJsonPatch(live, patch as JsonPatchOp[]) as KubeObject;
  } catch (e) {
    const msg = (e as Error).message;
    // kubectl rewrites json-patch's "doc is missing key: <path>" (the rest of the text included).
    if (msg.includes('doc is missing key')) throw clientError(`Object to be patched is missing field (${msg.slice(msg.indexOf('key:') + 5)})`);
    throw clientError(msg);
  }
}

function metaCommand(field: 'labels' | 'annotations', verb: 'labeled' | 'annotated'): Command {
  return {
    flags: [
      { name: 'overwrite', type: 'bool' },
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'all', type: 'bool' },
      { name: 'all-namespaces', short: 'A', type: 'bool' },
      { name: 'list', type: 'bool' },
      { name: 'local', type: 'bool' },
      DRY_RUN_FLAG,
      { name: 'resource-version', type: 'string' },
      { name: 'output', short: 'o', type: 'string' },
      { name: 'field-selector', type: 'string' },
      ...FILENAME_FLAGS,
    ],
    run(inv) {
      // Complete reads --dry-run before the updates are parsed and validated.
      const strategy = dryRunStrategy(inv);
      const suffix = dryRunSuffix(strategy);
      const args = inv.args.args;
      // With -f every argument may be an update; else the first one names the resource.
      const first = inv.args.has('filename') ? 0 : 1;
      const firstUpdate = args.findIndex((x, i) => i >= first && (x.includes('=') || (x.endsWith('-') && !x.includes('/'))));
      const resArgs = firstUpdate < 0 ? args : args.slice(0, firstUpdate);
      const updates = firstUpdate < 0 ? [] : args.slice(firstUpdate);
      if (updates.length === 0) throw clientError(`at least one ${field === 'labels' ? 'label' : 'annotation'} update is required`);
      const set: Record<string, string> = {};
      const remove: string[] = [];
      for (const u of updates) {
        if (u.endsWith('-') && !u.includes('=')) remove.push(u.slice(0, -1));
        else {
          const i = u.indexOf('=');
          if (i <= 0) throw clientError(`invalid ${field === 'labels' ? 'label' : 'annotation'} spec: ${u}`);
          set[u.slice(0, i)] = u.slice(i + 1);
        }
      }
      const errs: unknown[] = [];
      for (const { info, obj } of targets(inv, resArgs)) {
        const current = obj.metadata[field] ?? {};
        const conflict = Object.keys(set).find((k) => k in current && current[k] !== set[k]);
        if (conflict && !inv.args.bool('overwrite')) {
          errs.push(clientError(`'${conflict}' already has a value (${current[conflict]}), and --overwrite is false`));
          continue;
        }
        const next: Record<string, string> = { ...current, ...set };
        for (const k of remove) delete next[k];
        let msg = `not ${verb}`;
        if (!deepEqual(next, current)) {
          const patch: Record<string, string | null> = { ...set };
          for (const k of remove) patch[k] = null;
          if (strategy !== 'client') {
            inv.ctx.core.api.patch(info.kind, obj.metadata.namespace, obj.metadata.name ?? '', { metadata: { [field]: patch } }, 'merge', {
              dryRun: strategy === 'server',
            });
          }
          msg = verb;
          if (!inv.args.bool('overwrite') && Object.keys(next).length < Object.keys(current).length) msg = `un${verb}`;
        }
        inv.out(`${objectRef(info, obj.metadata.name ?? '')} ${msg}${suffix}\n`);
      }
      if (strategy === 'none') inv.ctx.core.loop.settle();
      return finish(inv, errs);
    },
  };
}

/** `kubectl label`. */
export const labelCommand = metaCommand('labels', 'labeled');
/** `kubectl annotate`. */
export const annotateCommand = metaCommand('annotations', 'annotated');

/** Resolves targets by name, `-l` or `--all`; NotFound errors are thrown (kubectl stops there). */
export function targets(inv: Invocation, args: readonly string[]): { info: KindInfo; obj: KubeObject }[] {
  if (inv.args.has('filename')) {
    if (args.length > 0) throw clientError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    // The objects the files name, as the server has them (each in its namespace, else -n's).
    return readManifests(inv.ctx, inv.args.strings('filename'), inv.stdin, inv.path.replace(/^kubectl /, ''), inv.args.bool('recursive')).map((item) => {
      const { info, input } = manifestTarget(inv, item);
      return { info, obj: inv.ctx.core.api.mustGet(info.kind, info.namespaced ? input.metadata.namespace : undefined, input.metadata.name ?? '') };
    });
  }
  const requests = parseResourceArgs(inv.ctx, args, inv.path);
  if (requests.length === 0) {
    throw clientError(MISSING_RESOURCE_ERROR);
  }
  const out: { info: KindInfo; obj: KubeObject }[] = [];
  for (const r of requests) {
    if (r.names.length === 0) {
      if (!inv.args.has('selector') && !inv.args.bool('all')) throw clientError('resource(s) were provided, but no name was specified');
      for (const obj of listObjects(inv.ctx, r.info, {
        namespace: inv.namespace,
        allNamespaces: inv.args.bool('all-namespaces'),
        labelSelector: inv.args.has('selector') ? inv.args.string('selector') : undefined,
      })) {
        out.push({ info: r.info, obj });
      }
      continue;
    }
    for (const name of r.names) out.push({ info: r.info, obj: inv.ctx.core.api.mustGet(r.info.kind, r.info.namespaced ? inv.namespace : undefined, name) });
  }
  return out;
}

/** Prints collected errors; exit code 1 when there were any. */
export function finish(inv: Invocation, errs: readonly unknown[]): number {
  if (errs.length === 0) return 0;
  inv.err(`${renderErrors(errs)}\n`);
  return 1;
}

/** `os.ReadFile(o.PatchFile)` (a path, never `-`): the file's text, or kubectl's error. */
function readPatchFile(inv: Invocation, path: string): string {
  const files = inv.ctx.files;
  const kind = files?.stat(path);
  if (kind === 'dir') throw clientError(`unable to read patch file: read ${path}: is a directory`);
  const text = kind === 'file' ? files?.readFile(path) : undefined;
  if (text === undefined) throw clientError(`unable to read patch file: open ${path}: no such file or directory`);
  return text;
}
