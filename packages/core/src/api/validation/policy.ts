/**
 * Validation of policy/v1 PodDisruptionBudgets on create and update: minAvailable xor
 * maxUnavailable, each a non-negative integer or a percent of at most 100%, the selector, the
 * unhealthy pod eviction policy; object names are path segments (the generic registry's rule).
 * @see k/k pkg/apis/policy/validation/validation.go (ValidatePodDisruptionBudget,
 *   ValidatePodDisruptionBudgetSpec), pkg/registry/policy/poddisruptionbudget/strategy.go,
 *   apimachinery pkg/api/validation/path/name.go (ValidatePathSegmentName)
 */
import { field, type FieldError, GoRepr } from '../errors.js';
import { validateLabelSelector } from '../labels/label-selector.js';
import type { ValidateNameFunc } from '../names.js';
import type { KubeObject } from '../object.js';
import type { MutableObject } from '../strategy.js';
import { isNotMoreThan100Percent, validatePositiveIntOrPercent } from './apps.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

/** `policy.IfHealthyBudget`: unhealthy running pods are evicted only while the budget is met. */
export const IF_HEALTHY_BUDGET = 'IfHealthyBudget';
/** `policy.AlwaysAllow`: unhealthy running pods may always be evicted. */
export const ALWAYS_ALLOW = 'AlwaysAllow';
/** Supported `unhealthyPodEvictionPolicy` values, sorted as `sets.List` returns them. */
export const UNHEALTHY_POD_EVICTION_POLICIES = [ALWAYS_ALLOW, IF_HEALTHY_BUDGET] as const;
/** Detail when both budgets are given. */
export const PDB_BOTH_SET = 'minAvailable and maxUnavailable cannot be both set';

/**
 * `ValidatePathSegmentName`: the name check of `rest.BeforeCreate` for kinds without their own.
 * @see apimachinery pkg/api/validation/path/name.go
 */
export const pathSegmentName: ValidateNameFunc = (name, prefix) => {
  const errs: string[] = [];
  if (!prefix && (name === '.' || name === '..')) errs.push(`may not be '${name}'`);
  for (const illegal of ['/', '%']) if (name.includes(illegal)) errs.push(`may not contain '${illegal}'`);
  return errs;
};

/**
 * Go `%#v` of the internal `policy.PodDisruptionBudgetSpec` the "both set" error carries. Go prints
 * the heap addresses of the pointer fields; kubesim prints fixed ones.
 */
function goPdbSpec(spec: Record<string, unknown>): GoRepr {
  const ptr = (present: boolean, type: string, addr: string) => `(*${type})(${present ? addr : 'nil'})`;
  return new GoRepr(
    `policy.PodDisruptionBudgetSpec{MinAvailable:${ptr(spec.minAvailable != null, 'intstr.IntOrString', '0xc000010000')}, ` +
      `Selector:${ptr(spec.selector != null, 'v1.LabelSelector', '0xc000010020')}, ` +
      `MaxUnavailable:${ptr(spec.maxUnavailable != null, 'intstr.IntOrString', '0xc000010040')}, ` +
      `UnhealthyPodEvictionPolicy:${ptr(spec.unhealthyPodEvictionPolicy != null, 'policy.UnhealthyPodEvictionPolicyType', '0xc000010060')}}`,
  );
}

/** `ValidatePodDisruptionBudgetSpec` under `spec`. */
export function validatePodDisruptionBudgetSpec(spec: Record<string, unknown>): FieldError[] {
  const errs: FieldError[] = [];
  const { minAvailable, maxUnavailable } = spec;
  if (minAvailable != null && maxUnavailable != null) errs.push(field.invalid('spec', goPdbSpec(spec), PDB_BOTH_SET));
  if (minAvailable != null) {
    errs.push(...validatePositiveIntOrPercent(minAvailable, 'spec.minAvailable'), ...isNotMoreThan100Percent(minAvailable, 'spec.minAvailable'));
  }
  if (maxUnavailable != null) {
    errs.push(...validatePositiveIntOrPercent(maxUnavailable, 'spec.maxUnavailable'), ...isNotMoreThan100Percent(maxUnavailable, 'spec.maxUnavailable'));
  }
  errs.push(...validateLabelSelector((spec.selector ?? undefined) as Parameters<typeof validateLabelSelector>[0], 'spec.selector'));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy != null && !(UNHEALTHY_POD_EVICTION_POLICIES as readonly unknown[]).includes(policy)) {
    errs.push(field.notSupported('spec.unhealthyPodEvictionPolicy', policy, UNHEALTHY_POD_EVICTION_POLICIES));
  }
  return errs;
}

/** `ValidatePodDisruptionBudget` with the generic object-meta checks of `rest.BeforeCreate`. */
export function validatePodDisruptionBudget(obj: MutableObject): FieldError[] {
  return [...validatePodDisruptionBudgetSpec(obj.spec ?? {}), ...validateObjectMeta(obj, true, pathSegmentName)];
}

/** Update: the spec is mutable (since 1.15) and validated again, then the metadata update rules. */
export function validatePodDisruptionBudgetUpdate(obj: MutableObject, _old: KubeObject): FieldError[] {
  return [...validatePodDisruptionBudgetSpec(obj.spec ?? {}), ...validateObjectMetaUpdate(obj)];
}
