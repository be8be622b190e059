/**
 * Commands inside a simulated container (`kubectl exec`, and what a container's script runs):
 * the busybox file, text and network commands over the container's filesystem model and
 * cluster DNS; shells, loops and the other utilities are in `shell/`.
 */
import type { ClusterDns } from '../controllers/endpoints/cluster-dns.js';
import { type ContainerFilesystem, FsError } from './container-fs.js';
import { CLUSTER_DNS_IP } from './defaults.js';
import { df, du } from './disk-usage.js';
import { imageHasCurl, runCurl } from './curl-command.js';
import { imageLacks, missingExecutable } from './image-programs.js';
import type { ImageProgram } from './images.js';
import { runFind } from './find-command.js';
import type { PodNetwork, PodRef } from './pod-network.js';
import { InputStream, runToEnd } from './shell/io.js';
import { type ProgramHost, programRunner } from './shell/program.js';
import { FILE_COMMANDS, runFileCommand } from './file-commands.js';
import { runSed } from './sed-command.js';
import { runTar } from './tar-command.js';
import { runWget } from './wget-command.js';
import { runTextCommand, TEXT_COMMANDS } from './text-commands.js';

/** What a command printed and returned. */
export interface ExecResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  /** The command would never have ended (a `sleep infinity`, a loop that does not stop): stopped with status 130. */
  readonly unfinished?: true;
  /** The virtual ms its sleeps and waits would have taken (`kubectl exec` does not wait for them). */
  readonly elapsedMs?: number;
  /**
   * The runtime could not start the program at all (not in the image): the API server's error
   * text, which kubectl prints as `error: …` (no exit code of the command).
   */
  readonly execError?: string;
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
  /** Epoch ms now on the virtual clock (`date`); the epoch when absent. */
  readonly nowMs?: () => number;
  /** A random 32-bit draw from the container's own stream (`$RANDOM`); none when absent. */
  readonly random?: () => number;
  /** The pod network (`wget`); without it every connection times out. */
  readonly network?: PodNetwork;
  /** The pod the container runs in (its loopback). */
  readonly pod?: PodRef;
  /** The container's image, normalized (`curlimages/curl:8.11.1`): which programs it ships beyond busybox's. */
  readonly image?: string;
  /** Programs the image ships beyond busybox's (`ImageBehaviour.programs`). */
  readonly programs?: Readonly<Record<string, ImageProgram>>;
}

const ok = (stdout = ''): ExecResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1): ExecResult => ({ stdout: '', stderr, exitCode });

function fsErr(cmd: string, path: string, e: unknown): ExecResult {
  if (e instanceof FsError) return fail(`${cmd}: ${path}: ${e.message}\n`);
  throw e;
}

/**
 * Runs argv in the container as `kubectl exec` does (no shell unless argv starts one: `sh -c
 * "…"` runs a script with pipes, loops, expansions and redirections), with `stdin` as standard
 * input. Sleeps take no virtual time. A command that would never end (`sleep infinity`,
 * `tail -f`, a loop that does not stop) returns what it printed with status 130, as if
 * interrupted.
 */
