/**
 * `kubectl apply -f` and `kubectl create -f`: every document in order, each reported
 * (`deployment.apps/x created|configured|unchanged`); failures are collected, rendered at the end
 * with their source (`error when creating "STDIN": …`), and make the exit code 1.
 * @see kubectl pkg/cmd/apply/apply.go, pkg/cmd/create/create.go
 */
import type { Command, Invocation } from '../command.js';
import { addSourceToErr, renderErrors } from '../errors.js';
import { type ManifestTarget, manifestTarget } from '../manifests.js';
import { DRY_RUN_FLAG, dryRunStrategy, dryRunSuffix } from '../dry-run.js';
import { checkWrittenOutput, printWritten } from '../printers/written.js';
import { createGenerator } from './create-generators.js';
import { GENERATOR_FLAGS } from './generate.js';
import { hasFileInput, KUSTOMIZE_FLAG, readFileInput } from './kustomize.js';

const NO_FILE = `error: must specify one of -f and -k`;

function applyFlags() {
  return [
    { name: 'filename', short: 'f', type: 'strings' as const },
    KUSTOMIZE_FLAG,
    DRY_RUN_FLAG,
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
  flags: [
    ...applyFlags(),
    ...GENERATOR_FLAGS,
  ],
  run(inv) {
    if (!hasFileInput(inv) && inv.args.args.length > 0) return createGenerator(inv);
    return runManifests(inv, 'create');
  },
};

function runManifests(inv: Invocation, verb: 'apply' | 'create'): number {
  if (!hasFileInput(inv)) {
    inv.err(`${verb === 'apply' ? NO_FILE : 'error: must specify one of -f and -k'}\n`);
    return 1;
  }
  const strategy = dryRunStrategy(inv);
  const output = inv.args.string('output');
  checkWrittenOutput(output);
  const items = readFileInput(inv, verb);
  const suffix = dryRunSuffix(strategy);
  let printed = 0;
  const errs: unknown[] = [];
  for (const item of items) {
    let target: ManifestTarget;
    try {
      target = manifestTarget(inv, item);
    } catch (e) {
      errs.push(e);
      continue;
    }
    const { info, input } = target;
    const exists = !!inv.ctx.core.store.get(info.kind, info.namespaced ? input.metadata.namespace : undefined, input.metadata?.name ?? '');
    try {
      const dryRun = strategy !== 'none';
      // Each object is printed as it is written, so an error further down leaves these lines.
      if (verb === 'apply') {
        const res = inv.ctx.core.api.apply(input, { dryRun });
        inv.out(printWritten([{ info, object: res.object }], output, `${res.action}${suffix}`, printed++));
      } else {
        const created = inv.ctx.core.api.create(input, { dryRun });
        inv.out(printWritten([{ info, object: created }], output, `created${suffix}`, printed++));
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
