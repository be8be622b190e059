import { describe, expect, it } from 'vitest';
import { jsonPath } from './jsonpath.js';

const list = {
  kind: 'List',
  items: [
    { metadata: { name: 'a', labels: { app: 'x' } }, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } },
    { metadata: { name: 'b', labels: { app: 'y' } }, status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }] } },
  ],
};

describe('jsonPath (kubectl -o jsonpath)', () => {
  it('a backslash escapes a dot in a field name (parseField)', () => {
    const node = { metadata: { labels: { 'topology.kubernetes.io/zone': 'us-east-1a', topology: { kubernetes: 'nested' } } } };
    expect(jsonPath('{.metadata.labels.topology\\.kubernetes\\.io/zone}', node)).toBe('us-east-1a');
    expect(jsonPath('{.metadata.labels.topology.kubernetes}', node)).toBe('nested');
  });

  it('wildcards join matches with a space', () => {
    expect(jsonPath('{.items[*].metadata.name}', list)).toBe('a b');
  });

  it('range/end with literal newlines', () => {
    expect(jsonPath('{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}', list)).toBe('a\tRunning\nb\tPending\n');
  });

  it('index, filter and quoted keys', () => {
    expect(jsonPath('{.items[1].metadata.name}', list)).toBe('b');
    expect(jsonPath('{.items[-1].status.phase}', list)).toBe('Pending');
    expect(jsonPath('{.items[?(@.status.phase=="Running")].metadata.name}', list)).toBe('a');
    expect(jsonPath("{.items[0].metadata.labels['app']}", list)).toBe('x');
  });

  it('objects print as JSON; missing keys print nothing; text outside braces is kept', () => {
    expect(jsonPath('{.items[0].metadata.labels}', list)).toBe('{"app":"x"}');
    expect(jsonPath('name={.items[0].metadata.nope}!', list)).toBe('name=!');
  });

  it('a map prints with its keys sorted at every level, as Go\'s json.Marshal writes it', () => {
    expect(jsonPath('{.items[0].status}', list)).toBe('{"conditions":[{"status":"True","type":"Ready"}],"phase":"Running"}');
  });

  it('an unclosed action is kubectl parse error text', () => {
    expect(() => jsonPath('{.items', list)).toThrow('error parsing jsonpath {.items, unclosed action');
  });
});
