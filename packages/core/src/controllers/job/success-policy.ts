/**
 * `spec.successPolicy` of Indexed Jobs: the Job succeeds once the first rule is met, a rule being
 * `succeededIndexes` (all of them succeeded, or `succeededCount` of them) or `succeededCount`
 * alone (that many indexes succeeded). A rule whose indexes do not parse is skipped.
 * @see kubernetes pkg/controller/job/success_policy.go
 */
import type { SuccessPolicy } from 'kubernetes-types/batch/v1';
import { JobMessages } from '../events.js';
import { type Interval, parseIndexes, totalIndexes } from './indexed-job-utils.js';

/**
 * `matchSuccessPolicy`: the SuccessCriteriaMet message (`Matched rules at index <i>`) of the
 * first met rule, or undefined.
 */
export function matchSuccessPolicy(successPolicy: SuccessPolicy | undefined, completions: number, succeededIndexes: readonly Interval[]): string | undefined {
  if (!successPolicy || succeededIndexes.length === 0) return undefined;
  for (const [index, rule] of (successPolicy.rules ?? []).entries()) {
    if (rule.succeededIndexes !== undefined && rule.succeededIndexes !== null) {
      const required = parseIndexes(rule.succeededIndexes, completions);
      // The rule's indexes failed to parse.
      if (required.length === 0) continue;
      if (matchSucceededIndexesRule(required, succeededIndexes, rule.succeededCount)) return JobMessages.successPolicyMatched(index);
    } else if (rule.succeededCount !== undefined && rule.succeededCount !== null && totalIndexes(succeededIndexes) >= rule.succeededCount) {
      return JobMessages.successPolicyMatched(index);
    }
  }
  return undefined;
}

/**
 * `matchSucceededIndexesRule`: whether every rule index succeeded, or at least `succeededCount`
 * of them; one merge-like pass over both interval lists.
 */
export function matchSucceededIndexesRule(ruleIndexes: readonly Interval[], succeededIndexes: readonly Interval[], succeededCount: number | undefined): boolean {
  let contains = 0;
  let s = 0;
  let r = 0;
  while (r < ruleIndexes.length && s < succeededIndexes.length) {
    const rule = ruleIndexes[r];
    const done = succeededIndexes[s];
    const overlap = Math.min(rule.last, done.last) - Math.max(rule.first, done.first) + 1;
    if (overlap > 0) contains += overlap;
    if (done.last < rule.last) s++;
    else if (done.last > rule.last) r++;
    else {
      s++;
      r++;
    }
  }
  return contains === totalIndexes(ruleIndexes) || (succeededCount !== undefined && contains >= succeededCount);
}
