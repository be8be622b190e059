/**
 * busybox `sed`: scripts of `s`, `p`, `d`, `q`, `=`, `y`, `a`, `i` and `c` commands with line,
 * `$` and `/regex/` addresses (ranges, `!`), `-n`, `-e`, `-E`/`-r`, and `-i` to edit files in
 * place. Regular expressions are POSIX basic ones unless `-E` (`\(…\)`, `\{m,n\}`, and the GNU
 * `\+`, `\?`, `\|` that busybox's regcomp takes), translated to JavaScript's.
 * @see busybox editors/sed.c, POSIX sed
 */
import { type ContainerFilesystem, FsError } from './container-fs.js';

/** What `sed` printed and returned. */
export interface SedResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

type Address = { readonly kind: 'line'; readonly n: number } | { readonly kind: 'last' } | { readonly kind: 're'; readonly re: RegExp };

interface Command {
  readonly a1?: Address;
  readonly a2?: Address;
  readonly negate: boolean;
  readonly name: string;
  /** `s`: the pattern, replacement and flags; `y`: the two sets; `a`/`i`/`c`: the text; `q`: the exit code. */
  readonly re?: RegExp;
  readonly replacement?: string;
  readonly global?: boolean;
  readonly occurrence?: number;
  readonly print?: boolean;
  readonly text?: string;
  readonly from?: string;
  readonly to?: string;
  /** A range's state: whether it is open. */
  active: boolean;
}

class SedError extends Error {}

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: '0-9A-Za-z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
};

/** A POSIX regular expression (basic unless `extended`) as a JavaScript one. */
export function posixRegExp(source: string, extended: boolean, flags = ''): RegExp {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '[') {
      // A bracket expression: copied, with [:class:] expanded and a literal backslash escaped.
      let j = i + 1;
      let set = '[';
      if (source[j] === '^') {
        set += '^';
        j++;
      }
      if (source[j] === ']') {
        set += '\\]';
        j++;
      }
      for (; j < source.length && source[j] !== ']'; j++) {
        const cls = /^\[:([a-z]+):\]/.exec(source.slice(j));
        if (cls && POSIX_CLASSES[cls[1]]) {
          set += POSIX_CLASSES[cls[1]];
          j += cls[0].length - 1;
        } else set += source[j] === '\\' ? '\\\\' : source[j];
      }
      if (j >= source.length) throw new SedError('unmatched [');
      out += `${set}]`;
      i = j;
    } else if (ch === '\\' && i + 1 < source.length) {
      const next = source[++i];
      if (!extended && '(){}+?|'.includes(next)) out += next;
      else if (next === 'n') out += '\\n';
      else if (next === 't') out += '\\t';
      else if (/[1-9]/.test(next)) out += `\\${next}`;
      else if (/[wWsSbB<>]/.test(next)) out += next === '<' || next === '>' ? '\\b' : `\\${next}`;
      else out += `\\${next}`;
    } else if (!extended && '(){}+?|'.includes(ch)) out += `\\${ch}`;
    else if (ch === '*' && (out === '' || out === '^')) out += '\\*';
    else out += ch;
  }
  try {
    return new RegExp(out, flags);
  } catch {
    throw new SedError('bad regex');
  }
}

