import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoreCluster } from '../cluster/core-cluster.js';
import type { DeploymentObject } from './deployment/deployment-util.js';
import { installControllers } from './install-controllers.js';
import type { PodObject } from './replicaset/controller-utils.js';
import type { StatefulSetObject } from './statefulset/stateful-set-utils.js';
import { FakeKubelet, makeDeployment, makeStatefulSet } from './testing/index.js';

/** Fixed seed so `pnpm test` is reproducible; failures print `{ seed, path }` to replay. */
const SEED = 20260101;

type Op =
  | { kind: 'scale'; replicas: number }
  | { kind: 'delete'; ordinal: number }
  | { kind: 'image'; version: number }
  | { kind: 'wait'; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('scale' as const), replicas: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ kind: fc.constant('delete' as const), ordinal: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ kind: fc.constant('image' as const), version: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 20_000 }) }),
);

function world(seed: number) {
  const core = new CoreCluster({ seed });
  installControllers(core);
  new FakeKubelet(core, { startDelayMs: 3000, terminationDelayMs: 7000 });
  return core;
}

function apply(core: CoreCluster, kind: 'StatefulSet' | 'Deployment', name: string, o: Op, podName: (i: number) => string | undefined) {
  if (o.kind === 'wait') core.loop.advance(o.ms);
  else if (o.kind === 'scale') {
    core.api.updateWith<DeploymentObject | StatefulSetObject>(kind, 'default', name, (d) => {
      d.spec!.replicas = o.replicas;
    });
  } else if (o.kind === 'image') {
    core.api.updateWith<DeploymentObject | StatefulSetObject>(kind, 'default', name, (d) => {
      d.spec!.template!.spec!.containers[0].image = `img:${o.version}`;
    });
  } else {
    const target = podName(o.ordinal);
    if (target && core.store.get('Pod', 'default', target)) core.api.delete('Pod', 'default', target);
  }
}

describe('workload properties', () => {
  it('a StatefulSet never has two pods for one ordinal, creates in order (OrderedReady), and converges', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(op, { maxLength: 12 }), (parallel, ops) => {
        const core = world(7);
        const sts = makeStatefulSet().replicas(2).claim();
        core.api.create(parallel ? sts.parallel().obj() : sts.obj());
        let violation = '';
        core.store.watch<PodObject>('Pod', (e) => {
          if (e.type !== 'ADDED') return;
          const names = core.store.list<PodObject>('Pod', 'default').map((p) => p.metadata.labels?.['apps.kubernetes.io/pod-index']);
          if (new Set(names).size !== names.length) violation = `duplicate ordinal at ${core.clock.now()}`;
          // OrderedReady: ordinal i is created only when every lower ordinal is Running+Ready.
          const ord = Number(e.object.metadata.labels?.['apps.kubernetes.io/pod-index']);
          for (let j = 0; j < ord && !parallel; j++) {
            const p = core.store.get<PodObject>('Pod', 'default', `randserver-${j}`);
            const ready = p?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
            if (!p || p.metadata.deletionTimestamp || p.status?.phase !== 'Running' || !ready) violation = `randserver-${ord} before randserver-${j} ready`;
          }
        });
        const uids = new Map<string, string>();
        core.store.watch('Pod', (e) => {
          // Pods are created by name: a new uid may only appear for a name whose old pod is gone.
          const n = e.object.metadata.name ?? '';
          if (e.type === 'ADDED' && uids.has(n)) violation = `pod ${n} created while old one exists`;
          if (e.type === 'ADDED') uids.set(n, e.object.metadata.uid ?? '');
          if (e.type === 'DELETED') uids.delete(n);
        });
        for (const o of ops) apply(core, 'StatefulSet', 'randserver', o, (i) => `randserver-${i}`);
        core.loop.advance('10m');
        expect(violation).toBe('');
        const want = core.store.get<StatefulSetObject>('StatefulSet', 'default', 'randserver')?.spec?.replicas ?? 0;
        const pods = core.store.list<PodObject>('Pod', 'default');
        expect(pods.map((p) => p.metadata.name)).toEqual(Array.from({ length: want }, (_, i) => `randserver-${i}`));
        expect(pods.every((p) => p.status?.phase === 'Running')).toBe(true);
        for (let i = 0; i < want; i++) expect(core.store.get('PersistentVolumeClaim', 'default', `data-randserver-${i}`)).toBeDefined();
      }),
      { seed: SEED, numRuns: 40 },
    );
  });

  it('a Deployment converges to its replica count on the latest template', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        const core = world(9);
        core.api.create(makeDeployment().name('web').replicas(2).obj());
        const livePods = () => core.store.list<PodObject>('Pod', 'default');
        for (const o of ops) apply(core, 'Deployment', 'web', o, (i) => livePods()[i]?.metadata.name);
        core.loop.advance('15m');
        const d = core.store.get<DeploymentObject>('Deployment', 'default', 'web') as DeploymentObject;
        const want = d.spec?.replicas ?? 1;
        const image = d.spec?.template.spec?.containers[0].image;
        const pods = livePods();
        expect(pods).toHaveLength(want);
        expect(pods.every((p) => p.spec?.containers[0].image === image && p.status?.phase === 'Running')).toBe(true);
        // Zero counts are omitted (omitempty), as the API server serializes them.
        const s = d.status ?? {};
        expect([s.replicas ?? 0, s.updatedReplicas ?? 0, s.availableReplicas ?? 0]).toEqual([want, want, want]);
        for (const v of Object.values(s)) expect(v).not.toBe(0);
      }),
      { seed: SEED, numRuns: 40 },
    );
  });
});
