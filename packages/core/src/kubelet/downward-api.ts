/**
 * The downward API as the kubelet resolves it for environment variables: `fieldRef` (pod metadata,
 * spec fields, the pod's and node's IPs) and `resourceFieldRef` (a container's requests and limits,
 * limits defaulting to the node's allocatable).
 * @see kubernetes pkg/kubelet/kubelet_pods.go podFieldSelectorRuntimeValue, containerResourceRuntimeValue;
 * pkg/apis/core/pods/helpers.go ConvertDownwardAPIFieldLabel; pkg/fieldpath/fieldpath.go;
 * pkg/api/v1/resource/helpers.go; pkg/kubelet/kubelet_resources.go defaultPodLimitsForDownwardAPI
 */
import type { Container, ObjectFieldSelector, Pod, ResourceFieldSelector } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { isQualifiedName } from '../api/names.js';
import { parseQuantity, type Quantity, quantityMilliValue, quantityValue } from '../api/quantity.js';

/** A value, or the error text the kubelet fails the container with. */
export type Resolved = { readonly value: string } | { readonly error: string };

/** Where the pod runs, as the kubelet knows it when it starts a container. */
export interface PodNetwork {
  /** The pod's IP ('' before the sandbox has one). */
  readonly podIP: string;
  readonly podIPs: readonly string[];
  /** The node's IPs, preferred family first. */
  readonly hostIPs: readonly string[];
}

/**
 * `SplitMaybeSubscriptedPath`: `metadata.labels['k']` → path and subscript; undefined when the
 * path has no subscript.
 */
export function splitMaybeSubscriptedPath(fieldPath: string): { path: string; subscript: string } | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const s = fieldPath.slice(0, -2);
  const at = s.indexOf("['");
  if (at <= 0) return undefined;
  return { path: s.slice(0, at), subscript: s.slice(at + 2) };
}

const DOWNWARD_API_FIELD_LABELS = new Set([
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.serviceAccountName',
  'spec.schedulerName',
  'status.phase',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]);

/** `ConvertDownwardAPIFieldLabel` for a pod: the internal field path, or its error. */
export function convertDownwardAPIFieldLabel(version: string, label: string): { path: string } | { error: string } {
  if (version !== 'v1') return { error: `unsupported pod version: ${version}` };
  const sub = splitMaybeSubscriptedPath(label);
  if (sub) {
    if (sub.path === 'metadata.annotations' || sub.path === 'metadata.labels') return { path: label };
    return { error: `field label does not support subscript: ${label}` };
  }
  if (DOWNWARD_API_FIELD_LABELS.has(label)) return { path: label };
  // Backwards compatibility with old v1 clients which send spec.host.
  if (label === 'spec.host') return { path: 'spec.nodeName' };
  return { error: `field label not supported: ${label}` };
}