/** Parses a script into commands. */
function parseScript(script: string, extended: boolean): Command[] {
  const cmds: Command[] = [];
  let i = 0;
  const peek = () => script[i];
  const skipBlanks = () => {
    while (i < script.length && (script[i] === ' ' || script[i] === '\t')) i++;
  };
  // Reads up to the unescaped delimiter; `\delim` stands for the delimiter.
  const delimited = (delim: string): string => {
    let s = '';
    for (; i < script.length && script[i] !== delim; i++) {
      if (script[i] === '\\' && i + 1 < script.length) {
        if (script[i + 1] === delim) {
          s += delim;
          i++;
          continue;
        }
        if (script[i + 1] === 'n' && delim !== 'n') {
          s += '\\n';
          i++;
          continue;
        }
        s += script[i] + script[i + 1];
        i++;
        continue;
      }
      s += script[i];
    }
    if (i >= script.length) throw new SedError(`unmatched '${delim}'`);
    i++;
    return s;
  };
  const address = (): Address | undefined => {
    if (/\d/.test(peek() ?? '')) {
      let n = '';
      while (/\d/.test(peek() ?? '')) n += script[i++];
      return { kind: 'line', n: Number(n) };
    }
    if (peek() === '$') {
      i++;
      return { kind: 'last' };
    }
    if (peek() === '/' || peek() === '\\') {
      if (script[i] === '\\') i++;
      const delim = script[i++];
      const source = delimited(delim);
      let flags = '';
      if (peek() === 'I') {
        flags = 'i';
        i++;
      }
      return { kind: 're', re: posixRegExp(source, extended, flags) };
    }
    return undefined;
  };
  while (i < script.length) {
    while (i < script.length && /[\s;]/.test(script[i])) i++;
    if (i >= script.length) break;
    const a1 = address();
    let a2: Address | undefined;
    if (a1 && peek() === ',') {
      i++;
      a2 = address();
      if (!a2) throw new SedError('unexpected \',\'');
    }
    skipBlanks();
    let negate = false;
    while (peek() === '!') {
      negate = true;
      i++;
      skipBlanks();
    }
    const name = script[i++];
    if (name === undefined) throw new SedError('missing command');
    const base = { a1, a2, negate, name, active: false };
    switch (name) {
      case 's': {
        const delim = script[i++];
        if (delim === undefined || delim === '\n' || delim === '\\') throw new SedError('unterminated `s\' command');
        const pattern = delimited(delim);
        const replacement = delimited(delim);
        let global = false;
        let print = false;
        let occurrence = 1;
        let flags = '';
        for (; i < script.length && !/[\s;}]/.test(script[i]); i++) {
          const f = script[i];
          if (f === 'g') global = true;
          else if (f === 'p') print = true;
          else if (f === 'I' || f === 'i') flags = 'i';
          else if (/\d/.test(f)) {
            let n = '';
            while (/\d/.test(script[i] ?? '')) n += script[i++];
            i--;
            occurrence = Number(n);
          } else throw new SedError(`bad option in substitution expression`);
        }
        cmds.push({ ...base, re: posixRegExp(pattern, extended, `g${flags}`), replacement, global, occurrence, print });
        break;
      }
      case 'y': {
        const delim = script[i++];
        const from = delimited(delim).replaceAll('\\n', '\n');
        const to = delimited(delim).replaceAll('\\n', '\n');
        if ([...from].length !== [...to].length) throw new SedError('strings for y command are different lengths');
        cmds.push({ ...base, from, to });
        break;
      }
      case 'a':
      case 'i':
      case 'c': {
        // GNU one-liner form `a text` (busybox takes it) or `a\` then the text on the next line.
        if (peek() === '\\') i++;
        if (peek() === '\n') i++;
        skipBlanks();
        let text = '';
        for (; i < script.length && script[i] !== '\n'; i++) text += script[i] === '\\' && i + 1 < script.length ? script[++i] : script[i];
        cmds.push({ ...base, text });
        break;
      }
      case 'q':
      case 'Q': {
        skipBlanks();
        let n = '';
        while (/\d/.test(peek() ?? '')) n += script[i++];
        cmds.push({ ...base, text: n || '0' });
        break;
      }
      case 'p':
      case 'd':
      case '=':
      case 'n':
      case 'P':
        cmds.push(base);
        break;
      default:
        throw new SedError(`unsupported command ${name}`);
    }
  }
  return cmds;
}

/** The replacement text of one match: `&` the match, `\1`…`\9` its groups, `\n` a newline. */
function expand(replacement: string, match: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i];
    if (ch === '&') out += match[0];
    else if (ch === '\\' && i + 1 < replacement.length) {
      const next = replacement[++i];
      if (/\d/.test(next)) out += match[Number(next)] ?? '';
      else if (next === 'n') out += '\n';
      else if (next === 't') out += '\t';
      else out += next;
    } else out += ch;
  }
  return out;
}

/** Applies `s` to the pattern space; whether it replaced anything. */
function substitute(space: string, cmd: Command): { text: string; done: boolean } {
  const re = cmd.re as RegExp;
  re.lastIndex = 0;
  let out = '';
  let last = 0;
  let count = 0;
  let done = false;
  for (let m = re.exec(space); m !== null; m = re.exec(space)) {
    count++;
    if (count >= (cmd.occurrence ?? 1) && (cmd.global || count === cmd.occurrence)) {
      out += space.slice(last, m.index) + expand(cmd.replacement ?? '', m);
      last = m.index + m[0].length;
      done = true;
      if (!cmd.global) break;
    }
    if (m[0] === '') re.lastIndex++;
  }
  return { text: done ? out + space.slice(last) : space, done };
}

