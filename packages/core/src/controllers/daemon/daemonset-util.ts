/**
 * Pure helpers of the DaemonSet controller: the default tolerations of daemon pods, the node-name
 * affinity that pins a pod to its node, the pod template with its generation and hash labels, and
 * the update arithmetic (which pod is up to date, how many may be unavailable).
 * @see kubernetes pkg/controller/daemon/util/daemonset_util.go
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Affinity, NodeSelector, Pod, PodSpec, PodTemplateSpec, Toleration } from 'kubernetes-types/core/v1';
import { cloneData } from '../../api/clone.js';
import { DEPRECATED_TEMPLATE_GENERATION } from '../../api/defaults/apps.js';
import type { KubeObject } from '../../api/object.js';
import { getScaledValue } from '../deployment/deployment-util.js';

/** A stored DaemonSet. */
export type DaemonSetObject = DaemonSet & KubeObject;

/** `DaemonSetTemplateGenerationKey`: pod label with the DaemonSet's template generation. */
export const DAEMONSET_TEMPLATE_GENERATION_KEY = 'pod-template-generation';
/** `DefaultDaemonSetUniqueLabelKey`: pod and ControllerRevision label with the revision hash. */
export const DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY = 'controller-revision-hash';
/** `metav1.ObjectNameField`: the field `matchFields` selects nodes by. */
export const OBJECT_NAME_FIELD = 'metadata.name';

/** Well-known node taint keys (k8s.io/api/core/v1 well_known_taints.go). */
export const TaintKeys = {
  notReady: 'node.kubernetes.io/not-ready',
  unreachable: 'node.kubernetes.io/unreachable',
  diskPressure: 'node.kubernetes.io/disk-pressure',
  memoryPressure: 'node.kubernetes.io/memory-pressure',
  pidPressure: 'node.kubernetes.io/pid-pressure',
  unschedulable: 'node.kubernetes.io/unschedulable',
  networkUnavailable: 'node.kubernetes.io/network-unavailable',
} as const;

/** `MatchToleration`: same key, operator, value and effect. */
function matchToleration(a: Toleration, b: Toleration): boolean {
  return (a.key ?? '') === (b.key ?? '') && (a.operator ?? 'Equal') === (b.operator ?? 'Equal') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '');
}

/** `AddOrUpdateTolerationInPodSpec`: replaces an equal toleration in place, else appends. */
function addOrUpdateToleration(spec: PodSpec, t: Toleration): void {
  const list = [...(spec.tolerations ?? [])];
  const i = list.findIndex((x) => matchToleration(x, t));
  if (i >= 0) list[i] = t;
  else list.push(t);
  spec.tolerations = list;
}

/**
 * `AddOrUpdateDaemonPodTolerations`: not-ready and unreachable NoExecute without seconds (daemon
 * pods survive taint-based eviction), disk/memory/pid pressure and unschedulable NoSchedule, and
 * network-unavailable NoSchedule for host-network pods.
 */
export function addOrUpdateDaemonPodTolerations(spec: PodSpec): void {
  addOrUpdateToleration(spec, { key: TaintKeys.notReady, operator: 'Exists', effect: 'NoExecute' });
  addOrUpdateToleration(spec, { key: TaintKeys.unreachable, operator: 'Exists', effect: 'NoExecute' });
  addOrUpdateToleration(spec, { key: TaintKeys.diskPressure, operator: 'Exists', effect: 'NoSchedule' });
  addOrUpdateToleration(spec, { key: TaintKeys.memoryPressure, operator: 'Exists', effect: 'NoSchedule' });
  addOrUpdateToleration(spec, { key: TaintKeys.pidPressure, operator: 'Exists', effect: 'NoSchedule' });
  addOrUpdateToleration(spec, { key: TaintKeys.unschedulable, operator: 'Exists', effect: 'NoSchedule' });
  if (spec.hostNetwork) addOrUpdateToleration(spec, { key: TaintKeys.networkUnavailable, operator: 'Exists', effect: 'NoSchedule' });
}

