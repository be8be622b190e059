/**
 * What the generator commands (`kubectl run`, `kubectl create deployment|namespace`) share: the
 * objects kubectl builds itself are created through the API (or only printed, on a client dry
 * run) and printed through the write printers.
 * @see kubectl pkg/cmd/run/run.go (createGeneratedObject), pkg/cmd/create/create.go
 *   (NameFromCommandArgs)
 */
import type { KindInfo, KubeObject } from '@kubesim/core';
import type { Invocation } from '../command.js';
import { type DryRunStrategy, dryRunSuffix } from '../dry-run.js';
import { usageErrorf } from '../errors.js';
import { type FlagSpec, usageError } from '../flags.js';
import { printWritten, type Written } from '../printers/written.js';

/** An object kubectl built, with `metadata.namespace` set only when `-n` was given (`EnforceNamespace`). */
export interface Generated {
  readonly info: KindInfo;
  readonly object: KubeObject;
}

/** `metadata` of a generated object, in ObjectMeta's field order, as kubectl sends it. */
export function generatedMeta(inv: Invocation, name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    ...(inv.args.has('namespace') ? { namespace: inv.namespace } : {}),
    creationTimestamp: null,
    ...extra,
  };
}

/**
 * Creates each object in the invocation's namespace (validated, not stored, on a server dry run;
 * not sent on a client dry run) and prints them. `wrap` turns an API error into the command's
 * own (`failed to create deployment: …`).
 */
export function createGenerated(inv: Invocation, objects: readonly Generated[], strategy: DryRunStrategy, wrap: (e: unknown) => unknown = (e) => e): number {
  const written: Written[] = [];
  for (const g of objects) {
    if (strategy === 'client') {
      written.push({ info: g.info, object: g.object, typed: true });
      continue;
    }
    const input = g.info.namespaced ? { ...g.object, metadata: { ...g.object.metadata, namespace: inv.namespace } } : g.object;
    try {
      written.push({ info: g.info, object: inv.ctx.core.api.create(input, { dryRun: strategy === 'server' }) });
    } catch (e) {
      throw wrap(e);
    }
  }
  inv.ctx.core.loop.settle();
  inv.out(printWritten(written, inv.args.string('output'), `created${dryRunSuffix(strategy)}`));
  return 0;
}

/**
 * `NameFromCommandArgs`: exactly one name before `--`. `sub` is how many leading words name the
 * subcommand (`deployment` in `kubectl create deployment`), `path` the command for the usage hint.
 */
export function nameFromCommandArgs(inv: Invocation, sub = 0, path = inv.path): string {
  const args = inv.args.args.slice(sub);
  const count = inv.args.dashAt >= 0 ? inv.args.dashAt - sub : args.length;
  if (count !== 1) throw usageErrorf(path, `exactly one NAME is required, got ${count}`);
  return args[0];
}

/**
 * The flags only some `kubectl create` subcommands define. run.ts parses the union of every
 * subcommand's flags; cobra parses per subcommand, so the others are unknown there.
 */
export const GENERATOR_FLAGS: readonly FlagSpec[] = [
  { name: 'image', type: 'strings' },
  { name: 'replicas', short: 'r', type: 'int' },
  { name: 'port', type: 'int' },
  { name: 'from-file', type: 'strings' },
  { name: 'from-literal', type: 'strings' },
  { name: 'from-env-file', type: 'strings' },
  { name: 'append-hash', type: 'bool' },
  { name: 'type', type: 'string' },
  { name: 'docker-username', type: 'string' },
  { name: 'docker-password', type: 'string' },
  { name: 'docker-email', type: 'string' },
  { name: 'docker-server', type: 'string' },
  { name: 'tcp', type: 'strings' },
  { name: 'clusterip', type: 'string' },
  { name: 'node-port', type: 'int' },
  { name: 'external-name', type: 'string' },
  { name: 'value', type: 'int' },
  { name: 'global-default', type: 'bool' },
  { name: 'description', type: 'string' },
  { name: 'preemption-policy', type: 'string' },
  { name: 'selector', type: 'string' },
  { name: 'min-available', type: 'string' },
  { name: 'max-unavailable', type: 'string' },
  { name: 'from', type: 'string' },
  { name: 'schedule', type: 'string' },
  { name: 'restart', type: 'string' },
  { name: 'audience', type: 'strings' },
  { name: 'duration', type: 'string' },
  { name: 'bound-object-kind', type: 'string' },
  { name: 'bound-object-name', type: 'string' },
  { name: 'bound-object-uid', type: 'string' },
  { name: 'hard', type: 'string' },
  { name: 'scopes', type: 'string' },
];

/** pflag's `unknown flag: --x` for a generator flag `path` (`kubectl create configmap`) does not define. */
export function rejectForeignFlags(inv: Invocation, accepted: readonly string[], path: string): void {
  for (const { name } of GENERATOR_FLAGS) {
    if (inv.args.has(name) && !accepted.includes(name)) throw usageError(`unknown flag: --${name}`, path);
  }
}