/** Runs `sed ARGS` over its files (or stdin). */
export function runSed(fs: ContainerFilesystem, args: readonly string[], stdin: string): SedResult {
  let quiet = false;
  let extended = false;
  let inPlace: string | undefined;
  const scripts: string[] = [];
  const files: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === '-n' || a === '--quiet' || a === '--silent') quiet = true;
    else if (a === '-E' || a === '-r' || a === '--regexp-extended') extended = true;
    else if (a === '-e') scripts.push(args[++k] ?? '');
    else if (a.startsWith('-i')) inPlace = a.slice(2);
    else if (/^-[nErs]+$/.test(a)) {
      if (a.includes('n')) quiet = true;
      if (a.includes('E') || a.includes('r')) extended = true;
    } else if (a.startsWith('-') && a !== '-') return { stdout: '', stderr: `sed: invalid option -- '${a[1]}'\n`, exitCode: 1 };
    else files.push(a);
  }
  if (scripts.length === 0) {
    const first = files.shift();
    if (first === undefined) return { stdout: '', stderr: 'Usage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\n', exitCode: 1 };
    scripts.push(first);
  }
  let cmds: Command[];
  try {
    cmds = parseScript(scripts.join('\n'), extended);
  } catch (e) {
    if (e instanceof SedError) return { stdout: '', stderr: `sed: ${e.message}\n`, exitCode: 1 };
    throw e;
  }
  let stdout = '';
  let stderr = '';
  const run = (text: string): { out: string; quit?: number } => {
    for (const cmd of cmds) cmd.active = false;
    const lines = text.split('\n');
    const trailing = lines[lines.length - 1] === '';
    if (trailing) lines.pop();
    let out = '';
    const matches = (a: Address, n: number, space: string) => (a.kind === 'line' ? a.n === n : a.kind === 'last' ? n === lines.length : a.re.test(space));
    for (let n = 1; n <= lines.length; n++) {
      let space = lines[n - 1];
      let deleted = false;
      let append = '';
      let quit: number | undefined;
      let printSpace = !quiet;
      for (const cmd of cmds) {
        let selected: boolean;
        if (!cmd.a1) selected = true;
        else if (!cmd.a2) selected = matches(cmd.a1, n, space);
        else if (cmd.active) {
          selected = true;
          const end = cmd.a2.kind === 'line' ? n >= cmd.a2.n : matches(cmd.a2, n, space);
          if (end) cmd.active = false;
        } else {
          selected = matches(cmd.a1, n, space);
          // A range whose end is a line number at or before its start is one line long.
          if (selected) cmd.active = !(cmd.a2.kind === 'line' && cmd.a2.n <= n) && !(cmd.a2.kind === 'last' && n === lines.length);
        }
        if (selected === cmd.negate) continue;
        if (cmd.name === 's') {
          const r = substitute(space, cmd);
          space = r.text;
          if (r.done && cmd.print) out += `${space}\n`;
        } else if (cmd.name === 'p') out += `${space}\n`;
        else if (cmd.name === 'P') out += `${space.split('\n')[0]}\n`;
        else if (cmd.name === '=') out += `${n}\n`;
        else if (cmd.name === 'd') {
          deleted = true;
          break;
        } else if (cmd.name === 'y') {
          const from = [...(cmd.from ?? '')];
          const to = [...(cmd.to ?? '')];
          space = [...space].map((c) => (from.includes(c) ? to[from.indexOf(c)] : c)).join('');
        } else if (cmd.name === 'a') append += `${cmd.text}\n`;
        else if (cmd.name === 'i') out += `${cmd.text}\n`;
        else if (cmd.name === 'c') {
          if (!cmd.a2 || !cmd.active) out += `${cmd.text}\n`;
          deleted = true;
          break;
        } else if (cmd.name === 'q' || cmd.name === 'Q') {
          quit = Number(cmd.text);
          if (cmd.name === 'Q') printSpace = false;
          break;
        }
      }
      if (!deleted && printSpace) out += `${space}\n`;
      out += append;
      if (quit !== undefined) return { out, quit };
    }
    // The last line keeps its missing newline.
    if (!trailing && out.endsWith('\n') && lines.length > 0) out = out.slice(0, -1);
    return { out };
  };
  if (inPlace !== undefined) {
    for (const f of files) {
      try {
        const r = run(fs.readFile(f));
        if (inPlace) fs.writeFile(`${f}${inPlace}`, fs.readFile(f));
        fs.writeFile(f, r.out);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        stderr += `sed: can't open '${f}': ${e.message}\n`;
      }
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  }
  let text = '';
  for (const f of files.length ? files : ['-']) {
    try {
      const t = f === '-' ? stdin : fs.readFile(f);
      text += text && !text.endsWith('\n') ? `\n${t}` : t;
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      // fopen_or_warn, then on to the next file.
      stderr += `sed: can't open '${f}': ${e.message}\n`;
    }
  }
  const r = run(text);
  stdout += r.out;
  return { stdout, stderr, exitCode: r.quit ?? (stderr ? 1 : 0) };
}
