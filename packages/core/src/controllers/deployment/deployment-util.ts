/**
 * Pure helpers of the Deployment controller: the pod-template hash, max surge / max unavailable
 * fenceposts, revisions and annotations, and the rollout predicates.
 * @see kubernetes pkg/controller/deployment/util/deployment_util.go, pkg/controller/controller_utils.go
 * (ComputeHash), apimachinery pkg/util/rand (SafeEncodeString)
 */
import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object.js';
import { NAME_SUFFIX_ALPHABET } from '../../store/store.js';
import {
  DEFAULT_MAX_SURGE,
  DEFAULT_MAX_UNAVAILABLE,
  DEFAULT_PROGRESS_DEADLINE_SECONDS,
  DEFAULT_REPLICAS,
  DEFAULT_REVISION_HISTORY_LIMIT,
} from './defaults.js';

/** A stored Deployment. */
export type DeploymentObject = Deployment & KubeObject;
/** A stored ReplicaSet. */
export type RsObject = ReplicaSet & KubeObject;

/** Label and selector key naming a ReplicaSet's template (`DefaultDeploymentUniqueLabelKey`). */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
/** Annotations never copied from a Deployment to its ReplicaSets (`annotationsToSkip`). */
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
]);

/** Canonical JSON of frozen (stored, hence immutable) objects, computed once per object. */
const canonicalCache = new WeakMap<object, string>();

/**
 * JSON with object keys sorted, so equal templates hash equally.
 * @remarks Frozen objects are immutable, so their text is cached: controllers hash the same stored
 * template on every sync.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const frozen = Object.isFrozen(value);
  if (frozen) {
    const hit = canonicalCache.get(value);
    if (hit !== undefined) return hit;
  }
  let text: string;
  if (Array.isArray(value)) text = `[${value.map(canonicalJson).join(',')}]`;
  else {
    const entries = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    text = `{${entries.join(',')}}`;
  }
  if (frozen) canonicalCache.set(value, text);
  return text;
}

/** FNV-32a over bytes, continuing from `h`. */
function fnv32aBytes(bytes: Uint8Array, h = 0x811c9dc5): number {
  let x = h >>> 0;
  for (const b of bytes) {
    x ^= b;
    x = Math.imul(x, 0x01000193) >>> 0;
  }
  return x >>> 0;
}

/** FNV-32 (not 32a) over bytes, as `hash/fnv.New32` (ControllerRevision hashes). */
export function fnv32Bytes(bytes: Uint8Array, h = 0x811c9dc5): number {
  let x = h >>> 0;
  for (const b of bytes) {
    x = Math.imul(x, 0x01000193) >>> 0;
    x ^= b;
  }
  return x >>> 0;
}

/**
 * `rand.SafeEncodeString`: each character of `s` mapped to `alphanums[code % 27]`, so decimal
 * digits become one of `4 5 6 7 8 9 b c d f`.
 */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += NAME_SUFFIX_ALPHABET[s.charCodeAt(i) % NAME_SUFFIX_ALPHABET.length];
  return out;
}

/**
 * `controller.ComputeHash`: FNV-32a of the template (canonical JSON, sorted keys), then the
 * collision count as 8 little-endian bytes, safe-encoded from its decimal form.
 */
export function computeHash(template: PodTemplateSpec | undefined, collisionCount?: number): string {
  let h = fnv32aBytes(new TextEncoder().encode(canonicalJson(template ?? {})));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32aBytes(bytes, h);
  }
  return safeEncodeString(String(h));
}

/** The template without the `pod-template-hash` label (`EqualIgnoreHash`), shallow-copied. */
function withoutHash(t: PodTemplateSpec | undefined): unknown {
  const labels = t?.metadata?.labels;
  if (!labels || !(POD_TEMPLATE_HASH_LABEL in labels)) return t ?? {};
  const { [POD_TEMPLATE_HASH_LABEL]: _hash, ...rest } = labels;
  const { labels: _labels, ...meta } = t.metadata ?? {};
  return { ...t, metadata: Object.keys(rest).length ? { ...meta, labels: rest } : meta };
}

/** Canonical text of stored (frozen) templates without their hash label, computed once each. */
const ignoreHashCache = new WeakMap<object, string>();

function canonicalIgnoringHash(t: PodTemplateSpec | undefined): string {
  if (t && Object.isFrozen(t)) {
    const hit = ignoreHashCache.get(t);
    if (hit !== undefined) return hit;
    const text = canonicalJson(withoutHash(t));
    ignoreHashCache.set(t, text);
    return text;
  }
  return canonicalJson(withoutHash(t));
}

/** `EqualIgnoreHash`: templates equal apart from the `pod-template-hash` label. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return canonicalIgnoringHash(a) === canonicalIgnoringHash(b);
}

/** `spec.replicas` of a Deployment or ReplicaSet, defaulted. */
export const replicasOf = (o: { spec?: { replicas?: number } }): number => o.spec?.replicas ?? DEFAULT_REPLICAS;
/** `spec.revisionHistoryLimit`, defaulted. */
export const revisionHistoryLimit = (d: Deployment): number => d.spec?.revisionHistoryLimit ?? DEFAULT_REVISION_HISTORY_LIMIT;
/** `spec.progressDeadlineSeconds`, defaulted (a value of max int32 means none). */
export const progressDeadlineSeconds = (d: Deployment): number => d.spec?.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE_SECONDS;
/** `HasProgressDeadline`. */
export const hasProgressDeadline = (d: Deployment): boolean => progressDeadlineSeconds(d) !== 2147483647;
/** Whether the strategy is Recreate (default RollingUpdate). */
export const isRecreate = (d: Deployment): boolean => d.spec?.strategy?.type === 'Recreate';

