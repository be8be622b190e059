import type { SuccessPolicy } from 'kubernetes-types/batch/v1';
import { describe, expect, it } from 'vitest';
import type { Interval } from './indexed-job-utils.js';
import { matchSuccessPolicy } from './success-policy.js';

const iv = (...pairs: [number, number][]): Interval[] => pairs.map(([first, last]) => ({ first, last }));
const byIndexes = (...rules: { succeededIndexes?: string; succeededCount?: number }[]): SuccessPolicy => ({ rules });

// Case names from success_policy_test.go TestMatchSuccessPolicy (completions 10); undefined = not met.
const cases: [string, SuccessPolicy | undefined, Interval[], string | undefined][] = [
  ['successPolicy is null', undefined, iv([0, 0]), undefined],
  ['any rules are nothing', { rules: [] }, iv([0, 0]), undefined],
  ['rules.succeededIndexes is invalid format', byIndexes({ succeededIndexes: 'invalid-form' }), iv([0, 0]), undefined],
  ['rules.succeededIndexes is specified; succeededIndexes matched rules', byIndexes({ succeededIndexes: '0-2' }), iv([0, 2], [4, 7]), 'Matched rules at index 0'],
  ["rules.succeededIndexes is specified; succeededIndexes didn't match rules", byIndexes({ succeededIndexes: '3' }), iv([0, 2]), undefined],
  ['rules.succeededCount is specified; succeededIndexes matched rules', byIndexes({ succeededCount: 2 }), iv([0, 2]), 'Matched rules at index 0'],
  ["rules.succeededCount is specified; succeededIndexes didn't match rules", byIndexes({ succeededCount: 4 }), iv([0, 2]), undefined],
  [
    'multiple rules; rules.succeededIndexes is specified; succeededIndexes met one of rules',
    byIndexes({ succeededIndexes: '9' }, { succeededIndexes: '4,6' }),
    iv([0, 2], [4, 7]),
    'Matched rules at index 1',
  ],
  [
    'multiple rules; rules.succeededIndexes is specified; succeededIndexes met all rules',
    byIndexes({ succeededIndexes: '0,1' }, { succeededIndexes: '5' }),
    iv([0, 2], [4, 7]),
    'Matched rules at index 0',
  ],
  [
    'rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes met all rules',
    byIndexes({ succeededIndexes: '3-6', succeededCount: 2 }),
    iv([0, 2], [4, 7]),
    'Matched rules at index 0',
  ],
  [
    "rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes didn't match rules",
    byIndexes({ succeededIndexes: '3-6', succeededCount: 2 }),
    iv([0, 2], [6, 7]),
    undefined,
  ],
  ['rules.succeededIndexes is specified; succeededIndexes are nothing', byIndexes({ succeededCount: 4 }), [], undefined],
  [
    'rules.succeededIndexes is specified; succeededIndexes matched rules; rules is proper subset of succeededIndexes',
    byIndexes({ succeededIndexes: '2-4,6-8' }),
    iv([1, 5], [6, 9]),
    'Matched rules at index 0',
  ],
  ["rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules is an empty set", byIndexes({ succeededIndexes: '' }), iv([1, 3]), undefined],
  [
    "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules overlaps succeededIndexes at first",
    byIndexes({ succeededIndexes: '1-3,5-7' }),
    iv([2, 4], [6, 8]),
    undefined,
  ],
  [
    'rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; rules overlaps succeededIndexes at first',
    byIndexes({ succeededIndexes: '1-3,5-7', succeededCount: 4 }),
    iv([2, 4], [6, 8]),
    'Matched rules at index 0',
  ],
  [
    "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules overlaps multiple succeededIndexes at last",
    byIndexes({ succeededIndexes: '0-6,8-9' }),
    iv([1, 3], [5, 9]),
    undefined,
  ],
  [
    'rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; rules overlaps multiple succeededIndexes at last',
    byIndexes({ succeededIndexes: '0-6,8-9', succeededCount: 7 }),
    iv([1, 3], [5, 9]),
    'Matched rules at index 0',
  ],
  [
    'rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; the first rules overlaps succeededIndexes at first',
    byIndexes({ succeededIndexes: '0-3,6-9', succeededCount: 7 }),
    iv([1, 10]),
    'Matched rules at index 0',
  ],
];

describe('matchSuccessPolicy (success_policy_test.go)', () => {
  for (const [name, policy, succeeded, want] of cases) {
    it(name, () => {
      expect(matchSuccessPolicy(policy, 10, succeeded)).toBe(want);
    });
  }
});
