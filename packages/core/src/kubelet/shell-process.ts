/**
 * The process a container's own command runs, for images kubesim knows no behaviour of: the
 * command (or `sh -c` script) is read as busybox would run it. Its busybox commands (`echo`,
 * `cat`, `touch`, redirections into volumes, …) run at start and their output goes to the log;
 * `sleep N` makes the process last N seconds more; `exit N` ends it; a `sleep infinity`, a
 * `tail -f`, a loop or a program kubesim does not know keeps it running. With no command of its
 * own, the image's entrypoint is unknown: the process keeps running.
 *
 * @remarks Everything the script prints or writes happens at start, even what follows a `sleep`;
 * only the exit waits for the sleeps. Loops are not run.
 */
import { type ExecResult, isBusyboxCommand, type ScriptStep, splitScript } from './exec.js';
import type { ProcessOutcome } from './images.js';

/** ms between a container's start and the exit of a command that does not sleep. */
export const QUICK_EXIT_MS = 100;

/** What the process needs of its container. */
export interface ShellProcessContext {
  /** Runs one busybox command line in the container (as `kubectl exec` does). */
  run(argv: readonly string[]): ExecResult;
  /** Runs one step of a script with its pipes and patterns; without it only the step's first command runs. */
  runStep?(step: ScriptStep): ExecResult;
  /** Appends a line to the container log. */
  log(line: string): void;
}

const RUNNING: ProcessOutcome = Object.freeze({ kind: 'running' });
const SHELLS = new Set(['sh', 'bash', 'ash']);
const LOOPS = new Set(['while', 'until', 'for']);
const SLEEP_UNIT: Readonly<Record<string, number>> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The outcome of running `argv` as a container's command. */
export function runShellProcess(ctx: ShellProcessContext, argv: readonly string[]): ProcessOutcome {
  if (argv.length === 0) return RUNNING;
  const name = (w: string) => w.replace(/^.*\//, '');
  const steps = SHELLS.has(name(argv[0])) && argv[1] === '-c' ? splitScript(argv[2] ?? '') : [{ words: argv, after: ';', pipeline: [{ words: argv, globs: argv.map(() => false) }] } as ScriptStep];
  let status = 0;
  let sleptMs = 0;
  for (const step of steps) {
    if ((step.after === '&&' && status !== 0) || (step.after === '||' && status === 0)) continue;
    const cmd = name(step.words[0] ?? '');
    if (cmd === '') continue;
    if (cmd === 'exit') return { kind: 'exit', exitCode: Number(step.words[1] ?? status) || 0, afterMs: QUICK_EXIT_MS + sleptMs };
    if (LOOPS.has(cmd) || (cmd === 'tail' && step.words.includes('-f'))) return RUNNING;
    if (cmd === 'sleep') {
      const ms = sleepMs(step.words[1] ?? '');
      if (ms === undefined) return RUNNING;
      sleptMs += ms;
      status = 0;
      continue;
    }
    if (!isBusyboxCommand(cmd)) return RUNNING;
    const r = ctx.runStep ? ctx.runStep(step) : ctx.run(step.words);
    for (const line of linesOf(r.stdout + r.stderr)) ctx.log(line);
    status = r.exitCode;
  }
  return { kind: 'exit', exitCode: status, afterMs: QUICK_EXIT_MS + sleptMs };
}

/** busybox `sleep`'s argument in ms (`10`, `1.5`, `5m`, `1h`); undefined for `infinity` or nonsense. */
function sleepMs(arg: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  return m ? Math.round(Number(m[1]) * SLEEP_UNIT[m[2]]) : undefined;
}

function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
