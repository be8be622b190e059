/**
 * The files of `projected` and `downwardAPI` volumes as the kubelet writes them: configMap and
 * secret projections (every key, or the listed items, `optional` honoured), downward API items
 * (`fieldRef` on the pod's metadata, `resourceFieldRef` on a container's requests and limits, the
 * node's allocatable standing in for unset limits), and the service account token.
 *
 * Design: pure over a host that answers lookups, so the volume manager decides when to mount and
 * how to report. Errors are gathered per source and joined as `utilerrors.NewAggregate` prints
 * them (one error alone; several as `[a, b]`, repeats dropped); any error fails the whole set-up.
 * Files are written once, at mount: the kubelet's refresh of changed ConfigMaps and of the token
 * (at 80% of its 3607 s) is not modelled.
 * @see k/k pkg/volume/projected/projected.go (collectData), pkg/volume/downwardapi/downwardapi.go
 *   (CollectData), pkg/volume/configmap/configmap.go and pkg/volume/secret/secret.go (MakePayload),
 *   pkg/api/v1/resource/helpers.go (ExtractResourceValueByContainerNameAndNodeAllocatable)
 */
import type {
  ConfigMap,
  DownwardAPIVolumeFile,
  KeyToPath,
  Pod,
  ProjectedVolumeSource,
  Secret,
  ServiceAccountTokenProjection,
} from 'kubernetes-types/core/v1';
import { extractContainerResourceValue, extractFieldPathAsString, mergeContainerResourceLimits, type Resolved } from './downward-api.js';

/** What the projection reads: the kubelet's ConfigMap, Secret and token managers and its node. */
export interface ProjectionHost {
  getConfigMap(namespace: string, name: string): ConfigMap | undefined;
  getSecret(namespace: string, name: string): Secret | undefined;
  /** The token for the pod (`token_manager.GetServiceAccountToken`), or its error. */
  getServiceAccountToken(pod: Pod, projection: ServiceAccountTokenProjection): { token: string } | { error: string };
  /** `status.allocatable` of the node. */
  nodeAllocatable(): Readonly<Record<string, string>>;
}

/** The files of a volume (path → content), or the error of its set-up. */
export type Payload = { readonly files: ReadonlyMap<string, string> } | { readonly error: string };

/** `utilerrors.NewAggregate(errs).Error()`. */
export function aggregateError(errs: readonly string[]): string | undefined {
  const unique = [...new Set(errs)];
  if (unique.length === 0) return undefined;
  if (errs.length === 1 || unique.length === 1) return unique[0];
  return `[${unique.join(', ')}]`;
}

/** `filepath.Clean` of a relative item path (what the atomic writer files it under). */
function cleanPath(path: string): string {
  return path.split('/').filter((p) => p && p !== '.').join('/');
}

/** `configmap.MakePayload`: every key (data, then binaryData), or the items (a missing key fails unless optional). */
export function configMapPayload(items: readonly KeyToPath[] | undefined, cm: ConfigMap | undefined, optional: boolean, out: Map<string, string>): string | undefined {
  const data = cm?.data ?? {};
  const binary = cm?.binaryData ?? {};
  const binaryText = (k: string) => Buffer.from(binary[k] ?? '', 'base64').toString('utf8');
  if (!items?.length) {
    for (const [k, v] of Object.entries(data)) out.set(k, v);
    for (const k of Object.keys(binary)) out.set(k, binaryText(k));
    return undefined;
  }
  for (const item of items) {
    if (item.key in data) out.set(cleanPath(item.path), data[item.key]);
    else if (item.key in binary) out.set(cleanPath(item.path), binaryText(item.key));
    else if (!optional) return `configmap references non-existent config key: ${item.key}`;
  }
  return undefined;
}

