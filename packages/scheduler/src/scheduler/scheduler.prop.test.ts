/**
 * Property: every pod the scheduler binds satisfied every enabled Filter plugin at its bind time,
 * re-checked by an independent checker (plain loops over the store, no scheduler code) over
 * random clusters and pods.
 */
import { CoreCluster } from '@kubesim/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuantity } from '../api/quantity.js';
import type { CSINode, Node, PersistentVolume, PersistentVolumeClaim, Pod } from '../api/types.js';
import { LABEL_TOPOLOGY_ZONE } from '../api/well-known.js';
import { addNodes, installFakeBinder, makePod, makePV, makePVC, makeStorageClass, ZONES } from '../testing/index.js';
import { installScheduler } from './scheduler.js';

const SEED = 20260601;

/** True about once in `n` draws. */
const rarely = (n: number) => fc.integer({ min: 1, max: n }).map((x) => x === 1);

const nodeArb = fc.record({
  zone: fc.constantFrom(...ZONES),
  cpuMilli: fc.constantFrom(500, 1000, 2000),
  pods: fc.integer({ min: 1, max: 6 }),
  attachLimit: fc.integer({ min: 1, max: 3 }),
  cordoned: rarely(6),
  tainted: rarely(5),
});

const podArb = fc.record({
  cpuMilli: fc.constantFrom(0, 100, 300, 700),
  zoneSelector: fc.option(fc.constantFrom(...ZONES), { freq: 4 }),
  tolerates: rarely(3),
  volume: fc.constantFrom('none', 'none', 'wffc', 'bound', 'inline'),
  boundZone: fc.constantFrom(...ZONES),
  inlineId: fc.integer({ min: 0, max: 2 }),
  app: fc.constantFrom('a', 'b', 'c'),
  antiAffinity: rarely(4),
  spread: rarely(4),
});


interface Violation {
  pod: string;
  node: string;
  why: string;
}

function podsOn(core: CoreCluster, node: string, except: string): Pod[] {
  return [...core.store.values<Pod>('Pod')].filter((p) => p.spec.nodeName === node && p.metadata.name !== except);
}

function claimZone(core: CoreCluster, claim: string): string | undefined {
  const pvc = core.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', claim);
  const pv = pvc?.spec.volumeName ? core.store.get<PersistentVolume>('PersistentVolume', undefined, pvc.spec.volumeName) : undefined;
  return pv?.spec.nodeAffinity?.required?.nodeSelectorTerms[0]?.matchExpressions?.[0]?.values?.[0];
}

function volumeKeys(p: Pod): string[] {
  return (p.spec.volumes ?? []).map((v) => v.persistentVolumeClaim?.claimName ?? v.awsElasticBlockStore?.volumeID ?? v.name);
}

/** The independent checker: returns why `pod` should not be on `nodeName`, if anything. */
function check(core: CoreCluster, pod: Pod, nodeName: string): string | undefined {
  const node = core.store.get<Node>('Node', undefined, nodeName) as Node;
  const labels = node.metadata.labels ?? {};
  const tolerates = (pod.spec.tolerations ?? []).length > 0;
  if (node.spec?.unschedulable && !tolerates) return 'cordoned';
  if ((node.spec?.taints ?? []).length > 0 && !tolerates) return 'taint';
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return 'nodeSelector';
  const others = podsOn(core, nodeName, pod.metadata.name as string);
  const cpu = (p: Pod) => parseQuantity(p.spec.containers[0].resources?.requests?.cpu ?? 0);
  const used = others.reduce((s, p) => s + cpu(p), 0);
  if (cpu(pod) > 0 && used + cpu(pod) > parseQuantity(node.status?.allocatable?.cpu ?? 0) + 1e-9) return 'cpu';
  if (others.length + 1 > Number(node.status?.allocatable?.pods)) return 'pods';
  for (const v of pod.spec.volumes ?? []) {
    if (v.persistentVolumeClaim && claimZone(core, v.persistentVolumeClaim.claimName) !== labels[LABEL_TOPOLOGY_ZONE]) return 'pv zone';
    if (v.awsElasticBlockStore && others.some((o) => (o.spec.volumes ?? []).some((w) => w.awsElasticBlockStore?.volumeID === v.awsElasticBlockStore?.volumeID))) {
      return 'disk conflict';
    }
  }
  const limit = core.store.get<CSINode>('CSINode', undefined, nodeName)?.spec.drivers?.[0]?.allocatable?.count ?? Number.POSITIVE_INFINITY;
  const keys = new Set([...others.flatMap(volumeKeys), ...volumeKeys(pod)]);
  if (volumeKeys(pod).length > 0 && keys.size > limit) return 'attach limit';
  const app = pod.metadata.labels?.app;
  if (pod.spec.affinity?.podAntiAffinity && others.some((o) => o.metadata.labels?.app === app)) return 'anti-affinity';
  if (others.some((o) => o.spec.affinity?.podAntiAffinity && o.metadata.labels?.app === app)) return 'existing anti-affinity';
  if (pod.spec.topologySpreadConstraints) {
    const counts = new Map<string, number>(ZONES.map((z) => [z, 0]));
    const zonesWithNodes = new Set([...core.store.values<Node>('Node')].map((n) => n.metadata.labels?.[LABEL_TOPOLOGY_ZONE] as string));
    for (const z of ZONES) if (!zonesWithNodes.has(z)) counts.delete(z);
    for (const p of core.store.values<Pod>('Pod')) {
      if (!p.spec.nodeName || p.metadata.name === pod.metadata.name || p.metadata.labels?.app !== app) continue;
      const z = core.store.get<Node>('Node', undefined, p.spec.nodeName)?.metadata.labels?.[LABEL_TOPOLOGY_ZONE] as string;
      counts.set(z, (counts.get(z) ?? 0) + 1);
    }
    const min = Math.min(...counts.values());
    if ((counts.get(labels[LABEL_TOPOLOGY_ZONE]) ?? 0) + 1 - min > 1) return 'spread';
  }
  return undefined;
}

