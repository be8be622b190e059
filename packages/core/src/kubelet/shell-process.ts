/**
 * The process a container's own command runs, for images kubesim knows no behaviour of: the
 * command (or `sh -c` script) is read as busybox would run it. Its busybox commands (`echo`,
 * `cat`, `touch`, pipes, redirections into volumes, …) run in order and their output goes to the
 * log; `sleep N` holds the rest of the script N seconds; `exit N` ends it; a `sleep infinity`, a
 * `tail -f`, a loop or a program kubesim does not know keeps it running. With no command of its
 * own, the image's entrypoint is unknown: the process keeps running.
 *
 * @remarks What follows a `sleep` runs when the sleep ends (given the container's timer). Loops
 * are not run.
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
  /** Runs `fn` after `ms` of virtual time while the process lives; without it the script runs at start. */
  after?(ms: number, fn: () => void): void;
  /** Ends the process (after a deferred part of the script). */
  exit?(exitCode: number): void;
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
  const steps = SHELLS.has(baseName(argv[0])) && argv[1] === '-c' ? splitScript(argv[2] ?? '') : [{ words: argv, after: ';', pipeline: [{ words: argv, globs: argv.map(() => false) }] } as ScriptStep];
  return runSteps(ctx, steps, 0, 0);
}

function baseName(word: string): string {
  return word.replace(/^.*\//, '');
}

/**
 * Runs `steps` from `first` on, `status` being the status so far. With a timer (`ctx.after`), a
 * `sleep` defers the rest of the script to the end of the sleep (so what it prints or writes then
 * happens then) and the process exits from there; without one, sleeps only delay the exit.
 */
function runSteps(ctx: ShellProcessContext, steps: readonly ScriptStep[], first: number, status: number, sleptMs = 0): ProcessOutcome {
  for (let i = first; i < steps.length; i++) {
    const step = steps[i];
    if ((step.after === '&&' && status !== 0) || (step.after === '||' && status === 0)) continue;
    const cmd = baseName(step.words[0] ?? '');
    if (cmd === '') continue;
    if (cmd === 'exit') return { kind: 'exit', exitCode: Number(step.words[1] ?? status) || 0, afterMs: QUICK_EXIT_MS + sleptMs };
    if (LOOPS.has(cmd) || (cmd === 'tail' && step.words.includes('-f'))) return RUNNING;
    if (cmd === 'sleep') {
      const ms = sleepMs(step.words[1] ?? '');
      if (ms === undefined) return RUNNING;
      if (ctx.after && ctx.exit) {
        const { after, exit } = ctx as Required<ShellProcessContext>;
        after(ms, () => {
          const rest = runSteps(ctx, steps, i + 1, 0);
          if (rest.kind === 'exit') after(rest.afterMs, () => exit(rest.exitCode));
        });
        return RUNNING;
      }
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
