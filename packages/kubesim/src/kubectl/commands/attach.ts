/**
 * `kubectl attach POD|TYPE/NAME [-c CONTAINER] [-i] [-t]`: attaches to a running container and
 * prints what it writes from now until its process ends (`-i` sends kubectl's stdin to it), on
 * virtual time; `--request-timeout` ends it as a Ctrl-C would (exit 130).
 * @see kubectl pkg/cmd/attach/attach.go (Complete, Run, containerToAttachTo)
 */
import type { Command, Invocation } from '../command.js';
import { timeoutMs, waitFor } from '../command.js';
import { clientError, usageErrorf } from '../errors.js';
import type { Pod } from '../types.js';
import { follow, TTY_UNAVAILABLE } from './attach-run.js';
import { podFor } from './pod-io.js';

/** kubectl attach's `defaultPodAttachTimeout`. */
const POD_ATTACH_TIMEOUT_MS = 60_000;

/** `kubectl attach`. */
export const attachCommand: Command = {
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'pod-running-timeout', type: 'string' },
  ],
  run(inv) {
    const a = inv.args;
    const args = a.args;
    if (args.length === 0) throw usageErrorf(inv.path, 'at least 1 argument is required for attach');
    if (args.length > 2) throw usageErrorf(inv.path, `expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${args.length}: [${args.join(' ')}]`);
    const ref = args.length === 2 ? `${args[0]}/${args[1]}` : args[0];
    const found = podFor(inv, ref);
    const ns = found.metadata.namespace ?? inv.namespace;
    const name = found.metadata.name ?? '';
    const store = inv.ctx.core.store;
    const pod = () => store.get<Pod>('Pod', ns, name);
    // AttachablePodForObject waits for the pod to run.
    waitFor(inv, () => pod()?.status?.phase !== 'Pending', timeoutMs(a.string('pod-running-timeout'), POD_ATTACH_TIMEOUT_MS));
    return attachToPod(inv, pod() ?? found, a.string('container'));
  },
};

/**
 * `AttachOptions.Run` once the pod is known: refuses a completed pod, finds the container
 * (`wanted`, a regular, init or ephemeral one; else the first, `Defaulted container …` on
 * stderr when there are others), says what becomes of `-t`, then follows the container (`-i`
 * sends kubectl's stdin). Returns the exit code: 0, or 130 when `--request-timeout` cut it short.
 * `kubectl debug -i` attaches through this too.
 */
export function attachToPod(inv: Invocation, current: Pod, wanted: string): number {
  const a = inv.args;
  const phase = current.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw clientError(`cannot attach a container in a completed pod; current phase is ${phase}`);
  const containers = current.spec?.containers ?? [];
  const all = [...containers, ...(current.spec?.initContainers ?? []), ...(current.spec?.ephemeralContainers ?? [])];
  const spec = wanted ? all.find((c) => c.name === wanted) : containers[0];
  if (!spec) throw clientError(`cannot attach to the container: container not found (${wanted})`);
  if (!wanted && containers.length > 1 && !a.bool('quiet')) {
    inv.err(`Defaulted container ${JSON.stringify(spec.name)} out of: ${containers.map((c) => c.name).join(', ')}\n`);
  }
  if (a.bool('tty') && !spec.tty) {
    if (!a.bool('quiet')) inv.err(`error: Unable to use a TTY - container ${spec.name} did not allocate one\n`);
  } else if ((a.bool('tty') || spec.tty) && a.bool('stdin') && !a.bool('quiet')) inv.err(`${TTY_UNAVAILABLE}\n`);
  return follow(inv, current.metadata.namespace ?? inv.namespace, current.metadata.name ?? '', spec.name, inv.ctx.core.clock.now()) ? 0 : 130;
}
