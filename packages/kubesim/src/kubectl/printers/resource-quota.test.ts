import { describe, expect, it } from 'vitest';
import { makeHarness, makeResourceQuota } from '../testing/index.js';

/** A quota over compute resources, part used; the GPU has no used value yet. */
const compute = makeResourceQuota('compute', {
  hard: { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi', pods: '4', 'requests.nvidia.com/gpu': '4' },
  used: { 'requests.cpu': '500m', 'requests.memory': '512Mi', 'limits.cpu': '1', 'limits.memory': '1024Mi', pods: '1' },
});
/** A quota over object counts only, so its LIMIT cell is empty. */
const objects = makeResourceQuota('objects', { hard: { services: '5', pods: '10' }, used: { pods: '0', services: '1' } });

describe('kubectl get resourcequotas (printResourceQuota)', () => {
  it('REQUEST and LIMIT list `resource: used/hard`, limits.* in LIMIT, sorted, quantities canonical, a missing used as 0', () => {
    const h = makeHarness();
    h.put(objects);
    h.put(compute);
    // A quota the controller has not synced yet: no status.hard, so both cells are empty.
    h.put({ ...makeResourceQuota('fresh', { hard: { pods: '1' } }), status: {} });
    expect(h.kubectl('get quota')).toEqual({
      stdout: [
        'NAME      AGE   REQUEST                                                                                     LIMIT',
        'compute   0s    pods: 1/4, requests.cpu: 500m/1, requests.memory: 512Mi/1Gi, requests.nvidia.com/gpu: 0/4   limits.cpu: 1/2, limits.memory: 1Gi/2Gi',
        // The REQUEST cell ends with a tab, so the tabwriter pads it even when LIMIT is empty.
        'fresh     0s                                                                                                ',
        'objects   0s    pods: 0/10, services: 1/5                                                                   ',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    });
  });

  it('-A adds NAMESPACE; the plural resource name and -o wide print the same columns', () => {
    const h = makeHarness();
    h.put(makeResourceQuota('objects', { namespace: 'kube-system', hard: { pods: '10' }, used: { pods: '3' } }));
    const table = ['NAMESPACE     NAME      AGE   REQUEST      LIMIT', 'kube-system   objects   0s    pods: 3/10   ', ''].join('\n');
    expect(h.kubectl('get quota -A').stdout).toBe(table);
    expect(h.kubectl('get resourcequotas -A -o wide').stdout).toBe(table);
    expect(h.kubectl('get resourcequota objects -n kube-system --no-headers').stdout).toBe('objects   0s    pods: 3/10   \n');
  });

  it('api-resources lists resourcequotas (quota) in the core group, between pods and secrets', () => {
    const h = makeHarness();
    const lines = h.kubectl('api-resources').stdout.split('\n');
    const at = lines.indexOf('resourcequotas           quota        v1                     true         ResourceQuota');
    expect(at).toBeGreaterThan(0);
    expect(lines[at - 1]).toBe('pods                     po           v1                     true         Pod');
    expect(lines[at + 1]).toBe('secrets                               v1                     true         Secret');
  });
});
