/**
 * `kubectl debug (POD | TYPE/NAME)... --image=IMAGE [-c NAME] [--target=C] [-i] [-t] [--attach]
 * [-q] [--env K=V] [--image-pull-policy P] [--profile P] [-- COMMAND ARGS...]` of kubectl 1.33:
 * adds an ephemeral container to each pod (through the `pods/ephemeralcontainers` subresource),
 * or for `node/NAME` creates a pod in the node's namespaces; with `-i`/`--attach` waits for the
 * container to run, then attaches as `kubectl attach` does (a container that already ended
 * prints its logs). Complete, Validate and Run in kubectl's order, with their texts.
 * @remarks Not modelled, and refused as such after validation: `--copy-to` (the pod copy and
 * `--replace`, `--same-node`, `--share-processes`, `--set-image`, `--keep-*`), `--custom` and `-f`.
 * `--env` pairs are sent sorted by name (kubectl ranges over a Go map: its order is random).
 * @see kubectl pkg/cmd/debug/debug.go (AddFlags, Complete, Validate, Run, visitNode, visitPod,
 *   debugByEphemeralContainer, waitForContainer, handleAttachPod)
 */
import { errors, type KubeObject } from '@kubesim/core';
import { type Command, type Invocation, waitFor } from '../command.js';
import { clientError } from '../errors.js';
import { usageError } from '../flags.js';
import { IMAGE_REFERENCE, INVALID_REFERENCE_FORMAT } from '../image-reference.js';
import { resolveType } from '../resources.js';
import type { Pod } from '../types.js';
import { attachToPod } from './attach.js';
import { containerStatusByName } from './attach-run.js';
import { computeDebugContainerName, type DebugContainerOptions, ephemeralContainerPatch, generateNodeDebugPod } from './debug-container.js';
import { DEFAULT_PROFILE, LEGACY_PROFILE_WARNING, profileOf } from './debug-profiles.js';
import { requestTimeoutMs } from './get-watch.js';

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
/** How long `waitForContainer` (no timeout in kubectl) waits without `--request-timeout`. */
const WAIT_LIMIT_MS = 24 * 3_600_000;

/** `kubectl debug`'s options after Complete. */
interface DebugOptions extends DebugContainerOptions {
  readonly targetNames: readonly string[];
  readonly attach: boolean;
  readonly attachChanged: boolean;
  readonly copyTo: string;
  readonly setImages: ReadonlyMap<string, string>;
}

/** pflag's `stringToString` values of a repeated flag: `k=v` pairs, comma-separated. */
function stringToString(inv: Invocation, flag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const value of inv.args.all(flag)) {
    for (const pair of value.split(',')) {
      const eq = pair.indexOf('=');
      if (eq < 0) throw usageError(`invalid argument ${JSON.stringify(value)} for "--${flag}" flag: ${pair} must be formatted as key=value`, inv.path);
      out.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  return out;
}

/** `Complete`: arguments, attach default, environment, profile. */
function complete(inv: Invocation): DebugOptions {
  const a = inv.args;
  const interactive = a.bool('stdin');
  const env = [...stringToString(inv, 'env')].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([name, value]) => ({ name, value }));
  const profile = profileOf(a.string('profile', DEFAULT_PROFILE));
  if (a.has('custom')) throw clientError('kubesim: kubectl debug --custom (a custom profile file) is not modelled');
  return {
    targetNames: a.args,
    args: a.rest,
    argsOnly: a.bool('arguments-only'),
    attach: a.has('attach') ? a.bool('attach') : interactive,
    attachChanged: a.has('attach'),
    container: a.string('container'),
    copyTo: a.string('copy-to'),
    env,
    image: a.string('image'),
    interactive,
    pullPolicy: a.string('image-pull-policy'),
    profile,
    quiet: a.bool('quiet'),
    setImages: stringToString(inv, 'set-image'),
    target: a.string('target'),
    tty: a.bool('tty'),
  };
}

/** `Validate`, in kubectl's order; prints the `Targeting container` line and the legacy profile warning. */
function validate(inv: Invocation, o: DebugOptions): void {
  const a = inv.args;
  if (o.attach && o.attachChanged && o.image === '' && o.container === '') {
    throw clientError('you must specify --container or create a new container using --image in order to attach.');
  }
  if (o.copyTo) {
    if (o.image === '' && o.setImages.size === 0 && o.args.length === 0) throw clientError('you must specify --image, --set-image or command arguments.');
    if (o.args.length > 0 && o.container === '' && o.image === '') throw clientError('you must specify an existing container or a new image when specifying args.');
  } else if (a.bool('replace')) throw clientError('--replace may only be used with --copy-to.');
  else if (a.bool('same-node')) throw clientError('--same-node may only be used with --copy-to.');
  else if (o.setImages.size > 0) throw clientError('--set-image may only be used with --copy-to.');
  else if (o.image === '') throw clientError('you must specify --image when not using --copy-to.');
  if (o.image && !IMAGE_REFERENCE.test(o.image)) throw clientError(`invalid image name ${JSON.stringify(o.image)}: ${INVALID_REFERENCE_FORMAT}`);
  if (o.targetNames.length === 0 && a.all('filename').length === 0) throw clientError('NAME or filename is required for debug');
  if (o.pullPolicy && !PULL_POLICIES.includes(o.pullPolicy)) throw clientError(`invalid image pull policy: ${o.pullPolicy}`);
  for (const [name, image] of o.setImages) {
    if (!IMAGE_REFERENCE.test(image)) throw clientError(`invalid image name ${JSON.stringify(image)} for container ${JSON.stringify(name)}: ${INVALID_REFERENCE_FORMAT}`);
  }
  if (o.target) {
    if (o.copyTo) throw clientError('--target is incompatible with --copy-to. Use --share-processes instead.');
    if (!o.quiet) {
      inv.out(`Targeting container ${JSON.stringify(o.target)}. If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`);
    }
  }
  if (o.tty && !o.interactive) throw clientError('-i/--stdin is required for containers with -t/--tty=true');
  if (o.profile === 'legacy') inv.err(`${LEGACY_PROFILE_WARNING}\n`);
}

