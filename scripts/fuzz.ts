/**
 * `pnpm fuzz`: a fuzz campaign over a search space, spread over cores with node:worker_threads
 * (each worker runs fast-check on its own seeds) and over machines with `--shard i/n`.
 * Prints the seed first, shows progress, stops at the first failure and prints its report, writes
 * the reproduction files and the regression entry to add to packages/kubesim/test/fuzz/regressions.json.
 *
 *   pnpm fuzz                                  # default space and property, 60 s, every core
 *   pnpm fuzz --space multi-attach-scale --property convergence --runs 2000
 *   pnpm fuzz --time 10m --shard 2/4 --seed 1234
 *   pnpm fuzz --space multi-attach-scale --property convergence --seed 9 --path "3:1:0" --replay-path "AAAAD:A"
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  type ClusterPropertyOptions,
  checkCluster,
  convergenceInvariants,
  DEFAULT_SPACE,
  type FailureReport,
  type FuzzSpace,
  PATHOLOGY_SPACES,
  regressionEntryOf,
  SAFE_SPACES,
} from 'kubesim/testing';

interface Job {
  readonly space: string;
  readonly property: 'default' | 'convergence';
  readonly determinism: boolean;
  readonly seeds: readonly number[];
  readonly chunkRuns: number;
  readonly deadline: number;
}

type WorkerMessage = { kind: 'progress'; runs: number } | { kind: 'failure'; seed: number; report: FailureReport } | { kind: 'done' };

const SPACES: Record<string, FuzzSpace> = { default: DEFAULT_SPACE, ...PATHOLOGY_SPACES, ...SAFE_SPACES };

function propertyOptions(space: string, property: Job['property'], determinism: boolean, replayPath?: string): ClusterPropertyOptions {
  const s = SPACES[space];
  if (!s) throw new Error(`unknown space ${space}; one of ${Object.keys(SPACES).join(', ')}`);
  return { space: s, determinism, replayPath, ...(property === 'convergence' ? { liveness: convergenceInvariants } : {}) };
}

/** Worker: runs fast-check chunk by chunk (one seed per chunk) until the seeds or the time run out. */
function workerMain(job: Job): void {
  const options = propertyOptions(job.space, job.property, job.determinism);
  for (const seed of job.seeds) {
    if (Date.now() > job.deadline) break;
    const check = checkCluster(options, { seed, numRuns: job.chunkRuns });
    if (check.report) {
      parentPort?.postMessage({ kind: 'failure', seed, report: check.report } satisfies WorkerMessage);
      return;
    }
    parentPort?.postMessage({ kind: 'progress', runs: check.numRuns } satisfies WorkerMessage);
  }
  parentPort?.postMessage({ kind: 'done' } satisfies WorkerMessage);
}

