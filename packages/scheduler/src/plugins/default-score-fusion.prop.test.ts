/**
 * Property: where the default Score fusion applies, it gives every node the same normalized
 * score per plugin and the same total as the plugins' own Score and NormalizeScore, and its
 * per-node memo follows the nodes' requests as pods are added. Random clusters (capacities,
 * missing zone labels, sometimes a taint: then it must step aside) and pods (requests, owners,
 * explicit spread constraints).
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { CoreCluster, type KubeObject } from '@kubesim/core';
import type { Pod } from '../api/types.js';
import { LABEL_HOSTNAME, LABEL_TOPOLOGY_ZONE } from '../api/well-known.js';
import { CycleState } from '../framework/cycle-state.js';
import { Framework } from '../framework/framework.js';
import { batchNodes, batchOf, NodeBatchBuffer } from '../framework/node-batch.js';
import { newPodInfo } from '../framework/pod-info.js';
import { installScheduler } from '../scheduler/scheduler.js';
import { addNodes, makePod, makeReplicaSet, ZONES } from '../testing/index.js';
import { DefaultScoreFusion } from './default-score-fusion.js';
import type { FilterPlugin } from '../framework/interface.js';
import { NODE_RESOURCES_FIT } from './node-resources-fit/node-resources-fit.js';

const nodeArb = fc.record({
  zone: fc.constantFrom(...ZONES),
  cpu: fc.constantFrom('500m', '1930m', '3920m'),
  memory: fc.constantFrom('2Gi', '7220Mi'),
  noZone: fc.integer({ min: 0, max: 7 }).map((x) => x === 0),
});

const podArb = fc.record({
  cpu: fc.constantFrom(undefined, '50m', '100m', '400m'),
  memory: fc.constantFrom(undefined, '64Mi', '512Mi'),
  app: fc.constantFrom('a', 'b'),
  owned: fc.boolean(),
  spread: fc.constantFrom('none', 'none', 'zone', 'hostname'),
  placeOn: fc.nat(),
});

type PodSpec = typeof podArb extends fc.Arbitrary<infer T> ? T : never;

function buildPod(name: string, p: PodSpec, rs: KubeObject): Pod {
  const b = makePod(name).label('app', p.app).req(p.cpu, p.memory);
  if (p.owned) b.owner('ReplicaSet', rs.metadata.name as string, rs.metadata.uid as string);
  if (p.spread !== 'none') {
    const topologyKey = p.spread === 'zone' ? LABEL_TOPOLOGY_ZONE : LABEL_HOSTNAME;
    b.spread({ maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: p.app } } });
  }
  return b.obj();
}

describe('DefaultScoreFusion', () => {
  it('scores like the plugins one by one', () => {
    let fused = 0;
    let stepped = 0;
    const spy = vi.spyOn(DefaultScoreFusion.prototype, 'scoreNodes');
    fc.assert(
      fc.property(fc.array(nodeArb, { minLength: 2, maxLength: 10 }), fc.array(podArb, { minLength: 1, maxLength: 15 }), fc.boolean(), (nodeSpecs, podSpecs, tainted) => {
        const core = new CoreCluster({ seed: 5 });
        const names = nodeSpecs.flatMap((n, i) =>
          addNodes(core, [
            {
              zone: n.zone,
              count: 1,
              customize: (b) => {
                b.capacity(n.cpu, n.memory, 20);
                if (n.noZone) b.withoutLabel(LABEL_TOPOLOGY_ZONE);
                if (tainted && i === 0) b.taint('k', 'v', 'PreferNoSchedule');
              },
            },
          ]),
        );
        const rs = core.store.create<KubeObject>(makeReplicaSet('rs', { app: 'a' }));
        const s = installScheduler(core);
        s.stop();
        core.loop.settle();
        const plain = new Framework(s.handle, { entries: s.config.profile.entries });
        // And node by node: each plugin's own Score per node (not its batch form, whose scratch
        // the fusion shares).
        const perNode = new Framework(s.handle, { entries: s.config.profile.entries });
        for (const e of perNode.score) Object.assign(e.plugin, { scoreNodes: undefined });
        const nodes = s.cache.nodeList();
        const ids = s.cache.nodeIds();
        const placed: string[] = [];
        podSpecs.forEach((p, i) => {
          const pod = newPodInfo(buildPod(`p-${i}`, p, rs));
          const score = (fw: Framework, filtered = false) => {
            const state = new CycleState();
            fw.runPreFilter(state, pod, nodes);
            const batch = batchOf(nodes, s.cache.table, ids);
            // After NodeResourcesFit's batch Filter the fusion trusts the memo it refreshed.
            if (filtered) (fw.plugins.get(NODE_RESOURCES_FIT) as FilterPlugin).filterNodes?.(state, pod, batch, new Uint8Array(nodes.length), 1);
            const r = fw.runScore(state, pod, batch);
            if (r.highest !== undefined) {
              // What the fusion found for host selection: the positions of the highest total.
              const top = Math.max(...r.totals);
              expect([...r.highest.positions.subarray(0, r.highest.count)]).toEqual([...r.totals.keys()].filter((i) => r.totals[i] === top));
            }
            return { plugins: [...r.plugins], totals: [...r.totals], columns: r.plugins.map((_, p) => nodes.map((_, i) => r.score(p, i))) };
          };
          const withFusion = score(s.framework);
          const byPlugin = score(plain);
          expect(withFusion).toEqual(byPlugin);
          expect(withFusion).toEqual(score(perNode));
          expect(score(s.framework, true)).toEqual(byPlugin);
          // Scores over `batch` (positions in the node list) with the fusion, and node by node
          // over the same nodes as a list of their own.
          const scoreBatch = (batch: NodeBatchBuffer) => {
            const nodesOfBatch = batchNodes(batch);
            const own = batchOf(nodesOfBatch, s.cache.table, batch.ids.slice(0, batch.count));
            return [s.framework, perNode].map((fw) => {
              const state = new CycleState();
              fw.runPreFilter(state, pod, nodes);
              const r = fw.runScore(state, pod, fw === perNode ? own : batch);
              return { totals: [...r.totals], columns: r.plugins.map((_, q) => nodesOfBatch.map((_, k) => r.score(q, k))) };
            });
          };
          // A window of the node list (as Filter hands it on), wrapping round its end.
          const first = (p.placeOn * 7) % nodes.length;
          const count = 1 + (p.placeOn % nodes.length);
          const window = new NodeBatchBuffer(s.cache.table).reset(nodes, s.cache.table, count);
          window.pushRange(first, count, ids);
          const [fusedWindow, plainWindow] = scoreBatch(window);
          expect(fusedWindow).toEqual(plainWindow);
          // Every other node of the list (Filter dropped some): not a window.
          const sparse = new NodeBatchBuffer(s.cache.table).reset(nodes, s.cache.table, nodes.length);
          for (let q = first; q < first + nodes.length; q += 2) sparse.push(q % nodes.length, ids[q % nodes.length]);
          const [fusedSparse, plainSparse] = scoreBatch(sparse);
          expect(fusedSparse).toEqual(plainSparse);
          // Place the pod, so the next pods see changed requests (the memo must notice); or,
          // some of the time, take back the last one placed (the spread counts must notice).
          if (p.placeOn % 4 === 3 && placed.length > 0) s.cache.removePod(placed.pop() as string);
          else {
            s.cache.addPod(pod, names[p.placeOn % names.length]);
            placed.push(pod.key);
          }
        });
      }),
      { seed: 20261129, numRuns: 80 },
    );
    for (const r of spy.mock.results) if (r.value === true) fused++;
    else stepped++;
    spy.mockRestore();
    // Both paths were exercised: the test can tell a wrong fusion from a right one.
    expect(fused).toBeGreaterThan(100);
    expect(stepped).toBeGreaterThan(10);
  });

  it('scores like the plugins when the raw spread scores span too many values for a lookup table', () => {
    const core = new CoreCluster({ seed: 6 });
    const names = addNodes(core, ZONES.map((zone) => ({ zone, count: 2, customize: (b) => b.capacity('64', '256Gi', 2000) })));
    const rs = core.store.create<KubeObject>(makeReplicaSet('rs', { app: 'a' }));
    const s = installScheduler(core);
    s.stop();
    core.loop.settle();
    // 1,500 matching pods on one node: its hostname term alone spans far more than 1,024 values.
    const spec: PodSpec = { cpu: '50m', memory: undefined, app: 'a', owned: true, spread: 'none', placeOn: 0 };
    for (let i = 0; i < 1500; i++) s.cache.addPod(newPodInfo(buildPod(`busy-${i}`, spec, rs)), names[0]);
    const spy = vi.spyOn(DefaultScoreFusion.prototype, 'scoreNodes');
    const plain = new Framework(s.handle, { entries: s.config.profile.entries });
    const nodes = s.cache.nodeList();
    const pod = newPodInfo(buildPod('new', spec, rs));
    const score = (fw: Framework) => {
      const state = new CycleState();
      fw.runPreFilter(state, pod, nodes);
      const r = fw.runScore(state, pod, batchOf(nodes, s.cache.table, s.cache.nodeIds()));
      return { totals: [...r.totals], columns: r.plugins.map((_, p) => nodes.map((_, i) => r.score(p, i))) };
    };
    const fused = score(s.framework);
    expect(spy.mock.results.map((r) => r.value)).toEqual([true]);
    spy.mockRestore();
    expect(fused).toEqual(score(plain));
    const spread = fused.columns[2];
    expect(Math.min(...spread)).toBeLessThan(Math.max(...spread));
  });
});
