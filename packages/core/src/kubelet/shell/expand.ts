/**
 * Word expansion as busybox `ash` does it when a command runs: tilde, parameters (`$x`, `${x}`,
 * `${x:-w}` and the other forms, `$?`, `$#`, `$@`, …), command substitution (`$(…)`, `` `…` ``),
 * arithmetic (`$((…))`), then field splitting of unquoted results on IFS, pathname expansion
 * and quote removal.
 * @see POSIX Shell Command Language 2.6 (Word Expansions), busybox shell/ash.c expandarg
 */
import { ArithmeticError, evaluateArithmetic } from './arith.js';
import { escapeRegExp, patternSource } from '../glob.js';
import { skipBackquote, skipBrace, skipParens } from './lexer.js';

/** What expansions read and do. */
export interface ExpansionContext {
  /** A variable's value; undefined when unset. */
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  /** `$?`, `$$`, `$!`, `$-`, `$0`. */
  special(name: string): string;
  /** `$1`…: the positional parameters. */
  positional(): readonly string[];
  /** Runs a command substitution's script; returns its standard output. */
  substitute(script: string): string;
  /** Paths matching a pattern (sorted), or none. */
  glob(pattern: string): string[];
}

/** An expansion error (`${x:?}`, bad substitution, arithmetic), worded after `sh: `; the shell exits with `status`. */
export class ExpansionError extends Error {
  constructor(
    message: string,
    readonly status = 2,
  ) {
    super(message);
  }
}

/** A piece of a word after expansion: its text, whether quoted, and whether field splitting applies. */
interface Piece {
  readonly text: string;
  readonly quoted: boolean;
  readonly split: boolean;
}
/** A field boundary inside a word (`"$@"`). */
const BREAK = 'break';
type Part = Piece | typeof BREAK;

/** Expands command words into fields (splitting, pathname expansion, quote removal). */
export function expandWords(ctx: ExpansionContext, words: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    for (const field of fieldsOf(ctx, parts(ctx, w, true))) {
      if (field.glob) {
        const matches = ctx.glob(field.text);
        if (matches.length > 0) {
          out.push(...matches);
          continue;
        }
      }
      out.push(field.text);
    }
  }
  return out;
}

/** Expands a word without splitting or pathname expansion (assignments, redirection targets, `case`). */
export function expandString(ctx: ExpansionContext, word: string): string {
  let text = '';
  for (const p of parts(ctx, word, true)) text += p === BREAK ? ' ' : p.text;
  return text;
}

/**
 * A here-document's body with an unquoted delimiter: parameters, command substitutions and
 * arithmetic expanded, `\` escaping only `$`, `` ` `` and `\` (a `"` is just a character).
 */
export function expandHereDocument(ctx: ExpansionContext, body: string): string {
  return doubleQuoted(ctx, body, '$`\\')[0].text;
}

/** A `case` pattern as a regular expression: quoted parts match themselves, `*`, `?`, `[…]` the rest. */
export function patternRegExp(ctx: ExpansionContext, word: string): RegExp {
  let re = '';
  for (const p of parts(ctx, word, true)) {
    if (p === BREAK) re += ' ';
    else re += p.quoted ? escapeRegExp(p.text) : patternSource(p.text);
  }
  return new RegExp(`^${re}$`, 's');
}

