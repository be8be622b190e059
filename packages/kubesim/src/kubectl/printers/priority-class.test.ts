import { describe, expect, it } from 'vitest';
import { makeHarness } from '../testing/index.js';

const highClass = [
  'apiVersion: scheduling.k8s.io/v1',
  'kind: PriorityClass',
  'metadata:',
  '  name: high',
  'value: 1000',
  'globalDefault: true',
  'preemptionPolicy: Never',
  '',
].join('\n');

describe('kubectl get priorityclasses', () => {
  it('NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY: the system classes at start', () => {
    const h = makeHarness();
    expect(h.kubectl('get priorityclasses')).toEqual({
      stdout: [
        'NAME                      VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY',
        'system-cluster-critical   2000000000   false            0s    PreemptLowerPriority',
        'system-node-critical      2000001000   false            0s    PreemptLowerPriority',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    });
  });

  it('pc is the short name; -o wide prints the same columns (the server prints every row wide)', () => {
    const h = makeHarness();
    expect(h.kubectl('apply -f -', highClass).stdout).toBe('priorityclass.scheduling.k8s.io/high created\n');
    h.core.loop.advance('90s');
    const table = [
      'NAME                      VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY',
      'high                      1000         true             90s   Never',
      'system-cluster-critical   2000000000   false            90s   PreemptLowerPriority',
      'system-node-critical      2000001000   false            90s   PreemptLowerPriority',
      '',
    ].join('\n');
    expect(h.kubectl('get pc').stdout).toBe(table);
    expect(h.kubectl('get pc -o wide').stdout).toBe(table);
  });

  it('a pod shows priority and preemptionPolicy in -o yaml', () => {
    const h = makeHarness();
    h.kubectl('apply -f -', highClass);
    h.kubectl('run web --image=nginx');
    const spec = h.kubectl('get pod web -o yaml').stdout;
    expect(spec).toContain('  enableServiceLinks: true\n  preemptionPolicy: Never\n  priority: 1000\n  priorityClassName: high\n  restartPolicy: Always\n');
  });

  it('the API server refusals, as kubectl prints them', () => {
    const h = makeHarness();
    expect(h.kubectl('delete pc system-node-critical')).toEqual({
      stdout: '',
      stderr: 'Error from server (Forbidden): priorityclasses.scheduling.k8s.io "system-node-critical" is forbidden: this is a system priority class and cannot be deleted\n',
      exitCode: 1,
    });
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  priorityClassName: missing\n  containers:\n  - name: web\n    image: nginx\n';
    expect(h.kubectl('apply -f -', pod)).toEqual({
      stdout: '',
      stderr: 'Error from server (Forbidden): error when creating "STDIN": pods "web" is forbidden: no PriorityClass with name missing was found\n',
      exitCode: 1,
    });
  });

  it('api-resources lists priorityclasses between the apps and storage groups', () => {
    const h = makeHarness();
    const names = h.kubectl('api-resources -o name').stdout.split('\n');
    // Groups sort by name: apps … policy, scheduling.k8s.io, storage.k8s.io.
    const at = names.indexOf('priorityclasses.scheduling.k8s.io');
    expect(names.indexOf('statefulsets.apps')).toBeLessThan(at);
    expect(names.slice(at - 1, at + 2)).toEqual(['poddisruptionbudgets.policy', 'priorityclasses.scheduling.k8s.io', 'csidrivers.storage.k8s.io']);
    expect(h.kubectl('api-resources --api-group=scheduling.k8s.io').stdout).toBe(
      'NAME              SHORTNAMES   APIVERSION             NAMESPACED   KIND\npriorityclasses   pc           scheduling.k8s.io/v1   false        PriorityClass\n',
    );
  });
});

describe('kubectl describe priorityclass', () => {
  it('Value, GlobalDefault, PreemptionPolicy, Description and the annotations on one line, then the events', () => {
    const h = makeHarness();
    expect(h.kubectl('describe pc system-node-critical').stdout).toBe(
      [
        'Name:              system-node-critical',
        'Value:             2000001000',
        'GlobalDefault:     false',
        'PreemptionPolicy:  PreemptLowerPriority',
        'Description:       Used for system critical pods that must not be moved from their current node.',
        'Annotations:       <none>',
        'Events:            <none>',
        '',
      ].join('\n'),
    );
    h.kubectl('apply -f -', highClass);
    expect(h.kubectl('describe priorityclass high').stdout).toContain('GlobalDefault:     true\nPreemptionPolicy:  Never\nDescription:       \nAnnotations:       kubectl.kubernetes.io/last-applied-configuration=');
  });
});
