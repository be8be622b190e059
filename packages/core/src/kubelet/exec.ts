/**
 * `kubectl exec` inside a simulated container: a handful of busybox commands over the
 * container's filesystem model and cluster DNS, and `sh -c` lines with pipes, pathname
 * expansion, redirections and `;`/`&&`/`||`. Unknown commands answer like `sh` does.
 */
import type { ClusterDns } from '../controllers/endpoints/cluster-dns.js';
import { type ContainerFilesystem, FsError } from './container-fs.js';
import { CLUSTER_DNS_IP } from './defaults.js';
import { expandGlob } from './glob.js';
import { runTextCommand, TEXT_COMMANDS } from './text-commands.js';

/** What a command printed and returned. */
export interface ExecResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** What commands can see. */
export interface ExecEnv {
  readonly fs: ContainerFilesystem;
  readonly hostname: string;
  readonly namespace: string;
  /** Cluster DNS (CoreDNS) as the pod's resolver sees it. */
  readonly dns: ClusterDns;
  /** The process environment (the container's); none when absent. */
  readonly env?: Readonly<Record<string, string>>;
}

const ok = (stdout = ''): ExecResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1): ExecResult => ({ stdout: '', stderr, exitCode });

/** A word of a command line and whether it is an unquoted pattern (`*`, `?`, `[`) to expand. */
interface MarkedWord {
  readonly text: string;
  readonly glob: boolean;
}

/** Splits a shell line into words, noting which hold unquoted pattern characters. */
function splitMarked(line: string): MarkedWord[] {
  const out: MarkedWord[] = [];
  let cur = '';
  let quote: string | undefined;
  let has = false;
  let glob = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (cur || has) out.push({ text: cur, glob });
      cur = '';
      has = false;
      glob = false;
    } else {
      if (ch === '*' || ch === '?' || ch === '[') glob = true;
      cur += ch;
    }
  }
  if (cur || has) out.push({ text: cur, glob });
  return out;
}

/** Splits a shell line into words (quotes, no expansion). */
export function shellSplit(line: string): string[] {
  return splitMarked(line).map((w) => w.text);
}

function fsErr(cmd: string, path: string, e: unknown): ExecResult {
  if (e instanceof FsError) return fail(`${cmd}: ${path}: ${e.message}\n`);
  throw e;
}

/** The busybox commands `runCommand` knows (anything else is `not found`). */
const BUSYBOX_COMMANDS = new Set(['echo', 'hostname', 'true', 'false', 'ls', 'cat', 'touch', 'rm', 'mkdir', 'df', 'nslookup', 'getent', ...TEXT_COMMANDS]);

/** Whether `cmd` (a bare name) is one of the busybox commands kubesim runs. */
export function isBusyboxCommand(cmd: string): boolean {
  return BUSYBOX_COMMANDS.has(cmd);
}

/**
 * Runs argv with `stdin` as its standard input; `sh -c "<line>"` runs a line with pipes, pathname
 * expansion, `>`/`>>` redirection and `;`/`&&`/`||`.
 */
