/**
 * `curl` over the pod network, in the images that ship it (`curlimages/curl`, Amazon Linux,
 * CentOS): a GET through cluster DNS and kube-proxy to what the answering pod serves. Options:
 * `-s`/`-S`, `-f`, `-o FILE`/`-O`, `-w` with `%{http_code}` and `%{size_download}`, `-m` and
 * `--connect-timeout` (taken, nothing here is slow), `-L`, `-k`. Without `-s` the progress meter
 * goes to stderr, as it does when stdout is no terminal; the network is instant here, so the
 * transfer is shown as taking 1 ms. Errors are curl 8's: `(6) Could not resolve host`, `(7)
 * Failed to connect`, `(22) The requested URL returned error`, `(28)` for a connection that times
 * out.
 * @see curl src/tool_operate.c, lib/strerror.c, src/tool_cb_prg.c (the meter), lib/progress.c
 */
import { FsError } from './container-fs.js';
import type { ExecEnv } from './exec.js';
import { parseHttpTarget, resolveHost } from './pod-network.js';

/** What `curl` printed and returned. */
export interface CurlResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** The images (normalized names, without tag) whose userland has curl. */
const CURL_IMAGES = ['curlimages/curl', 'amazonlinux', 'public.ecr.aws/amazonlinux/amazonlinux', 'centos'];

/** Whether a container of `image` has `curl`. */
export function imageHasCurl(image: string | undefined): boolean {
  if (image === undefined) return false;
  const name = image.replace(/[:@][^/]*$/, '');
  return CURL_IMAGES.includes(name);
}

interface CurlOptions {
  silent: boolean;
  /** `--no-progress-meter`: errors still shown. */
  noMeter?: boolean;
  showError: boolean;
  fail: boolean;
  output?: string;
  remoteName: boolean;
  writeOut?: string;
  url?: string;
}

const TAKES_VALUE = new Set(['-o', '-w', '-m', '-X', '-H', '-A', '-u', '-e', '--output', '--write-out', '--max-time', '--connect-timeout', '--request', '--header', '--user-agent', '--retry']);

function parse(args: readonly string[]): CurlOptions | string {
  const o: CurlOptions = { silent: false, showError: false, fail: false, remoteName: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      const value = () => inline ?? args[++i];
      if (name === '--silent') o.silent = true;
      else if (name === '--show-error') o.showError = true;
      else if (name === '--fail') o.fail = true;
      else if (name === '--remote-name') o.remoteName = true;
      else if (name === '--output') o.output = value();
      else if (name === '--write-out') o.writeOut = value();
      else if (name === '--url') o.url = value();
      else if (TAKES_VALUE.has(name)) value();
      else if (name === '--no-progress-meter') o.noMeter = true;
      else if (!['--location', '--insecure', '--compressed'].includes(name)) return `option ${name}: is unknown`;
      continue;
    }
    if (!a.startsWith('-') || a === '-') {
      o.url ??= a;
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const ch = a[j];
      const flag = `-${ch}`;
      if (ch === 's') o.silent = true;
      else if (ch === 'S') o.showError = true;
      else if (ch === 'f') o.fail = true;
      else if (ch === 'O') o.remoteName = true;
      else if (ch === 'L' || ch === 'k') continue;
      else if (TAKES_VALUE.has(flag)) {
        const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (value === undefined) return `option ${flag}: requires parameter`;
        if (ch === 'o') o.output = value;
        if (ch === 'w') o.writeOut = value;
        break;
      } else return `option ${flag}: is unknown`;
    }
  }
  return o;
}

/** curl's `max5data`: a number in at most 5 characters (bytes, then k, M, G in 1024 steps). */
function max5(bytes: number): string {
  const K = 1024;
  const M = K * K;
  const G = M * K;
  const pad = (text: string) => text.padStart(5);
  if (bytes < 100000) return pad(String(bytes));
  if (bytes < 10000 * K) return pad(`${Math.floor(bytes / K)}k`);
  if (bytes < 100 * M) return pad(`${Math.floor(bytes / M)}.${Math.floor((bytes % M) / (M / 10))}M`);
  if (bytes < 10000 * M) return pad(`${Math.floor(bytes / M)}M`);
  if (bytes < 100 * G) return pad(`${Math.floor(bytes / G)}.${Math.floor((bytes % G) / (G / 10))}G`);
  return pad(`${Math.floor(bytes / G)}G`);
}

