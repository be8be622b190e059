/**
 * Benchmark harness: every figure is measured against a reference loop run in the same process,
 * because machines are noisy; results are printed as one JSON line each. Benchmarks are never
 * tests: nothing in `pnpm test` asserts on time.
 */
import { performance } from 'node:perf_hooks';

/** One benchmark figure, as `pnpm bench` prints it. */
export interface BenchResult {
  readonly bench: string;
  readonly value: number;
  readonly unit: string;
  /** The same work done by the reference loop, in the same unit. */
  readonly reference: number;
  /** Cost per unit of work relative to the reference loop (above 1 = slower). */
  readonly ratio: number;
  readonly target: string;
  readonly pass: boolean;
  readonly [extra: string]: unknown;
}

/** Wall ms of `fn`, best of `repeats` runs (after one warm-up run). */
export function bestMs(fn: () => void, repeats = 5): number {
  fn();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** Wall ms of one run of `fn`. */
export function onceMs(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Rounds for printing. */
export function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
