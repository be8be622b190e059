/**
 * `kubectl create job NAME --image=IMAGE [-- COMMAND [args...]]`: a Job of one container named
 * after the Job, restartPolicy Never; or `--from=cronjob/NAME`: a Job from the CronJob's template,
 * annotated `cronjob.kubernetes.io/instantiate: manual` and controlled by the CronJob.
 * @see kubectl pkg/cmd/create/create_job.go (Validate, Run, createJob, createJobFromCronJob)
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
  /** `--from` names no single object. */
  fromNotCronJob: 'from must be an existing cronjob',
  /** `--from` names an object of another kind (Go's `%T`). */
  unknownObjectType: (kind: string) => `unknown object type *v1.${kind}`,
} as const;

/** The annotation `createJobFromCronJob` sets. */
export const CRONJOB_INSTANTIATE_ANNOTATION = 'cronjob.kubernetes.io/instantiate';

/** `Builder.ResourceTypeOrNameArgs(false, from)`: `TYPE/NAME`, or every object of `TYPE`. */
function resolveFrom(inv: Invocation, from: string): KubeObject {
  const slash = from.indexOf('/');
  const info = resolveType(inv.ctx, slash < 0 ? from : from.slice(0, slash));
  const ns = info.namespaced ? inv.namespace : undefined;
  let found: KubeObject[];
  if (slash < 0) found = inv.ctx.core.store.list(info.kind, ns);
  else {
    const name = from.slice(slash + 1);
    const obj = inv.ctx.core.api.get(info.kind, ns, name);
    if (!obj) throw inv.ctx.core.api.notFound(info.kind, name);
    found = [obj];
  }
  if (found.length !== 1) throw clientError(CreateJobErrors.fromNotCronJob);
  if (found[0].kind !== 'CronJob') throw clientError(CreateJobErrors.unknownObjectType(found[0].kind));
  return found[0];
}

/** `createJobFromCronJob`: the template's labels and spec; its annotations over `instantiate: manual`. */
function createJobFromCronJob(inv: Invocation, name: string, cronJob: KubeObject): Record<string, unknown> {
  // biome-ignore lint/suspicious/noExplicitAny: the CronJob's template is untyped JSON here
  const template = (cronJob as any).spec?.jobTemplate ?? {};
  const labels = template.metadata?.labels;
  const annotations = { [CRONJOB_INSTANTIATE_ANNOTATION]: 'manual', ...(template.metadata?.annotations ?? {}) };
  const ownerReferences = [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cronJob.metadata.name, uid: cronJob.metadata.uid, controller: true }];
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: generatedMeta(inv, name, { ...(labels ? { labels } : {}), annotations, ownerReferences }),
    spec: structuredClone(template.spec ?? {}),
    status: {},
  };
}

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
  // batchv1.Job as createJob builds it, in Go field order; empty structs print as `{}`.
  const object = from ? createJobFromCronJob(inv, name, resolveFrom(inv, from)) : {
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
