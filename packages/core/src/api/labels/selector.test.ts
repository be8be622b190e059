import { describe, expect, it } from 'vitest';
import { goLabelSelector, labelSelectorAsSelector, selectorToLabelSelector, validateLabelSelector } from './label-selector.js';
import { parseSelector } from './parse.js';
import { Selector } from './selector.js';

describe('parseSelector', () => {
  it.each([
    ['', ''],
    ['app=web', 'app=web'],
    ['app==web', 'app==web'],
    ['tier!=db', 'tier!=db'],
    ['env in (prod, dev)', 'env in (dev,prod)'],
    ['env notin (x)', 'env notin (x)'],
    ['gpu', 'gpu'],
    ['!gpu', '!gpu'],
    ['z=1,a=2', 'a=2,z=1'],
    ['a in (in, notin)', 'a in (in,notin)'],
    ['x in (foo,,baz),y,z notin ()', 'x in (,baz,foo),y,z notin ()'],
    ['a=', 'a='],
    ['n>3', 'n>3'],
  ])('%j prints as %j', (text, canonical) => {
    expect(parseSelector(text).toString()).toBe(canonical);
  });

  it.each([
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['a=b,', "found '', expected: identifier after ','"],
    [',a', "found ',', expected: !, identifier, or 'end of string'"],
    ['a in b', "unable to parse requirement: found 'b' expected: '('"],
    ['a in (b', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a (b)', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    [
      'a_=b',
      `unable to parse requirement: <nil>: Invalid value: "a_": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ],
    [
      'a=b_',
      `unable to parse requirement: values[0][a]: Invalid value: "b_": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ],
    ['n>x', `unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`],
  ])('%j fails with %j', (text, message) => {
    expect(() => parseSelector(text)).toThrow(message);
    try {
      parseSelector(text);
    } catch (e) {
      expect((e as Error).message).toBe(message);
      expect((e as Error).name).toBe('SelectorError');
    }
  });

  it('matches: equality, set and existence requirements combine with AND', () => {
    const sel = parseSelector('app=web,env in (prod,dev),!legacy,tier!=db');
    expect(sel.matches({ app: 'web', env: 'prod' })).toBe(true);
    expect(sel.matches({ app: 'web', env: 'prod', tier: 'db' })).toBe(false);
    expect(sel.matches({ app: 'web', env: 'qa' })).toBe(false);
    expect(sel.matches({ app: 'web', env: 'dev', legacy: '' })).toBe(false);
    expect(sel.matches(undefined)).toBe(false);
    expect(parseSelector('a notin (x)').matches({})).toBe(true);
    expect(parseSelector('n>3').matches({ n: '4' })).toBe(true);
    expect(parseSelector('n<3').matches({ n: '4' })).toBe(false);
  });
});

describe('LabelSelector', () => {
  it('nil selects nothing, {} selects everything', () => {
    expect(labelSelectorAsSelector(undefined).matches({ a: 'b' })).toBe(false);
    expect(labelSelectorAsSelector({}).matches({ a: 'b' })).toBe(true);
    expect(labelSelectorAsSelector({}).isEmpty()).toBe(true);
    expect(labelSelectorAsSelector(undefined).isEmpty()).toBe(false);
  });

  it('matchLabels and matchExpressions convert to a sorted selector', () => {
    const sel = labelSelectorAsSelector({
      matchLabels: { z: '1', app: 'web' },
      matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }, { key: 'old', operator: 'DoesNotExist' }],
    });
    expect(sel.toString()).toBe('app=web,env in (dev,prod),!old,z=1');
  });

  it('an unknown operator is an error', () => {
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] })).toThrow(
      '"Gt" is not a valid label selector operator',
    );
  });

  it('validation texts', () => {
    const errs = validateLabelSelector(
      {
        matchLabels: { 'bad key!': 'x' },
        matchExpressions: [
          { key: 'a', operator: 'In' },
          { key: 'b', operator: 'Exists', values: ['x'] },
          { key: 'c', operator: 'Maybe' },
        ],
      },
      'spec.selector',
    ).map(String);
    expect(errs[0]).toMatch(/^spec\.selector\.matchLabels: Invalid value: "bad key!": name part must consist/);
    expect(errs.slice(1)).toEqual([
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.selector.matchExpressions[2].operator: Invalid value: "Maybe": not a valid selector operator',
    ]);
  });

  it('Go rendering of a LabelSelector', () => {
    expect(goLabelSelector({}).text).toBe(
      'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}',
    );
    expect(goLabelSelector({ matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }] }).text).toBe(
      'v1.LabelSelector{MatchLabels:map[string]string{"a":"1", "b":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"k", Operator:"In", Values:[]string{"v"}}}}',
    );
  });

  it('selectorToLabelSelector round-trips through labelSelectorAsSelector', () => {
    const sel = parseSelector('app=web,env notin (a,b),x');
    expect(labelSelectorAsSelector(selectorToLabelSelector(sel)).toString()).toBe(sel.toString());
    expect(Selector.fromSet({ b: '1', a: '2' }).toString()).toBe('a=2,b=1');
  });
});
