/**
 * `aws ec2 wait <waiter> …`: polls the waiter's describe operation every `delay` seconds of
 * virtual time until an acceptor says success (no output, exit 0) or failure, or `maxAttempts`
 * calls have been made (`Waiter <Name> failed: …`, exit 255).
 * @see botocore botocore/waiter.py (Waiter.wait, AcceptorConfig.explanation),
 *   botocore/data/ec2/2016-11-15/waiters-2.json
 */
import { type Json, search } from './jmespath.js';

/** `waiter.py` acceptor: what a response must show, and the state it leads to. */
export interface Acceptor {
  readonly state: 'success' | 'failure' | 'retry';
  readonly matcher: 'path' | 'pathAll' | 'pathAny' | 'error';
  readonly argument?: string;
  readonly expected: string | boolean;
}

/** One waiter of `waiters-2.json`. */
export interface Waiter {
  /** The waiter's name in messages (`VolumeAvailable`). */
  readonly name: string;
  /** The `aws ec2` command it polls (`describe-volumes`). */
  readonly command: string;
  readonly delaySeconds: number;
  readonly maxAttempts: number;
  readonly acceptors: readonly Acceptor[];
}

const VOLUME_STATE = 'Volumes[].State';
const INSTANCE_STATE = 'Reservations[].Instances[].State.Name';
const all = (expected: string, argument: string, state: Acceptor['state'] = 'success'): Acceptor => ({ state, matcher: 'pathAll', argument, expected });
const any = (expected: string, argument: string): Acceptor => ({ state: 'failure', matcher: 'pathAny', argument, expected });

/** The EC2 waiters over what kubesim models, by CLI name, as `waiters-2.json` defines them. */
export const WAITERS: Readonly<Record<string, Waiter>> = {
  'instance-exists': {
    name: 'InstanceExists',
    command: 'describe-instances',
    delaySeconds: 5,
    maxAttempts: 40,
    acceptors: [
      { state: 'success', matcher: 'path', argument: 'length(Reservations[]) > `0`', expected: true },
      { state: 'retry', matcher: 'error', expected: 'InvalidInstanceID.NotFound' },
    ],
  },
  'instance-running': {
    name: 'InstanceRunning',
    command: 'describe-instances',
    delaySeconds: 15,
    maxAttempts: 40,
    acceptors: [
      all('running', INSTANCE_STATE),
      any('shutting-down', INSTANCE_STATE),
      any('terminated', INSTANCE_STATE),
      any('stopping', INSTANCE_STATE),
      { state: 'retry', matcher: 'error', expected: 'InvalidInstanceID.NotFound' },
    ],
  },
  'instance-stopped': {
    name: 'InstanceStopped',
    command: 'describe-instances',
    delaySeconds: 15,
    maxAttempts: 40,
    acceptors: [all('stopped', INSTANCE_STATE), any('pending', INSTANCE_STATE), any('terminated', INSTANCE_STATE)],
  },
  'instance-terminated': {
    name: 'InstanceTerminated',
    command: 'describe-instances',
    delaySeconds: 15,
    maxAttempts: 40,
    acceptors: [all('terminated', INSTANCE_STATE), any('pending', INSTANCE_STATE), any('stopping', INSTANCE_STATE)],
  },
  'snapshot-completed': {
    name: 'SnapshotCompleted',
    command: 'describe-snapshots',
    delaySeconds: 15,
    maxAttempts: 40,
    acceptors: [all('completed', 'Snapshots[].State')],
  },
  'volume-available': {
    name: 'VolumeAvailable',
    command: 'describe-volumes',
    delaySeconds: 15,
    maxAttempts: 40,
    acceptors: [all('available', VOLUME_STATE), any('deleted', VOLUME_STATE)],
  },
  'volume-deleted': {
    name: 'VolumeDeleted',
    command: 'describe-volumes',
    delaySeconds: 15,
    maxAttempts: 40,
    acceptors: [all('deleted', VOLUME_STATE), { state: 'success', matcher: 'error', expected: 'InvalidVolume.NotFound' }],
  },
  'volume-in-use': {
    name: 'VolumeInUse',
    command: 'describe-volumes',
    delaySeconds: 15,
    maxAttempts: 40,
    acceptors: [all('in-use', VOLUME_STATE), any('deleted', VOLUME_STATE)],
  },
};

/** A describe call's outcome: the response, or the service error it returned. */
export type WaiterResponse = { readonly ok: Json } | { readonly error: { readonly code: string; readonly message: string } };

/** `WaiterError`: `Waiter <Name> failed: <reason>`. */
export class WaiterFailure extends Error {
  override readonly name = 'WaiterFailure';
}

/**
 * `Waiter.wait`: calls `describe` (attempt 1 at once), then sleeps the waiter's delay through
 * `sleep` before each further attempt. Returns on success; throws `WaiterFailure`.
 */
export function runWaiter(w: Waiter, describe: () => WaiterResponse, sleep: (ms: number) => void): void {
  let state: Acceptor['state'] | 'waiting' = 'waiting';
  let lastMatched: Acceptor | undefined;
  for (let attempts = 1; ; attempts++) {
    const response = describe();
    // Upstream reads the loop variable after the loop: the matched acceptor, or the last one.
    let acceptor: Acceptor | undefined;
    let matched = false;
    for (acceptor of w.acceptors) {
      if (matches(acceptor, response)) {
        matched = true;
        lastMatched = acceptor;
        state = acceptor.state;
        break;
      }
    }
    if (!matched && 'error' in response) {
      throw new WaiterFailure(`Waiter ${w.name} failed: An error occurred (${response.error.code}): ${response.error.message}`);
    }
    if (state === 'success') return;
    if (state === 'failure') throw new WaiterFailure(`Waiter ${w.name} failed: Waiter encountered a terminal failure state: ${explanation(acceptor as Acceptor)}`);
    if (attempts >= w.maxAttempts) {
      const reason = lastMatched === undefined ? 'Max attempts exceeded' : `Max attempts exceeded. Previously accepted state: ${explanation(acceptor as Acceptor)}`;
      throw new WaiterFailure(`Waiter ${w.name} failed: ${reason}`);
    }
    sleep(w.delaySeconds * 1000);
  }
}

function matches(a: Acceptor, response: WaiterResponse): boolean {
  if (a.matcher === 'error') return 'error' in response && response.error.code === a.expected;
  if ('error' in response) return false;
  const result = search(a.argument as string, response.ok);
  if (a.matcher === 'path') return result === a.expected;
  if (!Array.isArray(result) || result.length === 0) return false;
  return a.matcher === 'pathAll' ? result.every((v) => v === a.expected) : result.some((v) => v === a.expected);
}

/** `AcceptorConfig.explanation` (Python's `%s`: a boolean prints as `True`). */
function explanation(a: Acceptor): string {
  const expected = typeof a.expected === 'boolean' ? (a.expected ? 'True' : 'False') : a.expected;
  switch (a.matcher) {
    case 'path':
      return `For expression "${a.argument}" we matched expected path: "${expected}"`;
    case 'pathAll':
      return `For expression "${a.argument}" all members matched expected path: "${expected}"`;
    case 'pathAny':
      return `For expression "${a.argument}" we matched expected path: "${expected}" at least once`;
    default:
      return `Matched expected service error code: ${expected}`;
  }
}
