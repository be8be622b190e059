import { beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '@kubesim/core';
import { CHAPTER_NODE, chapterStatefulSet, type KubectlHarness, makeDeployment, makeHarness, makeReplicaSetFor, PodBuilder } from '../testing/index.js';

let h: KubectlHarness;

beforeEach(() => {
  h = makeHarness();
  chapterStatefulSet(h);
});

/** Replaces an object's status as its controller would. */
function setStatus(kind: string, name: string, status: unknown): void {
  h.core.api.updateWith(kind, 'default', name, (d) => {
    Object.assign(d, { status });
  });
}

/** Makes a pod Running and Ready `afterMs` from now, as a kubelet would. */
function becomeReadyAfter(name: string, afterMs: number): void {
  h.core.loop.schedule(afterMs, 'kubelet', () => {
    const ready = new PodBuilder(name).running(CHAPTER_NODE, '10.0.1.60').obj();
    setStatus('Pod', name, ready.status);
  });
}

describe('kubectl wait', () => {
  it('--for=condition=Ready runs virtual time until the condition holds', () => {
    h.put(new PodBuilder('web-0').containerCreating(CHAPTER_NODE).obj());
    becomeReadyAfter('web-0', 12_000);
    const before = h.core.clock.now();
    expect(h.kubectl('wait --for=condition=Ready pod/web-0 --timeout=60s')).toEqual({ stdout: 'pod/web-0 condition met\n', stderr: '', exitCode: 0 });
    expect(h.core.clock.now() - before).toBe(12_000);
  });

  it('times out with kubectl text, the clock at the deadline', () => {
    h.put(new PodBuilder('web-0').containerCreating(CHAPTER_NODE).obj());
    const before = h.core.clock.now();
    expect(h.kubectl('wait --for=condition=Ready pod/web-0 --timeout=20s')).toEqual({
      stdout: '',
      stderr: 'error: timed out waiting for the condition on pods/web-0\n',
      exitCode: 1,
    });
    expect(h.core.clock.now() - before).toBe(20_000);
  });

  it('-l waits for every match; default timeout is 30s', () => {
    expect(h.kubectl('wait --for=condition=Ready pods -l app=randserver').stdout).toBe(
      'pod/randserver-0 condition met\npod/randserver-1 condition met\npod/randserver-2 condition met\n',
    );
    h.put(new PodBuilder('web-1').containerCreating(CHAPTER_NODE).obj());
    const before = h.core.clock.now();
    h.kubectl('wait --for=condition=Ready pod/web-1');
    expect(h.core.clock.now() - before).toBe(30_000);
  });

  it('--for=jsonpath and --for=delete', () => {
    expect(h.kubectl("wait --for=jsonpath='{.status.phase}'=Running pod/randserver-0").stdout).toBe('pod/randserver-0 condition met\n');
    h.core.loop.schedule(3000, 'delete', () => h.core.api.delete('Pod', 'default', 'randserver-2'));
    expect(h.kubectl('wait --for=delete pod/randserver-2 --timeout=10s').stdout).toBe('pod/randserver-2 condition met\n');
  });

  it('errors: NotFound, missing --for, bad condition', () => {
    expect(h.kubectl('wait --for=condition=Ready pod/nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(h.kubectl('wait pod/randserver-0').stderr).toBe('error: --for must be set\n');
    expect(h.kubectl('wait --for=ready pod/randserver-0').stderr).toBe('error: unrecognized condition: "ready"\n');
  });
});

describe('kubectl rollout', () => {
  it('status of a Deployment prints each waiting line once, then success', () => {
    const d = h.put(makeDeployment('randserver', 1, 0));
    setStatus('Deployment', 'randserver', { observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: 0, unavailableReplicas: 1 });
    h.core.loop.schedule(9000, 'controller', () =>
      setStatus('Deployment', 'randserver', { observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: 1, readyReplicas: 1 }),
    );
    expect(d.metadata.name).toBe('randserver');
    expect(h.kubectl('rollout status deployment/randserver')).toEqual({
      stdout: 'Waiting for deployment "randserver" rollout to finish: 0 of 1 updated replicas are available...\ndeployment "randserver" successfully rolled out\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('status with --timeout gives up with kubectl text', () => {
    h.put(makeDeployment('stuck', 2, 0));
    setStatus('Deployment', 'stuck', { observedGeneration: 1, replicas: 2, updatedReplicas: 1, availableReplicas: 0 });
    const r = h.kubectl('rollout status deploy stuck --timeout=30s');
    expect(r.stdout).toBe('Waiting for deployment "stuck" rollout to finish: 1 out of 2 new replicas have been updated...\n');
    expect(r.stderr).toBe('error: timed out waiting for the condition\n');
    expect(r.exitCode).toBe(1);
  });

  it('status of the chapter StatefulSet (partition 0)', () => {
    expect(h.kubectl('rollout status sts/randserver').stdout).toBe('partitioned roll out complete: 3 new pods have been updated...\n');
  });

  it('restart stamps the template; history lists revisions; unknown subcommand', () => {
    h.put(makeDeployment('web', 1));
    expect(h.kubectl('rollout restart deployment/web').stdout).toBe('deployment.apps/web restarted\n');
    const d = h.core.store.get('Deployment', 'default', 'web');
    expect(d?.spec).toMatchObject({ template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:39Z' } } } });
    h.put(makeReplicaSetFor(h.core.store.get('Deployment', 'default', 'web') as KubeObject, 'abc'));
    expect(h.kubectl('rollout history deployment/web').stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n\n');
    expect(h.kubectl('rollout bogus deploy/web').stderr).toBe(`error: unknown command "bogus" for "kubectl rollout"\nRun 'kubectl rollout --help' for usage.\n`);
  });

  it('undo --dry-run: client describes the revision template, server validates; nothing changes', () => {
    const d = h.put(makeDeployment('web', 1));
    const old = makeReplicaSetFor(d, 'abc');
    h.put(old);
    const next = makeReplicaSetFor(d, 'def');
    (next.metadata.annotations as Record<string, string>)['deployment.kubernetes.io/revision'] = '2';
    (next.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image = 'errm/randserver:v2';
    h.put(next);
    h.core.api.updateWith('Deployment', 'default', 'web', (dd) => {
      (dd.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image = 'errm/randserver:v2';
    });
    const before = h.core.store.get('Deployment', 'default', 'web');
    expect(h.kubectl('rollout undo deployment/web --dry-run=client')).toEqual({
      stdout: [
        'deployment.apps/web Pod Template:',
        '  Labels:\tapp=web',
        '\tpod-template-hash=abc',
        '  Containers:',
        '   randserver:',
        '    Image:\terrm/randserver',
        '    Port:\t<none>',
        '    Host Port:\t<none>',
        '    Environment:\t<none>',
        '    Mounts:',
        '      /data from data (rw)',
        '  Volumes:',
        '   data:',
        '    Type:\tEmptyDir (a temporary directory that shares a pod\'s lifetime)',
        '    Medium:\t',
        '    SizeLimit:\t<unset>',
        '  Node-Selectors:\t<none>',
        '  Tolerations:\t<none>',
        ' (dry run)',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    });
    expect(h.kubectl('rollout undo deployment/web --dry-run=server')).toEqual({ stdout: 'deployment.apps/web rolled back (server dry run)\n', stderr: '', exitCode: 0 });
    const after = h.core.store.get('Deployment', 'default', 'web');
    expect(after?.spec).toEqual(before?.spec);
    expect(after?.metadata.resourceVersion).toBe(before?.metadata.resourceVersion);
    expect(h.kubectl('rollout undo deployment/web --dry-run=maybe').stderr).toBe('error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n');
    // `rollout restart` has no --dry-run flag in kubectl 1.33.
    expect(h.kubectl('rollout restart deployment/web --dry-run=client')).toEqual({
      stdout: '',
      stderr: "error: unknown flag: --dry-run\nSee 'kubectl rollout restart --help' for usage.\n",
      exitCode: 1,
    });
    expect(h.core.store.get('Deployment', 'default', 'web')?.metadata.resourceVersion).toBe(before?.metadata.resourceVersion);
  });
});
