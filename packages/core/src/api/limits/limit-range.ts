/**
 * LimitRange defaulting and validation: a Container item's `default` comes from its `max`, its
 * `defaultRequest` from its `default` and then its `min`; items must have a known type (once
 * each), a Pod item takes no defaults, a PersistentVolumeClaim item needs a storage min or max.
 * The comparisons between an item's quantities (`min value 2 is greater than max value 1`) are not
 * checked: upstream prints the offending value with Go's `%#v` of a Quantity, which kubesim does
 * not reproduce.
 * @see kubernetes pkg/apis/core/v1/defaults.go (SetDefaults_LimitRangeItem),
 *   pkg/apis/core/validation/validation.go (ValidateLimitRange, validateLimitRangeTypeName,
 *   validateLimitRangeResourceName)
 */
import { field, type FieldError } from '../errors.js';
import { isQualifiedName, nameIsDNSSubdomain } from '../names.js';
import type { MutableObject } from '../strategy.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../validation/object-meta.js';
import { isHugePages, STANDARD_RESOURCES } from '../validation/resource-quota.js';

/** `LimitType*`. */
export const LIMIT_TYPES = ['Pod', 'Container', 'PersistentVolumeClaim'] as const;

/** A LimitRange item as stored. */
export interface LimitRangeItem {
  type?: string;
  max?: Record<string, string>;
  min?: Record<string, string>;
  default?: Record<string, string>;
  defaultRequest?: Record<string, string>;
  maxLimitRequestRatio?: Record<string, string>;
}

/** `SetDefaults_LimitRangeItem` on every item. */
export function defaultLimitRange(obj: MutableObject): void {
  for (const item of (obj.spec?.limits ?? []) as LimitRangeItem[]) {
    if (item?.type !== 'Container') continue;
    item.default ??= {};
    item.defaultRequest ??= {};
    for (const [k, v] of Object.entries(item.max ?? {})) if (!Object.hasOwn(item.default, k)) item.default[k] = v;
    for (const [k, v] of Object.entries(item.default)) if (!Object.hasOwn(item.defaultRequest, k)) item.defaultRequest[k] = v;
    for (const [k, v] of Object.entries(item.min ?? {})) if (!Object.hasOwn(item.defaultRequest, k)) item.defaultRequest[k] = v;
  }
}

/** The texts of the checks. */
export const LimitRangeValidationMessages = {
  defaultForPod: "may not be specified when `type` is 'Pod'",
  storageMinOrMax: 'either minimum or maximum storage value is required, but neither was provided',
  notStandardOrQualified: 'must be a standard resource type or fully qualified',
  notContainerResource: 'must be a standard resource for containers',
  notLimitType: 'must be a standard limit type or fully qualified',
} as const;
const M = LimitRangeValidationMessages;

/** `validateLimitRangeResourceName`: `validateResourceName`, and for Pod and Container items `validateContainerResourceName`. */
function validateResourceName(type: string, name: string, path: string): FieldError[] {
  const qualified = isQualifiedName(name);
  if (qualified.length > 0) return qualified.map((msg) => field.invalid(path, name, msg));
  if (name.includes('/')) return [];
  const errs: FieldError[] = [];
  if (!STANDARD_RESOURCES.has(name) && !isHugePages(name)) errs.push(field.invalid(path, name, M.notStandardOrQualified));
  const containerResource = ['cpu', 'memory', 'ephemeral-storage'].includes(name) || name.startsWith('hugepages-');
  if ((type === 'Pod' || type === 'Container') && !containerResource) errs.push(field.invalid(path, name, M.notContainerResource));
  return errs;
}

function validateSpec(spec: { limits?: LimitRangeItem[] }): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (spec.limits ?? []).forEach((item, i) => {
    const path = `spec.limits[${i}]`;
    const type = String(item?.type ?? '');
    const qualified = isQualifiedName(type);
    if (qualified.length > 0) errs.push(...qualified.map((msg) => field.invalid(`${path}.type`, type, msg)));
    else if (!type.includes('/') && !(LIMIT_TYPES as readonly string[]).includes(type)) errs.push(field.invalid(`${path}.type`, type, M.notLimitType));
    if (seen.has(type)) errs.push(field.duplicate(`${path}.type`, type));
    seen.add(type);
    for (const part of ['max', 'min'] as const) {
      for (const k of Object.keys(item?.[part] ?? {}).sort()) errs.push(...validateResourceName(type, k, `${path}.${part}[${k}]`));
    }
    if (type === 'Pod') {
      if (Object.keys(item.default ?? {}).length > 0) errs.push(field.forbidden(`${path}.default`, M.defaultForPod));
      if (Object.keys(item.defaultRequest ?? {}).length > 0) errs.push(field.forbidden(`${path}.defaultRequest`, M.defaultForPod));
    } else {
      for (const part of ['default', 'defaultRequest'] as const) {
        for (const k of Object.keys(item?.[part] ?? {}).sort()) errs.push(...validateResourceName(type, k, `${path}.${part}[${k}]`));
      }
    }
    if (type === 'PersistentVolumeClaim' && item.min?.storage === undefined && item.max?.storage === undefined) {
      errs.push(field.required(`${path}.limits`, M.storageMinOrMax));
    }
    for (const k of Object.keys(item?.maxLimitRequestRatio ?? {}).sort()) errs.push(...validateResourceName(type, k, `${path}.maxLimitRequestRatio[${k}]`));
  });
  return errs;
}

/** `ValidateLimitRange`. */
export function validateLimitRange(obj: MutableObject): FieldError[] {
  return [...validateObjectMeta(obj, true, nameIsDNSSubdomain), ...validateSpec(obj.spec ?? {})];
}

/** `ValidateLimitRangeUpdate` (the same checks). */
export function validateLimitRangeUpdate(obj: MutableObject): FieldError[] {
  return [...validateObjectMetaUpdate(obj), ...validateSpec(obj.spec ?? {})];
}
