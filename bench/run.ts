/**
 * `pnpm bench`: runs every `*.bench.ts` module (or those named on the command line) and prints
 * one JSON line per figure. Exit code 0 even when a target is missed: benchmarks inform, the
 * `pass` field says whether the target held.
 *
 * Each module runs in a fresh Node process (same flags and loader as this one), so no benchmark
 * measures code the JIT shaped for another one, nor a heap another one filled.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './harness.js';

const CHILD_FLAG = '--bench-module';
const dir = fileURLToPath(new URL('.', import.meta.url));

/** Child: runs one module and prints its figures. */
async function runModule(file: string): Promise<void> {
  const mod = (await import(pathToFileURL(`${dir}${file}`).href)) as { run: () => BenchResult[] | Promise<BenchResult[]> };
  for (const result of await mod.run()) process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Parent: one child process per module, figures passed through as they come. */
function runAll(only: readonly string[]): void {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
    .sort();
  let failed = 0;
  for (const file of files) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), CHILD_FLAG, file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
    for (const line of child.stdout.split('\n')) {
      if (!line.trim()) continue;
      process.stdout.write(`${line}\n`);
      if (line.startsWith('{') && !(JSON.parse(line) as BenchResult).pass) failed++;
    }
    if (child.status !== 0) {
      process.stderr.write(`${file}: exited with ${child.status ?? child.signal}\n`);
      failed++;
    }
  }
  process.stderr.write(failed ? `${failed} benchmark target(s) missed\n` : 'all benchmark targets met\n');
}

const at = process.argv.indexOf(CHILD_FLAG);
if (at >= 0) await runModule(process.argv[at + 1] ?? '');
else runAll(process.argv.slice(2));
