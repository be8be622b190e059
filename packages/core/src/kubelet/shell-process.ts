/**
 * The process a container's own command runs, for images kubesim knows no behaviour of: the
 * command runs as busybox would run it (`sh -c` scripts with their loops, conditionals,
 * variables and the container's environment), its output going to the container log line by
 * line. A `sleep` waits on virtual time and the script goes on when it ends (`while true; do …;
 * sleep 5; done` writes every 5 s); `exit N` or the end of the script ends the process. A `sleep
 * infinity`, a `tail -f`, a program kubesim does not know, or a loop that never waits keeps it
 * running. With no command of its own, the image's entrypoint is unknown: it keeps running.
 */
import type { ExecEnv } from './exec.js';
import { programHost } from './exec.js';
import type { ProcessOutcome } from './images.js';
import { BusyError, InputStream, type Run } from './shell/io.js';
import { programRunner } from './shell/program.js';

/** ms between a container's start (or a sleep's end) and the exit of a script that ends there. */
export const QUICK_EXIT_MS = 100;

/** What the process needs of its container. */
export interface ShellProcessContext {
  /** What its commands see: files, environment, clock, DNS. */
  readonly exec: ExecEnv;
  /** Runs `fn` after `ms` of virtual time while the process lives; without it sleeps only delay the exit. */
  after?(ms: number, fn: () => void): void;
  /** Ends the process (after a deferred part of the script). */
  exit?(exitCode: number): void;
  /** Appends a line to the container log. */
  log(line: string): void;
}

const RUNNING: ProcessOutcome = Object.freeze({ kind: 'running' });

/** The outcome of running `argv` as a container's command. */
export function runShellProcess(ctx: ShellProcessContext, argv: readonly string[]): ProcessOutcome {
  if (argv.length === 0) return RUNNING;
  let partial = '';
  const write = (text: string) => {
    const lines = (partial + text).split('\n');
    partial = lines.pop() as string;
    for (const line of lines) ctx.log(line);
  };
  const flush = () => {
    if (partial) ctx.log(partial);
    partial = '';
  };
  const budget = { steps: 0 };
  const run = programRunner(programHost(ctx.exec, true))(argv, Object.entries(ctx.exec.env ?? {}), { stdin: new InputStream(), out: write, err: write }, '/', budget);
  return drive(ctx, run, budget, flush, 0);
}

/**
 * Runs the process until it waits or ends. With a timer (`ctx.after`), a wait resumes it when
 * virtual time reaches its end, and an end after that exits the process from there; without one,
 * waits only add to the time before the exit.
 */
function drive(ctx: ShellProcessContext, run: Run, budget: { steps: number }, flush: () => void, sleptMs: number): ProcessOutcome {
  for (;;) {
    let r: IteratorResult<{ ms: number }, number>;
    try {
      r = run.next();
    } catch (e) {
      if (!(e instanceof BusyError)) throw e;
      flush();
      return RUNNING;
    }
    if (r.done) {
      flush();
      return { kind: 'exit', exitCode: r.value, afterMs: QUICK_EXIT_MS + sleptMs };
    }
    const ms = r.value.ms;
    if (ms === Number.POSITIVE_INFINITY) return RUNNING;
    if (ctx.after && ctx.exit) {
      const { after, exit } = ctx as Required<ShellProcessContext>;
      after(ms, () => {
        budget.steps = 0;
        const rest = drive(ctx, run, budget, flush, 0);
        if (rest.kind === 'exit') after(rest.afterMs, () => exit(rest.exitCode));
      });
      return RUNNING;
    }
    sleptMs += ms;
  }
}
