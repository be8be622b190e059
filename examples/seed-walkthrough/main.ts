/**
 * `pnpm demo`: replays the storage chapter through kubectl and aws command lines, prints the
 * transcript, and writes kubesim-report.html (open it in a browser).
 */
import { writeFileSync } from 'node:fs';
import { renderReport, runDemo } from 'kubesim';

const result = runDemo({ onStep: (text) => process.stdout.write(`${text}\n`) });
const file = process.argv[2] ?? 'kubesim-report.html';
writeFileSync(file, renderReport(result.report));
process.stdout.write(`\nreport written to ${file} — seed ${result.report.seed}, fingerprint ${result.report.fingerprint.slice(0, 16)}\n`);