/** `kubectl debug`. */
export const debugCommand: Command = {
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'arguments-only', type: 'bool' },
    { name: 'attach', type: 'bool' },
    { name: 'container', short: 'c', type: 'string' },
    { name: 'copy-to', type: 'string' },
    { name: 'replace', type: 'bool' },
    { name: 'env', type: 'string' },
    { name: 'image', type: 'string' },
    { name: 'keep-labels', type: 'bool' },
    { name: 'keep-annotations', type: 'bool' },
    { name: 'keep-liveness', type: 'bool' },
    { name: 'keep-readiness', type: 'bool' },
    { name: 'keep-startup', type: 'bool' },
    { name: 'keep-init-containers', type: 'bool', def: 'true' },
    { name: 'set-image', type: 'string' },
    { name: 'image-pull-policy', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'same-node', type: 'bool' },
    { name: 'share-processes', type: 'bool', def: 'true' },
    { name: 'target', type: 'string' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'profile', type: 'string', def: DEFAULT_PROFILE },
    { name: 'custom', type: 'string' },
  ],
  run(inv) {
    const o = complete(inv);
    validate(inv, o);
    if (o.copyTo) {
      throw clientError('kubesim: kubectl debug --copy-to is not modelled (the pod copy, with --replace, --same-node, --share-processes, --set-image and --keep-*)');
    }
    if (inv.args.all('filename').length > 0) throw clientError('kubesim: kubectl debug -f is not modelled; name the pod or node instead');
    const core = inv.ctx.core;
    const rng = core.rng.fork(`kubectl/debug/${core.clock.now()}/${core.store.writes}`);
    for (const ref of o.targetNames) {
      const slash = ref.indexOf('/');
      const info = resolveType(inv.ctx, slash < 0 ? 'pods' : ref.slice(0, slash));
      const name = slash < 0 ? ref : ref.slice(slash + 1);
      const obj = core.api.mustGet(info.kind, info.namespaced ? inv.namespace : undefined, name);
      let debugPod: KubeObject;
      let containerName: string;
      if (info.kind === 'Node') {
        // visitNode: the pod, created in the namespace in effect.
        const pod = generateNodeDebugPod(inv, o, name, rng);
        debugPod = core.api.create(pod as KubeObject);
        containerName = pod.spec.containers[0].name;
      } else if (info.kind === 'Pod') {
        // debugByEphemeralContainer: the patch of the ephemeralcontainers subresource.
        containerName = computeDebugContainerName(inv, o, obj as Pod, rng);
        const { patch } = ephemeralContainerPatch(o, obj as Pod, containerName);
        debugPod = core.api.patchEphemeralContainers(obj.metadata.namespace ?? inv.namespace, name, patch);
      } else {
        throw clientError(`${JSON.stringify(`${info.group}/${info.version}, Kind=${info.kind}`)} not supported by debug`);
      }
      core.loop.settle();
      if (o.attach && containerName) {
        const code = handleAttachPod(inv, o, debugPod.metadata.namespace ?? inv.namespace, debugPod.metadata.name ?? '', containerName);
        if (code !== 0) return code;
      }
    }
    return 0;
  },
};

/**
 * `waitForContainer`: until the container runs or has ended (a waiting message said on stderr as
 * a warning, each new one once); the pod's deletion ends it as NotFound. Undefined when
 * `--request-timeout` ended the wait (as a Ctrl-C would).
 */
function waitForContainer(inv: Invocation, o: DebugOptions, ns: string, podName: string, containerName: string): Pod | undefined {
  const store = inv.ctx.core.store;
  const pod = () => store.get<Pod>('Pod', ns, podName);
  let said = '';
  const ready = () => {
    const p = pod();
    if (!p) return true;
    const s = containerStatusByName(p, containerName);
    if (s?.state?.running || s?.state?.terminated) return true;
    const message = s?.state?.waiting?.message ?? '';
    if (!o.quiet && message && message !== said) {
      said = message;
      inv.err(`Warning: container ${containerName}: ${message}\n`);
    }
    return false;
  };
  const limit = inv.args.string('request-timeout');
  if (!waitFor(inv, ready, limit ? requestTimeoutMs(limit) : WAIT_LIMIT_MS)) {
    if (limit) return undefined;
    throw clientError(`kubesim: container ${containerName} is still not running after 24h of virtual time (there is no Ctrl-C); give --request-timeout to stop waiting sooner`);
  }
  const found = pod();
  if (!found) throw errors.notFound('pods', '', '');
  return found;
}

/**
 * `handleAttachPod`: waits for the container, then prints the logs of one that already ended
 * or attaches to it as `kubectl attach` does. Returns the exit code (130: cut short by
 * `--request-timeout`).
 */
function handleAttachPod(inv: Invocation, o: DebugOptions, ns: string, podName: string, containerName: string): number {
  const pod = waitForContainer(inv, o, ns, podName, containerName);
  if (!pod) return 130;
  if (containerStatusByName(pod, containerName)?.state?.terminated) {
    inv.out(inv.ctx.logs?.(ns, podName, containerName) ?? '');
    return 0;
  }
  return attachToPod(inv, pod, containerName);
}
