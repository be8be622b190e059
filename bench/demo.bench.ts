/**
 * The chapter walkthrough (`pnpm demo`'s main job) in wall time: every step through kubectl and
 * aws command lines, with report snapshots. The reference is the same cluster advanced over the
 * same virtual time with no workload (the cost floor of nodes, kubelets and controllers).
 * Target: the walkthrough runs in under 3 s wall.
 */
import { createCluster, runDemo } from 'kubesim';
import { type BenchResult, bestMs, round } from './harness.js';

/** Runs the demo benchmark. */
export function run(): BenchResult[] {
  let virtualMs = 0;
  const demoMs = bestMs(() => {
    virtualMs = runDemo().cluster.now();
  }, 3);
  const referenceMs = bestMs(() => {
    const c = createCluster({ seed: 2019, nodes: [{ zone: 'us-east-1a', count: 2 }, { zone: 'us-east-1b' }, { zone: 'us-east-1c' }] });
    c.advance(virtualMs);
  }, 3);
  return [
    {
      bench: 'chapter-walkthrough',
      value: round(demoMs, 0),
      unit: 'ms wall',
      reference: round(referenceMs, 0),
      ratio: round(demoMs / referenceMs, 2),
      target: 'the walkthrough runs in under 3 s wall',
      pass: demoMs < 3000,
      virtualHours: round(virtualMs / 3_600_000, 2),
    },
  ];
}
