/**
 * Running a program in a container by name, as the kernel would exec it from busybox's applets:
 * `sh` (a new shell), `sleep` (a wait on virtual time), `date`, `env`, `echo`, `printf`, `test`,
 * `seq`, `basename`, `dirname`, and the file and text commands the host provides. A program
 * kubesim does not know either runs until stopped (a container's own server) or is `not found`.
 * @see busybox shell/ash.c (option parsing of `sh`), coreutils/sleep.c, coreutils/env.c
 */
import type { ContainerFilesystem } from '../container-fs.js';
import { FsError } from '../container-fs.js';
import { runDate } from './date.js';
import { type ProgramRunner, Shell } from './interpreter.js';
import { InputStream, type Run, type ShellIO, type StepBudget } from './io.js';
import { echo, env, printf, seq, test } from './utilities.js';

/** What a program's output and status were (a host command). */
export interface ProgramResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** The container's side of running programs. */
export interface ProgramHost {
  readonly fs: ContainerFilesystem;
  /** Runs one of the host's commands (`ls`, `cat`, `wc`, …) over `fs`; undefined when it has none of that name. */
  external(name: string, args: readonly string[], stdin: string, fs: ContainerFilesystem): ProgramResult | undefined;
  /** Epoch ms now on the virtual clock (`date`). */
  nowMs(): number;
  /** A random 32-bit draw (`$RANDOM`); absent, `$RANDOM` is an ordinary variable. */
  readonly random?: () => number;
  /** A program kubesim does not know: true, it runs until stopped (a container's own program); false, `not found`. */
  readonly unknownRuns: boolean;
  /** Whether the image is known not to ship `name` (bash in busybox): then it is `not found` even where kubesim has it. */
  readonly lacks?: (name: string) => boolean;
}

const SLEEP_UNIT: Readonly<Record<string, number>> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** busybox `sleep`'s argument in ms (`10`, `1.5`, `5m`, `inf`); undefined for nonsense. */
export function sleepMs(arg: string): number | undefined {
  if (arg === 'infinity' || arg === 'inf') return Number.POSITIVE_INFINITY;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
  return m ? Math.round(Number(m[1]) * SLEEP_UNIT[m[2]]) : undefined;
}

