import { describe, expect, it } from 'vitest';
import { parseYamlDocuments, toYaml } from './yaml.js';

describe('parseYamlDocuments', () => {
  it('splits documents, skips empty ones, reports a broken one', () => {
    const docs = parseYamlDocuments('a: 1\n---\n---\nb: [x, z]\n');
    expect(docs.map((d) => d.value)).toEqual([{ a: 1 }, { b: ['x', 'z'] }]);
    // YAML 1.1 as go-yaml v2 (sigs.k8s.io/yaml) reads it: a plain `y` is a bool.
    expect(parseYamlDocuments('b: [x, y]\n')[0].value).toEqual({ b: ['x', true] });
    expect(parseYamlDocuments('a: [1, 2\n')[0].error).toBeDefined();
  });

  it('refuses prototype keys like the manifest parser', () => {
    expect(() => parseYamlDocuments('__proto__: {polluted: true}\n')).toThrow(/could reach object prototypes/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps quoted numbers as strings (iopsPerGB: "10") and unquoted as numbers', () => {
    expect(parseYamlDocuments('p:\n  q: "10"\n  r: 10\n')[0].value).toEqual({ p: { q: '10', r: 10 } });
  });
});

describe('toYaml (kubectl -o yaml)', () => {
  it('an object met twice prints twice, without anchors or aliases', () => {
    const labels = { app: 'web' };
    expect(toYaml({ metadata: { labels }, spec: { selector: { matchLabels: labels } } })).toBe(
      'metadata:\n  labels:\n    app: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n',
    );
  });

  it('sorted keys, flush sequences, go-yaml quoting', () => {
    expect(toYaml({ kind: 'Pod', apiVersion: 'v1', spec: { containers: [{ name: 'c', image: 'x' }] }, metadata: { creationTimestamp: '2026-01-01T00:00:00Z', labels: { on: 'yes' } } })).toBe(
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  creationTimestamp: "2026-01-01T00:00:00Z"',
        '  labels:',
        '    "on": "yes"',
        'spec:',
        '  containers:',
        '  - image: x',
        '    name: c',
        '',
      ].join('\n'),
    );
    expect(toYaml({ message: 'containers with unready status: [c]', port: '3000', empty: '' })).toBe(
      `empty: ""\nmessage: 'containers with unready status: [c]'\nport: "3000"\n`,
    );
  });
});
