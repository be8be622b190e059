import { describe, expect, it } from 'vitest';
import { installControllers } from '../controllers/install-controllers.js';
import type { PodObject } from './objects.js';
import { newTestCluster } from './testing.js';

/** Seed chapter step 1 (fixture 01b): the randserver Deployment with an emptyDir. */
const DEPLOYMENT = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'randserver', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'randserver' } },
    template: {
      metadata: { labels: { app: 'randserver' } },
      spec: {
        containers: [
          {
            image: 'errm/randserver',
            name: 'randserver',
            volumeMounts: [{ mountPath: '/data', name: 'data' }],
            securityContext: { readOnlyRootFilesystem: true },
          },
        ],
        volumes: [{ name: 'data', emptyDir: {} }],
      },
    },
  },
};

function listing(body: string): string[] {
  return [...body.matchAll(/<a href="[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]);
}

describe('seed chapter step 1 with the workload controllers', () => {
  it('11-1 a deleted pod is replaced and its emptyDir starts empty again', () => {
    const c = newTestCluster();
    installControllers(c.core);
    c.core.api.create(DEPLOYMENT);
    c.advance('1s');
    // No scheduler in core: bind like the scheduler would, to the first node.
    const bindAll = () => {
      for (const p of c.core.store.list<PodObject>('Pod', 'default')) {
        if (!p.spec?.nodeName) c.core.api.updateWith<PodObject>('Pod', 'default', p.metadata.name ?? '', (d) => {
          if (d.spec) d.spec.nodeName = c.nodes[0];
        });
      }
    };
    bindAll();
    c.advance('10s');
    const first = c.core.store.list<PodObject>('Pod', 'default');
    expect(first).toHaveLength(1);
    const name1 = first[0].metadata.name ?? '';
    expect(name1).toMatch(/^randserver-[a-z0-9]+-[a-z0-9]{5}$/);
    const files1 = listing(c.w.http('default', name1, 3000, '/').body);
    expect(files1).toHaveLength(1);
    c.core.api.delete('Pod', 'default', name1);
    c.advance('1s');
    bindAll();
    c.advance('10s');
    const live = c.core.store.list<PodObject>('Pod', 'default').filter((p) => !p.metadata.deletionTimestamp);
    expect(live).toHaveLength(1);
    const name2 = live[0].metadata.name ?? '';
    expect(name2).not.toBe(name1);
    const files2 = listing(c.w.http('default', name2, 3000, '/').body);
    expect(files2).toHaveLength(1);
    expect(files2[0]).not.toBe(files1[0]);
    expect(c.pod(name1)).toBeUndefined();
  });
});

describe('determinism', () => {
  it('11-2 same seed and steps give the same trace fingerprint; another seed differs', () => {
    const run = (seed: number) => {
      const c = newTestCluster({ seed });
      c.core.api.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'rs', namespace: 'default' },
        spec: { nodeName: c.nodes[1], containers: DEPLOYMENT.spec.template.spec.containers, volumes: DEPLOYMENT.spec.template.spec.volumes },
      });
      c.advance('30s');
      c.w.faults.stopInstance(c.nodes[1]);
      c.advance('10m');
      return { fp: c.core.fingerprint(), body: c.w.http('default', 'rs', 3000, '/').body };
    };
    const a = run(3);
    expect(run(3)).toEqual(a);
    expect(run(4).fp).not.toBe(a.fp);
  });
});
