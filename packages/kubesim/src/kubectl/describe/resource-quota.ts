/**
 * `kubectl describe resourcequota` and the quota block of `kubectl describe namespace`: name,
 * namespace, the sorted scopes with their help text, then each `status.hard` resource with its used
 * and hard quantities. Neither prints events.
 * @see kubectl pkg/describe/describe.go (ResourceQuotaDescriber, helpTextForResourceQuotaScope,
 *   describeQuota, DescribeResourceQuotas, SortableResourceQuotas)
 */
import { hardResourceNames, lookupQuantity, quantityString, type ResourceQuotaObject, usedInHardFormat } from '../printers/resource-quota-columns.js';
import type { DescribeWriter } from './writer.js';

/** `helpTextForResourceQuotaScope`: the line under `Scopes:` for the four pod scopes, none for the others. */
export const RESOURCE_QUOTA_SCOPE_HELP: Readonly<Record<string, string>> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

/** `spec.scopes`, sorted (`sort.Strings`). */
const sortedScopes = (q: ResourceQuotaObject) => [...(q.spec?.scopes ?? [])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** The `Scopes:` line and one help line per known scope, at `level`, the help after `bullet`. */
function writeScopes(w: DescribeWriter, q: ResourceQuotaObject, level: number, bullet: string): void {
  const scopes = sortedScopes(q);
  if (scopes.length === 0) return;
  w.write(level, `Scopes:\t${scopes.join(', ')}\n`);
  for (const scope of scopes) {
    const help = Object.hasOwn(RESOURCE_QUOTA_SCOPE_HELP, scope) ? RESOURCE_QUOTA_SCOPE_HELP[scope] : '';
    if (help) w.write(level, `${bullet}${help}\n`);
  }
}

/** `describeQuota`: a used value whose format differs from the hard one is shown in the hard one's. */
export function describeResourceQuota(w: DescribeWriter, q: ResourceQuotaObject): void {
  w.write(0, `Name:\t${q.metadata.name}\n`);
  w.write(0, `Namespace:\t${q.metadata.namespace ?? ''}\n`);
  writeScopes(w, q, 0, ' * ');
  w.write(0, 'Resource\tUsed\tHard\n');
  w.write(0, '--------\t----\t----\n');
  for (const resource of hardResourceNames(q)) {
    const hard = lookupQuantity(q.status?.hard, resource);
    const used = lookupQuantity(q.status?.used, resource);
    w.write(0, `${resource}\t${usedInHardFormat(used, hard)}\t${quantityString(hard)}\n`);
  }
}

/**
 * `DescribeResourceQuotas`: `No resource quota.`, or every quota of the namespace by name, one
 * level in, with no blank line between them (so their rows share one tabwriter column block).
 */
export function describeResourceQuotas(w: DescribeWriter, quotas: readonly ResourceQuotaObject[]): void {
  if (quotas.length === 0) {
    w.write(0, 'No resource quota.\n');
    return;
  }
  const byName = [...quotas].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : (a.metadata.name ?? '') > (b.metadata.name ?? '') ? 1 : 0));
  w.write(0, 'Resource Quotas\n');
  for (const q of byName) {
    w.write(1, `Name:\t${q.metadata.name}\n`);
    writeScopes(w, q, 1, '* ');
    w.write(1, 'Resource\tUsed\tHard\n');
    w.write(1, '--------\t---\t---\n');
    for (const resource of hardResourceNames(q)) {
      w.write(1, `${resource}\t${quantityString(lookupQuantity(q.status?.used, resource))}\t${quantityString(lookupQuantity(q.status?.hard, resource))}\n`);
    }
  }
}
