/**
 * The ServiceAccount admission plugin. Mutating, on pod create only: names the `default` service
 * account when the pod names none, refuses a service account that does not exist, copies the
 * account's image pull secrets into a pod that has none, and, when the token is to be automounted
 * (the pod's `automountServiceAccountToken`, else the account's, else true), adds the projected
 * `kube-api-access-xxxxx` volume and mounts it read-only at
 * `/var/run/secrets/kubernetes.io/serviceaccount` in every init container and container that does
 * not mount something there already.
 *
 * Design: the plugin reads ServiceAccounts and Namespaces from the store (upstream's lister and
 * client). Upstream retries a missing `default` account ten times 100–200 ms apart (~1–2 s) while
 * the service account controller creates it; here the controller has not run yet only within the
 * instant a namespace is created, and it creates the account before any later event, so such a pod
 * is accepted at once (as if the retry had found the account), in an Active namespace only. The
 * 5 random characters of the volume name come from the plugin's own RNG stream (upstream's
 * `names.SimpleNameGenerator`), so no other generated name or uid shifts. Ephemeral containers get
 * no mount (upstream leaves them too); mirror pods (static pods) are out of scope.
 * @see k/k plugin/pkg/admission/serviceaccount/admission.go (Admit, shouldAutomount,
 *   getServiceAccount, mountServiceAccountToken, TokenVolumeSource)
 */
// biome-ignore-all lint/suspicious/noExplicitAny: pods are untyped JSON during admission
import type { KubeObject } from '../object.js';
import type { AdmissionPlugin } from '../server.js';
import { VOLUME_SOURCE_DEFAULT_MODE } from '../defaults/pod-spec.js';
import { admissionForbidden } from './forbidden.js';

/** `PluginName`. */
export const SERVICE_ACCOUNT_PLUGIN_NAME = 'ServiceAccount';
/** `DefaultServiceAccountName`: the account a pod that names none runs as. */
export const DEFAULT_SERVICE_ACCOUNT_NAME = 'default';
/** `ServiceAccountVolumeName`: the prefix of the token volume's name (`kube-api-access-xxxxx`). */
export const SERVICE_ACCOUNT_VOLUME_NAME = 'kube-api-access';
/** `DefaultAPITokenMountPath`: where every container finds the token, CA and namespace. */
export const DEFAULT_API_TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** `serviceaccount.WarnOnlyBoundTokenExpirationSeconds` (60*60 + 7): the token projection's expiry. */
export const WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS = 3607;
/** `rootcacertpublisher.RootCACertConfigMapName`. */
export const ROOT_CA_CERT_CONFIG_MAP_NAME = 'kube-root-ca.crt';
/** The key of the CA bundle in `kube-root-ca.crt`. */
export const ROOT_CA_CERT_KEY = 'ca.crt';
/** The pod annotation of a mirror pod (`MirrorPodAnnotationKey`); such pods are left alone. */
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

/** The plugin's refusals, word for word. */
export const ServiceAccountAdmissionErrors = {
  /** `error looking up service account %s/%s: %w` around the lister's NotFound. */
  lookup: (namespace: string, name: string) => `error looking up service account ${namespace}/${name}: serviceaccount ${JSON.stringify(name)} not found`,
} as const;

/** Read access to what the plugin looks at. */
export interface ServiceAccountAdmissionLister {
  getServiceAccount(namespace: string, name: string): KubeObject | undefined;
  getNamespace(name: string): KubeObject | undefined;
}