export function runCommand(env: ExecEnv, argv: readonly string[], stdin = ''): ExecResult {
  if (argv.length === 0) return fail('sh: : not found\n', 127);
  const [cmd, ...args] = argv;
  if ((cmd === 'sh' || cmd === '/bin/sh' || cmd === 'bash') && args[0] === '-c') return runLine(env, args[1] ?? '');
  const redirect = argv.findIndex((a) => a === '>' || a === '>>');
  if (redirect > 0) return runRedirected(env, argv.slice(0, redirect), argv[redirect] === '>>', argv[redirect + 1] ?? '', stdin);
  return runSimple(env, cmd.replace(/^\/(usr\/)?bin\//, ''), args, stdin);
}

function runLine(env: ExecEnv, line: string): ExecResult {
  let stdout = '';
  let stderr = '';
  let status = 0;
  for (const step of splitScript(line)) {
    if ((step.after === '&&' && status !== 0) || (step.after === '||' && status === 0)) continue;
    const r = runPipeline(env, step.pipeline);
    stdout += r.stdout;
    stderr += r.stderr;
    status = r.exitCode;
  }
  return { stdout, stderr, exitCode: status };
}

/** `a | b | c`: each command's stdout is the next one's stdin; the status is the last one's. */
function runPipeline(env: ExecEnv, pipeline: readonly ShellCommand[]): ExecResult {
  let stdin = '';
  let stderr = '';
  let last: ExecResult = ok();
  for (const command of pipeline) {
    const argv = command.words.flatMap((w, i) => (command.globs[i] ? expandGlob(env.fs, w) : [w]));
    last = runCommand(env, argv, stdin);
    stdin = last.stdout;
    stderr += last.stderr;
  }
  return { stdout: last.stdout, stderr, exitCode: last.exitCode };
}

/** Runs one step of a script (its whole pipeline), as `sh` runs a line of a container's command. */
export function runScriptStep(env: ExecEnv, step: ScriptStep): ExecResult {
  return runPipeline(env, step.pipeline);
}

/** One command of a pipeline: its words and which of them are unquoted patterns. */
export interface ShellCommand {
  readonly words: readonly string[];
  readonly globs: readonly boolean[];
}

/** One pipeline of a script and how it is joined to the one before (`;`, `&&`, `||`). */
export interface ScriptStep {
  /** The words of the pipeline's first command. */
  readonly words: readonly string[];
  readonly after: ';' | '&&' | '||';
  /** Every command of the pipeline (`a | b`), the first included. */
  readonly pipeline: readonly ShellCommand[];
}

/** A command's words, a redirection glued to its file (`>out`, `>>out`) split from it. */
function commandOf(text: string): ShellCommand | undefined {
  const marked = splitMarked(text).flatMap((w) =>
    w.text !== '>>' && w.text.startsWith('>>')
      ? [{ text: '>>', glob: false }, { text: w.text.slice(2), glob: false }]
      : w.text !== '>' && w.text.startsWith('>') && !w.text.startsWith('>>')
        ? [{ text: '>', glob: false }, { text: w.text.slice(1), glob: false }]
        : [w],
  );
  return marked.length ? { words: marked.map((w) => w.text), globs: marked.map((w) => w.glob) } : undefined;
}

/** Splits a script at `;`, `&&`, `||` and newlines outside quotes into pipelines (`|`) of commands. */
export function splitScript(script: string): ScriptStep[] {
  const steps: ScriptStep[] = [];
  let cur = '';
  let quote: string | undefined;
  let after: ScriptStep['after'] = ';';
  let pipeline: ShellCommand[] = [];
  const endCommand = () => {
    const command = commandOf(cur);
    if (command) pipeline.push(command);
    cur = '';
  };
  const flush = (next: ScriptStep['after']) => {
    endCommand();
    if (pipeline.length > 0) steps.push({ words: pipeline[0].words, after, pipeline });
    pipeline = [];
    after = next;
  };
  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      cur += ch;
    } else if (ch === ';' || ch === '\n') flush(';');
    else if ((ch === '&' || ch === '|') && script[i + 1] === ch) {
      flush(ch === '&' ? '&&' : '||');
      i++;
    } else if (ch === '|') endCommand();
    else cur += ch;
  }
  flush(';');
  return steps;
}

function runRedirected(env: ExecEnv, argv: readonly string[], append: boolean, path: string, stdin: string): ExecResult {
  const r = runCommand(env, argv, stdin);
  try {
    env.fs.writeFile(path, r.stdout, append);
  } catch (e) {
    if (e instanceof FsError) return { stdout: '', stderr: `sh: can't create ${path}: ${e.message}\n`, exitCode: 1 };
    throw e;
  }
  return { stdout: '', stderr: r.stderr, exitCode: r.exitCode };
}

function runSimple(env: ExecEnv, cmd: string, args: readonly string[], stdin: string): ExecResult {
  const paths = args.filter((a) => !a.startsWith('-'));
  const flags = args.filter((a) => a.startsWith('-')).join('');
  if (TEXT_COMMANDS.has(cmd)) return runTextCommand(env.fs, cmd, args, stdin);
  switch (cmd) {
    case 'echo':
      return ok(`${args.filter((a) => a !== '-n').join(' ')}${args[0] === '-n' ? '' : '\n'}`);
    case 'hostname':
      return ok(`${env.hostname}\n`);
    case 'true':
      return ok();
    case 'false':
      return fail('');
    case 'ls':
      return ls(env, paths.length ? paths : ['.'], flags.includes('l'), flags.includes('a') ? 'a' : flags.includes('A') ? 'A' : undefined);
    case 'cat':
      return paths.length === 0 ? ok(stdin) : each(paths, 'cat', (p) => (p === '-' ? stdin : env.fs.readFile(p)));
    case 'touch':
      return each(paths, 'touch', (p) => {
        if (!env.fs.exists(p)) env.fs.writeFile(p, '');
        return '';
      });
    case 'rm':
      return each(paths, 'rm', (p) => {
        env.fs.remove(p, flags.includes('r'));
        return '';
      }, (p, e) => `rm: can't remove '${p}': ${e.message}\n`);
    case 'mkdir':
      return each(paths, 'mkdir', (p) => {
        env.fs.mkdir(p, flags.includes('p'));
        return '';
      }, (p, e) => `mkdir: can't create directory '${p}': ${e.message}\n`);
    case 'df':
      return df(env);
    case 'nslookup':
      return nslookup(env, paths[0] ?? '');
    case 'getent':
      return getent(env, args);
    default:
      return fail(`sh: ${cmd}: not found\n`, 127);
  }
}