/**
 * `ReplaceDaemonSetPodNodeNameNodeAffinity`: the required node affinity becomes one term
 * `matchFields: metadata.name In [<node>]` (other required terms are replaced; the controller has
 * already checked them against the node).
 */
export function replaceDaemonSetPodNodeNameNodeAffinity(affinity: Affinity | undefined, nodeName: string): Affinity {
  const selector: NodeSelector = { nodeSelectorTerms: [{ matchFields: [{ key: OBJECT_NAME_FIELD, operator: 'In', values: [nodeName] }] }] };
  if (!affinity) return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: selector } };
  return { ...affinity, nodeAffinity: { ...(affinity.nodeAffinity ?? {}), requiredDuringSchedulingIgnoredDuringExecution: selector } };
}

/**
 * `GetTargetNodeName`: `spec.nodeName`, else the node of the `matchFields metadata.name In [..]`
 * affinity term the controller injected; undefined for a pod with neither.
 */
export function getTargetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const f of term.matchFields ?? []) {
      if (f.key === OBJECT_NAME_FIELD && f.operator === 'In' && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}

/** `GetTemplateGeneration`: the {@link DEPRECATED_TEMPLATE_GENERATION} annotation, if any. */
export function getTemplateGeneration(ds: DaemonSet): number | undefined {
  const v = ds.metadata?.annotations?.[DEPRECATED_TEMPLATE_GENERATION];
  if (v === undefined) return undefined;
  const n = Number.parseInt(v, 10);
  return Number.isNaN(n) ? undefined : n;
}

/** `CreatePodTemplate`: the template with daemon tolerations, generation and hash labels. */
export function createPodTemplate(template: PodTemplateSpec | undefined, generation: number | undefined, hash: string): PodTemplateSpec {
  const t = cloneData(template ?? {}) as PodTemplateSpec;
  const spec: PodSpec = t.spec ?? { containers: [] };
  addOrUpdateDaemonPodTolerations(spec);
  const labels: Record<string, string> = { ...(t.metadata?.labels ?? {}) };
  if (generation !== undefined) labels[DAEMONSET_TEMPLATE_GENERATION_KEY] = String(generation);
  if (hash) labels[DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY] = hash;
  return { ...t, metadata: { ...(t.metadata ?? {}), labels }, spec };
}

/** `IsPodUpdated`: the pod carries the current hash, or the current template generation. */
export function isPodUpdated(pod: Pod, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata?.labels ?? {};
  const templateMatches = generation !== undefined && labels[DAEMONSET_TEMPLATE_GENERATION_KEY] === String(generation);
  const hashMatches = hash.length > 0 && labels[DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY] === hash;
  return hashMatches || templateMatches;
}

/** `AllowsSurge`: more than one pod may run on a node (maxSurge scaled to one node is positive). */
export function allowsSurge(ds: DaemonSet): boolean {
  return surgeCount(ds, 1) > 0;
}

/** `UnavailableCount`: maxUnavailable scaled to the desired count, rounded up (0 for OnDelete). */
export function unavailableCount(ds: DaemonSet, numberToSchedule: number): number {
  const ru = ds.spec?.updateStrategy?.rollingUpdate;
  if (ds.spec?.updateStrategy?.type !== 'RollingUpdate' || ru?.maxUnavailable === undefined) return 0;
  return getScaledValue(ru.maxUnavailable, numberToSchedule, true);
}

/** `SurgeCount`: maxSurge scaled to the desired count, rounded up (0 when surge is off). */
export function surgeCount(ds: DaemonSet, numberToSchedule: number): number {
  const ru = ds.spec?.updateStrategy?.rollingUpdate;
  if (ds.spec?.updateStrategy?.type !== 'RollingUpdate' || ru?.maxSurge === undefined) return 0;
  return getScaledValue(ru.maxSurge, numberToSchedule, true);
}