/** `TokenVolumeSource`: the projected source of the token volume (token, CA bundle, namespace). */
export function tokenVolumeSource(): Record<string, unknown> {
  return {
    // Explicitly set default value, as upstream does (kubernetes#104464).
    defaultMode: VOLUME_SOURCE_DEFAULT_MODE,
    sources: [
      { serviceAccountToken: { expirationSeconds: WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS, path: 'token' } },
      { configMap: { items: [{ key: ROOT_CA_CERT_KEY, path: ROOT_CA_CERT_KEY }], name: ROOT_CA_CERT_CONFIG_MAP_NAME } },
      { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
    ],
  };
}

/** `shouldAutomount`: the pod's preference wins, then the account's, else true. */
export function shouldAutomount(sa: KubeObject | undefined, spec: any): boolean {
  if (typeof spec.automountServiceAccountToken === 'boolean') return spec.automountServiceAccountToken;
  const fromSa = (sa as { automountServiceAccountToken?: unknown } | undefined)?.automountServiceAccountToken;
  if (typeof fromSa === 'boolean') return fromSa;
  return true;
}

/**
 * `getServiceAccount`: the account, or undefined for a `default` account the controller is about
 * to create (an Active namespace: upstream's retry finds it). Throws the plugin's Forbidden.
 */
function getServiceAccount(lister: ServiceAccountAdmissionLister, namespace: string, name: string): KubeObject | undefined | 'missing' {
  const sa = lister.getServiceAccount(namespace, name);
  if (sa) return sa;
  const phase = (lister.getNamespace(namespace)?.status as { phase?: string } | undefined)?.phase;
  if (name === DEFAULT_SERVICE_ACCOUNT_NAME && phase === 'Active') return undefined;
  return 'missing';
}

/** `mountServiceAccountToken`: the volume (once) and a mount in every (init) container without one at the path. */
function mountServiceAccountToken(spec: any, generateName: (base: string) => string): void {
  const volumes: any[] = Array.isArray(spec.volumes) ? spec.volumes : [];
  // An existing `kube-api-access-*` volume is the token volume (its name is reused, nothing added).
  const existing = volumes.find((v) => typeof v?.name === 'string' && v.name.startsWith(`${SERVICE_ACCOUNT_VOLUME_NAME}-`));
  const tokenVolumeName: string = existing ? existing.name : generateName(`${SERVICE_ACCOUNT_VOLUME_NAME}-`);
  let needsTokenVolume = false;
  for (const list of ['initContainers', 'containers']) {
    for (const ctr of Array.isArray(spec[list]) ? spec[list] : []) {
      // Validation (after admission) refuses what is not a container.
      if (!ctr || typeof ctr !== 'object') continue;
      const mounts: any[] = Array.isArray(ctr.volumeMounts) ? ctr.volumeMounts : [];
      // Existing mounts at the default mount path prevent mounting of the API token.
      if (mounts.some((m) => m?.mountPath === DEFAULT_API_TOKEN_MOUNT_PATH)) continue;
      ctr.volumeMounts = [...mounts, { mountPath: DEFAULT_API_TOKEN_MOUNT_PATH, name: tokenVolumeName, readOnly: true }];
      needsTokenVolume = true;
    }
  }
  if (!existing && needsTokenVolume) spec.volumes = [...volumes, { name: tokenVolumeName, projected: tokenVolumeSource() }];
}

/**
 * The ServiceAccount admission plugin over `lister`; `generateName` appends the 5 random
 * characters of `names.SimpleNameGenerator` to a base.
 */
export function serviceAccountPlugin(lister: ServiceAccountAdmissionLister, generateName: (base: string) => string): AdmissionPlugin {
  return {
    name: SERVICE_ACCOUNT_PLUGIN_NAME,
    admit(attrs) {
      // "we only mutate pods during create requests"
      if (attrs.kind !== 'Pod' || attrs.operation !== 'CREATE') return;
      const pod = attrs.object;
      if (pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) return;
      pod.spec ??= {};
      const spec: any = pod.spec;
      const namespace = pod.metadata.namespace ?? 'default';
      if (!spec.serviceAccountName) spec.serviceAccountName = DEFAULT_SERVICE_ACCOUNT_NAME;
      // The v1 conversion writes the deprecated alias from the name (`Convert_core_PodSpec_To_v1_PodSpec`).
      spec.serviceAccount = spec.serviceAccountName;
      const sa = getServiceAccount(lister, namespace, spec.serviceAccountName);
      if (sa === 'missing') throw admissionForbidden(attrs, 'pods', '', ServiceAccountAdmissionErrors.lookup(namespace, spec.serviceAccountName));
      if (shouldAutomount(sa, spec)) mountServiceAccountToken(spec, generateName);
      const pullSecrets = (sa as { imagePullSecrets?: { name?: string }[] } | undefined)?.imagePullSecrets ?? [];
      if (!(Array.isArray(spec.imagePullSecrets) && spec.imagePullSecrets.length > 0) && pullSecrets.length > 0) {
        spec.imagePullSecrets = pullSecrets.map((s) => ({ name: s.name ?? '' }));
      }
    },
  };
}