/** `FormatMap`: `key="value"` lines in key order. */
export function formatMap(m: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify(m?.[k])}`)
    .join('\n');
}

/** `ExtractFieldPathAsString` on an object's metadata (a pod's; kubectl's `set env --from` on any object). */
export function extractFieldPathAsString(obj: { readonly metadata?: ObjectMeta }, fieldPath: string): Resolved {
  const meta = obj.metadata ?? {};
  const sub = splitMaybeSubscriptedPath(fieldPath);
  if (sub) {
    const isAnnotation = sub.path === 'metadata.annotations';
    if (!isAnnotation && sub.path !== 'metadata.labels') return { error: `fieldPath ${JSON.stringify(fieldPath)} does not support subscript` };
    const errs = isQualifiedName(isAnnotation ? sub.subscript.toLowerCase() : sub.subscript);
    if (errs.length) return { error: `invalid key subscript in ${fieldPath}: ${errs.join(';')}` };
    return { value: (isAnnotation ? meta.annotations : meta.labels)?.[sub.subscript] ?? '' };
  }
  switch (fieldPath) {
    case 'metadata.annotations':
      return { value: formatMap(meta.annotations) };
    case 'metadata.labels':
      return { value: formatMap(meta.labels) };
    case 'metadata.name':
      return { value: meta.name ?? '' };
    case 'metadata.namespace':
      return { value: meta.namespace ?? '' };
    case 'metadata.uid':
      return { value: meta.uid ?? '' };
  }
  return { error: `unsupported fieldPath: ${fieldPath}` };
}

/** `podFieldSelectorRuntimeValue`: the value of a `fieldRef` for a container of `pod`. */
export function podFieldSelectorRuntimeValue(fs: ObjectFieldSelector, pod: Pod, net: PodNetwork): Resolved {
  const converted = convertDownwardAPIFieldLabel(fs.apiVersion || 'v1', fs.fieldPath);
  if ('error' in converted) return converted;
  const podIP = net.podIPs[0] ?? net.podIP;
  switch (converted.path) {
    case 'spec.nodeName':
      return { value: pod.spec?.nodeName ?? '' };
    case 'spec.serviceAccountName':
      return { value: pod.spec?.serviceAccountName ?? '' };
    case 'status.hostIP':
      return { value: net.hostIPs[0] ?? '' };
    case 'status.hostIPs':
      return { value: net.hostIPs.join(',') };
    case 'status.podIP':
      return { value: podIP };
    case 'status.podIPs':
      return { value: net.podIPs.join(',') };
  }
  return extractFieldPathAsString(pod, converted.path);
}

type ResourceList = Readonly<Record<string, string>>;

/** `MergeContainerResourceLimits`: a missing or zero cpu, memory or ephemeral-storage limit becomes the node's allocatable. */
export function mergeContainerResourceLimits(container: Container, allocatable: ResourceList): Container {
  const limits: Record<string, string> = { ...(container.resources?.limits ?? {}) };
  for (const name of ['cpu', 'memory', 'ephemeral-storage']) {
    const q = limits[name];
    if (q !== undefined && parseQuantity(String(q)).nanos !== 0n) continue;
    if (allocatable[name] !== undefined) limits[name] = allocatable[name];
  }
  return { ...container, resources: { ...container.resources, limits } };
}

/** Quantity of a resource in a list; an absent one is zero. */
function quantityIn(list: ResourceList | undefined, name: string): Quantity {
  const raw = list?.[name];
  return parseQuantity(raw === undefined ? '0' : String(raw));
}

/** `ceil(value / divisor)` as Go's `int64(math.Ceil(float64(a) / float64(b)))` prints it. */
function ceilDiv(a: bigint, b: bigint): string {
  return String(Math.ceil(Number(a) / Number(b)));
}

/** `ExtractContainerResourceValue`: a request or limit over the divisor (default 1), rounded up. */
export function extractContainerResourceValue(fs: ResourceFieldSelector, container: Container): Resolved {
  const given = fs.divisor === undefined || fs.divisor === '' ? undefined : parseQuantity(String(fs.divisor));
  const divisor = given && given.nanos !== 0n ? given : parseQuantity('1');
  const dot = fs.resource.indexOf('.');
  const scope = fs.resource.slice(0, dot);
  const name = fs.resource.slice(dot + 1);
  const list = scope === 'limits' ? container.resources?.limits : scope === 'requests' ? container.resources?.requests : undefined;
  if (dot > 0 && (scope === 'limits' || scope === 'requests')) {
    if (name === 'cpu') return { value: ceilDiv(quantityMilliValue(quantityIn(list, name)), quantityMilliValue(divisor)) };
    if (name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-')) {
      return { value: ceilDiv(quantityValue(quantityIn(list, name)), quantityValue(divisor)) };
    }
  }
  return { error: `unsupported container resource : ${fs.resource}` };
}

/**
 * `containerResourceRuntimeValue` after `defaultPodLimitsForDownwardAPI`: the value of a
 * `resourceFieldRef` of `container` (or of the pod's container `fs.containerName`), limits left
 * unset read as the node's allocatable.
 */
export function containerResourceRuntimeValue(fs: ResourceFieldSelector, pod: Pod, container: Container, allocatable: ResourceList): Resolved {
  if (!fs.containerName) return extractContainerResourceValue(fs, mergeContainerResourceLimits(container, allocatable));
  // findContainerInPod: regular containers (defaulted like this one), then init containers as they are.
  const regular = pod.spec?.containers?.find((c) => c.name === fs.containerName);
  if (regular) return extractContainerResourceValue(fs, mergeContainerResourceLimits(regular, allocatable));
  const init = pod.spec?.initContainers?.find((c) => c.name === fs.containerName);
  if (init) return extractContainerResourceValue(fs, init);
  return { error: `container ${fs.containerName} not found` };
}
