/**
 * Label selector matching for the PV binder, on core's matcher.
 * @see apimachinery pkg/apis/meta/v1/helpers.go LabelSelectorAsSelector; core api/labels
 */
import { type LabelSelector, labelSelectorMatches } from '@kubesim/core';

export type { LabelSelector };

/** Whether `labels` satisfy a claim's `spec.selector` (an absent selector matches every PV). */
export function matchesSelector(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>> = {}): boolean {
  return !selector || labelSelectorMatches(selector, labels);
}
