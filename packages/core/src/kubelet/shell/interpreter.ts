/**
 * A shell (busybox `ash`) running a script: variables and the environment it exports, functions,
 * the compound commands, redirections, `set -e`/`-x`/`-u`/`-o pipefail`, the special builtins,
 * background jobs with `wait`, and `trap`. Programs (`sleep`, `date`, `ls`, a nested `sh`, …) are
 * run by the `ProgramRunner` it is given. Running is a generator that yields each wait (`Pause`),
 * so a container's script can stop at a `sleep` and go on when virtual time reaches its end, while
 * its background jobs run on the same time.
 *
 * @remarks Deliberate limits: the stages of a pipeline run one after the other, each to its end
 * with its sleeps taking no time; job pids count from 2.
 * @see busybox shell/ash.c evaltree, evalcommand; POSIX Shell Command Language 2.9, 2.14
 */
import type { ContainerFilesystem } from '../container-fs.js';
import { FsError } from '../container-fs.js';
import { expandGlob } from '../glob.js';
import type { AndOr, Command, List, Pipeline, Redirect, SimpleCommand } from './ast.js';
import { type ExpansionContext, ExpansionError, expandHereDocument, expandString, expandWords, patternRegExp } from './expand.js';
import { BusyError, InputStream, MAX_STEPS_WITHOUT_WAIT, type Pause, type Run, runToEnd, type ShellIO, type SignalTarget, type StepBudget } from './io.js';
import { ShellSyntaxError } from './lexer.js';
import { parseScript } from './parser.js';

/** Runs a program (not a shell builtin or function) with an environment; see `program.ts`. */
export type ProgramRunner = (argv: readonly string[], environ: readonly (readonly [string, string])[], io: ShellIO, cwd: string, budget: StepBudget) => Run;

/** `exit`, or an error that ends a non-interactive shell. */
class ExitSignal {
  constructor(readonly status: number) {}
}
/** `break N` / `continue N`. */
class LoopSignal {
  constructor(
    readonly kind: 'break' | 'continue',
    readonly levels: number,
  ) {}
}
/** `return`. */
class ReturnSignal {
  constructor(readonly status: number) {}
}

/** ash's variable table size: `env` lists exported variables by hash bucket (ash.c hashvar). */
const VTABSIZE = 39;