function each(paths: readonly string[], cmd: string, fn: (p: string) => string, errText?: (p: string, e: FsError) => string): ExecResult {
  let stdout = '';
  let stderr = '';
  for (const p of paths) {
    try {
      stdout += fn(p);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      stderr += errText ? errText(p, e) : fsErr(cmd, p, e).stderr;
    }
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

/**
 * `ls [-l] [-a|-A] [PATH…]`: file operands first, then each directory's entries (dot files with `-A`, and `.` `..` too with `-a`;
 * a `dir:` header when there are several operands).
 */
function ls(env: ExecEnv, paths: readonly string[], long: boolean, all: 'a' | 'A' | undefined): ExecResult {
  let stdout = '';
  let stderr = '';
  const files: string[] = [];
  const dirs: string[] = [];
  for (const p of paths) {
    if (!env.fs.exists(p)) stderr += `ls: ${p}: No such file or directory\n`;
    else (env.fs.isDirectory(p) ? dirs : files).push(p);
  }
  const entry = (name: string, full: string) => {
    if (!long) return `${name}\n`;
    const dir = env.fs.isDirectory(full);
    const size = dir ? 4096 : env.fs.readFile(full).length;
    return `${dir ? 'drwxr-xr-x' : '-rw-r--r--'}    1 root     root     ${String(size).padStart(8)} Jan  1 00:00 ${name}\n`;
  };
  for (const f of files.sort()) stdout += entry(f, f);
  for (const [i, d] of dirs.sort().entries()) {
    if (paths.length > 1) stdout += `${files.length > 0 || i > 0 ? '\n' : ''}${d}:\n`;
    try {
      const names = env.fs.list(d).filter((n) => all !== undefined || !n.startsWith('.'));
      for (const n of all === 'a' ? ['.', '..', ...names] : names) stdout += entry(n, n === '.' || n === '..' ? d : `${d.replace(/\/$/, '')}/${n}`);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      stderr += `ls: ${d}: ${e.message}\n`;
    }
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

function df(env: ExecEnv): ExecResult {
  const rows = ['Filesystem           1K-blocks      Used Available Use% Mounted on'];
  const root = Math.ceil(env.fs.root.usedBytes() / 1024);
  rows.push(`overlay               20959212   ${String(4_200_000 + root).padStart(7)}  16759212  21% /`);
  for (const m of [...env.fs.allMounts()].sort((a, b) => a.path.localeCompare(b.path))) {
    const used = Math.ceil(m.fs.usedBytes() / 1024);
    rows.push(`/dev/nvme0n1p1        20959212   ${String(4_200_000 + used).padStart(7)}  16759212  21% /${m.path}`);
  }
  return ok(`${rows.join('\n')}\n`);
}

function nslookup(env: ExecEnv, name: string): ExecResult {
  const header = `Server:\t\t${CLUSTER_DNS_IP}\nAddress:\t${CLUSTER_DNS_IP}:53\n\n`;
  const answer = name ? env.dns.lookup(name, env.namespace) : undefined;
  if (!answer) {
    const fq = name.includes('.') ? name : `${name}.${env.namespace}.svc.cluster.local`;
    return { stdout: header, stderr: `** server can't find ${fq}: NXDOMAIN\n`, exitCode: 1 };
  }
  const lines = answer.addresses.map((a) => `Name:\t${answer.name}\nAddress: ${a}\n`).join('');
  return ok(`${header}${lines}`);
}

function getent(env: ExecEnv, args: readonly string[]): ExecResult {
  if (args[0] !== 'hosts' || !args[1]) return fail('', 1);
  const answer = env.dns.lookup(args[1], env.namespace);
  if (!answer) return fail('', 2);
  return ok(`${answer.addresses.map((a) => `${a.padEnd(15)} ${answer.name}`).join('\n')}\n`);
}
