/**
 * `kubectl get resourcequotas` columns as the 1.33 API server's table convertor prints them, and
 * the quantity helpers the quota describers share.
 * @see kubernetes pkg/printers/internalversion/printers.go (resourceQuotaColumnDefinitions,
 *   printResourceQuota, SortableResourceNames)
 */
import { formatQuantity, type KubeObject, parseQuantity, type Quantity, quantityFromValue, quantityValue } from '@kubesim/core';
import { humanDuration } from '../duration.js';
import type { RowContext, TableDef } from './columns.js';

/** The ResourceQuota fields the printers and describers read (`v1.ResourceList` values are quantity strings). */
export interface ResourceQuotaObject extends KubeObject {
  readonly spec?: { readonly hard?: Readonly<Record<string, string>>; readonly scopes?: readonly string[] };
  readonly status?: { readonly hard?: Readonly<Record<string, string>>; readonly used?: Readonly<Record<string, string>> };
}

/** `status.hard`'s resource names, byte-wise sorted (`sort.Sort(SortableResourceNames(…))`). */
export function hardResourceNames(q: ResourceQuotaObject): string[] {
  return Object.keys(q.status?.hard ?? {}).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * A `v1.ResourceList` entry as a Go `resource.Quantity`: the parsed value, or the zero Quantity
 * (no format) when the key is absent, as a Go map lookup of a missing key gives. A value that does
 * not parse (never stored by the API server) is kept as its text.
 */
export function lookupQuantity(list: Readonly<Record<string, string>> | undefined, name: string): Quantity | string | undefined {
  const raw = list?.[name];
  if (raw === undefined || raw === null) return undefined;
  try {
    return parseQuantity(String(raw));
  } catch {
    return String(raw);
  }
}

/** `Quantity.String()`: the canonical form; `0` for the zero Quantity. */
export function quantityString(q: Quantity | string | undefined): string {
  if (q === undefined) return '0';
  return typeof q === 'string' ? q : formatQuantity(q);
}

/**
 * `describeQuota`'s used value: when its format differs from the hard one (a missing value has no
 * format), it is rebuilt as `resource.NewQuantity(used.Value(), hard.Format)` (whole units, rounded up).
 */
export function usedInHardFormat(used: Quantity | string | undefined, hard: Quantity | string | undefined): string {
  if (typeof used === 'string' || typeof hard === 'string' || hard === undefined) return quantityString(used);
  if (used !== undefined && used.format === hard.format) return formatQuantity(used);
  return formatQuantity(quantityFromValue(used === undefined ? 0n : quantityValue(used), hard.format));
}

/** Whether a resource name's first `.`-separated piece is `limits` (and it has more than one piece). */
const isLimit = (resource: string) => {
  const pieces = resource.split('.');
  return pieces.length > 1 && pieces[0] === 'limits';
};

/**
 * `printResourceQuota`'s REQUEST and LIMIT cells: `resource: used/hard` for every `status.hard`
 * resource, `limits.*` ones in LIMIT and all others in REQUEST, sorted, joined by `, `.
 */
export function quotaRequestLimit(q: ResourceQuotaObject): [request: string, limit: string] {
  const request: string[] = [];
  const limit: string[] = [];
  for (const resource of hardResourceNames(q)) {
    const used = quantityString(lookupQuantity(q.status?.used, resource));
    const hard = quantityString(lookupQuantity(q.status?.hard, resource));
    (isLimit(resource) ? limit : request).push(`${resource}: ${used}/${hard}`);
  }
  return [request.join(', '), limit.join(', ')];
}

/** `printResourceQuota`: NAME, AGE, REQUEST, LIMIT (AGE comes second). */
export const resourceQuotaTable: TableDef = {
  headers: ['AGE', 'REQUEST', 'LIMIT'],
  wideHeaders: [],
  row: (o: KubeObject, c: RowContext) => {
    const age = o.metadata.creationTimestamp ? humanDuration(c.nowMs - c.parse(o.metadata.creationTimestamp)) : '<unknown>';
    return [age, ...quotaRequestLimit(o as ResourceQuotaObject)];
  },
};
