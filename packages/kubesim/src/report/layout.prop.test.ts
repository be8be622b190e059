import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderClusterSvg } from './drawing.js';
import { type Box, layoutCluster } from './layout.js';
import type { ClusterSnapshot } from './model.js';
import { makeCluster, makeNode, makePod, makeVolume, makeZone } from './testing/builders.js';

const SEED = 20261128;
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d'];

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
const disjoint = (a: Box, b: Box) => a.y + a.h <= b.y || b.y + b.h <= a.y || a.x + a.w <= b.x || b.x + b.w <= a.x;

/** Random clusters: up to 3 zones of up to 3 nodes of up to 5 pods, volumes in any of 4 zones. */
const clusterArb: fc.Arbitrary<ClusterSnapshot> = fc
  .record({
    zones: fc.array(fc.array(fc.nat(5), { maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    volumeZones: fc.array(fc.constantFrom(...ZONES), { maxLength: 5 }),
    unscheduled: fc.nat(12),
  })
  .map(({ zones, volumeZones, unscheduled }) => {
    let n = 0;
    const pods = (k: number) => Array.from({ length: k }, () => makePod(`pod-${n++}`));
    return makeCluster(
      zones.map((nodes, z) => makeZone(ZONES[z], nodes.map((k, i) => makeNode(`node-${z}-${i}`, `i-${z}${i}`, { pods: pods(k) })))),
      volumeZones.map((zone, i) => makeVolume(`vol-${i}`, zone, i % 2 === 0 ? { conflict: { nodeName: 'node-0-0', pods: [], message: 'm' } } : {})),
      pods(unscheduled),
    );
  });

describe('layoutCluster', () => {
  it('nests every box in its parent and overlaps none in a column', () => {
    fc.assert(
      fc.property(clusterArb, (cluster) => {
        const layout = layoutCluster(cluster);
        const canvas = { x: 0, y: 0, w: layout.width, h: layout.height };
        for (const zone of layout.zones) {
          expect(inside(zone.box, canvas)).toBe(true);
          const stacked = [...zone.nodes.map((p) => p.box), ...zone.volumes.map((v) => v.box)];
          for (const box of stacked) expect(inside(box, zone.box)).toBe(true);
          stacked.forEach((a, i) => {
            for (const b of stacked.slice(i + 1)) expect(disjoint(a, b)).toBe(true);
          });
          for (const node of zone.nodes) for (const pod of node.pods) expect(inside(pod.box, node.box)).toBe(true);
        }
        const lane = layout.unscheduled;
        expect(inside(lane.box, canvas)).toBe(true);
        for (const zone of layout.zones) expect(disjoint(zone.box, lane.box)).toBe(true);
        lane.pods.forEach((a, i) => {
          expect(inside(a.box, lane.box)).toBe(true);
          for (const b of lane.pods.slice(i + 1)) expect(disjoint(a.box, b.box)).toBe(true);
        });
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('draws every pod, node and volume exactly once, with a column for each zone', () => {
    fc.assert(
      fc.property(clusterArb, (cluster) => {
        const svg = renderClusterSvg(cluster);
        const pods = cluster.zones.flatMap((z) => z.nodes.flatMap((n) => n.pods)).length + cluster.unscheduled.length;
        const zones = new Set([...cluster.zones.map((z) => z.name), ...cluster.volumes.map((v) => v.zone)]);
        expect(svg.split('<g class="pod ').length - 1).toBe(pods);
        expect(svg.split('<g class="node').length - 1).toBe(cluster.zones.flatMap((z) => z.nodes).length);
        expect(svg.split('<g class="volume').length - 1).toBe(cluster.volumes.length);
        expect(svg.split('<g class="zone"').length - 1).toBe(zones.size);
        expect(renderClusterSvg(cluster)).toBe(svg);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
