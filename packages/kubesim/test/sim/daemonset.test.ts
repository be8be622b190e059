/**
 * A DaemonSet end to end: one pod on each of the three default nodes, bound by the default
 * scheduler through the controller's node-name affinity; `kubectl rollout status`, `get ds`,
 * `get pods -o wide`, `drain --ignore-daemonsets` (the daemon pod stays), a rolling update one node
 * at a time, and `describe ds`.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/cluster.js';

const AGENT = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: agent
        image: busybox
        command: [sleep, infinity]
`;

function withAgent() {
  const c = createCluster({ seed: 1 });
  expect(c.kubectl('apply -f -', { stdin: AGENT })).toEqual({ stdout: 'daemonset.apps/agent created\n', stderr: '', exitCode: 0 });
  return c;
}

describe('DaemonSet end to end', () => {
  it('rolls out one pod per node: rollout status, get ds, get pods -o wide', () => {
    const c = withAgent();
    expect(c.kubectl('rollout status ds/agent')).toEqual({
      stdout: [
        'Waiting for daemon set "agent" rollout to finish: 0 of 3 updated pods are available...',
        'Waiting for daemon set "agent" rollout to finish: 1 of 3 updated pods are available...',
        'Waiting for daemon set "agent" rollout to finish: 2 of 3 updated pods are available...',
        'daemon set "agent" successfully rolled out',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    });
    expect(c.kubectl('get ds').stdout).toBe(
      [
        'NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE',
        'agent   3         3         3       3            3           <none>          2s',
        '',
      ].join('\n'),
    );
    expect(c.kubectl('get pods -o wide').stdout).toBe(
      [
        'NAME          READY   STATUS    RESTARTS   AGE   IP            NODE                          NOMINATED NODE   READINESS GATES',
        'agent-d2m4d   1/1     Running   0          2s    10.0.88.150   ip-10-0-70-187.ec2.internal   <none>           <none>',
        'agent-nm5g6   1/1     Running   0          2s    10.0.36.199   ip-10-0-32-237.ec2.internal   <none>           <none>',
        'agent-p4rb4   1/1     Running   0          2s    10.0.30.184   ip-10-0-30-99.ec2.internal    <none>           <none>',
        '',
      ].join('\n'),
    );
    const nodes = c.kubectl('get pods -o jsonpath={.items[*].spec.nodeName}').stdout.split(' ').sort();
    expect(nodes).toEqual(c.kubectl('get nodes -o jsonpath={.items[*].metadata.name}').stdout.split(' ').sort());
  });

  it('drain --ignore-daemonsets warns about the daemon pod and leaves it running', () => {
    const c = withAgent();
    c.kubectl('rollout status ds/agent');
    const node = 'ip-10-0-70-187.ec2.internal';
    expect(c.kubectl(`drain ${node} --ignore-daemonsets`)).toEqual({
      stdout: `node/${node} cordoned\nnode/${node} drained\n`,
      stderr: 'Warning: ignoring DaemonSet-managed Pods: default/agent-d2m4d\n',
      exitCode: 0,
    });
    c.advance('1m');
    // Cordoned (unschedulable) nodes keep their daemon pod: the taint is tolerated.
    expect(c.kubectl('get pods --field-selector spec.nodeName=ip-10-0-70-187.ec2.internal -o name').stdout).toBe('pod/agent-d2m4d\n');
    expect(c.kubectl('get ds agent -o jsonpath={.status.desiredNumberScheduled}/{.status.numberReady}').stdout).toBe('3/3');
    // A replacement lands on the cordoned node too: the scheduler honours the tolerations and the
    // matchFields affinity.
    c.kubectl('delete pod agent-d2m4d --wait=false');
    c.advance('2m');
    const onNode = c.kubectl(`get pods --field-selector spec.nodeName=${node} -o jsonpath={.items[*].metadata.name}/{.items[*].status.phase}`).stdout;
    expect(onNode).toMatch(/^agent-[a-z0-9]{5}\/Running$/);
    expect(onNode).not.toContain('agent-d2m4d');
  });

  it('set image rolls the pods one node at a time, then describe shows the DaemonSet', () => {
    const c = withAgent();
    c.kubectl('rollout status ds/agent');
    expect(c.kubectl('set image ds/agent agent=errm/randserver').stdout).toBe('daemonset.apps/agent image updated\n');
    expect(c.kubectl('rollout status ds/agent').stdout).toBe(
      [
        'Waiting for daemon set "agent" rollout to finish: 0 out of 3 new pods have been updated...',
        'Waiting for daemon set "agent" rollout to finish: 1 out of 3 new pods have been updated...',
        'Waiting for daemon set "agent" rollout to finish: 2 out of 3 new pods have been updated...',
        'Waiting for daemon set "agent" rollout to finish: 2 of 3 updated pods are available...',
        'daemon set "agent" successfully rolled out',
        '',
      ].join('\n'),
    );
    expect(c.kubectl('get pods -o jsonpath={.items[*].metadata.labels.pod-template-generation}').stdout).toBe('2 2 2');
    expect(c.kubectl('get controllerrevisions -o name').stdout.trim().split('\n')).toHaveLength(2);
    const text = c.kubectl('describe ds agent').stdout;
    expect(text.split('Pod Template:')[0]).toBe(
      [
        'Name:           agent',
        'Namespace:      default',
        'Selector:       app=agent',
        'Node-Selector:  <none>',
        'Labels:         <none>',
        'Annotations:    deprecated.daemonset.template.generation: 2',
        'Desired Number of Nodes Scheduled: 3',
        'Current Number of Nodes Scheduled: 3',
        'Number of Nodes Scheduled with Up-to-date Pods: 3',
        'Number of Nodes Scheduled with Available Pods: 3',
        'Number of Nodes Misscheduled: 0',
        'Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed',
        '',
      ].join('\n'),
    );
    expect(text).toMatch(/\n {2}Normal {2}SuccessfulDelete +\S+ +daemonset-controller {2}Deleted pod: agent-p4rb4\n/);
    expect(text).toContain('    Image:      errm/randserver\n');
  });

  it('rollout status refuses an OnDelete DaemonSet', () => {
    const c = createCluster({ seed: 1 });
    c.kubectl('apply -f -', { stdin: AGENT.replace('spec:\n  selector', 'spec:\n  updateStrategy: {type: OnDelete}\n  selector') });
    expect(c.kubectl('rollout status ds/agent')).toEqual({ stdout: '', stderr: 'error: rollout status is only available for RollingUpdate strategy type\n', exitCode: 1 });
  });
});
