/**
 * `kubectl create cronjob NAME --image=IMAGE --schedule='*' [--restart=…] [-- COMMAND [args...]]`:
 * a CronJob whose job template (named after it) runs one container named after it, restartPolicy
 * OnFailure unless `--restart` says otherwise.
 * @see kubectl pkg/cmd/create/create_cronjob.go (NewCmdCreateCronJob, Complete, createCronJob)
 */
import type { KubeObject } from '@kubesim/core';
import type { Invocation } from '../command.js';
import { dryRunStrategy } from '../dry-run.js';
import { clientError } from '../errors.js';
import { checkWrittenOutput } from '../printers/written.js';
import { resolveType } from '../resources.js';
import { createGenerated, generatedMeta, nameFromCommandArgs, rejectForeignFlags } from './generate.js';

/** `create_cronjob.go` errors. */
export const CreateCronJobErrors = {
  /** `Run` wraps the API error. */
  failed: (err: string) => `failed to create cronjob: ${err}`,
} as const;

/** `kubectl create cronjob` (alias `cj`). */
export function createCronJob(inv: Invocation): number {
  rejectForeignFlags(inv, ['image', 'schedule', 'restart'], 'kubectl create cronjob');
  // Cobra checks required flags (sorted by name) before the command runs.
  const missing = ['image', 'schedule'].filter((f) => !inv.args.has(f));
  if (missing.length > 0) throw clientError(`required flag(s) ${missing.map((f) => `"${f}"`).join(', ')} not set`);
  const name = nameFromCommandArgs(inv, 1, 'kubectl create cronjob');
  const command = inv.args.rest;
  const strategy = dryRunStrategy(inv);
  checkWrittenOutput(inv.args.string('output'));
  const image = inv.args.strings('image').at(-1) ?? '';
  const restartPolicy = inv.args.string('restart') || 'OnFailure';
  // batchv1.CronJob as createCronJob builds it, in Go field order; empty structs print as `{}`.
  const object = {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: generatedMeta(inv, name),
    spec: {
      schedule: inv.args.string('schedule') ?? '',
      jobTemplate: {
        metadata: { name, creationTimestamp: null },
        spec: {
          template: {
            metadata: { creationTimestamp: null },
            spec: { containers: [{ name, image, ...(command.length > 0 ? { command } : {}), resources: {} }], restartPolicy },
          },
        },
      },
    },
    status: {},
  };
  const wrap = (e: unknown) => (e instanceof Error ? clientError(CreateCronJobErrors.failed(e.message)) : e);
  return createGenerated(inv, [{ info: resolveType(inv.ctx, 'cronjob'), object: object as unknown as KubeObject }], strategy, wrap);
}
