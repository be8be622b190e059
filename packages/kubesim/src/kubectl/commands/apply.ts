/**
 * `kubectl apply -f` and `kubectl create -f`: every document in order, each reported
 * (`deployment.apps/x created|configured|unchanged`); failures are collected, rendered at the end
 * with their source (`error when creating "STDIN": …`), and make the exit code 1.
 * @see kubectl pkg/cmd/apply/apply.go, pkg/cmd/create/create.go
 */
import type { KubeObject } from '@kubesim/core';
import type { Command, Invocation } from '../command.js';
import { addSourceToErr, clientError, renderErrors } from '../errors.js';
import { readManifests } from '../manifests.js';
import { objectRef } from '../resources.js';

const NO_FILE = `error: must specify one of -f and -k`;

function applyFlags() {
  return [
    { name: 'filename', short: 'f', type: 'strings' as const },
    { name: 'dry-run', type: 'string' as const },
    { name: 'output', short: 'o', type: 'string' as const },
    { name: 'server-side', type: 'bool' as const },
    { name: 'force', type: 'bool' as const },
    { name: 'validate', type: 'string' as const },
    { name: 'recursive', short: 'R', type: 'bool' as const },
    { name: 'save-config', type: 'bool' as const },
    { name: 'overwrite', type: 'bool' as const },
    { name: 'field-manager', type: 'string' as const },
    { name: 'record', type: 'bool' as const },
  ];
}

/** `kubectl apply`. */
export const applyCommand: Command = {
  flags: applyFlags(),
  run: (inv) => runManifests(inv, 'apply'),
};

/** `kubectl create -f` (and `create namespace NAME`). */
export const createCommand: Command = {
  flags: [...applyFlags(), { name: 'image', type: 'strings' }, { name: 'replicas', short: 'r', type: 'int' }],
  run(inv) {
    if (!inv.args.has('filename') && inv.args.args.length > 0) return createGenerator(inv);
    return runManifests(inv, 'create');
  },
};

function runManifests(inv: Invocation, verb: 'apply' | 'create'): number {
  if (!inv.args.has('filename')) {
    inv.err(`${verb === 'apply' ? NO_FILE : 'error: must specify one of -f and -k'}\n`);
    return 1;
  }
  const items = readManifests(inv.ctx, inv.args.strings('filename'), inv.stdin, verb);
  const dryRun = inv.args.string('dry-run');
  const suffix = dryRun === 'server' ? ' (server dry run)' : dryRun === 'client' || dryRun === 'true' ? ' (dry run)' : '';
  const errs: unknown[] = [];
  const nsFlag = inv.args.string('namespace');
  for (const item of items) {
    const obj = item.object;
    const info = inv.ctx.core.kinds.forManifest(obj.apiVersion, obj.kind);
    if (!info) {
      errs.push(
        clientError(
          `resource mapping not found for name: ${JSON.stringify(obj.metadata?.name ?? '')} namespace: ${JSON.stringify(obj.metadata?.namespace ?? '')} from ${JSON.stringify(item.source)}: no matches for kind ${JSON.stringify(obj.kind)} in version ${JSON.stringify(obj.apiVersion)}\nensure CRDs are installed first`,
        ),
      );
      continue;
    }
    const ns = obj.metadata?.namespace;
    if (info.namespaced && ns && nsFlag && ns !== nsFlag) {
      errs.push(
        clientError(
          `the namespace from the provided object ${JSON.stringify(ns)} does not match the namespace ${JSON.stringify(nsFlag)}. You must pass '--namespace=${ns}' to perform this operation.`,
        ),
      );
      continue;
    }
    const input: KubeObject = info.namespaced
      ? { ...obj, metadata: { ...obj.metadata, namespace: ns || inv.namespace } }
      : obj;
    const exists = !!inv.ctx.core.store.get(info.kind, info.namespaced ? input.metadata.namespace : undefined, obj.metadata?.name ?? '');
    try {
      const isDry = suffix !== '';
      if (verb === 'apply') {
        const res = inv.ctx.core.api.apply(input, { dryRun: isDry });
        inv.out(`${objectRef(info, res.object.metadata.name ?? '')} ${res.action}${suffix}\n`);
      } else {
        const created = inv.ctx.core.api.create(input, { dryRun: isDry });
        inv.out(`${objectRef(info, created.metadata.name ?? obj.metadata?.name ?? '')} created${suffix}\n`);
      }
    } catch (e) {
      errs.push(addSourceToErr(verb === 'apply' && exists ? 'applying patch' : 'creating', item.source, e));
    }
  }
  inv.ctx.core.loop.settle();
  if (errs.length) {
    inv.err(`${renderErrors(errs)}\n`);
    return 1;
  }
  return 0;
}

function createGenerator(inv: Invocation): number {
  const [what, name] = inv.args.args;
  const api = inv.ctx.core.api;
  if ((what === 'namespace' || what === 'ns') && name) {
    api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    inv.out(`namespace/${name} created\n`);
    return 0;
  }
  if ((what === 'deployment' || what === 'deploy') && name) {
    const images = inv.args.strings('image');
    if (images.length === 0) throw clientError('required flag(s) "image" not set');
    const labels = { app: name };
    const containers = images.map((image) => ({ name: image.split('/').pop()?.split(':')[0] ?? name, image }));
    api.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: inv.namespace, labels },
      spec: { replicas: inv.args.int('replicas', 1), selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers } } },
    });
    inv.out(`deployment.apps/${name} created\n`);
    return 0;
  }
  throw clientError(`unknown command "${what ?? ''}" for "kubectl create"`);
}
