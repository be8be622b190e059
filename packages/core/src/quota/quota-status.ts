/**
 * A ResourceQuota's status as quota code reads it: `status.hard` (what the controller copied from
 * the spec; a quota enforces nothing before that) and `status.used`.
 * @see apiserver pkg/admission/plugin/resourcequota/controller.go (hasUsageStats)
 */
import type { KubeObject } from '../api/object.js';
import { fromObject, type ResourceList } from './resource-list.js';

/** Writes a quota's `status.used` (and keeps its `status.hard`). */
export type QuotaStatusWriter = (quota: KubeObject, used: Record<string, string>) => void;

interface QuotaStatus {
  hard?: Record<string, unknown>;
  used?: Record<string, unknown>;
}

/** `status.hard`. */
export function quotaHard(quota: KubeObject): ResourceList {
  return fromObject((quota.status as QuotaStatus | undefined)?.hard);
}

/** `status.used`. */
export function quotaUsed(quota: KubeObject): ResourceList {
  return fromObject((quota.status as QuotaStatus | undefined)?.used);
}

/** `hasUsageStats`: every hard resource among `names` has a used value. */
export function hasUsageFor(quota: KubeObject, names: readonly string[]): boolean {
  const status = (quota.status ?? {}) as QuotaStatus;
  for (const name of Object.keys(status.hard ?? {})) {
    if (names.includes(name) && !Object.hasOwn(status.used ?? {}, name)) return false;
  }
  return true;
}
