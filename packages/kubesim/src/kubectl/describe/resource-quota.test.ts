import { describe, expect, it } from 'vitest';
import { makeHarness, makeResourceQuota } from '../testing/index.js';
import { RESOURCE_QUOTA_SCOPE_HELP } from './resource-quota.js';

describe('kubectl describe resourcequota (describeQuota)', () => {
  it('sorted scopes with the help text of the pod scopes, then Resource/Used/Hard sorted; a used value in another format is shown in the hard one', () => {
    const h = makeHarness();
    h.put(
      makeResourceQuota('compute', {
        scopes: ['NotTerminating', 'CrossNamespacePodAffinity', 'BestEffort'],
        hard: {
          'requests.cpu': '1',
          'requests.memory': '1G',
          'limits.memory': '2Gi',
          'limits.ephemeral-storage': '1Ki',
          'requests.ephemeral-storage': '10Gi',
          'requests.nvidia.com/gpu': '4',
          'requests.storage': '100Gi',
        },
        used: {
          'requests.cpu': '500m',
          // BinarySI under a DecimalSI hard: NewQuantity(Value(), DecimalSI) prints plain bytes.
          'requests.memory': '512Mi',
          'limits.memory': '1024Mi',
          // Value() rounds up to whole units: 0.5 shows as 1.
          'limits.ephemeral-storage': '500m',
          'requests.ephemeral-storage': '1500M',
          'requests.storage': '0',
        },
      }),
    );
    const text = [
      'Name:       compute',
      'Namespace:  default',
      'Scopes:     BestEffort, CrossNamespacePodAffinity, NotTerminating',
      ' * Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
      ' * Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
      'Resource                    Used        Hard',
      '--------                    ----        ----',
      'limits.ephemeral-storage    1           1Ki',
      'limits.memory               1Gi         2Gi',
      'requests.cpu                500m        1',
      'requests.ephemeral-storage  1500000000  10Gi',
      'requests.memory             536870912   1G',
      'requests.nvidia.com/gpu     0           4',
      'requests.storage            0           100Gi',
      '',
    ].join('\n');
    expect(h.kubectl('describe quota compute')).toEqual({ stdout: text, stderr: '', exitCode: 0 });
    expect(h.kubectl('describe resourcequota comp').stdout).toBe(text);
  });

  it('before the controller fills the status: only the header and the rule; no events section', () => {
    const h = makeHarness();
    h.put({ ...makeResourceQuota('fresh', { namespace: 'kube-system', hard: { pods: '1' } }), status: {} });
    expect(h.kubectl('describe quota fresh -n kube-system').stdout).toBe(['Name:       fresh', 'Namespace:  kube-system', 'Resource    Used  Hard', '--------    ----  ----', ''].join('\n'));
  });

  it('the help texts are helpTextForResourceQuotaScope’s four', () => {
    expect(RESOURCE_QUOTA_SCOPE_HELP).toEqual({
      Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
      NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
      BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
      NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
    });
  });
});

describe('kubectl describe namespace: DescribeResourceQuotas', () => {
  it('lists the namespace’s quotas by name, one level in, with `---` rules and used values as stored; other namespaces’ quotas are left out', () => {
    const h = makeHarness();
    h.kubectl('create namespace team-a');
    h.put(
      makeResourceQuota('compute', {
        namespace: 'team-a',
        hard: { 'requests.cpu': '1', 'requests.memory': '1G', 'limits.memory': '2Gi' },
        // No format conversion here, unlike describeQuota.
        used: { 'requests.cpu': '250m', 'requests.memory': '256Mi', 'limits.memory': '256Mi' },
      }),
    );
    h.put(makeResourceQuota('best-effort', { namespace: 'team-a', scopes: ['BestEffort'], hard: { pods: '100' }, used: { pods: '0' } }));
    h.put(makeResourceQuota('elsewhere', { hard: { pods: '1' } }));
    expect(h.kubectl('describe namespace team-a').stdout).toBe(
      [
        'Name:         team-a',
        'Labels:       kubernetes.io/metadata.name=team-a',
        'Annotations:  <none>',
        'Status:       Active',
        '',
        'Resource Quotas',
        '  Name:    best-effort',
        '  Scopes:  BestEffort',
        '  * Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
        // No blank line between quotas: the rows and the next Name: share the first column.
        '  Resource         Used  Hard',
        '  --------         ---   ---',
        '  pods             0     100',
        '  Name:            compute',
        '  Resource         Used   Hard',
        '  --------         ---    ---',
        '  limits.memory    256Mi  2Gi',
        '  requests.cpu     250m   1',
        // describeQuota would show 268435456 (the hard value's DecimalSI format).
        '  requests.memory  256Mi  1G',
        '',
        'No LimitRange resource.',
        '',
      ].join('\n'),
    );
  });
});
