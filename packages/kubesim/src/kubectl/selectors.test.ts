import { describe, expect, it } from 'vitest';
import { formatLabelSelector, formatLabels, labelSelectorMatcher, parseLabelSelector } from './selectors.js';

describe('label selectors', () => {
  it('equality, inequality, set and existence requirements', () => {
    const m = parseLabelSelector('app=randserver,tier!=db,env in (prod,stage),!canary,zone');
    expect(m({ app: 'randserver', env: 'prod', zone: 'a' })).toBe(true);
    expect(m({ app: 'randserver', env: 'prod', zone: 'a', tier: 'db' })).toBe(false);
    expect(m({ app: 'randserver', env: 'dev', zone: 'a' })).toBe(false);
    expect(m({ app: 'randserver', env: 'prod', zone: 'a', canary: 'y' })).toBe(false);
    expect(m({ app: 'randserver', env: 'prod' })).toBe(false);
  });

  it('LabelSelector objects: nil matches nothing, empty matches everything', () => {
    expect(labelSelectorMatcher(undefined)({ a: '1' })).toBe(false);
    expect(labelSelectorMatcher({})({ a: '1' })).toBe(true);
    expect(labelSelectorMatcher({ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] })({ a: '1' })).toBe(false);
  });

  it('formats as kubectl prints them', () => {
    expect(formatLabels({ b: '2', a: '1' })).toBe('a=1,b=2');
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabelSelector({ matchLabels: { app: 'x' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] })).toBe('app=x,tier in (a,b)');
  });
});
