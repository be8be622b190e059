import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.js';

describe('kubectl rollout pause|resume', () => {
  it('a paused Deployment does not roll out a template change until it is resumed', () => {
    const c = createCluster({ seed: 3 });
    c.kubectl('create deployment web --image=nginx:1.26');
    c.kubectl('rollout status deployment/web --timeout=2m');
    expect(c.kubectl('rollout pause deployment/web')).toEqual({ stdout: 'deployment.apps/web paused\n', stderr: '', exitCode: 0 });
    expect(c.get('Deployment', 'web')?.spec).toMatchObject({ paused: true });
    c.kubectl('set image deployment/web nginx=nginx:1.27');
    c.advance('2m');
    const images = () => c.list('Pod').map((p) => (p.spec as { containers: { image: string }[] }).containers[0].image);
    expect(images()).toEqual(['nginx:1.26']);
    expect(c.list('ReplicaSet')).toHaveLength(1);
    expect(c.kubectl('rollout resume deployment/web -o name')).toEqual({ stdout: 'deployment.apps/web\n', stderr: '', exitCode: 0 });
    c.kubectl('rollout status deployment/web --timeout=5m');
    // The old pod's 30 s of graceful termination.
    c.advance('1m');
    expect(images()).toEqual(['nginx:1.27']);
  });

  it('already paused, not paused, and kinds that cannot pause are errors in kubectl\'s words; the others go on', () => {
    const c = createCluster({ seed: 3 });
    c.kubectl('create deployment a --image=nginx');
    c.kubectl('create deployment b --image=nginx');
    c.kubectl('rollout pause deployment/a');
    const rv = c.get('Deployment', 'a')?.metadata.resourceVersion;
    expect(c.kubectl('rollout pause deployment/a')).toEqual({ stdout: '', stderr: 'error: deployments.apps "a" is already paused\n', exitCode: 1 });
    expect(c.kubectl('rollout resume deployment/b')).toEqual({ stdout: '', stderr: 'error: deployments.apps "b" is not paused\n', exitCode: 1 });
    // Several errors: MultipleErrors prints each Go text as it is (these carry their own `error: `).
    expect(c.kubectl('rollout pause deployment/a deployment/a deployment/b')).toEqual({
      stdout: 'deployment.apps/b paused\n',
      stderr: 'error: deployments.apps "a" is already paused\nerror: deployments.apps "a" is already paused\n',
      exitCode: 1,
    });
    expect(c.get('Deployment', 'a')?.metadata.resourceVersion).toBe(rv);
    c.kubectl('apply -f -', {
      stdin: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: db, image: nginx}]}\n',
    });
    expect(c.kubectl('rollout pause statefulset/db').stderr).toBe('error: statefulsets.apps "db" pausing is not supported\n');
    expect(c.kubectl('rollout resume statefulset/db').stderr).toBe('error: statefulsets.apps "db" resuming is not supported\n');
    expect(c.kubectl('rollout pause deployment -l app=nope')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
    expect(c.kubectl('rollout pause deployment/a --dry-run=client').stderr).toBe("error: unknown flag: --dry-run\nSee 'kubectl rollout pause --help' for usage.\n");
  });
});
