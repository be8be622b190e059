import { describe, expect, it } from 'vitest';
import { makeHarness } from '../testing/index.js';

const doc = (apiVersion: string, kind: string, name: string, namespace?: string) =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}`;

const RESOURCES = [
  doc('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 'hook'),
  doc('example.com/v1', 'Widget', 'w'),
  doc('networking.k8s.io/v1', 'Ingress', 'web'),
  doc('apps/v1', 'Deployment', 'web'),
  doc('policy/v1', 'PodDisruptionBudget', 'web'),
  doc('batch/v1', 'CronJob', 'nightly'),
  doc('v1', 'ConfigMap', 'b'),
  doc('v1', 'ConfigMap', 'a', 'zeta'),
  doc('v1', 'ConfigMap', 'c', 'alpha'),
  doc('v1', 'Service', 'web'),
  doc('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com'),
  doc('v1', 'Namespace', 'zeta'),
].join('---\n');

/** `Kind/namespace/name` of each document printed. */
function ids(yaml: string): string[] {
  return yaml.split('---\n').map((d) => {
    const kind = /^kind: (.*)$/m.exec(d)?.[1];
    const ns = /^ {2}namespace: (.*)$/m.exec(d)?.[1] ?? '';
    const name = /^ {2}name: (.*)$/m.exec(d)?.[1];
    return `${kind}/${ns}/${name}`;
  });
}

describe('output order', () => {
  it("kustomize's legacy order: the first kinds in order, other kinds by group/version/kind, webhooks last; then namespace (none last) and name", () => {
    const h = makeHarness({}, { 'kustomization.yaml': 'resources:\n- all.yaml\n', 'all.yaml': RESOURCES });
    expect(ids(h.kubectl('kustomize').stdout)).toEqual([
      'Namespace//zeta',
      'CustomResourceDefinition//widgets.example.com',
      'ConfigMap/alpha/c',
      'ConfigMap/zeta/a',
      'ConfigMap//b',
      'Service//web',
      'Deployment//web',
      'CronJob//nightly',
      'PodDisruptionBudget//web',
      'Widget//w',
      'Ingress//web',
      'ValidatingWebhookConfiguration//hook',
    ]);
  });

  it('sortOptions: fifo keeps the input order; legacy takes its own first and last kinds', () => {
    const fifo = makeHarness({}, { 'kustomization.yaml': 'sortOptions:\n  order: fifo\nresources:\n- all.yaml\n', 'all.yaml': RESOURCES });
    expect(ids(fifo.kubectl('kustomize').stdout)[0]).toBe('ValidatingWebhookConfiguration//hook');
    const legacy = makeHarness(
      {},
      {
        'kustomization.yaml': 'sortOptions:\n  order: legacy\n  legacySortOptions:\n    orderFirst: [Ingress]\n    orderLast: [Namespace]\nresources:\n- all.yaml\n',
        'all.yaml': RESOURCES,
      },
    );
    const out = ids(legacy.kubectl('kustomize').stdout);
    expect([out[0], out[out.length - 1]]).toEqual(['Ingress//web', 'Namespace//zeta']);
  });
});