type NodeSpec = typeof nodeArb extends fc.Arbitrary<infer T> ? T : never;
type PodSpecGen = typeof podArb extends fc.Arbitrary<infer T> ? T : never;

function build(core: CoreCluster, nodes: NodeSpec[], pods: PodSpecGen[]): void {
  core.store.create(makeStorageClass('gp3', { wffc: true }));
  core.store.create(makeStorageClass('gp2'));
  nodes.forEach((n) => {
    addNodes(core, [
      {
        zone: n.zone,
        count: 1,
        attachLimit: n.attachLimit,
        customize: (b) => {
          b.capacity(`${n.cpuMilli}m`, '8Gi', n.pods);
          if (n.cordoned) b.cordon();
          if (n.tainted) b.taint('dedicated', 'x', 'NoSchedule');
        },
      },
    ]);
  });
  pods.forEach((p, i) => {
    const b = makePod(`p${i}`).label('app', p.app).req(p.cpuMilli > 0 ? `${p.cpuMilli}m` : undefined, '64Mi');
    if (p.zoneSelector) b.nodeSelector({ [LABEL_TOPOLOGY_ZONE]: p.zoneSelector });
    if (p.tolerates) b.toleration({ operator: 'Exists' });
    if (p.antiAffinity) b.podAntiAffinity({ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: p.app } } });
    if (p.volume === 'wffc') {
      core.store.create(makePVC(`c${i}`, { className: 'gp3' }));
      b.pvc(`c${i}`);
    } else if (p.volume === 'bound') {
      core.store.create(makePV(`pv${i}`, { zone: p.boundZone, claim: { name: `c${i}` } }));
      core.store.create(makePVC(`c${i}`, { volumeName: `pv${i}`, bound: true }));
      b.pvc(`c${i}`);
    } else if (p.volume === 'inline') b.ebs(`vol-0${p.inlineId}`);
    if (p.spread && p.volume === 'none' && !p.zoneSelector) {
      b.spread({ maxSkew: 1, topologyKey: LABEL_TOPOLOGY_ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: p.app } } });
    }
    core.store.create(b.obj());
  });
}

describe('scheduler property', () => {
  it('every bound pod passes the independent Filter checker at bind time', () => {
    console.log(`SEED=${SEED}`);
    let totalBound = 0;
    let totalPods = 0;
    fc.assert(
      fc.property(fc.array(nodeArb, { minLength: 1, maxLength: 6 }), fc.array(podArb, { minLength: 1, maxLength: 14 }), fc.integer(), (nodes, pods, seed) => {
        const core = new CoreCluster({ seed });
        const violations: Violation[] = [];
        let bound = 0;
        core.store.watch<Pod>('Pod', (e) => {
          if (e.type !== 'MODIFIED' || !e.object.spec.nodeName || e.old?.spec.nodeName) return;
          bound++;
          const why = check(core, e.object, e.object.spec.nodeName);
          if (why) violations.push({ pod: e.object.metadata.name as string, node: e.object.spec.nodeName, why });
        });
        installScheduler(core);
        installFakeBinder(core, { delayMs: 200 });
        build(core, nodes, pods);
        core.loop.advance('30s');
        expect(violations).toEqual([]);
        totalBound += bound;
        totalPods += pods.length;
      }),
      { seed: SEED, numRuns: 60 },
    );
    // The runs must exercise binding, not only rejection.
    expect(totalBound).toBeGreaterThan(totalPods / 4);
  });
});
