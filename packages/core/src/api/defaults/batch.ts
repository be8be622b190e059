/**
 * batch/v1 Job defaults and the registry strategy's create-time preparation: the generated
 * selector and pod template labels that tie a Job's pods to it by uid.
 * @see k/k pkg/apis/batch/v1/defaults.go (SetDefaults_Job), pkg/registry/batch/job/strategy.go
 *   (PrepareForCreate, generateSelector)
 */
// biome-ignore-all lint/suspicious/noExplicitAny: job specs are untyped JSON while being defaulted
import type { MutableObject } from '../strategy.js';
import { defaultPodTemplate } from './pod-spec.js';

/** `batch.ControllerUidLabel`: the label the generated selector matches. */
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
/** `batch.JobNameLabel`. */
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
/** `batch.LegacyControllerUidLabel`. */
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
/** `batch.LegacyJobNameLabel`. */
export const LEGACY_JOB_NAME_LABEL = 'job-name';

/** `SetDefaults_Job`: backoffLimit (defaults.go). */
export const DEFAULT_JOB_BACKOFF_LIMIT = 6;

function spec(obj: MutableObject): any {
  if (!obj.spec || typeof obj.spec !== 'object') obj.spec = {};
  return obj.spec;
}

/**
 * `SetDefaults_Job`: completions and parallelism 1 when both are unset, parallelism 1, backoffLimit
 * 6 (MaxInt32 with backoffLimitPerIndex), the template labels as the Job's labels when it has none,
 * completionMode NonIndexed, suspend false, status True for the pod failure policy's
 * onPodConditions patterns, podReplacementPolicy (Failed with a pod failure policy, else
 * TerminatingOrFailed), manualSelector false; then the pod template defaults.
 */
export function defaultJob(obj: MutableObject): void {
  const s = spec(obj);
  if (s.completions === undefined && s.parallelism === undefined) {
    s.completions = 1;
    s.parallelism = 1;
  }
  s.parallelism ??= 1;
  s.backoffLimit ??= s.backoffLimitPerIndex !== undefined ? 2147483647 : DEFAULT_JOB_BACKOFF_LIMIT;
  const labels = s.template?.metadata?.labels;
  if (labels && Object.keys(obj.metadata.labels ?? {}).length === 0) obj.metadata.labels = { ...labels };
  s.completionMode ??= 'NonIndexed';
  s.suspend ??= false;
  for (const rule of s.podFailurePolicy?.rules ?? []) {
    for (const pattern of rule?.onPodConditions ?? []) if (pattern && !pattern.status) pattern.status = 'True';
  }
  s.podReplacementPolicy ??= s.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  s.manualSelector ??= false;
  defaultPodTemplate(s.template);
}

/**
 * `PrepareForCreate`: unless `manualSelector`, `generateSelector` (the job-name and controller-uid
 * labels, legacy and prefixed, on the template; `batch.kubernetes.io/controller-uid` in the
 * selector's matchLabels), then an empty status. Needs `metadata.uid` (the API server assigns it
 * first for Jobs).
 */
export function prepareJobForCreate(obj: MutableObject): void {
  const s = spec(obj);
  if (s.manualSelector !== true) generateSelector(obj, s);
  obj.status = {};
}

/** `generateSelector`: labels the user already set are kept (validation rejects conflicts). */
function generateSelector(obj: MutableObject, s: any): void {
  const name = obj.metadata.name ?? '';
  const uid = obj.metadata.uid ?? '';
  s.template ??= {};
  s.template.metadata ??= {};
  s.template.metadata.labels ??= {};
  const labels = s.template.metadata.labels;
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) labels[key] ??= name;
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) labels[key] ??= uid;
  s.selector ??= {};
  s.selector.matchLabels ??= {};
  s.selector.matchLabels[CONTROLLER_UID_LABEL] ??= uid;
}

/** `SetDefaults_CronJob`: successful Jobs kept (defaults.go). */
export const DEFAULT_SUCCESSFUL_JOBS_HISTORY_LIMIT = 3;
/** `SetDefaults_CronJob`: failed Jobs kept (defaults.go). */
export const DEFAULT_FAILED_JOBS_HISTORY_LIMIT = 1;

/**
 * `SetObjectDefaults_CronJob`: concurrencyPolicy Allow, suspend false, history limits 3 and 1
 * (`SetDefaults_CronJob`), then the job template's pod template defaults. Like upstream, the
 * template's JobSpec itself (backoffLimit, completions…) is defaulted only on the Jobs it makes.
 */
export function defaultCronJob(obj: MutableObject): void {
  const s = spec(obj);
  if (!s.concurrencyPolicy) s.concurrencyPolicy = 'Allow';
  s.suspend ??= false;
  s.successfulJobsHistoryLimit ??= DEFAULT_SUCCESSFUL_JOBS_HISTORY_LIMIT;
  s.failedJobsHistoryLimit ??= DEFAULT_FAILED_JOBS_HISTORY_LIMIT;
  if (s.jobTemplate?.spec?.template) defaultPodTemplate(s.jobTemplate.spec.template);
}

/** CronJob strategy `PrepareForCreate`: the status starts empty. */
export function prepareCronJobForCreate(obj: MutableObject): void {
  obj.status = {};
}
