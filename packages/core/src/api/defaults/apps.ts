/**
 * apps/v1 defaults: Deployment, ReplicaSet, StatefulSet and DaemonSet (and their pod templates and claim
 * templates), as the API server sets them in 1.33.
 * @see k/k pkg/apis/apps/v1/defaults.go
 */
// biome-ignore-all lint/suspicious/noExplicitAny: workload specs are untyped JSON while being defaulted
import { deepEqual } from '../merge-patch.js';
import type { MutableObject } from '../strategy.js';
import { defaultPodTemplate } from './pod-spec.js';
import { defaultPersistentVolumeClaimSpec } from './storage.js';

/** `SetDefaults_Deployment`: default max surge / unavailable (apps/v1 defaults.go). */
export const DEFAULT_DEPLOYMENT_MAX_SURGE = '25%';
/** `SetDefaults_Deployment`: default max unavailable. */
export const DEFAULT_DEPLOYMENT_MAX_UNAVAILABLE = '25%';
/** `SetDefaults_Deployment` / `SetDefaults_StatefulSet`: revisionHistoryLimit. */
export const DEFAULT_REVISION_HISTORY_LIMIT = 10;
/** `SetDefaults_Deployment`: progressDeadlineSeconds. */
export const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

function spec(obj: MutableObject): any {
  if (!obj.spec || typeof obj.spec !== 'object') obj.spec = {};
  return obj.spec;
}

/** `SetDefaults_Deployment`. */
export function defaultDeployment(obj: MutableObject): void {
  const s = spec(obj);
  s.replicas ??= 1;
  s.strategy ??= {};
  s.strategy.type ||= 'RollingUpdate';
  if (s.strategy.type === 'RollingUpdate') {
    s.strategy.rollingUpdate ??= {};
    s.strategy.rollingUpdate.maxUnavailable ??= DEFAULT_DEPLOYMENT_MAX_UNAVAILABLE;
    s.strategy.rollingUpdate.maxSurge ??= DEFAULT_DEPLOYMENT_MAX_SURGE;
  }
  s.revisionHistoryLimit ??= DEFAULT_REVISION_HISTORY_LIMIT;
  s.progressDeadlineSeconds ??= DEFAULT_PROGRESS_DEADLINE_SECONDS;
  defaultPodTemplate(s.template);
}

/** `SetDefaults_ReplicaSet`. */
export function defaultReplicaSet(obj: MutableObject): void {
  const s = spec(obj);
  s.replicas ??= 1;
  defaultPodTemplate(s.template);
}

/** `SetDefaults_StatefulSet` (+ claim templates: apiVersion/kind, volumeMode, phase Pending). */
export function defaultStatefulSet(obj: MutableObject): void {
  const s = spec(obj);
  s.podManagementPolicy ||= 'OrderedReady';
  s.updateStrategy ??= {};
  s.updateStrategy.type ||= 'RollingUpdate';
  if (s.updateStrategy.type === 'RollingUpdate') {
    s.updateStrategy.rollingUpdate ??= {};
    s.updateStrategy.rollingUpdate.partition ??= 0;
  }
  s.persistentVolumeClaimRetentionPolicy ??= {};
  s.persistentVolumeClaimRetentionPolicy.whenDeleted ||= 'Retain';
  s.persistentVolumeClaimRetentionPolicy.whenScaled ||= 'Retain';
  s.replicas ??= 1;
  s.revisionHistoryLimit ??= DEFAULT_REVISION_HISTORY_LIMIT;
  defaultPodTemplate(s.template);
  for (const claim of Array.isArray(s.volumeClaimTemplates) ? s.volumeClaimTemplates : []) {
    if (!claim || typeof claim !== 'object') continue;
    claim.apiVersion ??= 'v1';
    claim.kind ??= 'PersistentVolumeClaim';
    claim.spec ??= {};
    defaultPersistentVolumeClaimSpec(claim.spec);
    claim.status ??= {};
    claim.status.phase ||= 'Pending';
  }
}

/** `SetDefaults_DaemonSet`: RollingUpdate with maxUnavailable 1 and maxSurge 0; revisionHistoryLimit 10. */
export function defaultDaemonSet(obj: MutableObject): void {
  const s = spec(obj);
  s.updateStrategy ??= {};
  s.updateStrategy.type ||= 'RollingUpdate';
  if (s.updateStrategy.type === 'RollingUpdate') {
    s.updateStrategy.rollingUpdate ??= {};
    s.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
    s.updateStrategy.rollingUpdate.maxSurge ??= 0;
  }
  s.revisionHistoryLimit ??= DEFAULT_REVISION_HISTORY_LIMIT;
  defaultPodTemplate(s.template);
}

/**
 * Annotation that carries the internal `spec.templateGeneration` in apps/v1
 * (`appsv1.DeprecatedTemplateGeneration`).
 */
export const DEPRECATED_TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

/**
 * DaemonSet strategy `PrepareForCreate`: the template generation starts at 1 (a client value of at
 * least 1 is kept), written back as the {@link DEPRECATED_TEMPLATE_GENERATION} annotation.
 * @see k/k pkg/registry/apps/daemonset/strategy.go, pkg/apis/apps/v1/conversion.go
 */
export function prepareDaemonSetForCreate(obj: MutableObject): void {
  const given = Number.parseInt(obj.metadata.annotations?.[DEPRECATED_TEMPLATE_GENERATION] ?? '', 10) || 0;
  obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [DEPRECATED_TEMPLATE_GENERATION]: String(Math.max(given, 1)) };
  delete obj.status;
}

/**
 * DaemonSet strategy `PrepareForUpdate`: clients cannot set the template generation; it is the old
 * one, plus one when the pod template changed.
 */
export function prepareDaemonSetForUpdate(obj: MutableObject, old: { metadata: { annotations?: Record<string, string> }; spec?: unknown }): void {
  const prev = Number.parseInt(old.metadata.annotations?.[DEPRECATED_TEMPLATE_GENERATION] ?? '', 10) || 0;
  // Compare defaulted templates: defaults run after this hook, and are idempotent.
  defaultDaemonSet(obj);
  const changed = !deepEqual((old.spec as any)?.template, obj.spec?.template);
  const next = changed ? prev + 1 : prev;
  obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [DEPRECATED_TEMPLATE_GENERATION]: String(next) };
}
