/**
 * Label selectors: `matchLabels` and `matchExpressions` matching, and the string form kubectl
 * prints (`app=web,pod-template-hash=7c5ddbdf54`).
 * @see apimachinery pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector), pkg/labels/selector.go
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';

/** Labels of an object (possibly absent). */
export type Labels = Readonly<Record<string, string>> | undefined;

/**
 * Whether `labels` satisfy `selector`.
 * @remarks An absent selector matches nothing; an empty one (`{}`) matches everything, as in
 * `LabelSelectorAsSelector`.
 */
export function selectorMatches(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(l, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(l[e.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(l[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

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
