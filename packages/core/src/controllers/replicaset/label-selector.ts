/**
 * Label selector helpers for controllers: emptiness and the string form kubectl prints (`app=web,pod-template-hash=7c5ddbdf54`).
 * @see apimachinery pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector), pkg/labels/selector.go
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';

/** Selector matching lives with the API machinery; re-exported under the controllers' name. */
export { labelSelectorMatches as selectorMatches } from '../../api/labels/label-selector.js';

/** Labels of an object (possibly absent). */
export type Labels = Readonly<Record<string, string>> | undefined;

/** Whether the selector is empty (selects every object). */
export function isEmptySelector(selector: LabelSelector | undefined): boolean {
  return !!selector && Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/** `matchLabels` as `k=v` joined by commas, keys sorted (`labels.Set.String`). */
export function formatLabels(labels: Labels): string {
  return Object.keys(labels ?? {})
    .sort()
    .map((k) => `${k}=${labels?.[k]}`)
    .join(',');
}