/** Splits pieces into fields; a field is a pattern when an unquoted piece of it has `*`, `?` or `[`. */
function fieldsOf(ctx: ExpansionContext, ps: readonly Part[]): { text: string; glob: boolean }[] {
  const fields: { text: string; glob: boolean }[] = [];
  let cur = '';
  let started = false;
  let glob = false;
  const end = () => {
    if (started) fields.push({ text: cur, glob });
    cur = '';
    started = false;
    glob = false;
  };
  const ifs = ctx.get('IFS') ?? ' \t\n';
  for (const p of ps) {
    if (p === BREAK) {
      end();
      continue;
    }
    if (!p.split || ifs === '') {
      cur += p.text;
      started ||= p.quoted || p.text !== '';
      if (!p.quoted && /[*?[]/.test(p.text)) glob = true;
      continue;
    }
    const chunks = splitIfs(p.text, ifs);
    for (let k = 0; k < chunks.length; k++) {
      if (k > 0) end();
      if (chunks[k] !== '') {
        cur += chunks[k];
        started = true;
        if (/[*?[]/.test(chunks[k])) glob = true;
      } else if (k > 0 && k < chunks.length - 1) started = true;
    }
  }
  end();
  return fields;
}

/** Field splitting of one expansion's text: `['', 'a', 'b', '']` for ` a b ` (edges mark a boundary). */
function splitIfs(text: string, ifs: string): string[] {
  const white = [...ifs].filter((c) => c === ' ' || c === '\t' || c === '\n').join('');
  const other = [...ifs].filter((c) => !white.includes(c)).join('');
  const w = white ? `[${escapeRegExp(white)}]` : '';
  const o = other ? `[${escapeRegExp(other)}]` : '';
  const sep = o ? (w ? `${w}*${o}${w}*|${w}+` : o) : `${w}+`;
  return text.split(new RegExp(sep));
}

/** The pieces of a word (or, `inWord` false, of a double-quoted string's body). */
function parts(ctx: ExpansionContext, raw: string, inWord: boolean): Part[] {
  const out: Part[] = [];
  let lit = '';
  const flush = () => {
    if (lit) out.push({ text: lit, quoted: false, split: false });
    lit = '';
  };
  let i = 0;
  if (inWord && raw[0] === '~' && (raw.length === 1 || raw[1] === '/')) {
    out.push({ text: ctx.get('HOME') ?? '/root', quoted: true, split: false });
    i = 1;
  }
  while (i < raw.length) {
    const ch = raw[i];
    if (ch === "'") {
      flush();
      const end = raw.indexOf("'", i + 1);
      out.push({ text: raw.slice(i + 1, end), quoted: true, split: false });
      i = end + 1;
    } else if (ch === '"') {
      flush();
      const end = doubleEnd(raw, i + 1);
      const body = raw.slice(i + 1, end);
      if (body === '$@') for (const [k, a] of ctx.positional().entries()) out.push(...(k > 0 ? [BREAK as Part] : []), { text: a, quoted: true, split: false });
      else {
        out.push({ text: '', quoted: true, split: false });
        out.push(...doubleQuoted(ctx, body));
      }
      i = end + 1;
    } else if (ch === '\\') {
      flush();
      out.push({ text: raw[i + 1] ?? '', quoted: true, split: false });
      i += 2;
    } else if (ch === '$' || ch === '`') {
      const r = dollar(ctx, raw, i);
      if (r) {
        flush();
        out.push({ text: r.text, quoted: false, split: true });
        i = r.end;
      } else {
        lit += ch;
        i++;
      }
    } else {
      lit += ch;
      i++;
    }
  }
  flush();
  return out;
}

/** The index of the `"` closing a string whose body starts at `i`. */
function doubleEnd(raw: string, i: number): number {
  while (i < raw.length && raw[i] !== '"') {
    if (raw[i] === '\\') i += 2;
    else if (raw[i] === '`') i = skipBackquote(raw, i + 1);
    else if (raw[i] === '$' && raw[i + 1] === '(') i = skipParens(raw, i + 2);
    else if (raw[i] === '$' && raw[i + 1] === '{') i = skipBrace(raw, i + 2);
    else i++;
  }
  return i;
}

/** A double-quoted body's pieces: `\` escapes only `$`, `` ` ``, `"`, `\`; expansions are not split. */
function doubleQuoted(ctx: ExpansionContext, body: string, escapable = '$`"\\'): Piece[] {
  let text = '';
  for (let i = 0; i < body.length; ) {
    const ch = body[i];
    if (ch === '\\' && escapable.includes(body[i + 1] ?? '')) {
      text += body[i + 1];
      i += 2;
    } else if (ch === '$' || ch === '`') {
      const r = dollar(ctx, body, i);
      if (r) {
        text += r.text;
        i = r.end;
      } else {
        text += ch;
        i++;
      }
    } else {
      text += ch;
      i++;
    }
  }
  return [{ text, quoted: true, split: false }];
}

/** The expansion starting at `raw[i]` (`$…` or `` `…` ``) and where it ends; undefined for a lone `$`. */
function dollar(ctx: ExpansionContext, raw: string, i: number): { text: string; end: number } | undefined {
  if (raw[i] === '`') {
    const end = skipBackquote(raw, i + 1);
    return { text: substitution(ctx, raw.slice(i + 1, end - 1).replace(/\\([$`\\])/g, '$1')), end };
  }
  const next = raw[i + 1];
  if (next === '(' && raw[i + 2] === '(') {
    const end = skipParens(raw, i + 3, 2);
    const expr = expandString(ctx, raw.slice(i + 3, end - 2));
    try {
      return { text: String(evaluateArithmetic(expr, ctx)), end };
    } catch (e) {
      if (e instanceof ArithmeticError) throw new ExpansionError(e.message);
      throw e;
    }
  }
  if (next === '(') {
    const end = skipParens(raw, i + 2);
    return { text: substitution(ctx, raw.slice(i + 2, end - 1)), end };
  }
  if (next === '{') {
    const end = skipBrace(raw, i + 2);
    return { text: braced(ctx, raw.slice(i + 2, end - 1)), end };
  }
  const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(raw.slice(i + 1))?.[0];
  if (name) return { text: ctx.get(name) ?? '', end: i + 1 + name.length };
  if (next !== undefined && /[0-9?$#@*!-]/.test(next)) return { text: param(ctx, next) ?? '', end: i + 2 };
  return undefined;
}

/** A command substitution's output without its trailing newlines. */
function substitution(ctx: ExpansionContext, script: string): string {
  return ctx.substitute(script).replace(/\n+$/, '');
}

/** A parameter by name or special character; undefined when unset. */
function param(ctx: ExpansionContext, name: string): string | undefined {
  if (/^\d+$/.test(name)) return name === '0' ? ctx.special('0') : ctx.positional()[Number(name) - 1];
  switch (name) {
    case '#':
      return String(ctx.positional().length);
    case '@':
    case '*':
      return ctx.positional().join(' ');
    case '?':
    case '$':
    case '!':
    case '-':
      return ctx.special(name);
  }
  return ctx.get(name);
}

/** `${…}`: `name`, `#name`, and `name` with `:-` `-` `:=` `=` `:+` `+` `:?` `?` `#` `##` `%` `%%`. */
function braced(ctx: ExpansionContext, body: string): string {
  if (/^#[A-Za-z_0-9?#@*$!]\w*$/.test(body)) return String([...(param(ctx, body.slice(1)) ?? '')].length);
  const m = /^([A-Za-z_][A-Za-z0-9_]*|\d+|[?#@*$!-])(:?[-=+?]|##?|%%?)?([\s\S]*)$/.exec(body);
  if (!m || (m[2] === undefined && m[3] !== '')) throw new ExpansionError(`syntax error: bad substitution`);
  const [, name, op, arg] = m;
  const value = param(ctx, name);
  if (op === undefined) return value ?? '';
  const unsetOrEmpty = op.startsWith(':') ? !value : value === undefined;
  const word = () => expandString(ctx, arg);
  switch (op.replace(':', '')) {
    case '-':
      return unsetOrEmpty ? word() : (value as string);
    case '=': {
      if (!unsetOrEmpty) return value as string;
      const w = word();
      ctx.set(name, w);
      return w;
    }
    case '+':
      return unsetOrEmpty ? '' : word();
    case '?':
      if (!unsetOrEmpty) return value as string;
      throw new ExpansionError(`${name}: ${arg ? word() : 'parameter not set'}`, 1);
  }
  // Pattern removal: shortest (`#`, `%`) or longest (`##`, `%%`) prefix or suffix.
  const v = value ?? '';
  const re = patternSource(word());
  const longest = op.length === 2;
  const anchored = new RegExp(`^(?:${re})$`, 's');
  if (op.startsWith('#')) {
    for (let k = longest ? v.length : 0; longest ? k >= 0 : k <= v.length; k += longest ? -1 : 1) if (anchored.test(v.slice(0, k))) return v.slice(k);
    return v;
  }
  for (let k = longest ? 0 : v.length; longest ? k <= v.length : k >= 0; k += longest ? 1 : -1) if (anchored.test(v.slice(k))) return v.slice(0, k);
  return v;
}
