/**
 * What `kubectl debug` sends: the ephemeral container added to a pod (and the strategic merge
 * patch of the pod's `ephemeralcontainers` subresource), or the pod that debugs a node.
 * @see kubectl pkg/cmd/debug/debug.go (generateDebugContainer, computeDebugContainerName,
 *   debugByEphemeralContainer, generateNodeDebugPod, containerNameToRef)
 */
import { cloneData, NAME_SUFFIX_ALPHABET, type Rng } from '@kubesim/core';
import type { Invocation } from '../command.js';
import type { Pod } from '../types.js';
import { applyProfile, type Profile } from './debug-profiles.js';

/** What the debug container is made of (`DebugOptions`'s fields that shape it). */
export interface DebugContainerOptions {
  readonly container: string;
  readonly image: string;
  readonly pullPolicy: string;
  readonly env: readonly { readonly name: string; readonly value: string }[];
  readonly interactive: boolean;
  readonly tty: boolean;
  readonly target: string;
  readonly args: readonly string[];
  readonly argsOnly: boolean;
  readonly quiet: boolean;
  readonly profile: Profile;
}

// biome-ignore lint/suspicious/noExplicitAny: the container and pod are plain JSON being built
type Json = Record<string, any>;

/** `nameSuffixFunc` (`utilrand.String`): `n` characters of the name-suffix alphabet. */
function nameSuffix(rng: Rng, n: number): string {
  return rng.string(NAME_SUFFIX_ALPHABET, n);
}

/** `containerNameToRef`'s keys: the names of every container of the pod. */
function containerNames(pod: Pod): Set<string> {
  const s = pod.spec;
  return new Set([...(s?.containers ?? []), ...(s?.initContainers ?? []), ...(s?.ephemeralContainers ?? [])].map((c) => c.name));
}

/**
 * `computeDebugContainerName`: `-c`'s name, else `debugger-<5 random characters>` not used by
 * the pod yet, told (`Defaulting debug container name to …`) unless `-q`.
 */
export function computeDebugContainerName(inv: Invocation, o: DebugContainerOptions, pod: Pod, rng: Rng): string {
  if (o.container) return o.container;
  const taken = containerNames(pod);
  let name = '';
  while (name === '' || taken.has(name)) name = `debugger-${nameSuffix(rng, 5)}`;
  if (!o.quiet) inv.out(`Defaulting debug container name to ${name}.\n`);
  return name;
}

/** The fields every debug container has, in `corev1.Container`'s order, empty ones left out as JSON does. */
function baseContainer(o: DebugContainerOptions, name: string): Json {
  const c: Json = { name, image: o.image };
  if (o.args.length > 0) c[o.argsOnly ? 'args' : 'command'] = [...o.args];
  if (o.env.length > 0) c.env = o.env.map((e) => ({ ...e }));
  c.terminationMessagePolicy = 'File';
  if (o.pullPolicy) c.imagePullPolicy = o.pullPolicy;
  if (o.interactive) c.stdin = true;
  if (o.tty) c.tty = true;
  return c;
}

/**
 * `generateDebugContainer` and the patch `debugByEphemeralContainer` sends: the pod's ephemeral
 * containers with the new one appended (the profile applied to it), as the strategic merge patch
 * `CreateTwoWayMergePatch` makes of that change.
 */
export function ephemeralContainerPatch(o: DebugContainerOptions, pod: Pod, name: string): { readonly container: Json; readonly patch: Record<string, unknown> } {
  const container = baseContainer(o, name);
  if (o.target) container.targetContainerName = o.target;
  const copied: Json = { spec: cloneData(pod.spec ?? {}) };
  applyProfile(o.profile, 'ephemeral', copied, container);
  const existing = (pod.spec?.ephemeralContainers ?? []).map((c) => ({ name: c.name }));
  return {
    container,
    patch: { spec: { '$setElementOrder/ephemeralContainers': [...existing, { name }], ephemeralContainers: [container] } },
  };
}

/**
 * `generateNodeDebugPod`: `node-debugger-<node>-<5 random characters>` on the node, restart
 * Never, tolerating every taint, with the profile applied (1.33's default `legacy`: the host's
 * namespaces and its `/` at `/host`); `Creating debugging pod …` unless `-q`.
 */
export function generateNodeDebugPod(inv: Invocation, o: DebugContainerOptions, nodeName: string, rng: Rng): Json {
  const containerName = o.container || 'debugger';
  const podName = `node-debugger-${nodeName}-${nameSuffix(rng, 5)}`;
  if (!o.quiet) inv.out(`Creating debugging pod ${podName} with container ${containerName} on node ${nodeName}.\n`);
  const container = baseContainer(o, containerName);
  const pod: Json = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: podName, namespace: inv.namespace },
    spec: { containers: [container], nodeName, restartPolicy: 'Never', tolerations: [{ operator: 'Exists' }] },
  };
  applyProfile(o.profile, 'node', pod, container);
  return pod;
}
