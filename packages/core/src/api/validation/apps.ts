/**
 * Validation of apps/v1 workloads: Deployment, ReplicaSet, StatefulSet and DaemonSet on create and
 * update, including the selector/template checks, the update strategies and the immutable fields.
 * @see k/k pkg/apis/apps/validation/validation.go, pkg/registry/apps/{deployment,replicaset}/strategy.go
 */
// biome-ignore-all lint/suspicious/noExplicitAny: workload specs are untyped JSON while being validated
import { field, type FieldError, GoRepr } from '../errors.js';
import { goLabelSelector, goStringMap, labelSelectorAsSelector, validateLabels, validateLabelSelector } from '../labels/label-selector.js';
import type { Selector } from '../labels/selector.js';
import { deepEqual } from '../merge-patch.js';
import { isDNS1123Label, nameIsDNSLabel, nameIsDNSSubdomain } from '../names.js';
import type { KubeObject } from '../object.js';
import type { MutableObject } from '../strategy.js';
import {
  validateAnnotations,
  validateDNS1123Label,
  validateImmutableField,
  validateNonnegativeField,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './object-meta.js';
import { validatePodSpec } from './pod-spec.js';

/** Detail when a workload's selector does not select its own template. */
export const SELECTOR_DOES_NOT_MATCH = '`selector` does not match template `labels`';
/**
 * StatefulSet spec update detail (1.33 form, with 'revisionHistoryLimit').
 * @see kubernetes-semantics.md §4 (older releases omit 'revisionHistoryLimit')
 */
export const STATEFULSET_SPEC_FORBIDDEN =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

/** Go `%#v` of an `intstr.IntOrString`. */
export function goIntOrString(v: unknown): GoRepr {
  return typeof v === 'string'
    ? new GoRepr(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`)
    : new GoRepr(`intstr.IntOrString{Type:0, IntVal:${Number(v)}, StrVal:""}`);
}

/** Selector presence, syntax and emptiness; returns the Selector the template must satisfy. */
function validateSelector(spec: any, kindWord: string, errs: FieldError[]): Selector | undefined {
  if (spec.selector === undefined || spec.selector === null) errs.push(field.required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
    const ls = spec.selector;
    if (Object.keys(ls.matchLabels ?? {}).length + (ls.matchExpressions ?? []).length === 0) {
      errs.push(field.invalid('spec.selector', goLabelSelector(ls), `empty selector is invalid for ${kindWord}`));
    }
  }
  try {
    return labelSelectorAsSelector(spec.selector);
  } catch {
    errs.push(field.invalid('spec.selector', goLabelSelector(spec.selector ?? {}), 'invalid label selector'));
    return undefined;
  }
}

/** The selector-vs-template-labels check shared by every workload. */
function validateTemplateLabels(template: any, selector: Selector): FieldError[] {
  const labels = template?.metadata?.labels;
  if (selector.isEmpty() || selector.matches(labels)) return [];
  return [field.invalid('spec.template.metadata.labels', new GoRepr(goStringMap(labels)), SELECTOR_DOES_NOT_MATCH)];
}

/** `ValidatePodTemplateSpecForReplicaSet` (Deployment and ReplicaSet templates). */
function validateReplicaSetTemplate(template: any, selector: Selector, kind: string): FieldError[] {
  if (!template) return [field.required('spec.template')];
  const errs = validateTemplateLabels(template, selector);
  errs.push(...validateLabels(template.metadata?.labels, 'spec.template.labels'));
  errs.push(...validateAnnotations(template.metadata?.annotations, 'spec.template.annotations'));
  errs.push(...validatePodSpec(template.spec, 'spec.template.spec'));
  const restartPolicy = template.spec?.restartPolicy;
  if (restartPolicy && restartPolicy !== 'Always') {
    errs.push(field.notSupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']));
  }
  if (template.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(field.forbidden('spec.template.spec.activeDeadlineSeconds', `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errs;
}

/** `ValidatePositiveIntOrPercent`: a `[0-9]+%` string or a non-negative integer. */
export function validatePositiveIntOrPercent(value: unknown, path: string): FieldError[] {
  if (typeof value === 'string') {
    if (/^[0-9]+%$/.test(value)) return [];
    return [
      field.invalid(
        path,
        goIntOrString(value),
        "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      ),
    ];
  }
  return validateNonnegativeField(value, path);
}

/** `IsNotMoreThan100Percent`: a valid percent string may not exceed 100%. */
export function isNotMoreThan100Percent(value: unknown, path: string): FieldError[] {
  if (typeof value !== 'string' || !/^[0-9]+%$/.test(value) || Number.parseInt(value, 10) <= 100) return [];
  return [field.invalid(path, goIntOrString(value), 'must not be greater than 100%')];
}

function intOrPercentValue(value: unknown): number {
  return typeof value === 'string' ? Number.parseInt(value, 10) || 0 : Number(value ?? 0);
}

/** `ValidateDeploymentStrategy`. */
function validateDeploymentStrategy(strategy: any): FieldError[] {
  const path = 'spec.strategy';
  const type = strategy?.type;
  if (type === 'Recreate') {
    return strategy.rollingUpdate ? [field.forbidden(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")] : [];
  }
  if (type !== 'RollingUpdate') {
    const repr = `apps.DeploymentStrategy{Type:${JSON.stringify(type ?? '')}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}`;
    return [field.notSupported(path, new GoRepr(repr), ['Recreate', 'RollingUpdate'])];
  }
  const ru = strategy.rollingUpdate;
  if (!ru) return [field.required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil')];
  const errs = [...validatePositiveIntOrPercent(ru.maxUnavailable, `${path}.rollingUpdate.maxUnavailable`), ...validatePositiveIntOrPercent(ru.maxSurge, `${path}.rollingUpdate.maxSurge`)];
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errs.push(field.invalid(`${path}.rollingUpdate.maxUnavailable`, goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  }
  if (typeof ru.maxUnavailable === 'string' && intOrPercentValue(ru.maxUnavailable) > 100) {
    errs.push(field.invalid(`${path}.rollingUpdate.maxUnavailable`, goIntOrString(ru.maxUnavailable), 'must not be greater than 100%'));
  }
  return errs;
}

/** `ValidateDeploymentSpec`. */
function validateDeploymentSpec(obj: MutableObject): FieldError[] {
  const spec = obj.spec ?? {};
  const errs = validateNonnegativeField(spec.replicas, 'spec.replicas');
  const selector = validateSelector(spec, 'deployment', errs);
  if (selector) errs.push(...validateReplicaSetTemplate(spec.template, selector, 'ReplicaSet'));
  errs.push(...validateDeploymentStrategy(spec.strategy));
  errs.push(...validateNonnegativeField(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateNonnegativeField(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  if (typeof spec.progressDeadlineSeconds === 'number') {
    errs.push(...validateNonnegativeField(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(field.invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

/** `ValidateDeployment`. */
export function validateDeployment(obj: MutableObject): FieldError[] {
  return [...validateObjectMeta(obj, true, nameIsDNSSubdomain), ...validateDeploymentSpec(obj)];
}

/** Deployment strategy `ValidateUpdate`: spec checks plus the immutable apps/v1 selector. */
export function validateDeploymentUpdate(obj: MutableObject, old: KubeObject): FieldError[] {
  return [...validateObjectMetaUpdate(obj), ...validateDeploymentSpec(obj), ...validateSelectorImmutable(obj, old)];
}

function validateSelectorImmutable(obj: MutableObject, old: KubeObject): FieldError[] {
  const oldSelector = (old.spec as any)?.selector;
  return validateImmutableField(obj.spec?.selector, oldSelector, 'spec.selector', (v) => goLabelSelector((v as any) ?? {}));
}

/** `ValidateReplicaSetSpec`. */
function validateReplicaSetSpec(obj: MutableObject): FieldError[] {
  const spec = obj.spec ?? {};
  const errs = [...validateNonnegativeField(spec.replicas, 'spec.replicas'), ...validateNonnegativeField(spec.minReadySeconds, 'spec.minReadySeconds')];
  // ReplicaSet validation reuses the Deployment wording.
  const selector = validateSelector(spec, 'deployment', errs);
  if (selector) errs.push(...validateReplicaSetTemplate(spec.template, selector, 'ReplicaSet'));
  return errs;
}

/** `ValidateReplicaSet`. */
export function validateReplicaSet(obj: MutableObject): FieldError[] {
  return [...validateObjectMeta(obj, true, nameIsDNSSubdomain), ...validateReplicaSetSpec(obj)];
}

/** ReplicaSet strategy `ValidateUpdate`. */
export function validateReplicaSetUpdate(obj: MutableObject, old: KubeObject): FieldError[] {
  return [...validateObjectMetaUpdate(obj), ...validateReplicaSetSpec(obj), ...validateSelectorImmutable(obj, old)];
}

function validateStatefulSetPolicies(spec: any): FieldError[] {
  const errs: FieldError[] = [];
  const pmp = spec.podManagementPolicy;
  if (!pmp) errs.push(field.required('spec.podManagementPolicy'));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    errs.push(field.invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  }
  const us = spec.updateStrategy ?? {};
  if (!us.type) errs.push(field.required('spec.updateStrategy'));
  else if (us.type === 'OnDelete' && us.rollingUpdate) {
    errs.push(field.invalid('spec.updateStrategy.rollingUpdate', new GoRepr('&apps.RollingUpdateStatefulSetStrategy{...}'), "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (us.type === 'RollingUpdate') {
    errs.push(...validateNonnegativeField(us.rollingUpdate?.partition, 'spec.updateStrategy.rollingUpdate.partition'));
  } else if (us.type !== 'OnDelete') {
    errs.push(field.invalid('spec.updateStrategy', new GoRepr(`apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(us.type)}}`), "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const policy = spec.persistentVolumeClaimRetentionPolicy;
  for (const key of ['whenDeleted', 'whenScaled']) {
    const v = policy?.[key];
    if (policy && v !== 'Retain' && v !== 'Delete') {
      errs.push(field.notSupported(`spec.persistentVolumeClaimRetentionPolicy.${key}`, v ?? '', ['Retain', 'Delete']));
    }
  }
  return errs;
}

/** `ValidateStatefulSetSpec` (the pod spec of the template is not validated, as upstream). */
function validateStatefulSetSpec(obj: MutableObject, allowInvalidServiceName = false): FieldError[] {
  const spec = obj.spec ?? {};
  const errs = validateStatefulSetPolicies(spec);
  errs.push(...validateNonnegativeField(spec.replicas, 'spec.replicas'));
  errs.push(...validateNonnegativeField(spec.minReadySeconds, 'spec.minReadySeconds'));
  if (spec.ordinals) errs.push(...validateNonnegativeField(spec.ordinals.start, 'spec.ordinals.start'));
  // 1.33 (kubernetes#130233): serviceName becomes the pods' subdomain, so it must be a DNS label.
  if (!allowInvalidServiceName && typeof spec.serviceName === 'string' && spec.serviceName) {
    errs.push(...validateDNS1123Label(spec.serviceName, 'spec.serviceName'));
  }
  const selector = validateSelector(spec, 'statefulset', errs);
  if (selector) {
    errs.push(...validateTemplateLabels(spec.template, selector));
    errs.push(...validateLabels(spec.template?.metadata?.labels, 'spec.template.labels'));
    errs.push(...validateAnnotations(spec.template?.metadata?.annotations, 'spec.template.annotations'));
  }
  const restartPolicy = spec.template?.spec?.restartPolicy;
  if (restartPolicy !== 'Always') errs.push(field.notSupported('spec.template.spec.restartPolicy', restartPolicy ?? '', ['Always']));
  if (spec.template?.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(field.forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errs;
}

/** `ValidateStatefulSet`. */
export function validateStatefulSet(obj: MutableObject): FieldError[] {
  return [...validateObjectMeta(obj, true, nameIsDNSLabel), ...validateStatefulSetSpec(obj)];
}

/** Spec fields a StatefulSet update may change. */
const STATEFULSET_MUTABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

/** `ValidateStatefulSetUpdate`: everything but the mutable fields is frozen (volumeClaimTemplates too). */
export function validateStatefulSetUpdate(obj: MutableObject, old: KubeObject): FieldError[] {
  const oldServiceName = (old.spec as any)?.serviceName;
  const allowInvalid = typeof oldServiceName === 'string' && isDNS1123Label(oldServiceName).length > 0;
  const errs = [...validateObjectMetaUpdate(obj), ...validateStatefulSetSpec(obj, allowInvalid)];
  const strip = (spec: any) => Object.fromEntries(Object.entries(spec ?? {}).filter(([k]) => !STATEFULSET_MUTABLE.includes(k)));
  if (!deepEqual(strip(obj.spec), strip(old.spec))) errs.push(field.forbidden('spec', STATEFULSET_SPEC_FORBIDDEN));
  return errs;
}


/** `ValidateRollingUpdateDaemonSet`: exactly one of maxSurge and maxUnavailable is non-zero. */
function validateRollingUpdateDaemonSet(ru: any, path: string): FieldError[] {
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, `${path}.maxUnavailable`),
    ...validatePositiveIntOrPercent(ru.maxSurge, `${path}.maxSurge`),
    ...isNotMoreThan100Percent(ru.maxUnavailable, `${path}.maxUnavailable`),
    ...isNotMoreThan100Percent(ru.maxSurge, `${path}.maxSurge`),
  ];
  const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) errs.push(field.invalid(`${path}.maxSurge`, goIntOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
  else if (!hasUnavailable && !hasSurge) errs.push(field.required(`${path}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  return errs;
}

/** `ValidateDaemonSetUpdateStrategy`: OnDelete, or RollingUpdate with a valid rollingUpdate. */
function validateDaemonSetUpdateStrategy(strategy: any): FieldError[] {
  const path = 'spec.updateStrategy';
  const type = strategy?.type;
  if (type === 'OnDelete') return [];
  if (type !== 'RollingUpdate') {
    const repr = `apps.DaemonSetUpdateStrategy{Type:${JSON.stringify(type ?? '')}, RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}`;
    return [field.notSupported(path, new GoRepr(repr), ['RollingUpdate', 'OnDelete'])];
  }
  if (!strategy.rollingUpdate) return [field.required(`${path}.rollingUpdate`)];
  return validateRollingUpdateDaemonSet(strategy.rollingUpdate, `${path}.rollingUpdate`);
}

/**
 * `ValidateDaemonSetSpec`: selector, template (restartPolicy Always), minReadySeconds,
 * updateStrategy, revisionHistoryLimit.
 */
function validateDaemonSetSpec(obj: MutableObject): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  const selector = validateSelector(spec, 'daemonset', errs);
  if (selector) errs.push(...validateReplicaSetTemplate(spec.template, selector, 'DaemonSet'));
  errs.push(...validateNonnegativeField(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateDaemonSetUpdateStrategy(spec.updateStrategy));
  if (spec.revisionHistoryLimit !== undefined) errs.push(...validateNonnegativeField(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  return errs;
}

/** `ValidateDaemonSet`. */
export function validateDaemonSet(obj: MutableObject): FieldError[] {
  return [...validateObjectMeta(obj, true, nameIsDNSSubdomain), ...validateDaemonSetSpec(obj)];
}

/** `ValidateDaemonSetUpdate`: the selector is immutable. */
export function validateDaemonSetUpdate(obj: MutableObject, old: KubeObject): FieldError[] {
  return [...validateObjectMetaUpdate(obj), ...validateDaemonSetSpec(obj), ...validateSelectorImmutable(obj, old)];
}
