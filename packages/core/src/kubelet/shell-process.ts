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
import { imageLacks, startErrorMessage } from './image-programs.js';
import type { ProcessOutcome } from './images.js';
import { BusyError, InputStream, type Pause, type Run, type StepBudget } from './shell/io.js';
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
  /** Registers the process's handler of the signals the container gets (`TERM` when it is stopped). */
  onSignal?(handler: (signal: string) => void): void;
  /** Appends a line to the container log. */
  log(line: string, options?: { readonly partial?: boolean }): void;
}

const RUNNING: ProcessOutcome = Object.freeze({ kind: 'running' });

/** The outcome of running `argv` as a container's command. */
export function runShellProcess(ctx: ShellProcessContext, argv: readonly string[], stdin = ''): ProcessOutcome {
  if (argv.length === 0) return RUNNING;
  // The runtime execs the program itself: one the image does not ship never starts.
  if (imageLacks(ctx.exec.image, argv[0].replace(/^.*\//, ''))) return { kind: 'startError', message: startErrorMessage(argv[0]) };
  let partial = '';
  const write = (text: string) => {
    const lines = (partial + text).split('\n');
    partial = lines.pop() as string;
    for (const line of lines) ctx.log(line);
  };
  const state: StepBudget = { steps: 0 };
  const run = programRunner(programHost(ctx.exec, true))(argv, Object.entries(ctx.exec.env ?? {}), { stdin: new InputStream(stdin), out: write, err: write }, '/', state);
  const process = new ShellProcess(ctx, run, state, () => {
    if (partial) ctx.log(partial, { partial: true });
    partial = '';
  });
  ctx.onSignal?.((signal) => process.signal(signal));
  return process.step(undefined, 0);
}

/**
 * Drives a process's run on virtual time. With a timer (`ctx.after`), a wait resumes it when
 * virtual time reaches its end (or at once, when a trapped signal cuts a `wait` short), and an end
 * after that exits the process from there; without one, waits only add to the time before the exit.
 */
class ShellProcess {
  /** The wait the process is in, when it began, and the number of its resume (older ones are void). */
  private pause?: Pause;
  private pausedAt = 0;
  private resumes = 0;

  constructor(
    private readonly ctx: ShellProcessContext,
    private readonly run: Run,
    private readonly state: StepBudget,
    private readonly flush: () => void,
  ) {}

  /** Runs until the process waits or ends; `went` is the ms its last wait lasted. */
  step(went: number | undefined, sleptMs: number): ProcessOutcome {
    this.pause = undefined;
    for (;;) {
      let r: IteratorResult<Pause, number>;
      try {
        r = this.run.next(went);
      } catch (e) {
        if (!(e instanceof BusyError)) throw e;
        this.flush();
        return RUNNING;
      }
      if (r.done) {
        this.flush();
        return { kind: 'exit', exitCode: r.value, afterMs: QUICK_EXIT_MS + sleptMs };
      }
      const { ms } = r.value;
      const { after, exit } = this.ctx;
      if (after && exit) {
        this.pause = r.value;
        this.pausedAt = this.now();
        const resume = ++this.resumes;
        if (ms !== Number.POSITIVE_INFINITY) after(ms, () => resume === this.resumes && this.resume(ms));
        return RUNNING;
      }
      if (ms === Number.POSITIVE_INFINITY) return RUNNING;
      sleptMs += ms;
      went = ms;
    }
  }

  /** A signal from the container runtime: to the process's first shell, which may want to run its trap now. */
  signal(name: string): void {
    const wake = this.state.init?.signal(name) ?? false;
    if (!wake || !this.pause?.wait) return;
    this.resumes++;
    this.resume(this.now() - this.pausedAt);
  }

  private resume(went: number): void {
    const { after, exit } = this.ctx as Required<ShellProcessContext>;
    this.state.steps = 0;
    const rest = this.step(went, 0);
    if (rest.kind === 'exit') after(rest.afterMs, () => exit(rest.exitCode));
  }

  private now(): number {
    return this.ctx.exec.nowMs?.() ?? 0;
  }
}