/** `secret.MakePayload`: every key, or the items (a missing key fails unless optional). */
export function secretPayload(items: readonly KeyToPath[] | undefined, secret: Secret | undefined, optional: boolean, out: Map<string, string>): string | undefined {
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(secret?.data ?? {})) data[k] = Buffer.from(v, 'base64').toString('utf8');
  for (const [k, v] of Object.entries(secret?.stringData ?? {})) data[k] = v;
  if (!items?.length) {
    for (const [k, v] of Object.entries(data)) out.set(k, v);
    return undefined;
  }
  for (const item of items) {
    if (item.key in data) out.set(cleanPath(item.path), data[item.key]);
    else if (!optional) return `references non-existent secret key: ${item.key}`;
  }
  return undefined;
}

/** `ExtractResourceValueByContainerNameAndNodeAllocatable` (containers, then init containers). */
function resourceValue(item: DownwardAPIVolumeFile, pod: Pod, allocatable: Readonly<Record<string, string>>): Resolved {
  const fs = item.resourceFieldRef;
  if (!fs) return { value: '' };
  const name = fs.containerName ?? '';
  const container = pod.spec?.containers?.find((c) => c.name === name) ?? pod.spec?.initContainers?.find((c) => c.name === name);
  if (!container) return { error: `container ${name} not found` };
  return extractContainerResourceValue(fs, mergeContainerResourceLimits(container, allocatable));
}

/** `downwardapi.CollectData`: one file per item; each item's error is gathered. */
export function collectDownwardApiData(items: readonly DownwardAPIVolumeFile[] | undefined, pod: Pod, host: ProjectionHost, out: Map<string, string>): string[] {
  const errs: string[] = [];
  for (const item of items ?? []) {
    let resolved: Resolved = { value: '' };
    // Volumes read only the pod's metadata (`fieldpath.ExtractFieldPathAsString`).
    if (item.fieldRef) resolved = extractFieldPathAsString(pod, item.fieldRef.fieldPath);
    else if (item.resourceFieldRef) resolved = resourceValue(item, pod, host.nodeAllocatable());
    if ('error' in resolved) errs.push(resolved.error);
    out.set(cleanPath(item.path), 'value' in resolved ? resolved.value : '');
  }
  return errs;
}

/** The files of a `downwardAPI` volume. */
export function downwardApiVolumePayload(items: readonly DownwardAPIVolumeFile[] | undefined, pod: Pod, host: ProjectionHost): Payload {
  const files = new Map<string, string>();
  const error = aggregateError(collectDownwardApiData(items, pod, host, files));
  return error === undefined ? { files } : { error };
}

/** `projectedVolumeMounter.collectData`: the files of a `projected` volume, sources in order. */
export function projectedVolumePayload(source: ProjectedVolumeSource, pod: Pod, host: ProjectionHost): Payload {
  const namespace = pod.metadata?.namespace ?? 'default';
  const files = new Map<string, string>();
  const errs: string[] = [];
  for (const s of source.sources ?? []) {
    if (s.secret) {
      const optional = s.secret.optional === true;
      const secret = host.getSecret(namespace, s.secret.name ?? '');
      if (!secret && !optional) {
        errs.push(`secret ${JSON.stringify(s.secret.name ?? '')} not found`);
        continue;
      }
      const err = secretPayload(s.secret.items, secret, optional, files);
      if (err) errs.push(err);
    } else if (s.configMap) {
      const optional = s.configMap.optional === true;
      const cm = host.getConfigMap(namespace, s.configMap.name ?? '');
      if (!cm && !optional) {
        errs.push(`configmap ${JSON.stringify(s.configMap.name ?? '')} not found`);
        continue;
      }
      const err = configMapPayload(s.configMap.items, cm, optional, files);
      if (err) errs.push(err);
    } else if (s.downwardAPI) {
      errs.push(...collectDownwardApiData(s.downwardAPI.items, pod, host, files));
    } else if (s.serviceAccountToken) {
      const r = host.getServiceAccountToken(pod, s.serviceAccountToken);
      if ('error' in r) errs.push(r.error);
      else files.set(cleanPath(s.serviceAccountToken.path), r.token);
    }
  }
  const error = aggregateError(errs);
  return error === undefined ? { files } : { error };
}
