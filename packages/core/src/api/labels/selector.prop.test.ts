import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelSelectorAsSelector, selectorToLabelSelector } from './label-selector.js';
import { parseSelector } from './parse.js';
import { newRequirement, type Requirement, Selector, type SelectorOperator } from './selector.js';

const SEED = 4242;
const keys = fc.constantFrom('app', 'env', 'tier', 'example.com/team', 'in', 'x');
const values = fc.constantFrom('', 'web', 'db', 'prod', 'a.b', 'in', 'notin', 'V_1');
const op = fc.constantFrom<SelectorOperator>('=', '==', '!=', 'in', 'notin', 'exists', '!');
const requirement: fc.Arbitrary<Requirement> = fc
  .tuple(keys, op, fc.uniqueArray(values, { minLength: 1, maxLength: 3 }))
  .map(([key, operator, vals]) => {
    const arity = operator === 'exists' || operator === '!' ? [] : operator === 'in' || operator === 'notin' ? vals : vals.slice(0, 1);
    return newRequirement(key, operator, arity);
  });
const selector = fc.array(requirement, { maxLength: 4 }).map((rs) => Selector.of(rs));
const labelSet = fc.dictionary(keys, values, { maxKeys: 5 });

describe('selector properties', () => {
  it('parse(toString(sel)) matches the same label sets as sel', () => {
    fc.assert(
      fc.property(selector, fc.array(labelSet, { minLength: 1, maxLength: 8 }), (sel, sets) => {
        const text = sel.toString();
        const parsed = parseSelector(text);
        expect(parsed.toString()).toBe(text);
        for (const labels of sets) expect(parsed.matches(labels)).toBe(sel.matches(labels));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('a selector converted to a LabelSelector and back selects the same label sets', () => {
    fc.assert(
      fc.property(selector, fc.array(labelSet, { minLength: 1, maxLength: 8 }), (sel, sets) => {
        const back = labelSelectorAsSelector(selectorToLabelSelector(sel));
        for (const labels of sets) expect(back.matches(labels)).toBe(sel.matches(labels));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