/** A worker entry that registers tsx, then loads this same TypeScript file (workers do not inherit tsx's loader). */
function workerEntry(): URL {
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(import.meta.url)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

function parseDurationMs(s: string): number {
  const m = /^(\d+)(ms|s|m|h)?$/.exec(s);
  if (!m) throw new Error(`bad duration ${s}`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
}

function writeFailure(report: FailureReport, space: string, property: Job['property'], outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'manifests.yaml'), report.reproduction.manifests);
  writeFileSync(join(outDir, 'replay.sh'), report.reproduction.script, { mode: 0o755 });
  writeFileSync(join(outDir, 'scenario.yaml'), report.reproduction.scenario);
  writeFileSync(join(outDir, 'report.txt'), `${report.text}\n`);
  const entry = regressionEntryOf(report, `${space}: ${report.violations[0]?.invariant ?? 'failure'} (${report.causes.join(', ')})`, property);
  writeFileSync(join(outDir, 'regression.json'), `${JSON.stringify(entry, null, 2)}\n`);
  process.stdout.write(`\n${report.text}\n\nreproduction written to ${outDir}/{manifests.yaml,replay.sh,scenario.yaml,report.txt}\nregression entry (add it to packages/kubesim/test/fuzz/regressions.json): ${outDir}/regression.json\n`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      space: { type: 'string', default: 'default' },
      property: { type: 'string', default: 'default' },
      runs: { type: 'string' },
      time: { type: 'string' },
      seed: { type: 'string' },
      path: { type: 'string' },
      'replay-path': { type: 'string' },
      workers: { type: 'string' },
      shard: { type: 'string', default: '1/1' },
      'chunk-runs': { type: 'string', default: '25' },
      determinism: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const seed = values.seed ? Number(values.seed) : Date.now() % 2 ** 31;
  const property = values.property === 'convergence' ? 'convergence' : 'default';
  const space = values.space ?? 'default';
  const outDir = values.out ?? join(tmpdir(), `kubesim-fuzz-${seed}`);
  // The seed comes first, before anything can fail.
  process.stdout.write(`kubesim fuzz SEED=${seed} space=${space} property=${property}${values.determinism ? ' determinism' : ''}\n`);

  if (values.path !== undefined) {
    const check = checkCluster(propertyOptions(space, property, values.determinism ?? false, values['replay-path']), { seed, path: values.path, numRuns: 1 });
    if (!check.report) {
      process.stdout.write('replay passed: the failure no longer reproduces\n');
      return 0;
    }
    writeFailure(check.report, space, property, outDir);
    return 1;
  }

  const [shardIndex, shardCount] = (values.shard ?? '1/1').split('/').map(Number);
  if (!(shardIndex >= 1 && shardIndex <= shardCount)) throw new Error(`bad --shard ${values.shard}`);
  const workers = Math.max(1, values.workers ? Number(values.workers) : availableParallelism());
  const chunkRuns = Number(values['chunk-runs']);
  const totalRuns = values.runs ? Number(values.runs) : undefined;
  const timeMs = values.time ? parseDurationMs(values.time) : totalRuns ? Number.POSITIVE_INFINITY : 60_000;
  const chunks = totalRuns ? Math.ceil(totalRuns / chunkRuns) : 1_000_000;
  // Chunk k of this shard runs with seed + k·shards + (shard − 1): shards and workers never share a seed.
  const seedOf = (k: number) => (seed + k * shardCount + shardIndex - 1) % 2 ** 31;
  const deadline = Date.now() + Math.min(timeMs, 2 ** 40);
  process.stdout.write(`shard ${shardIndex}/${shardCount}, ${workers} worker(s), ${totalRuns ? `${totalRuns} runs` : `${timeMs / 1000}s`}, chunks of ${chunkRuns} runs (chunk k uses seed ${seed}+k·${shardCount}+${shardIndex - 1})\n`);

  const started = Date.now();
  let runs = 0;
  let lastLog = 0;
  let failure: { seed: number; report: FailureReport } | undefined;
  const pool: Worker[] = [];
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const seeds: number[] = [];
      for (let k = w; k < chunks; k += workers) seeds.push(seedOf(k));
      const job: Job = { space, property, determinism: values.determinism ?? false, seeds, chunkRuns, deadline };
      const worker = new Worker(workerEntry(), { workerData: job });
      pool.push(worker);
      return new Promise<void>((resolve, reject) => {
        worker.on('message', (m: WorkerMessage) => {
          if (m.kind === 'progress') {
            runs += m.runs;
            const s = (Date.now() - started) / 1000;
            // A live line on a terminal; one line every 5 s in CI logs.
            if (process.stderr.isTTY) process.stderr.write(`\r[${s.toFixed(1)}s] ${runs} runs, ${(runs / s).toFixed(1)} runs/s, 0 failures`);
            else if (s - lastLog >= 5) {
              lastLog = s;
              process.stderr.write(`[${s.toFixed(1)}s] ${runs} runs, ${(runs / s).toFixed(1)} runs/s, 0 failures\n`);
            }
          } else if (m.kind === 'failure' && !failure) {
            failure = m;
            for (const other of pool) if (other !== worker) void other.terminate();
            resolve();
          } else resolve();
        });
        worker.on('error', reject);
        worker.on('exit', () => resolve());
      });
    }),
  );
  process.stderr.write('\n');
  if (failure) {
    process.stdout.write(`FAILED in chunk seed ${failure.seed} after ~${runs} passing runs; replay: pnpm fuzz --space ${space} --property ${property} --seed ${failure.report.seed} --path ${JSON.stringify(failure.report.path)} --replay-path ${JSON.stringify(failure.report.replayPath ?? '')}\n`);
    writeFailure(failure.report, space, property, outDir);
    return 1;
  }
  process.stdout.write(`passed: ${runs} runs in ${((Date.now() - started) / 1000).toFixed(1)}s, no failure (SEED=${seed})\n`);
  return 0;
}

if (isMainThread) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : JSON.stringify(e)}\n`);
      process.exit(2);
    },
  );
} else {
  workerMain(workerData as Job);
}