export function runCommand(env: ExecEnv, argv: readonly string[], stdin = ''): ExecResult {
  if (argv.length === 0) return fail('sh: : not found\n', 127);
  // Exec runs the program itself, no shell: one the image does not ship fails in the runtime.
  const program = argv[0].replace(/^.*\//, '');
  if (imageLacks(env.image, program)) {
    const id = Array.from({ length: 8 }, () => ((env.random?.() ?? 0) >>> 0).toString(16).padStart(8, '0')).join('');
    return {
      stdout: '',
      stderr: '',
      exitCode: 1,
      execError: `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec ${JSON.stringify(id)}: OCI runtime exec failed: exec failed: unable to start container process: ${missingExecutable(argv[0])}: unknown`,
    };
  }
  let stdout = '';
  let stderr = '';
  const run = programRunner(programHost(env, false));
  const io = {
    stdin: new InputStream(stdin),
    out: (t: string) => {
      stdout += t;
    },
    err: (t: string) => {
      stderr += t;
    },
  };
  const r = runToEnd(run(argv, Object.entries(env.env ?? {}), io, env.fs.cwd, { steps: 0 }));
  if (r.blocked) return { stdout, stderr, exitCode: 130, unfinished: true };
  return r.elapsedMs > 0 ? { stdout, stderr, exitCode: r.status, elapsedMs: r.elapsedMs } : { stdout, stderr, exitCode: r.status };
}

/**
 * The container's side of running programs: the busybox commands of this file over `env`, the
 * virtual clock; `unknownRuns` for a container's own process (a program kubesim does not know
 * keeps running) rather than `kubectl exec` (`not found`).
 */
export function programHost(env: ExecEnv, unknownRuns: boolean): ProgramHost {
  return {
    fs: env.fs,
    external: (name, args, stdin, fs) => {
      const own = env.programs?.[name];
      if (own) return own(args);
      if (BUSYBOX_COMMANDS.has(name)) return runBusybox({ ...env, fs }, name, args, stdin);
      if (name === 'curl' && imageHasCurl(env.image)) return runCurl({ ...env, fs }, args);
      return undefined;
    },
    nowMs: () => env.nowMs?.() ?? 0,
    random: env.random,
    unknownRuns,
    lacks: (name) => imageLacks(env.image, name),
  };
}

/** The file, text and network commands this file runs (the shell's utilities run the rest). */
const BUSYBOX_COMMANDS = new Set(['hostname', 'ls', 'cat', 'touch', 'rm', 'mkdir', 'df', 'nslookup', 'getent', 'tar', 'du', 'find', 'wget', 'sed', ...TEXT_COMMANDS, ...FILE_COMMANDS]);

function runBusybox(env: ExecEnv, cmd: string, args: readonly string[], stdin: string): ExecResult {
  const paths = args.filter((a) => !a.startsWith('-'));
  const flags = args.filter((a) => a.startsWith('-')).join('');
  if (FILE_COMMANDS.has(cmd)) return runFileCommand(env.fs, cmd, args, stdin);
  if (TEXT_COMMANDS.has(cmd)) return runTextCommand(env.fs, cmd, args, stdin);
  switch (cmd) {
    case 'hostname':
      return hostname(env, flags);
    case 'ls':
      return ls(env, paths.length ? paths : ['.'], flags.includes('l'), flags.includes('a') ? 'a' : flags.includes('A') ? 'A' : undefined, flags.includes('R'));
    case 'cat':
      // bb_cat opens through open_or_warn: `can't open 'PATH'`.
      return paths.length === 0 ? ok(stdin) : each(paths, 'cat', (p) => (p === '-' ? stdin : env.fs.readFile(p)), (p, e) => `cat: can't open '${p}': ${e.message}\n`);
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
      return df(env.fs, args);
    case 'du':
      return du(env.fs, args);
    case 'find':
      return runFind(env.fs, args);
    case 'wget':
      return runWget(env, args);
    case 'sed':
      return runSed(env.fs, args, stdin);
    case 'nslookup':
      return nslookup(env, paths[0] ?? '');
    case 'getent':
      return getent(env, args);
    case 'tar':
      return runTar(env.fs, args, stdin, Math.floor((env.nowMs?.() ?? 0) / 1000));
    default:
      return fail(`sh: ${cmd}: not found\n`, 127);
  }
}

/**
 * busybox `hostname` (`-s` short, `-i` the addresses and `-f` the canonical name the hostname
 * resolves to: through `/etc/hosts`, as gethostbyname finds it there).
 */
function hostname(env: ExecEnv, flags: string): ExecResult {
  if (!flags.includes('i') && !flags.includes('f')) return ok(`${flags.includes('s') ? env.hostname.split('.')[0] : env.hostname}\n`);
  let hosts = '';
  try {
    hosts = env.fs.readFile('/etc/hosts');
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
  }
  const lines = hosts.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(/\s+/));
  const matching = lines.filter((fields) => fields.slice(1).includes(env.hostname));
  if (matching.length === 0) return fail(`hostname: ${env.hostname}: Unknown host\n`);
  return ok(flags.includes('i') ? `${matching.map((f) => f[0]).join(' ')}\n` : `${matching[0][1]}\n`);
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
 * `ls [-l] [-a|-A] [-R] [PATH…]`: file operands first, then each directory's entries (dot files with `-A`, and `.` `..` too with `-a`;
 * a `dir:` header when there are several operands or with `-R`, which lists each subdirectory after its parent's entries).
 */
function ls(env: ExecEnv, paths: readonly string[], long: boolean, all: 'a' | 'A' | undefined, recursive = false): ExecResult {
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
  let sections = files.length > 0 ? 1 : 0;
  const listDir = (d: string) => {
    if (paths.length > 1 || recursive) stdout += `${sections > 0 ? '\n' : ''}${d}:\n`;
    sections++;
    let names: string[];
    try {
      names = env.fs.list(d).filter((n) => all !== undefined || !n.startsWith('.'));
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      stderr += `ls: ${d}: ${e.message}\n`;
      return;
    }
    const child = (n: string) => `${d.replace(/\/$/, '')}/${n}`;
    for (const n of all === 'a' ? ['.', '..', ...names] : names) stdout += entry(n, n === '.' || n === '..' ? d : child(n));
    if (recursive) for (const n of names) if (env.fs.isDirectory(child(n))) listDir(child(n));
  };
  for (const d of dirs.sort()) listDir(d);
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

/** busybox nslookup when its one server (the cluster DNS) never replies: to stdout, no `Server:` header. */
const NSLOOKUP_TIMED_OUT = ';; connection timed out; no servers could be reached\n\n';

function nslookup(env: ExecEnv, name: string): ExecResult {
  if (!env.dns.answers()) return { stdout: NSLOOKUP_TIMED_OUT, stderr: '', exitCode: 1 };
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
