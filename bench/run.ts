/**
 * `pnpm bench`: runs every `*.bench.ts` module (or those named on the command line) and prints
 * one JSON line per figure. Exit code 0 even when a target is missed: benchmarks inform, the
 * `pass` field says whether the target held.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './harness.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

let failed = 0;
for (const file of files) {
  const mod = (await import(pathToFileURL(`${dir}${file}`).href)) as { run: () => BenchResult[] | Promise<BenchResult[]> };
  for (const result of await mod.run()) {
    if (!result.pass) failed++;
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}
process.stderr.write(failed ? `${failed} benchmark target(s) missed\n` : 'all benchmark targets met\n');
