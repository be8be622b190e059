import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@kubesim/core';
import { createCluster } from '../../cluster.js';

/** A 2-replica nginx Deployment rolled to nginx:1.27 with a recorded change cause: revisions 1 and 2. */
function twoRevisions() {
  const cluster = createCluster({ seed: 5 });
  const ok = (line: string) => {
    const r = cluster.kubectl(line);
    expect(r.stderr).toBe('');
    return r.stdout;
  };
  ok('create deployment web --image=nginx --replicas=2');
  ok('rollout status deployment/web --timeout=2m');
  ok('annotate deployment web kubernetes.io/change-cause=first');
  ok('set image deployment/web nginx=nginx:1.27');
  ok('annotate deployment web kubernetes.io/change-cause=second --overwrite');
  ok('rollout status deployment/web --timeout=2m');
  const replicaSets = () => cluster.list('ReplicaSet').map((rs: KubeObject) => `${rs.metadata.name} rev=${rs.metadata.annotations?.['deployment.kubernetes.io/revision']} replicas=${(rs.spec as { replicas: number }).replicas}`);
  return { cluster, ok, replicaSets };
}

describe('kubectl rollout undo and history (rollback.go, history.go)', () => {
  it('undo scales the previous ReplicaSet back up as revision 3 (no new ReplicaSet) and restores its change cause', () => {
    const { cluster, ok, replicaSets } = twoRevisions();
    const [first] = replicaSets().filter((r) => r.includes('rev=1'));
    const firstName = first.split(' ')[0];
    expect(ok('rollout undo deployment/web')).toBe('deployment.apps/web rolled back\n');
    ok('rollout status deployment/web --timeout=2m');
    expect(replicaSets()).toHaveLength(2);
    expect(replicaSets()).toContain(`${firstName} rev=3 replicas=2`);
    const web = cluster.get('Deployment', 'web') as KubeObject;
    expect(web.metadata.annotations?.['kubernetes.io/change-cause']).toBe('first');
    expect(web.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(ok('rollout history deployment/web')).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         second\n3         first\n\n');
  });

  it('undo to the revision already running is skipped; a paused Deployment is refused', () => {
    const { cluster, ok } = twoRevisions();
    expect(ok('rollout undo deployment/web --to-revision=2')).toBe('deployment.apps/web skipped rollback (current template already matches revision 2)\n');
    expect(cluster.kubectl('rollout undo deployment/web --to-revision=7').stderr).toBe('error: unable to find specified revision 7 in history\n');
    ok('rollout pause deployment/web');
    expect(cluster.kubectl('rollout undo deployment/web')).toEqual({
      stdout: '',
      stderr: "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n",
      exitCode: 1,
    });
  });

  it('history --revision prints that revision\'s pod template with its change cause', () => {
    const { cluster, ok, replicaSets } = twoRevisions();
    const hash = replicaSets().find((r) => r.includes('rev=2'))?.split(' ')[0].replace('web-', '');
    expect(ok('rollout history deployment/web --revision=2')).toBe(
      [
        'deployment.apps/web with revision #2',
        'Pod Template:',
        '  Labels:\tapp=web',
        `\tpod-template-hash=${hash}`,
        '  Annotations:\tkubernetes.io/change-cause: second',
        '  Containers:',
        '   nginx:',
        '    Image:\tnginx:1.27',
        '    Port:\t<none>',
        '    Host Port:\t<none>',
        '    Environment:\t<none>',
        '    Mounts:\t<none>',
        '  Volumes:\t<none>',
        '  Node-Selectors:\t<none>',
        '  Tolerations:\t<none>',
        '',
        '',
      ].join('\n'),
    );
    expect(cluster.kubectl('rollout history deployment/web --revision=5').stderr).toBe('error: unable to find the specified revision\n');
  });

  it('a StatefulSet rolls back to the template of a ControllerRevision; with one revision there is none to roll back to', () => {
    const cluster = createCluster({ seed: 6 });
    const ok = (line: string, stdin?: string) => {
      const r = cluster.kubectl(line, stdin === undefined ? undefined : { stdin });
      expect(r.stderr).toBe('');
      return r.stdout;
    };
    ok('apply -f -', `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      containers: [{ name: db, image: nginx }]
`);
    ok('rollout status sts/db --timeout=5m');
    expect(cluster.kubectl('rollout undo sts/db').stderr).toBe('error: no last revision to roll back to\n');
    ok('set image sts/db db=nginx:1.27');
    ok('rollout status sts/db --timeout=5m');
    expect(ok('rollout history sts/db')).toBe('statefulset.apps/db \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(ok('rollout history sts/db --revision=1')).toContain('statefulset.apps/db with revision #1\nPod Template:\n  Labels:\tapp=db\n  Containers:\n   db:\n    Image:\tnginx\n');
    expect(ok('rollout undo sts/db --dry-run=client')).toMatch(/^statefulset\.apps\/db will roll back to Pod Template:\n {2}Labels:\tapp=db\n[\s\S]*Image:\tnginx\n[\s\S]* \(dry run\)\n$/);
    expect(ok('rollout undo sts/db --to-revision=2')).toBe('statefulset.apps/db skipped rollback (current template already matches revision 2)\n');
    expect(ok('rollout undo sts/db')).toBe('statefulset.apps/db rolled back\n');
    ok('rollout status sts/db --timeout=5m');
    const images = cluster.list('Pod').map((p: KubeObject) => (p.spec as { containers: { image: string }[] }).containers[0].image);
    expect(images).toEqual(['nginx', 'nginx']);
    expect(ok('rollout history sts/db')).toBe('statefulset.apps/db \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
  });
});
