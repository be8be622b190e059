/**
 * apps/v1 defaults: Deployment, ReplicaSet and StatefulSet (and their pod templates and claim
 * templates), as the API server sets them in 1.33.
 * @see k/k pkg/apis/apps/v1/defaults.go
 */
// biome-ignore-all lint/suspicious/noExplicitAny: workload specs are untyped JSON while being defaulted
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
