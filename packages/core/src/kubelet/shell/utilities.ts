/**
 * The busybox utilities a script leans on beside the file commands: `echo`, `printf`, `test`/`[`,
 * `seq`, and `env`/`printenv`. Outputs and messages as busybox 1.36 prints them.
 * @see busybox coreutils/echo.c, coreutils/printf.c, coreutils/test.c, coreutils/seq.c, coreutils/env.c
 */
import type { ContainerFilesystem } from '../container-fs.js';

/** What a utility printed and returned. */
export interface UtilityResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

const ok = (stdout = ''): UtilityResult => ({ stdout, stderr: '', exitCode: 0 });

/** C escapes (`\n`, `\t`, `\\`, `\0NNN`/`\NNN`, …); `stop` is set at `\c` (echo -e: no more output). */
function cUnescape(text: string, octalNeedsZero: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '\\' || i + 1 === text.length) {
      out += text[i];
      continue;
    }
    const c = text[++i];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b', '\\': '\\' };
    if (c in simple) out += simple[c];
    else if (c === 'c') return { text: out, stop: true };
    else if (/[0-7]/.test(c) && (!octalNeedsZero || c === '0')) {
      const digits = (/^[0-7]{0,3}/.exec(text.slice(octalNeedsZero ? i + 1 : i)) as RegExpExecArray)[0];
      out += String.fromCharCode(Number.parseInt(digits || '0', 8));
      i += (octalNeedsZero ? 0 : -1) + digits.length;
    } else out += `\\${c}`;
  }
  return { text: out, stop: false };
}

/** `echo [-neE] ARGS`: options only while every letter of a word is one of n, e, E. */
export function echo(args: readonly string[]): UtilityResult {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i]); i++) {
    for (const f of args[i].slice(1)) {
      if (f === 'n') newline = false;
      else escapes = f === 'e';
    }
  }
  let text = args.slice(i).join(' ');
  if (escapes) {
    const u = cUnescape(text, true);
    if (u.stop) return ok(u.text);
    text = u.text;
  }
  return ok(newline ? `${text}\n` : text);
}

