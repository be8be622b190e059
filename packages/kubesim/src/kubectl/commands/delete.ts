/**
 * `kubectl delete`: by name, `-l`, `--all`, `-f`; `--grace-period`, `--force` (with kubectl's
 * warning), `--cascade`, and `--wait` (default) which runs virtual time until the objects are gone.
 * @see kubectl pkg/cmd/delete/delete.go, delete_flags.go
 */
import type { DeleteOptions, KindInfo, KubeObject } from '@kubesim/core';
import { type Command, type Invocation, timeoutMs, waitFor } from '../command.js';
import { clientError, renderErrors } from '../errors.js';
import { readManifests } from '../manifests.js';
import { kindPrefix, listObjects, parseResourceArgs, resolveType } from '../resources.js';

/** Printed on stderr for `--grace-period=0 --force`. */
export const IMMEDIATE_DELETION_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.';

const NO_RESOURCES = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/** Upper bound of `--wait` when no `--timeout` is given (virtual). */
const DELETE_WAIT_DEFAULT_MS = 10 * 60_000;

/** `kubectl delete`. */
export const deleteCommand: Command = {
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
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
    { name: 'dry-run', type: 'string' },
  ],
  run(inv) {
    const a = inv.args;
    const policy = cascadePolicy(a.string('cascade', 'background'));
    let grace = a.int('grace-period', -1);
    const force = a.bool('force');
    if (a.bool('now')) grace = 1;
    if (grace === 0 && !force) grace = 1;
    if (force && grace < 0) grace = 0;
    const targets = collectTargets(inv);
    if (targets === undefined) return 1;
    if (grace === 0 && force) inv.err(`${IMMEDIATE_DELETION_WARNING}\n`);
    const opts: DeleteOptions = { propagationPolicy: policy, ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}) };
    const errs: unknown[] = [];
    const deleted: { info: KindInfo; obj: KubeObject }[] = [];
    for (const t of targets.found) {
      try {
        inv.ctx.core.api.delete(t.info.kind, t.obj.metadata.namespace, t.obj.metadata.name ?? '', opts);
        deleted.push(t);
        const verb = grace === 0 && force ? 'force deleted' : 'deleted';
        if (a.string('output') === 'name') inv.out(`${kindPrefix(t.info)}/${t.obj.metadata.name}\n`);
        else inv.out(`${kindPrefix(t.info)} ${JSON.stringify(t.obj.metadata.name)} ${verb}\n`);
      } catch (e) {
        errs.push(e);
      }
    }
    errs.push(...targets.errors);
    if (targets.found.length === 0 && targets.errors.length === 0 && targets.listed) inv.out('No resources found\n');
    inv.ctx.core.loop.settle();
    if (a.bool('wait', true) && deleted.length > 0) {
      const store = inv.ctx.core.store;
      const gone = () => deleted.every((d) => store.get(d.info.kind, d.obj.metadata.namespace, d.obj.metadata.name ?? '')?.metadata.uid !== d.obj.metadata.uid);
      if (!waitFor(inv, gone, timeoutMs(a.string('timeout'), DELETE_WAIT_DEFAULT_MS))) {
        const left = deleted.find((d) => store.get(d.info.kind, d.obj.metadata.namespace, d.obj.metadata.name ?? ''));
        if (left) errs.push(clientError(`timed out waiting for the condition on ${left.info.resource}/${left.obj.metadata.name}`));
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

interface Targets {
  found: { info: KindInfo; obj: KubeObject }[];
  errors: unknown[];
  listed: boolean;
}

function collectTargets(inv: Invocation): Targets | undefined {
  const a = inv.args;
  const out: Targets = { found: [], errors: [], listed: false };
  if (a.has('filename')) {
    for (const it of readManifests(inv.ctx, a.strings('filename'), inv.stdin, 'delete')) {
      const info = resolveType(inv.ctx, it.object.kind);
      addByName(inv, info, it.object.metadata.name ?? '', out, it.object.metadata.namespace);
    }
    return out;
  }
  const requests = parseResourceArgs(inv.ctx, a.args, inv.path);
  if (requests.length === 0) {
    inv.err(`${NO_RESOURCES}\n`);
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
      out.found.push({ info: r.info, obj });
    }
  }
  return out;
}

function addByName(inv: Invocation, info: KindInfo, name: string, out: Targets, ns?: string): void {
  const namespace = info.namespaced ? ns || inv.namespace : undefined;
  const obj = inv.ctx.core.store.get(info.kind, namespace, name);
  if (obj) out.found.push({ info, obj });
  else if (!inv.args.bool('ignore-not-found')) out.errors.push(inv.ctx.core.api.notFound(info.kind, name));
}
