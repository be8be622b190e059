/**
 * `kubectl create deployment NAME --image=…` and `kubectl create namespace NAME`: kubectl builds
 * the object (Go field order, zero values as Go prints them), then creates it, or only prints it
 * on a dry run.
 * @see kubectl pkg/cmd/create/create_deployment.go, pkg/cmd/create/create_namespace.go
 */
import type { KubeObject } from '@kubesim/core';
import type { Invocation } from '../command.js';
import { dryRunStrategy } from '../dry-run.js';
import { clientError } from '../errors.js';
import { checkWrittenOutput } from '../printers/written.js';
import { resolveType } from '../resources.js';
import { createGenerated, generatedMeta, nameFromCommandArgs } from './generate.js';

/** `kubectl create <generator> NAME`; `what` is `inv.args.args[0]`. */
export function createGenerator(inv: Invocation): number {
  const what = inv.args.args[0];
  if (what === 'namespace' || what === 'ns') return createNamespace(inv);
  if (what === 'deployment' || what === 'deploy') return createDeployment(inv);
  throw clientError(`unknown command "${what ?? ''}" for "kubectl create"`);
}

function createNamespace(inv: Invocation): number {
  const name = nameFromCommandArgs(inv, 1, 'kubectl create namespace');
  const strategy = dryRunStrategy(inv);
  checkWrittenOutput(inv.args.string('output'));
  const info = resolveType(inv.ctx, 'namespace');
  const object = { kind: 'Namespace', apiVersion: 'v1', metadata: { name, creationTimestamp: null }, spec: {}, status: {} };
  return createGenerated(inv, [{ info, object: object as unknown as KubeObject }], strategy);
}

function createDeployment(inv: Invocation): number {
  // Cobra checks required flags before the command runs.
  const images = inv.args.strings('image');
  if (!inv.args.has('image')) throw clientError('required flag(s) "image" not set');
  const name = nameFromCommandArgs(inv, 1, 'kubectl create deployment');
  const command = inv.args.rest;
  const strategy = dryRunStrategy(inv);
  checkWrittenOutput(inv.args.string('output'));
  if (images.length > 1 && command.length > 0) throw clientError('cannot specify multiple --image options and command');
  const port = inv.args.int('port', -1);
  const labels = { app: name };
  const containers = images.map((image, i) => ({
    name: containerName(inv, image),
    image,
    ...(command.length > 0 ? { command } : {}),
    ...(i === 0 && port >= 0 ? { ports: [{ containerPort: port }] } : {}),
    resources: {},
  }));
  const object = {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: generatedMeta(inv, name, { labels }),
    spec: {
      replicas: inv.args.int('replicas', 1),
      selector: { matchLabels: labels },
      template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
      strategy: {},
    },
    status: {},
  };
  // Unlike `run` and `create namespace`, an API error comes back wrapped in a plain error (`%v`).
  const wrap = (e: unknown) => (e instanceof Error ? clientError(`failed to create deployment: ${e.message}`) : e);
  return createGenerated(inv, [{ info: resolveType(inv.ctx, 'deployment'), object: object as unknown as KubeObject }], strategy, wrap);
}

/**
 * `buildPodSpec`'s container name: the image's last path segment without tag or digest; `_` and
 * `.` become `-` and five random characters are added (`sanitizeAndUniquify`).
 */
function containerName(inv: Invocation, image: string): string {
  let name = image.split('/').pop() ?? image;
  name = name.split(':')[0].split('@')[0];
  if (!/[_.]/.test(name)) return name;
  return inv.ctx.core.store.generateName(`${name.replace(/[_.]/g, '-')}-`);
}
