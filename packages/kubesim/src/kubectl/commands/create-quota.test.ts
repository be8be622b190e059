import { beforeEach, describe, expect, it } from 'vitest';
import { type KubectlHarness, makeHarness } from '../testing/index.js';

let h: KubectlHarness;
const failure = (stderr: string) => ({ stdout: '', stderr, exitCode: 1 });

beforeEach(() => {
  h = makeHarness();
});

describe('kubectl create quota (create_quota.go)', () => {
  it('a client dry run prints the quota of the upstream example: spec.hard sorted, quantities canonical, status {}', () => {
    expect(
      h.kubectl('create quota my-quota --hard=cpu=1,memory=1G,pods=2,services=3,replicationcontrollers=2,resourcequotas=1,secrets=5,persistentvolumeclaims=10 --dry-run=client -o yaml'),
    ).toEqual({
      stdout: [
        'apiVersion: v1',
        'kind: ResourceQuota',
        'metadata:',
        '  creationTimestamp: null',
        '  name: my-quota',
        'spec:',
        '  hard:',
        '    cpu: "1"',
        '    memory: 1G',
        '    persistentvolumeclaims: "10"',
        '    pods: "2"',
        '    replicationcontrollers: "2"',
        '    resourcequotas: "1"',
        '    secrets: "5"',
        '    services: "3"',
        'status: {}',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    });
    expect(h.core.store.list('ResourceQuota')).toEqual([]);
  });

  it('-o json keeps Go field order; scopes follow hard; -n sets metadata.namespace; a later duplicate wins', () => {
    const out = h.kubectl('create resourcequota best-effort --hard=pods=100,requests.memory=1024Mi,requests.cpu=0.5,pods=50 --scopes=BestEffort,NotTerminating -n team --dry-run=client -o json');
    expect(out.stdout).toBe(
      `${JSON.stringify(
        {
          kind: 'ResourceQuota',
          apiVersion: 'v1',
          metadata: { name: 'best-effort', namespace: 'team', creationTimestamp: null },
          spec: { hard: { pods: '50', 'requests.cpu': '500m', 'requests.memory': '1Gi' }, scopes: ['BestEffort', 'NotTerminating'] },
          status: {},
        },
        null,
        4,
      )}\n`,
    );
    // Without --hard or --scopes the spec is empty.
    expect(h.kubectl('create quota empty --dry-run=client -o yaml').stdout).toBe(
      ['apiVersion: v1', 'kind: ResourceQuota', 'metadata:', '  creationTimestamp: null', '  name: empty', 'spec: {}', 'status: {}', ''].join('\n'),
    );
  });

  it('creates the quota in the namespace in effect; a server dry run stores nothing; an API error comes back wrapped', () => {
    expect(h.kubectl('create quota q --hard=pods=2 --dry-run=server')).toEqual({ stdout: 'resourcequota/q created (server dry run)\n', stderr: '', exitCode: 0 });
    expect(h.core.store.list('ResourceQuota')).toEqual([]);
    expect(h.kubectl('create quota q --hard=pods=2,requests.cpu=1000m')).toEqual({ stdout: 'resourcequota/q created\n', stderr: '', exitCode: 0 });
    expect(h.core.store.get('ResourceQuota', 'default', 'q')?.spec).toEqual({ hard: { pods: '2', 'requests.cpu': '1' } });
    expect(h.kubectl('create quota q -n kube-system -o name').stdout).toBe('resourcequota/q\n');
    expect(h.kubectl('create quota q --hard=pods=3')).toEqual(failure('error: failed to create quota: resourcequotas "q" already exists\n'));
  });

  it.each([
    ['create quota --hard=pods=1', "error: exactly one NAME is required, got 0\nSee 'kubectl create quota -h' for help and examples\n"],
    ['create quota a b --hard=pods=1', "error: exactly one NAME is required, got 2\nSee 'kubectl create quota -h' for help and examples\n"],
    ['create quota "" --hard=pods=1', 'error: name must be specified\n'],
    ['create quota q --hard=pods', 'error: Invalid argument syntax pods, expected <resource>=<value>\n'],
    ['create quota q --hard=pods=1=2', 'error: Invalid argument syntax pods=1=2, expected <resource>=<value>\n'],
    ['create quota q --hard=pods=1,', 'error: Invalid argument syntax , expected <resource>=<value>\n'],
    ['create quota q --hard=pods=many', "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n"],
    ['create quota q --hard=memory=1mi', "error: unable to parse quantity's suffix\n"],
    ['create quota q --hard=pods=1 --scopes=BestEffort,', 'error: invalid resource quota scope ""\n'],
    ['create quota q --hard=pods=1 --dry-run=maybe', 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n'],
    ['create quota q --image=nginx', "error: unknown flag: --image\nSee 'kubectl create quota --help' for usage.\n"],
    ['create deployment web --image=nginx --hard=pods=1', "error: unknown flag: --hard\nSee 'kubectl create deployment --help' for usage.\n"],
  ])('%s', (line, stderr) => {
    expect(h.kubectl(line)).toEqual(failure(stderr));
    expect(h.core.store.list('ResourceQuota')).toEqual([]);
  });
});
