/**
 * Property: the batch forms of Filter and Score agree with the per-node forms for every plugin
 * that has them — `filterNodes` flags every node `filter` rejects, `scoreNodes` writes what
 * `score` returns, and NormalizeScore gives the same values after either — over random clusters
 * (taints, cordons, missing zone labels, full nodes) and pods, each placed before the next.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types.js';
import { LABEL_HOSTNAME, LABEL_TOPOLOGY_ZONE } from '../api/well-known.js';
import { addNodes, makePod, makeReplicaSet, ZONES } from '../testing/index.js';
import { installScheduler } from '../scheduler/scheduler.js';
import { CycleState } from './cycle-state.js';
import type { FilterPlugin, PreScorePlugin, ScorePlugin } from './interface.js';
import { readPreScoreSpread } from '../plugins/pod-topology-spread/pod-topology-spread.js';
import { preScoreSpread } from '../plugins/pod-topology-spread/scoring.js';
import { batchOf } from './node-batch.js';
import { newPodInfo } from './pod-info.js';
import { CoreCluster, type KubeObject } from '@kubesim/core';

const SEED = 20261129;

const nodeArb = fc.record({
  zone: fc.constantFrom(...ZONES),
  cpu: fc.constantFrom('500m', '1930m'),
  pods: fc.integer({ min: 1, max: 4 }),
  cordoned: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
  taint: fc.constantFrom('none', 'none', 'none', 'NoSchedule', 'PreferNoSchedule'),
  noZone: fc.integer({ min: 0, max: 7 }).map((x) => x === 0),
});

const podArb = fc.record({
  cpu: fc.constantFrom(undefined, '100m', '400m'),
  app: fc.constantFrom('a', 'b'),
  tolerates: fc.boolean(),
  nodeName: fc.integer({ min: 0, max: 9 }).map((x) => x === 0),
  spread: fc.constantFrom('none', 'none', 'zone', 'hostname'),
  placed: fc.integer({ min: -1, max: 11 }),
});

type PodSpec = typeof podArb extends fc.Arbitrary<infer T> ? T : never;

function buildPod(name: string, p: PodSpec, rs: KubeObject, nodeName?: string): Pod {
  const b = makePod(name).label('app', p.app).req(p.cpu, '64Mi').owner('ReplicaSet', rs.metadata.name as string, rs.metadata.uid as string);
  if (p.tolerates) b.toleration({ operator: 'Exists' });
  if (nodeName) b.nodeName(nodeName);
  if (p.spread !== 'none') {
    const topologyKey = p.spread === 'zone' ? LABEL_TOPOLOGY_ZONE : LABEL_HOSTNAME;
    b.spread({ maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: p.app } } });
  }
  return b.obj();
}

describe('batch Filter and Score forms', () => {
  it('agree with filter() and score() node by node', () => {
    fc.assert(
      fc.property(fc.array(nodeArb, { minLength: 1, maxLength: 12 }), fc.array(podArb, { minLength: 1, maxLength: 12 }), (nodeSpecs, podSpecs) => {
        const core = new CoreCluster({ seed: 3 });
        const names = nodeSpecs.flatMap((n) =>
          addNodes(core, [
            {
              zone: n.zone,
              count: 1,
              customize: (b) => {
                b.capacity(n.cpu, '4Gi', n.pods);
                if (n.cordoned) b.cordon();
                if (n.taint !== 'none') b.taint('k', 'v', n.taint);
                if (n.noZone) b.withoutLabel(LABEL_TOPOLOGY_ZONE);
              },
            },
          ]),
        );
        const rs = core.store.create<KubeObject>(makeReplicaSet('rs', { app: 'a' }));
        podSpecs.forEach((p, i) => {
          if (p.placed >= 0 && p.placed < names.length) core.store.create(buildPod(`placed-${i}`, p, rs, names[p.placed]));
        });
        const s = installScheduler(core);
        s.stop();
        core.loop.settle();
        const fw = s.framework;
        const nodes = s.cache.nodeList();
        const batch = batchOf(nodes, s.cache.table, s.cache.nodeIds());
        for (const [i, p] of podSpecs.entries()) {
          const pod = newPodInfo(buildPod(`new-${i}`, p, rs, p.nodeName ? names[0] : undefined));
          const state = new CycleState();
          fw.runPreFilter(state, pod, nodes);
          for (const f of fw.filter as FilterPlugin[]) {
            if (!f.filterNodes || state.skipFilterPlugins.has(f.name)) continue;
            const flags = new Uint8Array(nodes.length);
            f.filterNodes(state, pod, batch, flags, 4);
            nodes.forEach((ni, k) => {
              if (f.filter(state, pod, ni) !== undefined) expect(flags[k], `${f.name} on ${ni.name}`).toBe(4);
            });
          }
          const batchState = new CycleState();
          const nodeState = new CycleState();
          for (const p2 of fw.preScore as PreScorePlugin[]) {
            p2.preScore(batchState, pod, batch);
            p2.preScore(nodeState, pod, batch);
          }
          // PodTopologySpread's PreScore reads the zones off the node table; each node's labels give the same.
          const spread = readPreScoreSpread(batchState);
          if (spread !== undefined && spread.ignored.size === 0) {
            const byLabels = preScoreSpread(s.handle, pod, spread.constraints, batch, false, false);
            expect(byLabels.domains.map((d) => [...d.items].sort())).toEqual(spread.domains.map((d) => [...d.items].sort()));
            expect(byLabels.weights).toEqual(spread.weights);
          }
          for (const { plugin } of fw.score as { plugin: ScorePlugin }[]) {
            if (!plugin.scoreNodes) continue;
            const out = new Float64Array(nodes.length);
            plugin.scoreNodes(batchState, pod, batch, out);
            const one = nodes.map((ni) => plugin.score(nodeState, pod, ni));
            expect([...out], plugin.name).toEqual(one);
            plugin.normalizeScore?.(batchState, pod, nodes, out);
            plugin.normalizeScore?.(nodeState, pod, nodes, one);
            expect([...out], `${plugin.name} normalized`).toEqual(one);
          }
          // Place the pod: later pods see fuller nodes (memoized batch verdicts must follow).
          s.cache.addPod(pod, names[i % names.length]);
        }
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});
