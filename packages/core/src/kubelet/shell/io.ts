/**
 * What a running command reads and writes, and how it waits: standard input as a stream that
 * `read` and programs consume, standard output and error as sinks, and `Pause`, what a command
 * yields to wait on virtual time.
 */

/** Standard input: text consumed line by line (`read`) or whole (a program). */
export class InputStream {
  private pos = 0;

  constructor(private readonly text = '') {}

  /** The next line without its newline; undefined at the end. */
  readLine(): string | undefined {
    if (this.pos >= this.text.length) return undefined;
    const nl = this.text.indexOf('\n', this.pos);
    const end = nl < 0 ? this.text.length : nl;
    const line = this.text.slice(this.pos, end);
    this.pos = end + 1;
    return line;
  }

  /** Everything not read yet. */
  readAll(): string {
    const rest = this.text.slice(this.pos);
    this.pos = this.text.length;
    return rest;
  }
}

/** A command's standard streams. */
export interface ShellIO {
  readonly stdin: InputStream;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/**
 * A wait on virtual time (`sleep`); `ms` Infinity: the command never ends by itself. `wait`: the
 * shell's `wait` builtin, which a trapped signal interrupts.
 */
export interface Pause {
  readonly ms: number;
  readonly wait?: boolean;
}

/**
 * A running command: yields its waits, returns its exit status. Whoever resumes it passes the
 * virtual ms that went by (less than asked when a signal cut a `wait` short; undefined = all).
 */
export type Run = Generator<Pause, number, number | undefined>;

/** The process's first shell (PID 1), which receives the signals the process gets. */
export interface SignalTarget {
  /** Delivers a signal (`TERM`); true when the shell wants to run its trap now (it is in `wait`). */
  signal(name: string): boolean;
}

/**
 * Commands run without waiting since the last wait; shared by a shell and every shell it starts,
 * so a loop that never sleeps is caught (`BusyError`) instead of hanging the simulation. Also
 * where the process's first shell registers for signals (`init`).
 */
export interface StepBudget {
  steps: number;
  init?: SignalTarget;
  /** The process's random draws (`$RANDOM`). */
  random?: () => number;
}

/** Commands a script may run between two waits before kubesim stops following it. */
export const MAX_STEPS_WITHOUT_WAIT = 10_000;

/** Thrown when a script runs `MAX_STEPS_WITHOUT_WAIT` commands without waiting: it spins. */
export class BusyError extends Error {}

/**
 * Runs `run` to its end without waiting: sleeps take no time (command substitution, pipeline
 * stages, `kubectl exec`). Returns the status, or `blocked` when it would never end (a `sleep
 * infinity`, a server program) or spins (`BusyError`).
 */
export function runToEnd(run: Run): { status: number; blocked: boolean; elapsedMs: number } {
  let total = 0;
  try {
    let elapsed: number | undefined;
    for (;;) {
      const r = run.next(elapsed);
      if (r.done) return { status: r.value, blocked: false, elapsedMs: total };
      if (r.value.ms === Number.POSITIVE_INFINITY) return { status: 0, blocked: true, elapsedMs: total };
      elapsed = r.value.ms;
      total += r.value.ms;
    }
  } catch (e) {
    if (e instanceof BusyError) return { status: 0, blocked: true, elapsedMs: total };
    throw e;
  }
}
