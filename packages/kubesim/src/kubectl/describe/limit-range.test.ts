import { describe, expect, it } from 'vitest';
import { makeHarness, makeLimitRange, makeResourceQuota } from '../testing/index.js';

describe('kubectl describe limitrange (describeLimitRange)', () => {
  it('items in spec order, each item’s resources sorted, `-` for values the item does not set, quantities canonical; no events', () => {
    const h = makeHarness();
    h.put(
      makeLimitRange('core-resource-limits', [
        { type: 'Pod', max: { memory: '1Gi', cpu: '2000m' }, min: { cpu: '200m', memory: '6Mi' } },
        {
          type: 'Container',
          max: { cpu: '2', memory: '1Gi' },
          min: { cpu: '100m', memory: '4Mi' },
          default: { cpu: '300m', memory: '200Mi' },
          defaultRequest: { cpu: '200m', memory: '100Mi' },
          maxLimitRequestRatio: { cpu: '10' },
        },
        { type: 'PersistentVolumeClaim', max: { storage: '10Gi' }, min: { storage: '1024Mi' } },
      ]),
    );
    const text = [
      // Name and Namespace share the first column with the table's Type cells.
      'Name:                  core-resource-limits',
      'Namespace:             default',
      'Type                   Resource  Min   Max   Default Request  Default Limit  Max Limit/Request Ratio',
      '----                   --------  ---   ---   ---------------  -------------  -----------------------',
      'Pod                    cpu       200m  2     -                -              -',
      'Pod                    memory    6Mi   1Gi   -                -              -',
      'Container              cpu       100m  2     200m             300m           10',
      'Container              memory    4Mi   1Gi   100Mi            200Mi          -',
      'PersistentVolumeClaim  storage   1Gi   10Gi  -                -              -',
      '',
    ].join('\n');
    expect(h.kubectl('describe limitrange core-resource-limits')).toEqual({ stdout: text, stderr: '', exitCode: 0 });
    expect(h.kubectl('describe limits core').stdout).toBe(text);
  });

  it('a Container item as the API server stores it: default from max, defaultRequest from default (the cpu-constraint task’s range)', () => {
    const h = makeHarness();
    h.kubectl('create namespace constraints-cpu-example');
    h.put(makeLimitRange('cpu-min-max-demo-lr', [{ type: 'Container', max: { cpu: '800m' }, min: { cpu: '200m' } }], 'constraints-cpu-example'));
    expect(h.kubectl('describe limitrange cpu-min-max-demo-lr -n constraints-cpu-example').stdout).toBe(
      [
        'Name:       cpu-min-max-demo-lr',
        'Namespace:  constraints-cpu-example',
        'Type        Resource  Min   Max   Default Request  Default Limit  Max Limit/Request Ratio',
        '----        --------  ---   ---   ---------------  -------------  -----------------------',
        'Container   cpu       200m  800m  800m             800m           -',
        '',
      ].join('\n'),
    );
  });
});

describe('kubectl describe namespace: DescribeLimitRanges', () => {
  it('Resource Limits merges the namespace’s LimitRanges by name into one table, each line after a space; an empty item has no rows; other namespaces’ ranges are left out', () => {
    const h = makeHarness();
    h.kubectl('create namespace team-a');
    h.put(makeResourceQuota('pods', { namespace: 'team-a', hard: { pods: '10' }, used: { pods: '0' } }));
    h.put(makeLimitRange('storage-limits', [{ type: 'PersistentVolumeClaim', min: { storage: '1024Mi' }, max: { storage: '5Gi' } }, { type: 'Pod' }], 'team-a'));
    // Defaulted on storage: cpu's default and default request from max, memory's default request from min.
    h.put(makeLimitRange('cpu-defaults', [{ type: 'Container', max: { cpu: '1' }, min: { memory: '64Mi' } }, { type: 'Pod', maxLimitRequestRatio: { cpu: '4' } }], 'team-a'));
    h.put(makeLimitRange('elsewhere', [{ type: 'Container', max: { cpu: '3' } }]));
    expect(h.kubectl('describe namespace team-a').stdout).toBe(
      [
        'Name:         team-a',
        'Labels:       kubernetes.io/metadata.name=team-a',
        'Annotations:  <none>',
        'Status:       Active',
        '',
        'Resource Quotas',
        '  Name:     pods',
        '  Resource  Used  Hard',
        '  --------  ---   ---',
        '  pods      0     10',
        '',
        'Resource Limits',
        ' Type                   Resource  Min   Max  Default Request  Default Limit  Max Limit/Request Ratio',
        ' ----                   --------  ---   ---  ---------------  -------------  -----------------------',
        ' Container              cpu       -     1    1                1              -',
        ' Container              memory    64Mi  -    64Mi             -              -',
        ' Pod                    cpu       -     -    -                -              4',
        ' PersistentVolumeClaim  storage   1Gi   5Gi  -                -              -',
        '',
      ].join('\n'),
    );
    expect(h.kubectl('describe ns default').stdout).toContain('\nResource Limits\n Type       Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio\n');
  });
});
