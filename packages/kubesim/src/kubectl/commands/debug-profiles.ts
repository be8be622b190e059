/**
 * `kubectl debug --profile`: what each debugging profile sets on the debug container and its pod,
 * for the two journeys kubesim models (an ephemeral container in a pod; a pod on a node). kubectl
 * 1.33's default is `legacy`, which `Validate` warns about.
 * @remarks `--copy-to` (the pod-copy journey and its `--keep-*` flags) is not modelled.
 * @see kubectl pkg/cmd/debug/profiles.go (NewProfileApplier, the profiles' Apply, mountRootPartition,
 *   useHostNamespaces, clearSecurityContext, setPrivileged, disallowRoot, dropCapabilities,
 *   allowProcessTracing, allowNetadminCapability, disallowPrivilegeEscalation, setSeccompProfile)
 */
import { clientError } from '../errors.js';

/** The profiles of kubectl 1.33, `legacy` its default. */
export const PROFILES = ['legacy', 'general', 'baseline', 'restricted', 'netadmin', 'sysadmin'] as const;
/** A debugging profile. */
export type Profile = (typeof PROFILES)[number];
/** `--profile`'s default in kubectl 1.33 (it became `general` in 1.36). */
export const DEFAULT_PROFILE: Profile = 'legacy';

/** `Validate`'s warning whenever the profile is `legacy` (kubectl 1.32 to 1.35). */
export const LEGACY_PROFILE_WARNING =
  '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".';

/** The debugging journeys profiles tell apart (`debugStyle`); the pod copy is not modelled. */
export type DebugStyle = 'ephemeral' | 'node';

// biome-ignore lint/suspicious/noExplicitAny: the container and pod are plain JSON being built
type Json = Record<string, any>;

/** `NewProfileApplier`: the profile's name checked (`unknown profile: x`). */
export function profileOf(name: string): Profile {
  if ((PROFILES as readonly string[]).includes(name)) return name as Profile;
  throw clientError(`unknown profile: ${name}`);
}

/** The debug container's `securityContext`, created when missing. */
function securityContext(c: Json): Json {
  c.securityContext ??= {};
  return c.securityContext;
}

/** `addCapability`. */
function addCapability(c: Json, capability: string): void {
  const sc = securityContext(c);
  sc.capabilities ??= {};
  sc.capabilities.add = [...(sc.capabilities.add ?? []), capability];
}

/** `mountRootPartition`: the host's `/` as volume `host-root`, mounted at `/host`. */
function mountRootPartition(pod: Json, c: Json): void {
  pod.spec.volumes = [...(pod.spec.volumes ?? []), { name: 'host-root', hostPath: { path: '/' } }];
  c.volumeMounts = [...(c.volumeMounts ?? []), { mountPath: '/host', name: 'host-root' }];
}

/** `useHostNamespaces`: the host's network, PID and IPC namespaces. */
function useHostNamespaces(pod: Json): void {
  pod.spec.hostNetwork = true;
  pod.spec.hostPID = true;
  pod.spec.hostIPC = true;
}

/**
 * Applies `profile` to the debug container `c` of `pod` (a node debugging pod, or the target pod
 * with the ephemeral container appended), as `ProfileApplier.Apply` does. `legacy` (and every
 * profile) removes the labels of the target pod in the ephemeral journey, which the
 * `ephemeralcontainers` subresource ignores, so nothing of it is sent here.
 */
export function applyProfile(profile: Profile, style: DebugStyle, pod: Json, c: Json): void {
  switch (profile) {
    case 'legacy':
      if (style === 'node') {
        mountRootPartition(pod, c);
        useHostNamespaces(pod);
      }
      return;
    case 'general':
      if (style === 'node') {
        mountRootPartition(pod, c);
        delete c.securityContext;
        useHostNamespaces(pod);
      } else addCapability(c, 'SYS_PTRACE');
      return;
    case 'baseline':
      delete c.securityContext;
      return;
    case 'restricted': {
      delete c.securityContext;
      const sc = securityContext(c);
      sc.runAsNonRoot = true;
      sc.capabilities = { drop: ['ALL'] };
      sc.allowPrivilegeEscalation = false;
      sc.seccompProfile = { type: 'RuntimeDefault' };
      return;
    }
    case 'netadmin':
      addCapability(c, 'NET_ADMIN');
      addCapability(c, 'NET_RAW');
      if (style === 'node') useHostNamespaces(pod);
      return;
    case 'sysadmin':
      securityContext(c).privileged = true;
      if (style === 'node') {
        useHostNamespaces(pod);
        mountRootPartition(pod, c);
      }
      return;
  }
}