const METER_HEADER =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' + '                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** One line of the meter: `total` bytes with `received` of them in, at `speed` bytes/s. */
function meterLine(total: number, received: number, speed: number): string {
  const pct = (n: number) => String(n).padStart(3);
  const percent = total > 0 ? Math.floor((received * 100) / total) : 0;
  return `${pct(percent)} ${max5(total)}  ${pct(percent)} ${max5(received)}  ${pct(0)} ${max5(0)}  ${max5(speed)}  ${max5(0)} --:--:-- --:--:-- --:--:-- ${max5(speed)}`;
}

/**
 * The progress meter curl writes to stderr when stdout is no terminal: its header, the first
 * update, and (for a transfer that completed) the last, here after 1 ms.
 */
function progressMeter(size: number | undefined): string {
  const first = `\r${meterLine(0, 0, 0)}`;
  return size === undefined ? `${METER_HEADER}${first}\n` : `${METER_HEADER}${first}\r${meterLine(size, size, size * 1000)}\n`;
}

/** `-w` variables kubesim knows; the others print as curl prints unknown ones (empty after a warning). */
function writeOut(format: string, code: number, size: number): string {
  return format
    .replace(/%\{http_code\}|%\{response_code\}/g, String(code).padStart(3, '0'))
    .replace(/%\{size_download\}/g, String(size))
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t');
}

/** Runs `curl ARGS` in the container of `env`. */
export function runCurl(env: ExecEnv, args: readonly string[]): CurlResult {
  const o = parse(args);
  if (typeof o === 'string') return { stdout: '', stderr: `curl: ${o}\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, exitCode: 2 };
  if (o.url === undefined) return { stdout: '', stderr: "curl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 };
  const showErrors = !o.silent || o.showError;
  const meter = !o.silent && !o.noMeter;
  const fail = (code: number, text: string, status = 0): CurlResult => ({
    stdout: o.writeOut !== undefined ? writeOut(o.writeOut, status, 0) : '',
    stderr: `${meter ? progressMeter(undefined) : ''}${showErrors ? `curl: (${code}) ${text}\n` : ''}`,
    exitCode: code,
  });
  const url = parseHttpTarget(o.url);
  const scheme = url?.scheme ?? 'http';
  if (!url || (scheme !== 'http' && scheme !== 'https')) return fail(1, `Protocol "${scheme}" not supported`);
  const { host, port, path } = url;
  const ip = resolveHost(env.dns, host, env.namespace);
  if (ip === undefined) return fail(6, `Could not resolve host: ${host}`);
  const dialed = env.network?.get(env.pod, ip, port, path.replace(/\?.*$/, '')) ?? { kind: 'timeout' as const };
  if (dialed.kind === 'refused') return fail(7, `Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server`);
  if (dialed.kind === 'timeout') return fail(28, `Failed to connect to ${host} port ${port} after 130000 ms: Couldn't connect to server`);
  const { status, body } = dialed.response;
  if (o.fail && status >= 400) return fail(22, `The requested URL returned error: ${status}`, status);
  let stdout = body;
  const target = o.output ?? (o.remoteName ? path.replace(/[?#].*$/, '').split('/').pop() || '' : undefined);
  if (o.remoteName && target === '') return fail(23, 'Remote file name has no length');
  if (target !== undefined) {
    stdout = '';
    if (target !== '/dev/null' && target !== '-') {
      try {
        env.fs.writeFile(target, body);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        return fail(23, `Failure writing output to destination, passed ${body.length} returned 0`);
      }
    } else if (target === '-') stdout = body;
  }
  if (o.writeOut !== undefined) stdout += writeOut(o.writeOut, status, body.length);
  return { stdout, stderr: meter ? progressMeter(body.length) : '', exitCode: 0 };
}