/** `printf FORMAT [ARGS]`: the format is reused until the arguments run out. */
export function printf(args: readonly string[]): UtilityResult {
  if (args.length === 0) return { stdout: '', stderr: 'printf: usage: printf FORMAT [ARGUMENT...]\n', exitCode: 1 };
  const [format, ...rest] = args;
  let out = '';
  let stderr = '';
  let k = 0;
  do {
    const start = k;
    for (let i = 0; i < format.length; i++) {
      const ch = format[i];
      if (ch === '\\') {
        const esc = /^\\[0-7]{1,3}/.exec(format.slice(i))?.[0] ?? format.slice(i, i + 2);
        const u = cUnescape(esc, false);
        out += u.text;
        if (u.stop) return { stdout: out, stderr, exitCode: stderr ? 1 : 0 };
        i += esc.length - 1;
        continue;
      }
      if (ch !== '%') {
        out += ch;
        continue;
      }
      const m = /^%([-+ #0]*)(\d+|\*)?(?:\.(\d+|\*))?([sdiouxXcfeEgGb%])/.exec(format.slice(i));
      if (!m) {
        out += ch;
        continue;
      }
      i += m[0].length - 1;
      const [, flags, widthSpec, precSpec, conv] = m;
      if (conv === '%') {
        out += '%';
        continue;
      }
      const width = widthSpec === '*' ? Number(rest[k++] ?? 0) : widthSpec ? Number(widthSpec) : 0;
      const prec = precSpec === '*' ? Number(rest[k++] ?? 0) : precSpec !== undefined ? Number(precSpec) : undefined;
      const arg = rest[k++];
      let text: string;
      if (conv === 's' || conv === 'b') {
        text = arg ?? '';
        if (conv === 'b') text = cUnescape(text, true).text;
        if (prec !== undefined) text = text.slice(0, prec);
      } else if (conv === 'c') text = (arg ?? '').slice(0, 1);
      else {
        const n = numberArg(arg ?? '');
        if (n === undefined) {
          stderr += `printf: invalid number '${arg}'\n`;
        }
        const v = n ?? 0;
        if ('di'.includes(conv)) text = String(Math.trunc(v));
        else if (conv === 'u') text = String(Math.trunc(v));
        else if (conv === 'o') text = Math.trunc(v).toString(8);
        else if (conv === 'x') text = Math.trunc(v).toString(16);
        else if (conv === 'X') text = Math.trunc(v).toString(16).toUpperCase();
        else if (conv === 'f') text = v.toFixed(prec ?? 6);
        else if (conv === 'e' || conv === 'E') text = v.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
        else text = String(v);
        if (conv === 'E') text = text.toUpperCase();
        if (flags.includes('+') && v >= 0) text = `+${text}`;
      }
      if (text.length < width) {
        const zero = flags.includes('0') && !flags.includes('-') && !'sc'.includes(conv);
        if (flags.includes('-')) text = text.padEnd(width);
        else if (zero) text = text.startsWith('-') || text.startsWith('+') ? text[0] + text.slice(1).padStart(width - 1, '0') : text.padStart(width, '0');
        else text = text.padStart(width);
      }
      out += text;
    }
    if (k === start) break;
  } while (k < rest.length);
  return { stdout: out, stderr, exitCode: stderr ? 1 : 0 };
}

/** A printf number argument (`'c` gives the character's code). */
function numberArg(arg: string): number | undefined {
  if (arg === '') return 0;
  if (arg.startsWith("'") || arg.startsWith('"')) return arg.codePointAt(1) ?? 0;
  if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(arg)) return Number.parseInt(arg, 16);
  const n = Number(arg.trim());
  return Number.isFinite(n) ? n : undefined;
}

/** A `test` error: busybox prints it after the applet name and exits 2. */
class TestError extends Error {}

/** `test EXPR` and `[ EXPR ]`: files, strings, integers, `!`, `-a`, `-o`, parentheses. */
export function test(fs: ContainerFilesystem, name: string, argv: readonly string[]): UtilityResult {
  let args = argv;
  if (name === '[') {
    if (args[args.length - 1] !== ']') return { stdout: '', stderr: '[: missing ]\n', exitCode: 2 };
    args = args.slice(0, -1);
  }
  try {
    if (args.length === 0) return { stdout: '', stderr: '', exitCode: 1 };
    const p = new TestParser(fs, args);
    const r = p.or();
    if (p.pos < args.length) throw new TestError(`${args[p.pos]}: unknown operand`);
    return { stdout: '', stderr: '', exitCode: r ? 0 : 1 };
  } catch (e) {
    if (e instanceof TestError) return { stdout: '', stderr: `${name}: ${e.message}\n`, exitCode: 2 };
    throw e;
  }
}

const FILE_TESTS = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-h', '-L', '-b', '-c', '-p', '-S']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

class TestParser {
  pos = 0;

  constructor(
    private readonly fs: ContainerFilesystem,
    private readonly args: readonly string[],
  ) {}

  or(): boolean {
    let v = this.and();
    while (this.args[this.pos] === '-o') {
      this.pos++;
      v = this.and() || v;
    }
    return v;
  }

  private and(): boolean {
    let v = this.not();
    while (this.args[this.pos] === '-a') {
      this.pos++;
      v = this.not() && v;
    }
    return v;
  }

  private not(): boolean {
    if (this.args[this.pos] === '!' && this.pos + 1 < this.args.length) {
      this.pos++;
      return !this.not();
    }
    return this.primary();
  }

  private primary(): boolean {
    const a = this.args;
    const t = a[this.pos];
    if (t === undefined) throw new TestError('argument expected');
    if (t === '(' && a.length - this.pos > 2) {
      this.pos++;
      const v = this.or();
      if (a[this.pos++] !== ')') throw new TestError("')' expected");
      return v;
    }
    if (BINARY.has(a[this.pos + 1]) && this.pos + 2 < a.length) {
      const [l, op, r] = [t, a[this.pos + 1], a[this.pos + 2]];
      this.pos += 3;
      return binary(l, op, r);
    }
    if (this.pos + 1 < a.length && (FILE_TESTS.has(t) || t === '-z' || t === '-n')) {
      const arg = a[this.pos + 1];
      this.pos += 2;
      if (t === '-z') return arg === '';
      if (t === '-n') return arg !== '';
      return this.file(t, arg);
    }
    this.pos++;
    return t !== '';
  }

  private file(op: string, path: string): boolean {
    const fs = this.fs;
    if (!fs.exists(path)) return false;
    switch (op) {
      case '-f':
        return !fs.isDirectory(path);
      case '-d':
        return fs.isDirectory(path);
      case '-s':
        return fs.isDirectory(path) || fs.readFile(path).length > 0;
      case '-h':
      case '-L':
      case '-b':
      case '-c':
      case '-p':
      case '-S':
        return false;
      case '-x':
        return fs.isDirectory(path);
    }
    return true;
  }
}

function integer(s: string): number {
  if (!/^\s*[-+]?\d+\s*$/.test(s)) throw new TestError(`invalid number '${s}'`);
  return Number(s);
}

function binary(l: string, op: string, r: string): boolean {
  switch (op) {
    case '=':
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '<':
      return l < r;
    case '>':
      return l > r;
    case '-eq':
      return integer(l) === integer(r);
    case '-ne':
      return integer(l) !== integer(r);
    case '-lt':
      return integer(l) < integer(r);
    case '-le':
      return integer(l) <= integer(r);
    case '-gt':
      return integer(l) > integer(r);
  }
  return integer(l) >= integer(r);
}

/** `seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST`. */
export function seq(argv: readonly string[]): UtilityResult {
  let sep = '\n';
  let widths = false;
  const nums: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '-s') sep = argv[++i] ?? '';
    else if (argv[i] === '-w') widths = true;
    else nums.push(argv[i]);
  }
  if (nums.length < 1 || nums.length > 3) return { stdout: '', stderr: 'seq: usage: seq [-w] [-s SEP] [FIRST [INC]] LAST\n', exitCode: 1 };
  const values = nums.map(Number);
  const bad = nums.find((n, i) => !Number.isFinite(values[i]) || n.trim() === '');
  if (bad !== undefined) return { stdout: '', stderr: `seq: invalid number '${bad}'\n`, exitCode: 1 };
  const [first, inc, last] = values.length === 1 ? [1, 1, values[0]] : values.length === 2 ? [values[0], 1, values[1]] : values;
  const decimals = Math.max(...nums.map((n) => (n.includes('.') ? n.split('.')[1].length : 0)));
  const out: string[] = [];
  if (inc !== 0) for (let v = first; inc > 0 ? v <= last + 1e-9 : v >= last - 1e-9; v += inc) out.push(v.toFixed(decimals));
  const width = widths ? Math.max(...out.map((s) => s.length)) : 0;
  return ok(out.length ? `${out.map((s) => s.padStart(width, '0')).join(sep)}\n` : '');
}

/** `env` and `printenv [NAME…]` over the exported variables. */
export function env(name: string, args: readonly string[], exported: readonly (readonly [string, string])[]): UtilityResult {
  if (name === 'printenv' && args.length > 0) {
    const map = new Map(exported);
    const found = args.filter((a) => map.has(a));
    return { stdout: found.map((a) => `${map.get(a)}\n`).join(''), stderr: '', exitCode: found.length === args.length ? 0 : 1 };
  }
  return ok(exported.map(([k, v]) => `${k}=${v}\n`).join(''));
}