/** The bucket ash files a variable name under. */
function ashBucket(name: string): number {
  let h = (name.charCodeAt(0) || 0) << 4;
  for (let i = 0; i < name.length; i++) h += name.charCodeAt(i);
  return h % VTABSIZE;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Signal numbers by name, and names by number, for `trap` and the `128 + N` status of an interrupted `wait`. */
const SIGNALS: Readonly<Record<string, number>> = { EXIT: 0, HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12, ALRM: 14, TERM: 15 };

/** A background job (`cmd &`): its run, when it wakes next (the shell's ms), its end. */
interface Job {
  readonly pid: number;
  readonly run: Run;
  wakeAt: number;
  /** The last wait it asked for (what it is told went by when woken). */
  asked: number;
  done: boolean;
  status: number;
}

/** One shell process. */
export class Shell implements SignalTarget {
  private readonly vars = new Map<string, string>();
  private readonly exported = new Set<string>();
  private readonly functions = new Map<string, Command>();
  private status = 0;
  /** The status of the last command substitution of the command being expanded (an assignment's status). */
  private substituted = 0;
  private loopDepth = 0;
  private conditionDepth = 0;
  private readonly options = { errexit: false, xtrace: false, nounset: false, pipefail: false };
  /** `trap` actions by signal name (`''`: ignored). */
  private readonly traps = new Map<string, string>();
  /** Trapped signals received and not yet handled. */
  private readonly pending: string[] = [];
  /** Background jobs, and this shell's own virtual ms (as its waits report it). */
  private jobs: Job[] = [];
  private t = 0;
  private lastJobPid = 0;
  /** Whether the foreground is in `wait` (a trapped signal cuts it short). */
  private inWait = false;
  /** `unset RANDOM` makes it an ordinary variable. */
  private unsetRandom = false;

  constructor(
    private readonly runProgram: ProgramRunner,
    private readonly fs: ContainerFilesystem,
    environ: readonly (readonly [string, string])[],
    /** `$0`. */
    private readonly arg0: string,
    private positional: string[],
    private readonly budget: StepBudget,
    private cwd = '/',
  ) {
    // ash's init: its own PATH first, the environment, then SHLVL and PWD (exported).
    this.vars.set('PATH', '/sbin:/usr/sbin:/bin:/usr/bin');
    for (const [k, v] of environ) this.setVar(k, v, true);
    this.setVar('SHLVL', String((Number(this.vars.get('SHLVL')) || 0) + 1), true);
    this.setVar('PWD', cwd, true);
    // The process's first shell is PID 1: the signals the container gets are its.
    budget.init ??= this;
  }

  /**
   * A signal to the shell. PID 1 has no default action: an untrapped (or `trap ''`) signal is
   * ignored. A trapped one runs its action once the foreground command ends, or at once in `wait`.
   */
  signal(name: string): boolean {
    if (!this.traps.get(name)) return false;
    this.pending.push(name);
    return this.inWait;
  }

  /** Options given on the command line (`sh -e -c …`): `e`, `x`, `u`. */
  setFlags(flags: string): void {
    for (const f of flags) this.setOption(f, true);
  }

  private setOption(f: string, on: boolean): boolean {
    if (f === 'e') this.options.errexit = on;
    else if (f === 'x') this.options.xtrace = on;
    else if (f === 'u') this.options.nounset = on;
    else return false;
    return true;
  }

  private setVar(name: string, value: string, exported = false): void {
    this.vars.set(name, value);
    if (exported) this.exported.add(name);
  }

  /** The exported variables in the order ash passes them to programs (by hash bucket). */
  environ(): [string, string][] {
    const names = [...this.vars.keys()].filter((k) => this.exported.has(k));
    const order = names.map((n, i) => ({ n, i, b: ashBucket(n) })).sort((a, b) => a.b - b.b || a.i - b.i);
    return order.map(({ n }) => [n, this.vars.get(n) as string]);
  }

  /** A copy for a subshell (`( )`, a pipeline stage, a command substitution). */
  private fork(): Shell {
    const sub = Object.create(Shell.prototype) as Shell;
    Object.assign(sub, this, { vars: new Map(this.vars), exported: new Set(this.exported), functions: new Map(this.functions), options: { ...this.options }, positional: [...this.positional], traps: new Map(), pending: [], jobs: [], t: 0, inWait: false });
    return sub;
  }

  /** Parses and runs a script; returns its status. A syntax error prints ash's text and returns 2. */
  *runScript(script: string, io: ShellIO): Run {
    const list = this.parse(script, io);
    return list ? yield* this.top(list, io) : 2;
  }

  /** A script's syntax tree; undefined (ash's text printed) on a syntax error. */
  private parse(script: string, io: ShellIO): List | undefined {
    try {
      return parseScript(script);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      io.err(`${this.arg0}: ${e.message}\n`);
      return undefined;
    }
  }

  /**
   * Runs a parsed script as a whole shell: its waits also run its background jobs; `exit` and
   * fatal errors end it here, after the EXIT trap.
   */
  private *top(list: List, io: ShellIO): Run {
    let status: number;
    try {
      status = yield* this.serviced(this.list(list, io));
    } catch (e) {
      if (e instanceof ExitSignal) status = e.status;
      else if (e instanceof LoopSignal) status = this.status;
      else if (e instanceof ReturnSignal) status = e.status;
      else throw e;
    }
    const onExit = this.traps.get('EXIT');
    if (onExit) {
      this.traps.delete('EXIT');
      this.status = status;
      try {
        yield* this.serviced(this.evalScript(onExit, io));
      } catch (e) {
        if (e instanceof ExitSignal) return e.status;
        throw e;
      }
    }
    return status;
  }

  /** `run` with each of its waits spent running the background jobs that wake meanwhile. */
  private *serviced(run: Run): Run {
    let r = run.next();
    while (!r.done) r = run.next(yield* this.spend(r.value));
    return r.value;
  }

  /**
   * Lets `pause.ms` of virtual time go by (a `wait`: until every job ended or a trapped signal
   * came), running each background job when it wakes. Returns the ms that went by.
   */
  private *spend(pause: Pause): Generator<Pause, number, number | undefined> {
    const start = this.t;
    const until = this.t + pause.ms;
    if (pause.wait) this.inWait = true;
    try {
      for (;;) {
        this.runDueJobs();
        if (pause.wait && (this.pending.length > 0 || this.jobs.every((j) => j.done))) return this.t - start;
        if (!pause.wait && this.t >= until) return this.t - start;
        let next = until;
        for (const j of this.jobs) if (!j.done && j.wakeAt < next) next = j.wakeAt;
        const want = next - this.t;
        const went = (yield { ms: want, wait: pause.wait }) ?? want;
        this.t += went;
      }
    } finally {
      this.inWait = false;
    }
  }

  /** Resumes each job whose wait is over until it waits again or ends. */
  private runDueJobs(): void {
    for (const j of this.jobs) {
      while (!j.done && j.wakeAt <= this.t) {
        let r: IteratorResult<Pause, number>;
        try {
          r = j.run.next(j.asked);
        } catch (e) {
          if (!(e instanceof BusyError)) throw e;
          j.wakeAt = Number.POSITIVE_INFINITY;
          break;
        }
        if (r.done) {
          j.done = true;
          j.status = r.value;
        } else {
          j.asked = r.value.ms;
          j.wakeAt = this.t + r.value.ms;
        }
      }
    }
  }

  /** Starts `item` as a background job (`&`): it runs until its first wait now, then alongside. */
  private startJob(item: AndOr, io: ShellIO): void {
    const sub = this.fork();
    const job: Job = { pid: ++this.lastJobPid + 1, run: sub.serviced(sub.subshell((sh) => sh.andOr({ ...item, background: false }, io))), wakeAt: this.t, asked: 0, done: false, status: 0 };
    this.jobs.push(job);
    this.vars.set('!', String(job.pid));
    this.runDueJobs();
    this.status = 0;
  }

  /** Runs the actions of the trapped signals received (after a command, or in `wait`). */
  private *runTraps(io: ShellIO): Run {
    while (this.pending.length > 0) {
      const sig = this.pending.shift() as string;
      const action = this.traps.get(sig);
      if (!action) continue;
      const saved = this.status;
      yield* this.evalScript(action, io);
      this.status = saved;
    }
    return this.status;
  }

  private *list(list: List, io: ShellIO): Run {
    for (const item of list) {
      if (item.background) this.startJob(item, io);
      else yield* this.andOr(item, io);
    }
    return this.status;
  }

  private *andOr(item: AndOr, io: ShellIO): Run {
    const last = item.rest.length;
    let ran = 0;
    if (last > 0) this.conditionDepth++;
    let status: number;
    try {
      status = yield* this.pipeline(item.first, io);
    } finally {
      if (last > 0) this.conditionDepth--;
    }
    let bang = item.first.bang;
    for (let k = 0; k < last; k++) {
      const { op, pipeline } = item.rest[k];
      if ((op === '&&') !== (status === 0)) continue;
      const final = k === last - 1;
      if (!final) this.conditionDepth++;
      try {
        status = yield* this.pipeline(pipeline, io);
      } finally {
        if (!final) this.conditionDepth--;
      }
      ran = k + 1;
      bang = pipeline.bang;
    }
    if (status !== 0 && this.options.errexit && this.conditionDepth === 0 && ran === last && !bang) throw new ExitSignal(status);
    return status;
  }

  private *pipeline(p: Pipeline, io: ShellIO): Run {
    let status = 0;
    if (p.commands.length === 1) status = yield* this.command(p.commands[0], io);
    else {
      let input = io.stdin;
      let blocked = false;
      let failed = 0;
      for (const [k, cmd] of p.commands.entries()) {
        const final = k === p.commands.length - 1;
        let text = '';
        const capture = (t: string) => {
          text += t;
        };
        const stageIO: ShellIO = { stdin: input, out: final ? io.out : capture, err: io.err };
        const r = runToEnd(this.fork().subshell(function* (sh) {
          return yield* sh.command(cmd, stageIO);
        }));
        blocked ||= r.blocked;
        if (r.status !== 0) failed = r.status;
        status = r.status;
        input = new InputStream(text);
      }
      if (this.options.pipefail) status = failed;
      if (blocked) yield { ms: Number.POSITIVE_INFINITY };
    }
    if (p.bang) status = status === 0 ? 1 : 0;
    this.status = status;
    return status;
  }

  /** Runs `body` as a subshell of this (already forked) shell: `exit` ends only it. */
  private *subshell(body: (sh: Shell) => Run): Run {
    try {
      return yield* body(this);
    } catch (e) {
      if (e instanceof ExitSignal) return e.status;
      if (e instanceof LoopSignal) return this.status;
      throw e;
    }
  }

  private *command(cmd: Command, io: ShellIO): Run {
    switch (cmd.type) {
      case 'simple':
        return yield* this.simple(cmd, io);
      case 'function':
        this.functions.set(cmd.name, cmd.body);
        this.status = 0;
        return 0;
    }
    const rio = this.redirect(cmd.redirects, io);
    if (rio === undefined) {
      this.status = 1;
      return 1;
    }
    switch (cmd.type) {
      case 'group':
        return yield* this.list(cmd.body, rio);
      case 'subshell': {
        const status = yield* this.fork().subshell(function* (sh) {
          return yield* sh.list(cmd.body, rio);
        });
        this.status = status;
        return status;
      }
      case 'if': {
        for (const clause of cmd.clauses) {
          if ((yield* this.condition(clause.cond, rio)) === 0) return yield* this.list(clause.body, rio);
        }
        this.status = 0;
        return cmd.otherwise ? yield* this.list(cmd.otherwise, rio) : 0;
      }
      case 'while':
      case 'until':
        return yield* this.loop(
          function* (sh) {
            return ((yield* sh.condition(cmd.cond, rio)) === 0) === (cmd.type === 'while');
          },
          cmd.body,
          rio,
        );
      case 'for': {
        const ctx = this.expansion(rio);
        const items = cmd.words ? this.expanded(() => expandWords(ctx, cmd.words as string[]), rio) : [...this.positional];
        let k = 0;
        const next = (sh: Shell) => {
          if (k >= items.length) return false;
          sh.setVar(cmd.name, items[k++], sh.exported.has(cmd.name));
          return true;
        };
        return yield* this.loop(next, cmd.body, rio);
      }
      case 'case': {
        const ctx = this.expansion(rio);
        const word = this.expanded(() => expandString(ctx, cmd.word), rio);
        this.status = 0;
        for (const item of cmd.items) {
          if (item.patterns.some((p) => this.expanded(() => patternRegExp(ctx, p), rio).test(word))) return yield* this.list(item.body, rio);
        }
        return 0;
      }
    }
  }

  /** A loop: runs `body` while `test` (a condition list, or the next `for` item) holds; `break`/`continue` end here. */
  private *loop(test: (sh: Shell) => Generator<Pause, boolean, number | undefined> | boolean, body: List, io: ShellIO): Run {
    let status = 0;
    this.loopDepth++;
    try {
      for (;;) {
        // Each round counts as a command too, so no loop can spin without spending the budget.
        if (++this.budget.steps > MAX_STEPS_WITHOUT_WAIT) throw new BusyError('busy loop');
        const t = test(this);
        if (!(typeof t === 'boolean' ? t : yield* t)) break;
        try {
          status = yield* this.list(body, io);
        } catch (e) {
          if (!(e instanceof LoopSignal)) throw e;
          if (e.levels > 1) throw new LoopSignal(e.kind, e.levels - 1);
          if (e.kind === 'break') break;
        }
      }
    } finally {
      this.loopDepth--;
    }
    this.status = status;
    return status;
  }

  /** Runs a condition list (`if`, `while`): `set -e` does not apply inside. */
  private *condition(list: List, io: ShellIO): Run {
    this.conditionDepth++;
    try {
      return yield* this.list(list, io);
    } finally {
      this.conditionDepth--;
    }
  }

  private expansion(io: ShellIO): ExpansionContext {
    return {
      get: (name) => {
        // ash's RANDOM: 0–32767 afresh at each read, until the script unsets it.
        if (name === 'RANDOM' && this.budget.random && !this.unsetRandom) return String(this.budget.random() % 32768);
        const v = this.vars.get(name);
        if (v === undefined && this.options.nounset && name !== 'IFS' && name !== 'HOME') throw new ExpansionError(`${name}: parameter not set`, 1);
        return v;
      },
      set: (name, value) => this.setVar(name, value, this.exported.has(name)),
      special: (name) => (name === '?' ? String(this.status) : name === '0' ? this.arg0 : name === '$' ? '1' : name === '-' ? this.flags() : name === '!' ? (this.vars.get('!') ?? '') : ''),
      positional: () => this.positional,
      substitute: (script) => {
        let out = '';
        const sub = this.fork();
        const r = runToEnd(sub.subshell(function* (sh) {
          const capture = (t: string) => {
            out += t;
          };
          return yield* sh.runScript(script, { stdin: new InputStream(), out: capture, err: io.err });
        }));
        this.substituted = r.status;
        return out;
      },
      glob: (pattern) => expandGlob(this.fs.at(this.cwd), pattern),
    };
  }

  private flags(): string {
    return `${this.options.errexit ? 'e' : ''}${this.options.xtrace ? 'x' : ''}${this.options.nounset ? 'u' : ''}`;
  }

  /** Runs an expansion; an expansion error prints `sh: …` and ends the shell (status 1, 2 for syntax). */
  private expanded<T>(fn: () => T, io: ShellIO): T {
    try {
      return fn();
    } catch (e) {
      // A syntax error shows up here from text the parser did not check (a here-document's body).
      if (!(e instanceof ExpansionError) && !(e instanceof ShellSyntaxError)) throw e;
      io.err(`${this.arg0}: ${e.message}\n`);
      throw new ExitSignal(e instanceof ExpansionError ? e.status : 2);
    }
  }

  private *simple(cmd: SimpleCommand, io: ShellIO): Run {
    if (++this.budget.steps > MAX_STEPS_WITHOUT_WAIT) throw new BusyError('busy loop');
    const ctx = this.expansion(io);
    this.substituted = 0;
    const words = this.expanded(() => expandWords(ctx, cmd.words), io);
    const assigns = cmd.assigns.map((a) => [a.name, this.expanded(() => expandString(ctx, a.value), io)] as const);
    const substituted = this.substituted;
    if (this.options.xtrace && (words.length > 0 || assigns.length > 0)) io.err(`+ ${[...assigns.map(([k, v]) => `${k}=${v}`), ...words].join(' ')}\n`);
    const rio = this.redirect(cmd.redirects, io);
    if (rio === undefined || words.length === 0) {
      if (rio !== undefined) for (const [k, v] of assigns) this.setVar(k, v, this.exported.has(k));
      this.status = rio === undefined ? 1 : substituted;
      return this.status;
    }
    const [name, ...args] = words;
    const fn = this.functions.get(name);
    let status: number;
    if (fn) status = yield* this.callFunction(fn, args, rio);
    else {
      const builtin = this.builtin(name, args, assigns, rio);
      if (builtin !== undefined) status = typeof builtin === 'number' ? builtin : yield* builtin;
      else {
        const environ = this.environ();
        for (const [k, v] of assigns) {
          const at = environ.findIndex(([n]) => n === k);
          if (at >= 0) environ[at] = [k, v];
          else environ.push([k, v]);
        }
        status = yield* this.runProgram(words, environ, rio, this.cwd, this.budget);
      }
    }
    this.status = status;
    if (this.pending.length > 0) yield* this.runTraps(io);
    return status;
  }

  private *callFunction(body: Command, args: string[], io: ShellIO): Run {
    const saved = this.positional;
    this.positional = args;
    try {
      return yield* this.command(body, io);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.status;
      throw e;
    } finally {
      this.positional = saved;
    }
  }

  /**
   * A builtin's status, or its run when it runs commands (`eval`, `.`, `exec`); undefined when
   * `name` is not a builtin.
   */
  private builtin(name: string, args: string[], assigns: readonly (readonly [string, string])[], io: ShellIO): number | Run | undefined {
    const assign = () => {
      for (const [k, v] of assigns) this.setVar(k, v, this.exported.has(k));
    };
    switch (name) {
      case ':':
      case 'true':
        assign();
        return 0;
      case 'false':
        return 1;
      case 'exit':
        throw new ExitSignal(args[0] === undefined ? this.status : Number(args[0]) & 255);
      case 'return':
        throw new ReturnSignal(args[0] === undefined ? this.status : Number(args[0]) & 255);
      case 'break':
      case 'continue':
        if (this.loopDepth === 0) return 0;
        throw new LoopSignal(name, Math.min(Math.max(1, Number(args[0] ?? 1) || 1), this.loopDepth));
      case 'export':
      case 'readonly':
      case 'local':
        assign();
        for (const a of args.filter((x) => x !== '-p' && x !== '-n')) {
          const eq = a.indexOf('=');
          const k = eq < 0 ? a : a.slice(0, eq);
          if (!NAME.test(k)) {
            io.err(`${this.arg0}: ${name}: ${a}: bad variable name\n`);
            return 1;
          }
          if (eq >= 0) this.vars.set(k, a.slice(eq + 1));
          if (name === 'export') this.exported.add(k);
        }
        return 0;
      case 'unset':
        for (const a of args) {
          if (a === '-f') continue;
          if (args[0] === '-f') this.functions.delete(a);
          else {
            this.vars.delete(a);
            this.exported.delete(a);
            if (a === 'RANDOM') this.unsetRandom = true;
          }
        }
        return 0;
      case 'set':
        return this.set(args, io);
      case 'shift': {
        const n = Number(args[0] ?? 1);
        if (n > this.positional.length) {
          io.err(`${this.arg0}: shift: can't shift that many\n`);
          return 1;
        }
        this.positional = this.positional.slice(n);
        return 0;
      }
      case 'cd':
        return this.cd(args[0] ?? this.vars.get('HOME') ?? '/', io);
      case 'pwd':
        io.out(`${this.cwd}\n`);
        return 0;
      case 'read':
        return this.read(args, io);
      case 'trap':
        return this.trap(args, io);
      case 'wait':
        return this.wait(args, io);
      case 'umask':
      case 'ulimit':
        return 0;
      case 'eval':
        return this.evalScript(args.join(' '), io);
      case '.':
      case 'source': {
        let script: string;
        try {
          script = this.fs.at(this.cwd).readFile(args[0] ?? '');
        } catch (e) {
          if (!(e instanceof FsError)) throw e;
          io.err(`${this.arg0}: .: can't open '${args[0] ?? ''}': ${e.message}\n`);
          throw new ExitSignal(2);
        }
        return this.evalScript(script, io);
      }
      case 'exec':
        if (args.length === 0) return 0;
        return this.execProgram(args, io);
    }
    return undefined;
  }

  /** `trap [ACTION] SIGNAL…` (`-` resets, `''` ignores); `trap` alone lists the traps. */
  private trap(args: string[], io: ShellIO): number {
    const rest = args[0] === '--' ? args.slice(1) : args;
    if (rest.length === 0) {
      for (const [sig, action] of this.traps) io.out(`trap -- '${action.replaceAll("'", "'\\''")}' ${sig}\n`);
      return 0;
    }
    // One operand that is a signal: reset it (POSIX).
    const [action, ...sigs] = rest.length === 1 ? ['-', ...rest] : rest;
    for (const s of sigs) {
      const name = /^\d+$/.test(s) ? Object.keys(SIGNALS).find((k) => SIGNALS[k] === Number(s)) : s.toUpperCase().replace(/^SIG/, '');
      if (name === undefined || !(name in SIGNALS)) {
        io.err(`${this.arg0}: trap: ${s}: bad trap\n`);
        return 1;
      }
      if (action === '-') this.traps.delete(name);
      else this.traps.set(name, action);
    }
    return 0;
  }

  /** `wait [PID…]`: until the jobs end (their last status), or 128+N when trapped signal N cuts it short. */
  private *wait(args: string[], io: ShellIO): Run {
    const wanted = args.length > 0 ? this.jobs.filter((j) => args.includes(String(j.pid))) : this.jobs;
    if (wanted.some((j) => !j.done)) yield { ms: Number.POSITIVE_INFINITY, wait: true };
    if (this.pending.length > 0) {
      const sig = this.pending[0];
      yield* this.runTraps(io);
      return 128 + (SIGNALS[sig] ?? 0);
    }
    const last = wanted[wanted.length - 1];
    if (args.length === 0) this.jobs = this.jobs.filter((j) => !j.done);
    return args.length > 0 && last ? last.status : args.length > 0 ? 127 : 0;
  }

  /** `eval`, `.` and traps: a syntax error ends the shell (status 2). */
  private *evalScript(script: string, io: ShellIO): Run {
    const list = this.parse(script, io);
    if (!list) throw new ExitSignal(2);
    return yield* this.list(list, io);
  }

  private *execProgram(argv: string[], io: ShellIO): Run {
    throw new ExitSignal(yield* this.runProgram(argv, this.environ(), io, this.cwd, this.budget));
  }

  private set(args: string[], io: ShellIO): number {
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--') {
        this.positional = args.slice(i + 1);
        return 0;
      }
      if (a === '-o' || a === '+o') {
        const opt = args[++i];
        if (opt === 'pipefail') this.options.pipefail = a === '-o';
        else if (opt === 'errexit') this.options.errexit = a === '-o';
        else if (opt === 'xtrace') this.options.xtrace = a === '-o';
        else if (opt === 'nounset') this.options.nounset = a === '-o';
        else {
          io.err(`${this.arg0}: set: illegal option -o ${opt ?? ''}\n`);
          return 1;
        }
        continue;
      }
      if (/^[-+]\w+$/.test(a)) {
        for (const f of a.slice(1)) {
          if (!this.setOption(f, a[0] === '-')) {
            io.err(`${this.arg0}: set: illegal option -${f}\n`);
            return 1;
          }
        }
        continue;
      }
      this.positional = args.slice(i);
      return 0;
    }
    return 0;
  }

  private cd(dir: string, io: ShellIO): number {
    const target = dir.startsWith('/') ? dir : `${this.cwd.replace(/\/$/, '')}/${dir}`;
    const parts: string[] = [];
    for (const p of target.split('/')) {
      if (!p || p === '.') continue;
      if (p === '..') parts.pop();
      else parts.push(p);
    }
    const path = `/${parts.join('/')}`;
    if (!this.fs.isDirectory(path)) {
      io.err(`${this.arg0}: cd: can't cd to ${dir}: ${this.fs.exists(path) ? 'Not a directory' : 'No such file or directory'}\n`);
      return 1;
    }
    this.setVar('OLDPWD', this.cwd, true);
    this.cwd = path;
    this.setVar('PWD', path, true);
    return 0;
  }

  /** `read [-r] [-p PROMPT] NAME…`: one line, split on IFS, the last name taking the rest. */
  private read(args: string[], io: ShellIO): number {
    let raw = false;
    const names: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '-r') raw = true;
      else if (args[i] === '-p') i++;
      else names.push(args[i]);
    }
    if (names.length === 0) names.push('REPLY');
    let line = io.stdin.readLine();
    const status = line === undefined ? 1 : 0;
    line ??= '';
    if (!raw) line = line.replace(/\\(.)/g, '$1');
    const ifs = this.vars.get('IFS') ?? ' \t\n';
    const white = /^[ \t\n]+|[ \t\n]+$/g;
    let rest = ifs.includes(' ') ? line.replace(white, '') : line;
    for (const [k, n] of names.entries()) {
      if (k === names.length - 1) {
        this.setVar(n, rest, this.exported.has(n));
        break;
      }
      const m = new RegExp(`[${ifs.replace(/[\]\\^-]/g, '\\$&')}]+`).exec(rest);
      this.setVar(n, m ? rest.slice(0, m.index) : rest, this.exported.has(n));
      rest = m ? rest.slice(m.index + m[0].length) : '';
    }
    return status;
  }

  /**
   * Applies redirections to `io`: `>`/`>>` into files (created or truncated at once), `<` from
   * one, `2>&1`-style duplications, and `/dev/null`, `/dev/stdout`, `/dev/stderr`. Undefined (the
   * error printed) when a file cannot be opened.
   */
  private redirect(redirects: readonly Redirect[], io: ShellIO): ShellIO | undefined {
    if (redirects.length === 0) return io;
    let { stdin, out, err } = io;
    const fs = this.fs.at(this.cwd);
    for (const r of redirects) {
      if (r.op === '<<') {
        stdin = new InputStream(r.quoted ? r.target : this.expanded(() => expandHereDocument(this.expansion(io), r.target), io));
        continue;
      }
      const target = this.expanded(() => expandString(this.expansion(io), r.target), io);
      let sink: ((t: string) => void) | undefined;
      if (r.op === '>&' || r.op === '<&') {
        if (target === '1') sink = out;
        else if (target === '2') sink = err;
        else if (target === '-') sink = () => {};
        else {
          io.err(`${this.arg0}: ${target}: bad file descriptor\n`);
          return undefined;
        }
      } else if (r.op === '<') {
        try {
          stdin = new InputStream(target === '/dev/null' ? '' : fs.readFile(target));
        } catch (e) {
          if (!(e instanceof FsError)) throw e;
          io.err(`${this.arg0}: can't open '${target}': ${e.message}\n`);
          return undefined;
        }
        continue;
      } else if (target === '/dev/null') sink = () => {};
      else if (target === '/dev/stdout') sink = out;
      else if (target === '/dev/stderr') sink = err;
      else {
        try {
          if (r.op === '>') fs.writeFile(target, '');
          else fs.writeFile(target, '', true);
        } catch (e) {
          if (!(e instanceof FsError)) throw e;
          io.err(`${this.arg0}: can't create ${target}: ${e.message}\n`);
          return undefined;
        }
        sink = (t) => fs.writeFile(target, t, true);
      }
      if (r.fd === 1) out = sink;
      else if (r.fd === 2) err = sink;
    }
    return { stdin, out, err };
  }
}
