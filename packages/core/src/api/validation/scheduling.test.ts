import { describe, expect, it } from 'vitest';
import { defaultPriorityClass } from '../defaults/scheduling.js';
import { defaultPod } from '../defaults/pod-spec.js';
import type { KubeObject } from '../object.js';
import type { MutableObject } from '../strategy.js';
import { validatePod } from './core.js';
import { validatePriorityClass, validatePriorityClassUpdate } from './scheduling.js';
import { podManifest, priorityClassManifest } from './testing.js';

const texts = (errs: readonly { toString(): string }[]) => errs.map(String);

function pc(change: (o: MutableObject) => void, name?: string, value?: number): MutableObject {
  const o = priorityClassManifest(name, value);
  change(o);
  defaultPriorityClass(o);
  return o;
}

describe('SetDefaults_PriorityClass', () => {
  it('defaults preemptionPolicy to PreemptLowerPriority and keeps a given one', () => {
    expect(pc(() => {}).preemptionPolicy).toBe('PreemptLowerPriority');
    expect(pc((o) => (o.preemptionPolicy = 'Never')).preemptionPolicy).toBe('Never');
    expect(pc((o) => (o.preemptionPolicy = '')).preemptionPolicy).toBe('');
  });
});

describe('ValidatePriorityClass', () => {
  it.each<[string, MutableObject, string[]]>([
    ['should pass validation', pc(() => {}), []],
    ['value at the highest user priority', pc(() => {}, 'tier1', 1_000_000_000), []],
    ['negative value', pc(() => {}, 'low', -5), []],
    ['preemptionPolicy Never', pc((o) => (o.preemptionPolicy = 'Never')), []],
    ['system-node-critical with its value', pc(() => {}, 'system-node-critical', 2_000_001_000), []],
    ['system-cluster-critical with its value', pc(() => {}, 'system-cluster-critical', 2_000_000_000), []],
    [
      'value above the highest user priority',
      pc(() => {}, 'tier1', 1_000_000_001),
      ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000'],
    ],
    [
      'unknown name with the system- prefix',
      pc(() => {}, 'system-foo', 100),
      ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-foo is not a known system priority class"],
    ],
    [
      'system name with another value',
      pc(() => {}, 'system-node-critical', 2_000_000_000),
      ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000"],
    ],
    [
      'system name as global default',
      pc((o) => (o.globalDefault = true), 'system-cluster-critical', 2_000_000_000),
      ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: globalDefault of system-cluster-critical PriorityClass must be false"],
    ],
    [
      'system prefix is not subject to the user limit',
      pc(() => {}, 'system-big', 3_000_000),
      ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-big is not a known system priority class"],
    ],
    [
      'unsupported preemptionPolicy',
      pc((o) => (o.preemptionPolicy = 'Sometimes')),
      ['preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"'],
    ],
    ['empty preemptionPolicy', pc((o) => (o.preemptionPolicy = '')), ['preemptionPolicy: Required value']],
    [
      'name is a DNS subdomain',
      pc(() => {}, 'Tier_1'),
      [
        "metadata.name: Invalid value: \"Tier_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ],
    ],
  ])('%s', (_case, obj, expected) => {
    expect(texts(validatePriorityClass(obj))).toEqual(expected);
  });
});

describe('ValidatePriorityClassUpdate', () => {
  const old = pc(() => {}) as unknown as KubeObject;
  it.each<[string, MutableObject, string[]]>([
    ['description and globalDefault may change', pc((o) => Object.assign(o, { description: 'new', globalDefault: true })), []],
    ['labels may change', pc((o) => (o.metadata.labels = { tier: 'one' })), []],
    ['value may not change', pc(() => {}, 'high', 2000), ['value: Forbidden: may not be changed in an update.']],
    ['preemptionPolicy may not change', pc((o) => (o.preemptionPolicy = 'Never')), ['preemptionPolicy: Invalid value: "Never": field is immutable']],
  ])('%s', (_case, obj, expected) => {
    expect(texts(validatePriorityClassUpdate(obj, old))).toEqual(expected);
  });
});

describe('ValidatePodSpec priority fields', () => {
  function pod(change: (spec: Record<string, unknown>) => void): MutableObject {
    const p = podManifest();
    p.metadata.namespace = 'default';
    change(p.spec);
    defaultPod(p);
    return p;
  }

  it.each<[string, MutableObject, string[]]>([
    ['a class name and a supported policy', pod((s) => Object.assign(s, { priorityClassName: 'high', preemptionPolicy: 'Never' })), []],
    [
      'priorityClassName is a DNS subdomain',
      pod((s) => (s.priorityClassName = 'High')),
      [
        "spec.priorityClassName: Invalid value: \"High\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ],
    ],
    [
      'unsupported preemptionPolicy',
      pod((s) => (s.preemptionPolicy = 'Always')),
      ['spec.preemptionPolicy: Unsupported value: "Always": supported values: "PreemptLowerPriority", "Never"'],
    ],
  ])('%s', (_case, obj, expected) => {
    expect(texts(validatePod(obj))).toEqual(expected);
  });
});
