/**
 * `kubectl create job NAME --image=IMAGE [-- COMMAND [args...]]`: a Job of one container named
 * after the Job, restartPolicy Never. (`--from=cronjob/NAME` needs CronJobs, which kubesim does
 * not serve.)
 * @see kubectl pkg/cmd/create/create_job.go (Validate, createJob)
 */
import type { KubeObject } from '@kubesim/core';
import type { Invocation } from '../command.js';
import { dryRunStrategy } from '../dry-run.js';
import { clientError } from '../errors.js';
import { checkWrittenOutput } from '../printers/written.js';
import { resolveType } from '../resources.js';
import { createGenerated, generatedMeta, nameFromCommandArgs, rejectForeignFlags } from './generate.js';

/** `create_job.go` errors. */
export const CreateJobErrors = {
  imageOrFrom: 'either --image or --from must be specified',
  fromAndCommand: 'cannot specify --from and command',
  /** `Run` wraps the API error. */
  failed: (err: string) => `failed to create job: ${err}`,
  /** kubesim serves no CronJobs. */
  fromUnsupported: 'kubesim does not implement "kubectl create job --from" (no CronJobs)',
} as const;

/** `kubectl create job`. */
export function createJob(inv: Invocation): number {
  rejectForeignFlags(inv, ['image', 'from'], 'kubectl create job');
  const name = nameFromCommandArgs(inv, 1, 'kubectl create job');
  const command = inv.args.rest;
  const strategy = dryRunStrategy(inv);
  checkWrittenOutput(inv.args.string('output'));
  const image = inv.args.strings('image').at(-1) ?? '';
  const from = inv.args.string('from');
  if ((!image && !from) || (image && from)) throw clientError(CreateJobErrors.imageOrFrom);
  if (command.length > 0 && from) throw clientError(CreateJobErrors.fromAndCommand);
  if (from) throw clientError(CreateJobErrors.fromUnsupported);
  // batchv1.Job as createJob builds it, in Go field order; empty structs print as `{}`.
  const object = {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: generatedMeta(inv, name),
    spec: {
      template: {
        metadata: { creationTimestamp: null },
        spec: { containers: [{ name, image, ...(command.length > 0 ? { command } : {}), resources: {} }], restartPolicy: 'Never' },
      },
    },
    status: {},
  };
  const wrap = (e: unknown) => (e instanceof Error ? clientError(CreateJobErrors.failed(e.message)) : e);
  return createGenerated(inv, [{ info: resolveType(inv.ctx, 'job'), object: object as unknown as KubeObject }], strategy, wrap);
}
