/**
 * `kubectl describe limitrange` and the `Resource Limits` block of `kubectl describe namespace`:
 * one row per limit item and resource (Type, Resource, Min, Max, Default Request, Default Limit,
 * Max Limit/Request Ratio), `-` where the item sets no value. Items come in `spec.limits` order;
 * kubectl ranges over a Go map of the item's resource names (a random order), kubesim sorts them.
 * Neither prints events.
 * @see kubectl pkg/describe/describe.go (LimitRangeDescriber, describeLimitRange,
 *   describeLimitRangeSpec, DescribeLimitRanges, describeNamespace)
 */
import type { KubeObject } from '@kubesim/core';
import { lookupQuantity, quantityString } from '../printers/resource-quota-columns.js';
import type { DescribeWriter } from './writer.js';

/** A `v1.ResourceList`: resource name to quantity string. */
type ResourceList = Readonly<Record<string, string>>;

/** One `v1.LimitRangeItem`. */
export interface LimitRangeItem {
  readonly type?: string;
  readonly max?: ResourceList;
  readonly min?: ResourceList;
  readonly default?: ResourceList;
  readonly defaultRequest?: ResourceList;
  readonly maxLimitRequestRatio?: ResourceList;
}

/** The LimitRange fields the describers read. */
export interface LimitRangeObject extends KubeObject {
  readonly spec?: { readonly limits?: readonly LimitRangeItem[] };
}

/** The table's header and rule, as both describers write them (before their prefix). */
const HEADER = 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n';
const RULE = '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n';

/** A value of the item's list as `Quantity.String()`, or `-` when the list does not name the resource. */
function cell(list: ResourceList | undefined, resource: string): string {
  return list !== undefined && Object.hasOwn(list, resource) ? quantityString(lookupQuantity(list, resource)) : '-';
}

/**
 * `describeLimitRangeSpec`: for each item, the union of the resources named by max, min, default,
 * defaultRequest and maxLimitRequestRatio (byte-wise sorted), one row each, after `prefix`.
 */
function describeLimitRangeSpec(w: DescribeWriter, lr: LimitRangeObject, prefix: string): void {
  for (const item of lr.spec?.limits ?? []) {
    const lists = [item.max, item.min, item.default, item.defaultRequest, item.maxLimitRequestRatio];
    const resources = [...new Set(lists.flatMap((l) => Object.keys(l ?? {})))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const k of resources) {
      const cells = [cell(item.min, k), cell(item.max, k), cell(item.defaultRequest, k), cell(item.default, k), cell(item.maxLimitRequestRatio, k)];
      w.write(0, `${prefix}${item.type ?? ''}\t${k}\t${cells.join('\t')}\n`);
    }
  }
}

/** `describeLimitRange`: name and namespace, then the table (all in one tabwriter block). */
export function describeLimitRange(w: DescribeWriter, lr: LimitRangeObject): void {
  w.write(0, `Name:\t${lr.metadata.name}\n`);
  w.write(0, `Namespace:\t${lr.metadata.namespace ?? ''}\n`);
  w.write(0, HEADER);
  w.write(0, RULE);
  describeLimitRangeSpec(w, lr, '');
}

/**
 * `DescribeLimitRanges`: `No LimitRange resource.`, or `Resource Limits` and one table merging
 * every LimitRange of the namespace (as the API server lists them: by name), each line after a space.
 */
export function describeLimitRanges(w: DescribeWriter, limitRanges: readonly LimitRangeObject[]): void {
  if (limitRanges.length === 0) {
    w.write(0, 'No LimitRange resource.\n');
    return;
  }
  w.write(0, `Resource Limits\n ${HEADER}`);
  w.write(0, ` ${RULE}`);
  for (const lr of limitRanges) describeLimitRangeSpec(w, lr, ' ');
}
