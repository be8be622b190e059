#!/usr/bin/env node
/**
 * The `kubesim` command: `demo` (the storage chapter walkthrough), `run SCENARIO.yaml`
 * (a scenario file with expectations; exit code 1 on a failed one), `shell` (interactive or piped).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { runDemo } from './demo/walkthrough.js';
import { parseScenario, runScenario, ScenarioFailure } from './cli/scenario.js';
import { runShell } from './cli/shell.js';
import { renderReport } from './report/render.js';

const USAGE = `Usage:
  kubesim demo [--report FILE] [--quiet]     replay the storage chapter; writes kubesim-report.html
  kubesim run SCENARIO.yaml [--report FILE]  run a scenario file; exit code 1 on a failed expectation
  kubesim shell [--seed N]                   type kubectl/aws commands and "advance 30s"
`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === 'demo') {
    const result = runDemo({ onStep: args.includes('--quiet') ? undefined : (text) => process.stdout.write(`${text}\n`) });
    const file = flag(args, '--report') ?? 'kubesim-report.html';
    writeFileSync(file, renderReport(result.report));
    process.stderr.write(`\nreport written to ${file} (seed ${result.report.seed}, fingerprint ${result.report.fingerprint.slice(0, 16)})\n`);
    return 0;
  }
  if (command === 'run') {
    const path = args.find((a) => !a.startsWith('--') && a !== flag(args, '--report'));
    if (!path) {
      process.stderr.write(`error: kubesim run needs a scenario file\n${USAGE}`);
      return 2;
    }
    const scenario = parseScenario(readFileSync(path, 'utf8'));
    try {
      const { session } = runScenario(scenario, {
        onStep: (i, n, cmd) => process.stderr.write(`[${i + 1}/${n}] ${cmd}\n`),
      });
      const report = flag(args, '--report');
      if (report) writeFileSync(report, renderReport(session.report(scenario.name ?? path)));
      process.stdout.write(`scenario ${scenario.name ?? path}: ${scenario.steps.length} steps passed\n`);
      return 0;
    } catch (e) {
      if (e instanceof ScenarioFailure) {
        process.stderr.write(`FAILED ${e.message}\nreplay: kubesim run ${path}\n`);
        return 1;
      }
      throw e;
    }
  }
  if (command === 'shell') {
    const seed = Number(flag(args, '--seed') ?? 1);
    return runShell(process.stdin, process.stdout, { seed, interactive: process.stdin.isTTY === true });
  }
  process.stderr.write(command ? `error: unknown command "${command}"\n${USAGE}` : USAGE);
  return command ? 2 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`kubesim: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
