import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster.js';
import { linesOf, unifiedHunks } from '../unified-diff.js';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: nginx, image: nginx }] }
`;

describe('GNU diff -u hunks', () => {
  it.each([
    ['equal texts', 'a\nb\n', 'a\nb\n', ''],
    ['a new file', '', 'a\nb\n', '@@ -0,0 +1,2 @@\n+a\n+b\n'],
    ['a removed file', 'a\n', '', '@@ -1 +0,0 @@\n-a\n'],
    ['one changed line with context, deletion first', '1\n2\n3\n4\n5\n6\n7\n8\n', '1\n2\n3\n4\nX\n6\n7\n8\n', '@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+X\n 6\n 7\n 8\n'],
    ['changes far apart make two hunks', 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n', 'A\nb\nc\nd\ne\nf\ng\nh\ni\nJ\n', '@@ -1,4 +1,4 @@\n-a\n+A\n b\n c\n d\n@@ -7,4 +7,4 @@\n g\n h\n i\n-j\n+J\n'],
  ])('%s', (_name, a, b, want) => {
    expect(unifiedHunks(linesOf(a), linesOf(b))).toBe(want);
  });
});

describe('kubectl diff (diff.go)', () => {
  it('a new object is all additions; after apply there is nothing to show (exit 0)', () => {
    const c = createCluster({ seed: 5 });
    const r = c.kubectl('diff -f -', { stdin: WEB });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('');
    const [cmd, from, to, hunk] = r.stdout.split('\n');
    expect(cmd).toMatch(/^diff -u -N \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web$/);
    expect(from).toMatch(/^--- \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web\t2026-01-01 00:00:00\.000000000 \+0000$/);
    expect(to).toMatch(/^\+\+\+ \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web\t2026-01-01 00:00:00\.000000000 \+0000$/);
    expect(hunk).toMatch(/^@@ -0,0 \+1,\d+ @@$/);
    expect(r.stdout).toContain('\n+  generation: 1\n');
    expect(r.stdout).toContain('\n+  creationTimestamp: "2026-01-01T00:00:00Z"\n');
    expect(c.get('Deployment', 'web')).toBeUndefined();
    c.kubectl('apply -f -', { stdin: WEB });
    expect(c.kubectl('diff -f -', { stdin: WEB })).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('a changed image shows the template lines and the generation the update would bump; the replicas the manifest sets undo a scale (three-way merge)', () => {
    const c = createCluster({ seed: 5 });
    c.kubectl('apply -f -', { stdin: WEB });
    c.kubectl('scale deploy web --replicas=5');
    const r = c.kubectl('diff -f -', { stdin: WEB.replace('image: nginx', 'image: nginx:1.27') });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('-  generation: 2\n+  generation: 3\n');
    // The container is merged by name: its defaulted imagePullPolicy (Always, for an untagged image) stays.
    expect(r.stdout).toContain('-      - image: nginx\n+      - image: nginx:1.27\n         imagePullPolicy: Always\n');
    // The manifest sets replicas: the change from current to manifest is sent, as kubectl apply does.
    expect(r.stdout).toContain('-  replicas: 5\n+  replicas: 2\n');
    const live = c.get('Deployment', 'web') as unknown as { spec: { template: { spec: { containers: { image: string }[] } } } };
    expect(live.spec.template.spec.containers[0].image).toBe('nginx');
  });

  it('Secret values are masked, changed ones as before/after', () => {
    const c = createCluster({ seed: 5 });
    c.kubectl('create secret generic s --from-literal=pw=one --from-literal=user=me');
    const r = c.kubectl('diff -f -', { stdin: 'apiVersion: v1\nkind: Secret\nmetadata: { name: s }\ndata: { pw: dHdv, user: bWU= }\n' });
    expect(r.stdout).toContain(" data:\n-  pw: '*** (before)'\n+  pw: '*** (after)'\n   user: '***'\n");
    expect(r.stdout).not.toContain('b25l');
    // As kubectl: the last-applied annotation the apply would add is not masked.
    expect(r.stdout).toContain('+    kubectl.kubernetes.io/last-applied-configuration: |\n+      {"apiVersion":"v1","data":{"pw":"dHdv","user":"bWU="},"kind":"Secret","metadata":{"annotations":{},"name":"s","namespace":"default"}}\n');
  });

  it('without -f it is an error (exit 2)', () => {
    expect(createCluster({ seed: 5 }).kubectl('diff')).toEqual({ stdout: '', stderr: 'error: must specify one of -f and -k\n', exitCode: 2 });
  });
});
