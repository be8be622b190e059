/**
 * `kubectl rollout pause` and `kubectl rollout resume`: set or clear a Deployment's `spec.paused`
 * with a strategic merge patch (`deployment.apps/web paused`); a Deployment already in that state,
 * or a kind that cannot pause, is an error for that object while the others go on.
 * @see kubectl pkg/cmd/rollout/rollout_pause.go, rollout_resume.go,
 *   pkg/polymorphichelpers/objectpauser.go, objectresumer.go
 */
import type { KindInfo, KubeObject } from '@kubesim/core';
import type { Invocation } from '../command.js';
import { goError } from '../errors.js';
import { checkWrittenOutput, printWritten } from '../printers/written.js';
import { finish, targets } from './modify.js';

/** What pausing and resuming differ in. */
interface Toggle {
  /** The `spec.paused` value written. */
  readonly paused: boolean;
  /** The printer's operation. */
  readonly done: string;
  /** The object-pauser's error when the Deployment is already in that state. */
  readonly already: string;
  /** The error for a kind without `spec.paused`. */
  readonly unsupported: string;
}

const PAUSE: Toggle = { paused: true, done: 'paused', already: 'is already paused', unsupported: 'pausing is not supported' };
const RESUME: Toggle = { paused: false, done: 'resumed', already: 'is not paused', unsupported: 'resuming is not supported' };

/** `kubectl rollout pause`. */
export function rolloutPause(inv: Invocation, args: readonly string[]): number {
  return toggle(inv, args, PAUSE);
}

/** `kubectl rollout resume`. */
export function rolloutResume(inv: Invocation, args: readonly string[]): number {
  return toggle(inv, args, RESUME);
}

function toggle(inv: Invocation, args: readonly string[], t: Toggle): number {
  const output = inv.args.string('output');
  checkWrittenOutput(output);
  const found = targets(inv, args);
  if (found.length === 0) {
    inv.err(`No resources found in ${inv.namespace} namespace.\n`);
    return 0;
  }
  const errs: unknown[] = [];
  let printed = 0;
  for (const { info, obj } of found) {
    const problem = info.kind !== 'Deployment' ? t.unsupported : Boolean((obj.spec as { paused?: boolean } | undefined)?.paused) === t.paused ? t.already : undefined;
    if (problem !== undefined) {
      // The Go text carries its own `error: ` (`fmt.Errorf("error: %s %q %v", …)`).
      errs.push(goError(`error: ${resourceString(info)} ${JSON.stringify(obj.metadata.name)} ${problem}`));
      continue;
    }
    let written: KubeObject;
    try {
      written = inv.ctx.core.api.patch(info.kind, obj.metadata.namespace, obj.metadata.name ?? '', { spec: { paused: t.paused } }, 'strategic');
    } catch (e) {
      errs.push(goError(`failed to patch: ${e instanceof Error ? e.message : String(e)}`));
      continue;
    }
    inv.out(printWritten([{ info, object: written }], output, t.done, printed++));
  }
  inv.ctx.core.loop.settle();
  return finish(inv, errs);
}

/** `deployments.apps`, `statefulsets.apps`, `pods`: the resource and its group, as the errors name them. */
function resourceString(info: KindInfo): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}
