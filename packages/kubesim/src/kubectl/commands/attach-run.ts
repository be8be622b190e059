/**
 * `kubectl run` attached (`-i`, `--attach`, `-t`, `--rm`): creates the objects without printing
 * them, waits up to `--pod-running-timeout` (1m) for the pod to be running and ready, sends the
 * command's standard input to the container, follows it on virtual time until its process ends,
 * prints what it wrote, then (restart Never or OnFailure) waits for the pod's end and exits with
 * the container's code; `--rm` deletes what it created (`pod "x" deleted`). A pod that finished
 * before it could be attached to prints its logs, as kubectl falls back to.
 * kubectl's standard input is never a terminal here: `-t` prints kubectl's `Unable to use a TTY`
 * and goes on without one. A process that never ends is followed until `--request-timeout` (as a
 * Ctrl-C then: no clean-up, exit 130), else for a day of virtual time.
 * @see kubectl pkg/cmd/run/run.go (Run, handleAttachPod, waitForPod, removeCreatedObjects),
 *   pkg/cmd/exec/exec.go (SetupTTY)
 */
import type { KubeObject } from '@kubesim/core';
import { type Invocation, timeoutMs, waitFor } from '../command.js';
import { clientError, KubectlError } from '../errors.js';
import { kindPrefix } from '../resources.js';
import type { ContainerStatus, Pod } from '../types.js';
import type { Generated } from './generate.js';
import { requestTimeoutMs } from './get-watch.js';

/** kubectl run's `defaultPodAttachTimeout`. */
const POD_ATTACH_TIMEOUT_MS = 60_000;
/** How long an attached process that does not end is followed without `--request-timeout`. */
const ATTACH_LIMIT_MS = 24 * 3_600_000;
/** `SetupTTY` when standard input is no terminal. */
export const TTY_UNAVAILABLE = 'Unable to use a TTY - input is not a terminal or the right kind of file';

/**
 * `getContainerStatusByName`: the status of a regular, init or ephemeral container.
 * @see kubectl pkg/cmd/debug/debug.go (getContainerStatusByName)
 */
export function containerStatusByName(pod: Pod | undefined, name: string): ContainerStatus | undefined {
  const st = pod?.status;
  for (const list of [st?.initContainerStatuses, st?.containerStatuses, st?.ephemeralContainerStatuses]) {
    const found = list?.find((s) => s.name === name);
    if (found) return found;
  }
  return undefined;
}

const completed = (p: Pod | undefined) => p?.status?.phase === 'Succeeded' || p?.status?.phase === 'Failed';
const runningAndReady = (p: Pod | undefined) => p?.status?.phase === 'Running' && !!p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

/**
 * The attached stream of a running container: sends kubectl's stdin with `-i`, follows the
 * process on virtual time until it ends, and prints what it wrote (since `sinceMs`, else all of
 * this instance). Returns false when `--request-timeout` cut it short (a Ctrl-C); throws when it
 * would run for more than a day of virtual time without one.
 */
export function follow(inv: Invocation, ns: string, name: string, container: string, sinceMs: number | undefined): boolean {
  const core = inv.ctx.core;
  const pod = () => core.store.get<Pod & KubeObject>('Pod', ns, name);
  const status = () => containerStatusByName(pod(), container);
  const restarts = () => status()?.restartCount ?? 0;
  const before = restarts();
  if (inv.args.bool('stdin')) {
    const problem = inv.ctx.attach?.(ns, name, container, inv.stdin ?? '');
    if (problem) throw new KubectlError(problem);
  }
  const ended = () => completed(pod()) || restarts() > before || !!status()?.state?.terminated;
  const limit = inv.args.string('request-timeout');
  const done = waitFor(inv, ended, limit ? requestTimeoutMs(limit) : ATTACH_LIMIT_MS);
  const logs = (previous: boolean) => inv.ctx.logs?.(ns, name, container, { previous, ...(sinceMs === undefined ? {} : { sinceMs }) }) ?? '';
  if (!done) {
    inv.out(logs(false));
    if (limit) return false;
    throw clientError('kubesim: the attached container is still running after 24h of virtual time (there is no Ctrl-C to detach); give --request-timeout to stop following it sooner');
  }
  inv.out(logs(restarts() > before));
  return true;
}

/** Runs `kubectl run` attached; returns the exit code. */
export function runAttached(inv: Invocation, objects: readonly Generated[], restart: string): number {
  const core = inv.ctx.core;
  const a = inv.args;
  const created: KubeObject[] = [];
  for (const g of objects) {
    const input = g.info.namespaced ? { ...g.object, metadata: { ...g.object.metadata, namespace: inv.namespace } } : g.object;
    created.push(core.api.create(input));
  }
  core.loop.settle();
  const podObj = created[0];
  const ns = podObj.metadata.namespace ?? inv.namespace;
  const name = podObj.metadata.name ?? '';
  const container = ((podObj as unknown as Pod).spec?.containers ?? [])[0]?.name;
  const pod = () => core.store.get<Pod & KubeObject>('Pod', ns, name);
  const remove = () => {
    if (!a.bool('rm')) return;
    // removeCreatedObjects: NotFound ignored, no wait for the deletion, quiet with -q.
    for (const obj of created) {
      const info = core.kinds.forManifest(obj.apiVersion, obj.kind);
      try {
        core.api.delete(obj.kind, obj.metadata.namespace, obj.metadata.name ?? '');
      } catch {
        continue;
      }
      if (info && !a.bool('quiet')) inv.out(`${kindPrefix(info)} ${JSON.stringify(obj.metadata.name)} deleted\n`);
    }
    core.loop.settle();
  };
  const timeout = timeoutMs(a.string('pod-running-timeout'), POD_ATTACH_TIMEOUT_MS);
  try {
    // handleAttachPod: running and ready, or already finished (then its logs).
    if (!waitFor(inv, () => runningAndReady(pod()) || completed(pod()), timeout)) throw clientError('timed out waiting for the condition');
    const logs = (previous: boolean) => inv.ctx.logs?.(ns, name, container, { previous }) ?? '';
    if (completed(pod())) inv.out(logs(false));
    else {
      if (a.bool('tty') && !a.bool('quiet')) inv.err(`${TTY_UNAVAILABLE}\n`);
      // As a Ctrl-C: kubectl dies where it is, nothing removed.
      if (!follow(inv, ns, name, container ?? '', undefined)) return 130;
    }
    const waitForExitCode = !a.bool('leave-stdin-open') && (restart === 'Never' || restart === 'OnFailure');
    if (!waitForExitCode) {
      remove();
      return 0;
    }
    const done = restart === 'Never' ? completed : (p: Pod | undefined) => p?.status?.phase === 'Succeeded';
    if (!waitFor(inv, () => done(pod()), timeout)) throw clientError('timed out waiting for the condition');
    const final = pod();
    remove();
    if (final?.status?.phase === 'Succeeded') return 0;
    const terminated = final?.status?.containerStatuses?.[0]?.state?.terminated;
    const unknown = `pod ${ns}/${name} failed with unknown exit code`;
    if (final?.status?.phase !== 'Failed') throw clientError(`pod ${ns}/${name} left in phase ${final?.status?.phase}`);
    if (!terminated || terminated.exitCode === 0) throw clientError(unknown);
    // uexec.CodeExitError: printed as it is, the container's code as kubectl's.
    inv.err(`pod ${ns}/${name} terminated (${terminated.reason ?? ''})\n${terminated.message ?? ''}${terminated.message ? '\n' : ''}`);
    return terminated.exitCode ?? 1;
  } catch (e) {
    remove();
    throw e;
  }
}
