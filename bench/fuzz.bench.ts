/**
 * Fuzz toolkit benchmarks (`kubesim/testing`).
 *
 * - `fuzz-default-property`: runs/s of the default invariant property (safety after every step,
 *   stuck pods explained after the heal) over the default space: ≤ 4 nodes in ≤ 2 zones, ≤ 8
 *   operations of every kind, setup 2 min + operations + heal 20 min of virtual time per run.
 *   Target ≥ 200 runs/s, the steady state of a campaign: after a 1,000-run warm-up (rounds are
 *   still JIT-bound before), five rounds of 300 runs on fresh seeds; the median round is reported
 *   (each round's figure too). Reference: the same number of bare `createCluster` +
 *   `advance('5m')` runs over the same topologies, in the same process.
 * - `fuzz-find-shrink-multi-attach`: wall time to find and shrink pathology 1 (Deployment + one
 *   RWO claim on two nodes) with the convergence property, median over 20 fast-check seeds, each
 *   allowed 1,000 runs. Targets: median ≤ 5 s and found (with the minimal shape) by ≥ 19 seeds.
 *   Reference: as many bare createCluster + advance runs as the median search executed.
 *
 * Run: `npx tsx bench/fuzz.bench.ts` (or `pnpm bench fuzz`).
 */
import fc from 'fast-check';
import { createCluster } from 'kubesim';
import { checkCluster, clusterOptionsOf, clusterProperty, convergenceInvariants, fuzzCaseArb, nodeCount, PATHOLOGY_SPACES } from 'kubesim/testing';
import { type BenchResult, onceMs, round } from './harness.js';

const RUNS = 300;
const ROUNDS = 5;
const WARMUP_RUNS = 1000;
const SEEDS = 20;
const MAX_RUNS_PER_SEED = 1000;

function bareRuns(count: number, seed: number): number {
  const cases = fc.sample(fuzzCaseArb(), { seed, numRuns: Math.min(count, 500) });
  return onceMs(() => {
    for (let i = 0; i < count; i++) createCluster(clusterOptionsOf(cases[i % cases.length])).advance('5m');
  });
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function defaultProperty(): BenchResult {
  // Warm up (JIT) on another seed, then time ROUNDS rounds of RUNS runs on fresh seeds: the median
  // round is the figure (a campaign runs thousands of cases; the first few hundred are JIT time).
  fc.check(clusterProperty(), { seed: 1, numRuns: WARMUP_RUNS });
  bareRuns(WARMUP_RUNS, 1);
  let failed = false;
  const rounds: number[] = [];
  const refs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    rounds.push(
      onceMs(() => {
        failed = fc.check(clusterProperty(), { seed: 2 + r, numRuns: RUNS }).failed || failed;
      }),
    );
    refs.push(bareRuns(RUNS, 2 + r));
  }
  const ms = median(rounds);
  const refMs = median(refs);
  const rps = (RUNS * 1000) / ms;
  return {
    bench: 'fuzz-default-property',
    value: round(rps, 1),
    unit: 'runs/s',
    reference: round((RUNS * 1000) / refMs, 1),
    ratio: round(ms / refMs, 2),
    target: '>= 200 runs/s of the default invariant property over small scenarios',
    pass: rps >= 200 && !failed,
    propertyFailed: failed,
    rounds: rounds.map((t) => round((RUNS * 1000) / t, 1)),
  };
}

function findAndShrink(): BenchResult {
  const options = { space: PATHOLOGY_SPACES['multi-attach-scale'], liveness: convergenceInvariants };
  const times: number[] = [];
  const executed: number[] = [];
  let found = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    let check: ReturnType<typeof checkCluster> | undefined;
    times.push(onceMs(() => (check = checkCluster(options, { seed, numRuns: MAX_RUNS_PER_SEED }))));
    const r = check?.report;
    const minimal = r?.causes.includes('multi-attach') && r.fuzzCase.topology.zones.length === 1 && nodeCount(r.fuzzCase.topology) === 2;
    if (minimal) found++;
    executed.push((r?.numRuns ?? MAX_RUNS_PER_SEED) + (r?.numShrinks ?? 0) + 1);
  }
  const med = median(times);
  const refMs = bareRuns(Math.round(median(executed)), 3);
  return {
    bench: 'fuzz-find-shrink-multi-attach',
    value: round(med / 1000, 2),
    unit: 's median to find and shrink',
    reference: round(refMs / 1000, 3),
    ratio: round(med / refMs, 2),
    target: `median <= 5 s over ${SEEDS} seeds, found with the minimal shape by >= 19 within ${MAX_RUNS_PER_SEED} runs`,
    pass: med <= 5000 && found >= 19,
    found,
    seeds: SEEDS,
    medianRunsExecuted: median(executed),
  };
}

/** Runs the fuzz benchmarks. */
export function run(): BenchResult[] {
  return [defaultProperty(), findAndShrink()];
}

if (process.argv[1]?.endsWith('fuzz.bench.ts')) {
  for (const r of run()) process.stdout.write(`${JSON.stringify(r)}\n`);
}
