/**
 * The order kustomize emits resources in: its legacy sort (kubectl's default) or the input order
 * (`sortOptions.order: fifo`).
 * @see kustomize api/builtins/SortOrderTransformer.go (legacyIDSorter), api/types/sortoptions.go
 */
import type { SortOptions } from './load.js';
import type { Gvk, Res } from './resource.js';

/** `defaultOrderFirst`. */
export const ORDER_FIRST: readonly string[] = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];

/** `defaultOrderLast`. */
export const ORDER_LAST: readonly string[] = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

/** `legacyGVKSortString`: `group_version_kind` with `~G`, `~V`, `~K` for empty parts. */
function gvkSortString(g: Gvk): string {
  return `${g.group || '~G'}_${g.version || '~V'}_${g.kind || '~K'}`;
}

/** `legacyResIDSortString`'s namespace and name part (`~X`, `~N` for empty ones). */
function nameSortString(r: Res): string {
  return `${r.namespace || '~X'}|${r.name || '~N'}`;
}

/** Byte-wise comparison, as Go compares strings. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The resources in kustomize's order: `orderFirst` kinds first in that order, `orderLast` kinds
 * last, the other kinds between; within the same rank by group, version and kind, then by
 * namespace and name. `fifo` keeps the build's order.
 */
export function sortResources(resources: readonly Res[], options?: SortOptions): Res[] {
  if (options?.order === 'fifo') return [...resources];
  const first = options?.orderFirst ?? ORDER_FIRST;
  const last = options?.orderLast ?? ORDER_LAST;
  const rank = new Map<string, number>([...first.map((k, i) => [k, -first.length + i] as const), ...last.map((k, i) => [k, 1 + i] as const)]);
  return [...resources].sort((a, b) => {
    const [ga, gb] = [a.gvk, b.gvk];
    const byRank = (rank.get(ga.kind) ?? 0) - (rank.get(gb.kind) ?? 0);
    if (byRank !== 0) return byRank;
    const byGvk = compare(gvkSortString(ga), gvkSortString(gb));
    return byGvk !== 0 ? byGvk : compare(nameSortString(a), nameSortString(b));
  });
}
