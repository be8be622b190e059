/**
 * Validation of scheduling.k8s.io kinds: PriorityClass on create (reserved `system-` names, the
 * highest user priority, the preemption policy) and on update (value and preemptionPolicy frozen).
 * @see k/k pkg/apis/scheduling/validation/validation.go (ValidatePriorityClass, ValidatePriorityClassUpdate)
 */
import {
  HIGHEST_USER_DEFINABLE_PRIORITY,
  knownSystemPriorityClassError,
  SYSTEM_PRIORITY_CLASS_PREFIX,
} from '../defaults/scheduling.js';
import { field, type FieldError } from '../errors.js';
import { nameIsDNSSubdomain } from '../names.js';
import type { KubeObject } from '../object.js';
import type { MutableObject } from '../strategy.js';
import { validateImmutableField, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { validatePreemptionPolicy } from './pod-spec.js';

/** Detail of a `system-` name that is not exactly a system class; the reason follows. */
export const SYSTEM_PREFIX_RESERVED = `priority class names with '${SYSTEM_PRIORITY_CLASS_PREFIX}' prefix are reserved for system use only. error: `;
/** Detail of a user class above `HighestUserDefinablePriority`. */
export const USER_PRIORITY_TOO_HIGH = `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`;
/** Detail of an update that changes `value`. */
export const PRIORITY_VALUE_IMMUTABLE = 'may not be changed in an update.';

/** `ValidatePriorityClass`. */
export function validatePriorityClass(obj: MutableObject): FieldError[] {
  const errs = validateObjectMeta(obj, false, nameIsDNSSubdomain);
  const name: string = obj.metadata?.name ?? '';
  const value: number = typeof obj.value === 'number' ? obj.value : 0;
  if (name.startsWith(SYSTEM_PRIORITY_CLASS_PREFIX)) {
    const problem = knownSystemPriorityClassError(name, value, obj.globalDefault === true);
    if (problem) errs.push(field.forbidden('metadata.name', `${SYSTEM_PREFIX_RESERVED}${problem}`));
  } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(field.forbidden('value', USER_PRIORITY_TOO_HIGH));
  }
  if (obj.preemptionPolicy !== undefined && obj.preemptionPolicy !== null) {
    errs.push(...validatePreemptionPolicy(obj.preemptionPolicy, 'preemptionPolicy'));
  }
  return errs;
}

/** `ValidatePriorityClassUpdate`: metadata, then `value` and `preemptionPolicy` may not change. */
export function validatePriorityClassUpdate(obj: MutableObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(obj);
  if ((obj.value ?? 0) !== (old.value ?? 0)) errs.push(field.forbidden('value', PRIORITY_VALUE_IMMUTABLE));
  errs.push(...validateImmutableField(obj.preemptionPolicy, old.preemptionPolicy, 'preemptionPolicy'));
  return errs;
}