/** `intstr.GetScaledValueFromIntOrPercent`. */
export function getScaledValue(value: number | string, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const m = /^(-?\d+)%$/.exec(value);
  if (!m) return Number.parseInt(value, 10) || 0;
  const v = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(v) : Math.floor(v);
}

/** `ResolveFenceposts`: surge rounds up, unavailable down; both 0 → unavailable 1. */
export function resolveFenceposts(maxSurge: number | string, maxUnavailable: number | string, desired: number): [number, number] {
  const surge = getScaledValue(maxSurge, desired, true);
  let unavailable = getScaledValue(maxUnavailable, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

function fenceposts(d: Deployment): [number, number] {
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge ?? DEFAULT_MAX_SURGE, ru?.maxUnavailable ?? DEFAULT_MAX_UNAVAILABLE, replicasOf(d));
}

/** `MaxSurge`: 0 for Recreate. */
export function maxSurge(d: Deployment): number {
  return isRecreate(d) ? 0 : fenceposts(d)[0];
}

/** `MaxUnavailable`: 0 for Recreate or 0 replicas; never above replicas. */
export function maxUnavailable(d: Deployment): number {
  if (isRecreate(d) || replicasOf(d) === 0) return 0;
  return Math.min(fenceposts(d)[1], replicasOf(d));
}

/** Revision number of an object (0 when absent or unparsable). */
export function revisionOf(o: KubeObject | ReplicaSet): number {
  const v = Number.parseInt(o.metadata?.annotations?.[REVISION_ANNOTATION] ?? '', 10);
  return Number.isFinite(v) ? v : 0;
}

/** `MaxRevision`. */
export const maxRevision = (rss: readonly RsObject[]): number => rss.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);

/** Sum of `spec.replicas` (`GetReplicaCountForReplicaSets`). */
export const specReplicas = (rss: readonly (RsObject | undefined)[]): number => rss.reduce((n, rs) => n + (rs ? replicasOf(rs) : 0), 0);
/** Sum of `status.replicas` (`GetActualReplicaCountForReplicaSets`). */
export const actualReplicas = (rss: readonly (RsObject | undefined)[]): number => rss.reduce((n, rs) => n + (rs?.status?.replicas ?? 0), 0);
/** Sum of `status.readyReplicas`. */
export const readyReplicas = (rss: readonly (RsObject | undefined)[]): number => rss.reduce((n, rs) => n + (rs?.status?.readyReplicas ?? 0), 0);
/** Sum of `status.availableReplicas`. */
export const availableReplicas = (rss: readonly (RsObject | undefined)[]): number => rss.reduce((n, rs) => n + (rs?.status?.availableReplicas ?? 0), 0);

/** `ReplicaSetsByCreationTimestamp` (then name). */
export function byCreation(a: RsObject, b: RsObject): number {
  const ca = a.metadata.creationTimestamp ?? '';
  const cb = b.metadata.creationTimestamp ?? '';
  if (ca !== cb) return ca < cb ? -1 : 1;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

/** `FindNewReplicaSet`: the oldest ReplicaSet whose template equals the Deployment's. */
export function findNewReplicaSet(d: Deployment, rss: readonly RsObject[]): RsObject | undefined {
  return [...rss].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** Annotations a new or adopted ReplicaSet copies from its Deployment. */
export function copiedAnnotations(d: Deployment): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) out[k] = v;
  return out;
}

/** `DeploymentComplete`. */
export function deploymentComplete(d: KubeObject & Deployment, s: DeploymentStatus): boolean {
  const r = replicasOf(d);
  // Zero counts are absent (omitempty).
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** `DeploymentProgressing`: more updated, ready or available pods, or fewer old ones. */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** The condition of `type`, if any. */
export function getCondition(s: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return s?.conditions?.find((c) => c.type === type);
}

/**
 * `SetDeploymentCondition`: no-op when status and reason are unchanged; keeps the transition time
 * when only the reason changed; the condition moves to the end of the list.
 */
export function setCondition(s: DeploymentStatus, c: DeploymentCondition): void {
  const cur = getCondition(s, c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  const next = cur && cur.status === c.status ? { ...c, lastTransitionTime: cur.lastTransitionTime } : c;
  s.conditions = [...(s.conditions ?? []).filter((x) => x.type !== c.type), next];
}

/** `RemoveDeploymentCondition`. */
export function removeCondition(s: DeploymentStatus, type: string): void {
  s.conditions = (s.conditions ?? []).filter((x) => x.type !== type);
  if (s.conditions.length === 0) delete s.conditions;
}

/** `NewDeploymentCondition` at `now`. */
export function newCondition(type: string, status: 'True' | 'False', reason: string, message: string, now: string): DeploymentCondition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}
