/**
 * busybox `wget` over the pod network: `wget -qO- http://randserver:3000/` from a container,
 * resolved through cluster DNS, through kube-proxy to an endpoint, answered by what that pod
 * serves. Without `-q` it tells where it connects and where it writes, with its progress line at
 * 100% (`-O FILE`, or the URL's last path component, `index.html` for none, which must not exist
 * yet). Errors are busybox's: `bad address`, `can't connect to remote host (IP): Connection
 * refused`, `server returned error: HTTP/1.1 404 Not Found`.
 * @see busybox networking/wget.c, libbb/progress.c
 */
import { FsError } from './container-fs.js';
import type { ExecEnv } from './exec.js';
import { parseHttpTarget, resolveHost } from './pod-network.js';

/** What `wget` printed and returned. */
export interface WgetResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** Reason phrases of the status lines servers send. */
const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

interface WgetOptions {
  quiet: boolean;
  spider: boolean;
  output?: string;
  url?: string;
}

function parse(args: readonly string[]): WgetOptions | string {
  const o: WgetOptions = { quiet: false, spider: false };
  // Options that take a value, given here and ignored (no proxy, user agent, retries or timeouts to honour).
  const ignoredWithValue = new Set(['T', 'U', 'Y', 't', 'P', 'e']);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const [name, value] = a.includes('=') ? [a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a.slice(2), undefined];
      if (name === 'quiet') o.quiet = true;
      else if (name === 'spider') o.spider = true;
      else if (name === 'output-document') o.output = value ?? args[++i];
      else if (['timeout', 'tries', 'user-agent', 'header', 'post-data', 'proxy'].includes(name)) {
        if (value === undefined) i++;
      } else if (!['no-check-certificate', 'continue', 'server-response'].includes(name)) return `unrecognized option '${a}'`;
      continue;
    }
    if (!a.startsWith('-') || a === '-') {
      o.url ??= a;
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const ch = a[j];
      if (ch === 'q') o.quiet = true;
      else if (ch === 'O' || ignoredWithValue.has(ch)) {
        const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (value === undefined) return `option requires an argument -- '${ch}'`;
        if (ch === 'O') o.output = value;
        break;
      } else if (ch !== 'c' && ch !== 'S') return `invalid option -- '${ch}'`;
    }
  }
  return o;
}

/** The 100% progress line (`bb_progress_update` at the end of a transfer of `size` bytes): a 6-wide size (`   615`, ` 25.0M` from 100000 bytes up). */
function progressLine(name: string, size: number): string {
  let shown = String(size);
  if (size >= 100000) {
    let v = size;
    let u = -1;
    while (v >= 1000) {
      v /= 1024;
      u++;
    }
    shown = `${v < 100 ? v.toFixed(1) : Math.round(v)}${'kMGTPEZY'[u]}`;
  }
  return `${name.padEnd(20).slice(0, 20)} 100% |${'*'.repeat(32)}|${shown.padStart(6)}  0:00:00 ETA\n`;
}

/** Runs `wget ARGS` in the container of `env`. */
export function runWget(env: ExecEnv, args: readonly string[]): WgetResult {
  const o = parse(args);
  if (typeof o === 'string') return { stdout: '', stderr: `wget: ${o}\n`, exitCode: 1 };
  if (o.url === undefined) return { stdout: '', stderr: 'Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n', exitCode: 1 };
  const target = parseHttpTarget(o.url);
  if (!target) return { stdout: '', stderr: `wget: bad address '${o.url}'\n`, exitCode: 1 };
  const { host, port, path } = target;
  const hostPort = target.explicitPort ? `${host}:${target.explicitPort}` : host;
  const ip = resolveHost(env.dns, host, env.namespace);
  if (ip === undefined) return { stdout: '', stderr: `wget: bad address '${host}'\n`, exitCode: 1 };
  let stderr = o.quiet ? '' : `Connecting to ${hostPort} (${ip}:${port})\n`;
  const fail = (text: string): WgetResult => ({ stdout: '', stderr: `${stderr}wget: ${text}\n`, exitCode: 1 });
  const dialed = env.network?.get(env.pod, ip, port, path.replace(/\?.*$/, '')) ?? { kind: 'timeout' as const };
  if (dialed.kind === 'refused') return fail(`can't connect to remote host (${ip}): Connection refused`);
  if (dialed.kind === 'timeout') return fail(`can't connect to remote host (${ip}): Connection timed out`);
  const { status, body } = dialed.response;
  if (status < 200 || status >= 300) return fail(`server returned error: HTTP/1.1 ${status} ${REASONS[status] ?? ''}`.trimEnd());
  if (o.spider) return { stdout: '', stderr: o.quiet ? '' : `${stderr}remote file exists\n`, exitCode: 0 };
  const toStdout = o.output === '-';
  const name = o.output ?? (path.replace(/[?#].*$/, '').split('/').pop() || 'index.html');
  if (!toStdout) {
    // Without -O the file is created exclusively: an existing one is not overwritten.
    if (o.output === undefined && env.fs.exists(name)) return fail(`can't open '${name}': File exists`);
    try {
      env.fs.writeFile(name, body);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      return fail(`can't open '${name}': ${e.message}`);
    }
  }
  if (!o.quiet) {
    stderr += toStdout ? 'writing to stdout\n' : `saving to '${name}'\n`;
    stderr += progressLine(toStdout ? '-' : name, body.length);
    stderr += toStdout ? 'written to stdout\n' : `'${name}' saved\n`;
  }
  return { stdout: toStdout ? body : '', stderr, exitCode: 0 };
}
