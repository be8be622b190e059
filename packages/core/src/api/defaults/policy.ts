/**
 * Create-time preparation of policy/v1 PodDisruptionBudgets: no defaults exist in policy/v1; the
 * registry strategy resets the status, which the v1 type serialises with its four required counts.
 * @see k/k pkg/registry/policy/poddisruptionbudget/strategy.go (PrepareForCreate),
 *   k8s.io/api policy/v1 types.go (PodDisruptionBudgetStatus)
 */
import type { MutableObject } from '../strategy.js';

/** `PrepareForCreate`: a fresh, empty status (`disruptionsAllowed`, `currentHealthy`, `desiredHealthy`, `expectedPods` at 0). */
export function preparePodDisruptionBudgetForCreate(obj: MutableObject): void {
  obj.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
}
