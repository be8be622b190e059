import { describe, expect, it } from 'vitest';
import type { MutableObject } from '../strategy.js';
import { validatePodDisruptionBudget } from './policy.js';
import { podDisruptionBudgetManifest } from './testing.js';

const texts = (errs: readonly { toString(): string }[]) => errs.map(String);

function pdb(change: (o: MutableObject & { spec: Record<string, unknown> }) => void): MutableObject {
  const o = podDisruptionBudgetManifest();
  change(o);
  return o;
}

const PERCENT_FORMAT =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

describe('ValidatePodDisruptionBudget', () => {
  it.each<[string, MutableObject, string[]]>([
    ['valid minAvailable', pdb(() => {}), []],
    ['valid maxUnavailable percent', pdb((o) => { delete o.spec.minAvailable; o.spec.maxUnavailable = '25%'; }), []],
    ['minAvailable 0 and 100%', pdb((o) => (o.spec.minAvailable = '100%')), []],
    ['no budget at all', pdb((o) => delete o.spec.minAvailable), []],
    ['AlwaysAllow policy', pdb((o) => (o.spec.unhealthyPodEvictionPolicy = 'AlwaysAllow')), []],
    ['IfHealthyBudget policy', pdb((o) => (o.spec.unhealthyPodEvictionPolicy = 'IfHealthyBudget')), []],
    [
      'minAvailable and maxUnavailable both set',
      pdb((o) => (o.spec.maxUnavailable = 1)),
      [
        'spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000010000), Selector:(*v1.LabelSelector)(0xc000010020), MaxUnavailable:(*intstr.IntOrString)(0xc000010040), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}: minAvailable and maxUnavailable cannot be both set',
      ],
    ],
    ['negative minAvailable', pdb((o) => (o.spec.minAvailable = -1)), ['spec.minAvailable: Invalid value: -1: must be greater than or equal to 0']],
    [
      'minAvailable above 100%',
      pdb((o) => (o.spec.minAvailable = '101%')),
      ['spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"101%"}: must not be greater than 100%'],
    ],
    [
      'maxUnavailable not a percent',
      pdb((o) => { delete o.spec.minAvailable; o.spec.maxUnavailable = 'one'; }),
      [`spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"one"}: ${PERCENT_FORMAT}`],
    ],
    [
      'unknown unhealthyPodEvictionPolicy',
      pdb((o) => (o.spec.unhealthyPodEvictionPolicy = 'Sometimes')),
      ['spec.unhealthyPodEvictionPolicy: Unsupported value: "Sometimes": supported values: "AlwaysAllow", "IfHealthyBudget"'],
    ],
    [
      'invalid selector operator',
      pdb((o) => (o.spec.selector = { matchExpressions: [{ key: 'app', operator: 'Near', values: ['x'] }] })),
      ['spec.selector.matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator'],
    ],
    ['name with a slash', { ...pdb(() => {}), metadata: { name: 'a/b' } }, ["metadata.name: Invalid value: \"a/b\": may not contain '/'"]],
    ['upper-case name is a valid path segment', { ...pdb(() => {}), metadata: { name: 'Web' } }, []],
  ])('%s', (_name, obj, want) => {
    obj.metadata.namespace ??= 'default';
    expect(texts(validatePodDisruptionBudget(obj))).toEqual(want);
  });
});
