/**
 * `kubectl delete`: by name, `-l`, `--all`, `-f`; `--grace-period`, `--force` (with kubectl's
 * warning), `--cascade`, and `--wait` (default) which runs virtual time until the objects are gone.
 * `--dry-run=client` sends nothing and prints `pod "x" deleted (dry run)` for every target, named
 * ones unchecked; `--dry-run=server` sends the DELETE with dryRun (so NotFound still shows) and
 * prints `(server dry run)`; neither waits.
 * @see kubectl pkg/cmd/delete/delete.go, delete_flags.go
 */
import { type DeleteOptions, isStatusError, type KindInfo, type KubeObject } from '@kubesim/core';
import { type Command, type Invocation, timeoutMs, waitFor } from '../command.js';
import { DRY_RUN_FLAG, dryRunStrategy, dryRunSuffix } from '../dry-run.js';
import { clientError, renderErrors } from '../errors.js';
import { kindPrefix, listObjects, MISSING_RESOURCE_ERROR, parseResourceArgs, resolveType } from '../resources.js';
import { hasFileInput, KUSTOMIZE_FLAG, readFileInput } from './kustomize.js';

/** Printed on stderr for `--grace-period=0 --force`. */
export const IMMEDIATE_DELETION_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.';

/** Upper bound of `--wait` when no `--timeout` is given (virtual). */
const DELETE_WAIT_DEFAULT_MS = 10 * 60_000;

/** `kubectl delete`. */
export const deleteCommand: Command = {
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    KUSTOMIZE_FLAG,
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'grace-period', type: 'int' },
    { name: 'force', type: 'bool' },
    { name: 'now', type: 'bool' },
    { name: 'cascade', type: 'string' },
    { name: 'wait', type: 'bool' },
    { name: 'timeout', type: 'string' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    DRY_RUN_FLAG,
  ],
  run(inv) {
    const a = inv.args;
    const policy = cascadePolicy(a.string('cascade', 'background'));
    let grace = a.int('grace-period', -1);
    const force = a.bool('force');
    if (a.bool('now')) grace = 1;
    if (grace === 0 && !force) grace = 1;
    if (force && grace < 0) grace = 0;
    // As kubectl's Complete: the strategy is settled before the resources are looked up.
    const dryRun = dryRunStrategy(inv);
    const targets = collectTargets(inv);
    if (targets === undefined) return 1;
    if (grace === 0 && force) inv.err(`${IMMEDIATE_DELETION_WARNING}\n`);
    // kubectl ignores NotFound with --all, -l or --field-selector unless --ignore-not-found says otherwise.
    const ignoreNotFound = a.has('ignore-not-found') ? a.bool('ignore-not-found') : targets.listed;
    const opts: DeleteOptions = {
      propagationPolicy: policy,
      ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}),
      ...(dryRun === 'server' ? { dryRun: true } : {}),
    };
    const operation = `${grace === 0 ? 'force deleted' : 'deleted'}${dryRunSuffix(dryRun)}`;
    const print = (t: Target) => {
      if (a.string('output') === 'name') inv.out(`${kindPrefix(t.info)}/${t.name}\n`);
      else inv.out(`${kindPrefix(t.info)} ${JSON.stringify(t.name)} ${operation}\n`);
    };
    const errs: unknown[] = [];
    const deleted: { info: KindInfo; obj: KubeObject }[] = [];
    for (const t of targets.found) {
      // A client dry run sends nothing: it prints what it would delete, found or not (as kubectl).
      if (dryRun === 'client') {
        print(t);
        continue;
      }
      try {
        const obj = inv.ctx.core.api.delete(t.info.kind, t.namespace, t.name, opts);
        deleted.push({ info: t.info, obj });
        print(t);
      } catch (e) {
        if (!(ignoreNotFound && isNotFound(e))) errs.push(e);
      }
    }
    if (targets.found.length === 0 && targets.listed) inv.out('No resources found\n');
    // A dry run changed nothing: no controllers to run, no deletion to wait for.
    if (dryRun === 'none') {
      inv.ctx.core.loop.settle();
      if (a.bool('wait', true) && deleted.length > 0) {
        const store = inv.ctx.core.store;
        const gone = () => deleted.every((d) => store.get(d.info.kind, d.obj.metadata.namespace, d.obj.metadata.name ?? '')?.metadata.uid !== d.obj.metadata.uid);
        if (!waitFor(inv, gone, timeoutMs(a.string('timeout'), DELETE_WAIT_DEFAULT_MS))) {
          const left = deleted.find((d) => store.get(d.info.kind, d.obj.metadata.namespace, d.obj.metadata.name ?? ''));
          if (left) errs.push(clientError(`timed out waiting for the condition on ${left.info.resource}/${left.obj.metadata.name}`));
        }
      }
    }
    if (errs.length) {
      inv.err(`${renderErrors(errs)}\n`);
      return 1;
    }
    return 0;
  },
};

function cascadePolicy(v: string): DeleteOptions['propagationPolicy'] {
  switch (v) {
    case 'background':
    case 'true':
      return 'Background';
    case 'foreground':
      return 'Foreground';
    case 'orphan':
    case 'false':
      return 'Orphan';
    default:
      throw clientError(`invalid cascade value (${v}). Must be "background", "foreground", or "orphan".`);
  }
}

/** What kubectl's resource builder yields: by name (not looked up) or listed (existing objects). */
interface Target {
  info: KindInfo;
  namespace: string | undefined;
  name: string;
}

interface Targets {
  found: Target[];
  listed: boolean;
}

function collectTargets(inv: Invocation): Targets | undefined {
  const a = inv.args;
  const out: Targets = { found: [], listed: false };
  if (hasFileInput(inv)) {
    for (const it of readFileInput(inv, 'delete')) {
      const info = resolveType(inv.ctx, it.object.kind);
      addByName(inv, info, it.object.metadata.name ?? '', out, it.object.metadata.namespace);
    }
    return out;
  }
  const requests = parseResourceArgs(inv.ctx, a.args, inv.path);
  if (requests.length === 0) {
    inv.err(`error: ${MISSING_RESOURCE_ERROR}\n`);
    return undefined;
  }
  for (const r of requests) {
    if (r.names.length > 0) {
      for (const name of r.names) addByName(inv, r.info, name, out);
      continue;
    }
    if (!a.has('selector') && !a.bool('all') && !a.has('field-selector')) {
      throw clientError('resource(s) were provided, but no name was specified');
    }
    out.listed = true;
    for (const obj of listObjects(inv.ctx, r.info, {
      namespace: inv.namespace,
      allNamespaces: a.bool('all-namespaces'),
      labelSelector: a.has('selector') ? a.string('selector') : undefined,
      fieldSelector: a.string('field-selector') || undefined,
    })) {
      out.found.push({ info: r.info, namespace: obj.metadata.namespace, name: obj.metadata.name ?? '' });
    }
  }
  return out;
}

/** A named object is not fetched first: the DELETE (or its dry run) reports NotFound. */
function addByName(inv: Invocation, info: KindInfo, name: string, out: Targets, ns?: string): void {
  out.found.push({ info, namespace: info.namespaced ? ns || inv.namespace : undefined, name });
}

function isNotFound(e: unknown): boolean {
  return isStatusError(e) && e.reason === 'NotFound';
}
