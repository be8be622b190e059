/**
 * scheduling.k8s.io constants and defaults: the priority limits, the two system PriorityClasses
 * the API server bootstraps, and `SetDefaults_PriorityClass`.
 * @see k/k pkg/apis/scheduling/types.go (constants), pkg/apis/scheduling/v1/helpers.go
 *      (systemPriorityClasses), pkg/apis/scheduling/v1/defaults.go (SetDefaults_PriorityClass)
 */
import type { MutableObject } from '../strategy.js';

/** `HighestUserDefinablePriority` (scheduling/types.go): user classes may not go above it. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
/** `SystemCriticalPriority` (scheduling/types.go): twice the highest user priority. */
export const SYSTEM_CRITICAL_PRIORITY = 2 * HIGHEST_USER_DEFINABLE_PRIORITY;
/** `SystemPriorityClassPrefix` (scheduling/types.go): names with it are reserved. */
export const SYSTEM_PRIORITY_CLASS_PREFIX = 'system-';
/** `SystemClusterCritical` (scheduling/types.go). */
export const SYSTEM_CLUSTER_CRITICAL = 'system-cluster-critical';
/** `SystemNodeCritical` (scheduling/types.go). */
export const SYSTEM_NODE_CRITICAL = 'system-node-critical';
/** `DefaultPriorityWhenNoDefaultClassExists` (scheduling/types.go). */
export const DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS_EXISTS = 0;
/** `v1.PreemptLowerPriority`: the default preemption policy (core/v1 types.go). */
export const PREEMPT_LOWER_PRIORITY = 'PreemptLowerPriority';
/** `v1.PreemptNever` (core/v1 types.go). */
export const PREEMPT_NEVER = 'Never';
/** Valid preemption policies in `ValidatePreemptionPolicy`'s order. */
export const PREEMPTION_POLICIES = [PREEMPT_LOWER_PRIORITY, PREEMPT_NEVER] as const;

/** One system PriorityClass as `systemPriorityClasses` declares it. */
export interface SystemPriorityClass {
  readonly name: string;
  readonly value: number;
  readonly globalDefault: boolean;
  readonly description: string;
}

/** `systemPriorityClasses` (scheduling/v1/helpers.go), in its order. */
export const SYSTEM_PRIORITY_CLASSES: readonly SystemPriorityClass[] = [
  {
    name: SYSTEM_NODE_CRITICAL,
    value: SYSTEM_CRITICAL_PRIORITY + 1000,
    globalDefault: false,
    description: 'Used for system critical pods that must not be moved from their current node.',
  },
  {
    name: SYSTEM_CLUSTER_CRITICAL,
    value: SYSTEM_CRITICAL_PRIORITY,
    globalDefault: false,
    description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
  },
];

/**
 * `IsKnownSystemPriorityClass`: undefined when `name`, `value` and `globalDefault` match a system
 * class exactly, otherwise the reason it does not (the Go function's error text).
 */
export function knownSystemPriorityClassError(name: string, value: number, globalDefault: boolean): string | undefined {
  const spc = SYSTEM_PRIORITY_CLASSES.find((c) => c.name === name);
  if (!spc) return `${name} is not a known system priority class`;
  if (spc.value !== value) return `value of ${spc.name} PriorityClass must be ${spc.value}`;
  if (spc.globalDefault !== globalDefault) return `globalDefault of ${spc.name} PriorityClass must be ${spc.globalDefault}`;
  return undefined;
}

/** `SetDefaults_PriorityClass`: preemptionPolicy PreemptLowerPriority when unset. */
export function defaultPriorityClass(obj: MutableObject): void {
  if (obj.preemptionPolicy === undefined || obj.preemptionPolicy === null) obj.preemptionPolicy = PREEMPT_LOWER_PRIORITY;
}