/** The program runner of a container. */
export function programRunner(host: ProgramHost): ProgramRunner {
  const run: ProgramRunner = function* (argv, environ, io, cwd, budget) {
    const name = (argv[0] ?? '').replace(/^.*\//, '');
    const args = argv.slice(1);
    const write = (r: ProgramResult) => {
      if (r.stdout) io.out(r.stdout);
      if (r.stderr) io.err(r.stderr);
      return r.exitCode;
    };
    if (host.lacks?.(name)) return write({ stdout: '', stderr: `sh: ${argv[0] ?? ''}: not found\n`, exitCode: 127 });
    switch (name) {
      case 'sh':
      case 'ash':
      case 'bash':
        return yield* shell(run, host, argv, environ, io, cwd, budget);
      case 'sleep': {
        if (args.length === 0) return write({ stdout: '', stderr: 'sleep: missing operand\n', exitCode: 1 });
        let ms = 0;
        for (const a of args) {
          const v = sleepMs(a);
          if (v === undefined) return write({ stdout: '', stderr: `sleep: invalid number '${a}'\n`, exitCode: 1 });
          ms += v;
        }
        yield { ms };
        return 0;
      }
      case 'date':
        return write(runDate(args, host.nowMs()));
      case 'env':
      case 'printenv': {
        if (name === 'env') {
          const vars = args[0] === '-i' ? [] : environ.map(([k, v]) => [k, v] as [string, string]);
          let i = args[0] === '-i' ? 1 : 0;
          for (; i < args.length && /^[^=]+=/.test(args[i]); i++) {
            const [k, ...v] = args[i].split('=');
            const at = vars.findIndex(([n]) => n === k);
            if (at >= 0) vars[at] = [k, v.join('=')];
            else vars.push([k, v.join('=')]);
          }
          if (i < args.length) return yield* run(args.slice(i), vars, io, cwd, budget);
          return write(env('env', [], vars));
        }
        return write(env('printenv', args, environ));
      }
      case 'echo':
        return write(echo(args));
      case 'printf':
        return write(printf(args));
      case 'test':
      case '[':
        return write(test(host.fs.at(cwd), name, args));
      case 'seq':
        return write(seq(args));
      case 'true':
        return 0;
      case 'false':
        return 1;
      case 'basename': {
        if (!args[0]) return write({ stdout: '', stderr: 'basename: missing operand\n', exitCode: 1 });
        let base = args[0].replace(/\/+$/, '').replace(/^.*\//, '') || (args[0].startsWith('/') ? '/' : '');
        if (args[1] && base !== args[1] && base.endsWith(args[1])) base = base.slice(0, -args[1].length);
        return write({ stdout: `${base}\n`, stderr: '', exitCode: 0 });
      }
      case 'dirname': {
        if (!args[0]) return write({ stdout: '', stderr: 'dirname: missing operand\n', exitCode: 1 });
        const trimmed = args[0].replace(/\/+$/, '');
        const dir = trimmed.includes('/') ? trimmed.replace(/\/[^/]*$/, '') || '/' : args[0].startsWith('/') ? '/' : '.';
        return write({ stdout: `${dir}\n`, stderr: '', exitCode: 0 });
      }
      case 'tail':
        if (args.includes('-f') || args.includes('-F')) {
          write(host.external('tail', args.filter((a) => a !== '-f' && a !== '-F'), io.stdin.readAll(), host.fs.at(cwd)) ?? { stdout: '', stderr: '', exitCode: 0 });
          yield { ms: Number.POSITIVE_INFINITY };
          return 0;
        }
    }
    const r = host.external(name, args, io.stdin.readAll(), host.fs.at(cwd));
    if (r) return write(r);
    if (host.unknownRuns && name !== '') {
      yield { ms: Number.POSITIVE_INFINITY };
      return 0;
    }
    return write({ stdout: '', stderr: `sh: ${argv[0] ?? ''}: not found\n`, exitCode: 127 });
  };
  return run;
}

/**
 * `sh [-eux] -c SCRIPT [NAME [ARG…]]`, `sh FILE [ARG…]`, or `sh` reading its script from
 * standard input: a new shell with the caller's environment.
 */
function* shell(run: ProgramRunner, host: ProgramHost, argv: readonly string[], environ: readonly (readonly [string, string])[], io: ShellIO, cwd: string, budget: StepBudget): Run {
  let flags = '';
  let i = 1;
  for (; i < argv.length && /^-[a-z]+$/.test(argv[i]); i++) flags += argv[i].slice(1);
  let script: string;
  let arg0 = argv[0];
  let positional: string[];
  if (flags.includes('c')) {
    if (i >= argv.length) {
      io.err(`${argv[0]}: -c requires an argument\n`);
      return 2;
    }
    script = argv[i];
    arg0 = argv[i + 1] ?? argv[0];
    positional = argv.slice(i + 2);
  } else if (i < argv.length) {
    try {
      script = host.fs.at(cwd).readFile(argv[i]);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      io.err(`${argv[0]}: can't open '${argv[i]}': ${e.message}\n`);
      return 2;
    }
    arg0 = argv[i];
    positional = argv.slice(i + 1);
  } else {
    script = io.stdin.readAll();
    positional = [];
  }
  budget.random ??= host.random;
  const sh = new Shell(run, host.fs, environ, arg0, positional, budget, cwd);
  sh.setFlags(flags.replace('c', ''));
  return yield* sh.runScript(script, { ...io, stdin: flags.includes('c') || i < argv.length ? io.stdin : new InputStream() });
}
