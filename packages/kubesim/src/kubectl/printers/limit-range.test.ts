import { describe, expect, it } from 'vitest';
import { makeHarness, makeLimitRange } from '../testing/index.js';

/** Two LimitRanges in default (created at the start and 1h2m5s later) and one in kube-system. */
function harness() {
  const h = makeHarness();
  h.put({ ...makeLimitRange('cpu-defaults', [{ type: 'Container', default: { cpu: '500m' } }]), metadata: { name: 'cpu-defaults', namespace: 'default', labels: { team: 'a' } } });
  h.core.loop.advance('1h2m5s');
  h.put(makeLimitRange('mem-limits', [{ type: 'Container', max: { memory: '1Gi' } }]));
  h.put(makeLimitRange('storage', [{ type: 'PersistentVolumeClaim', max: { storage: '10Gi' } }], 'kube-system'));
  return h;
}

describe('kubectl get limitranges (the API server’s default table convertor)', () => {
  it('NAME and CREATED AT: the creation time in UTC RFC 3339, not an age', () => {
    const h = harness();
    const table = ['NAME           CREATED AT', 'cpu-defaults   2026-01-01T00:00:00Z', 'mem-limits     2026-01-01T01:02:05Z', ''].join('\n');
    expect(h.kubectl('get limitrange')).toEqual({ stdout: table, stderr: '', exitCode: 0 });
    // The short name, the plural and -o wide (the convertor has no wide columns) print the same.
    expect(h.kubectl('get limits').stdout).toBe(table);
    expect(h.kubectl('get limitranges -o wide').stdout).toBe(table);
  });

  it('-A adds NAMESPACE; --no-headers and --show-labels as for any server-side table', () => {
    const h = harness();
    expect(h.kubectl('get limits -A').stdout).toBe(
      [
        'NAMESPACE     NAME           CREATED AT',
        'default       cpu-defaults   2026-01-01T00:00:00Z',
        'default       mem-limits     2026-01-01T01:02:05Z',
        'kube-system   storage        2026-01-01T01:02:05Z',
        '',
      ].join('\n'),
    );
    expect(h.kubectl('get limitrange mem-limits --no-headers').stdout).toBe('mem-limits   2026-01-01T01:02:05Z\n');
    expect(h.kubectl('get limits cpu-defaults --show-labels').stdout).toBe('NAME           CREATED AT             LABELS\ncpu-defaults   2026-01-01T00:00:00Z   team=a\n');
  });

  it('api-resources lists limitranges (limits) in the core group, between events and namespaces', () => {
    const h = makeHarness();
    const lines = h.kubectl('api-resources').stdout.split('\n');
    const at = lines.indexOf('limitranges              limits       v1                     true         LimitRange');
    expect(at).toBeGreaterThan(0);
    expect(lines[at - 1]).toBe('events                   ev           v1                     true         Event');
    expect(lines[at + 1]).toBe('namespaces               ns           v1                     false        Namespace');
  });
});
