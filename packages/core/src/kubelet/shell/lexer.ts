/**
 * The shell's tokens: words (kept as written, quotes and `$(…)` included, for expansion when
 * the command runs), operators, newlines. Comments and `\`-newline continuations are dropped.
 * @see POSIX Shell Command Language 2.3 (Token Recognition), busybox shell/ash.c readtoken1
 */

/** A token: a word, an operator (with the fd written before a redirection, `2>`), a newline, the end. */
export type Token =
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'op'; readonly text: string; readonly fd?: number; readonly hereDocument?: HereDocument }
  | { readonly kind: 'newline' }
  | { readonly kind: 'eof' };

/** A here-document: its body (read at the end of its line), and whether its delimiter was quoted. */
export interface HereDocument {
  body: string;
  readonly quoted: boolean;
}

/** A syntax error, worded as busybox `ash` reports it (after `sh: `). */
export class ShellSyntaxError extends Error {}

/** Operators, longest first. */
const OPERATORS = ['&&', '||', ';;', '>>', '>&', '<&', '>|', '<<-', '<<', ';', '&', '|', '(', ')', '<', '>'];
/** Characters that end an unquoted word. */
const METACHARS = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);

/** `unterminated quoted string` (ash's text). */
const UNTERMINATED = 'syntax error: unterminated quoted string';

/**
 * The index just past the `)` that closes a `$(` whose body starts at `i` (or past `))` for
 * `$((`, `depth` 2): quotes, nested parentheses and `$(…)` inside are skipped over.
 */
export function skipParens(src: string, i: number, depth = 1): number {
  let d = depth;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '\\') i += 2;
    else if (ch === "'") i = skipSingle(src, i + 1);
    else if (ch === '"') i = skipDouble(src, i + 1);
    else if (ch === '`') i = skipBackquote(src, i + 1);
    else {
      if (ch === '(') d++;
      else if (ch === ')' && --d === 0) return i + 1;
      i++;
    }
  }
  throw new ShellSyntaxError(UNTERMINATED);
}

/** The index just past the `}` that closes a `${` whose body starts at `i`. */
export function skipBrace(src: string, i: number): number {
  let d = 1;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '\\') i += 2;
    else if (ch === "'") i = skipSingle(src, i + 1);
    else if (ch === '"') i = skipDouble(src, i + 1);
    else if (ch === '$' && src[i + 1] === '(') i = skipParens(src, i + 2);
    else {
      if (ch === '{') d++;
      else if (ch === '}' && --d === 0) return i + 1;
      i++;
    }
  }
  throw new ShellSyntaxError('syntax error: missing }');
}

function skipSingle(src: string, i: number): number {
  const end = src.indexOf("'", i);
  if (end < 0) throw new ShellSyntaxError(UNTERMINATED);
  return end + 1;
}

/** Past the `"` closing a double-quoted string whose body starts at `i`. */
export function skipDouble(src: string, i: number): number {
  while (i < src.length) {
    const ch = src[i];
    if (ch === '\\') i += 2;
    else if (ch === '"') return i + 1;
    else if (ch === '`') i = skipBackquote(src, i + 1);
    else if (ch === '$' && src[i + 1] === '(') i = skipParens(src, i + 2);
    else if (ch === '$' && src[i + 1] === '{') i = skipBrace(src, i + 2);
    else i++;
  }
  throw new ShellSyntaxError(UNTERMINATED);
}

/** Past the closing backquote of a `` `…` `` whose body starts at `i`. */
export function skipBackquote(src: string, i: number): number {
  while (i < src.length) {
    if (src[i] === '\\') i += 2;
    else if (src[i] === '`') return i + 1;
    else i++;
  }
  throw new ShellSyntaxError(UNTERMINATED);
}

/** Splits a script into tokens. Throws `ShellSyntaxError` for an unterminated quote. */
export function tokenize(script: string): Token[] {
  const src = script.replaceAll('\\\n', '');
  const out: Token[] = [];
  /** Here-documents whose bodies start after the current line, with their delimiters. */
  let pending: { doc: HereDocument; delimiter: string; stripTabs: boolean }[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === ' ' || ch === '\t') {
      i++;
      continue;
    }
    if (ch === '\n') {
      out.push({ kind: 'newline' });
      i++;
      for (const p of pending) i = readHereDocument(src, i, p);
      pending = [];
      continue;
    }
    if (ch === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op === '<<' || op === '<<-') {
      i = hereDocumentOperator(src, i + op.length, op === '<<-', out, pending);
      continue;
    }
    if (op) {
      out.push({ kind: 'op', text: op === '>|' ? '>' : op });
      i += op.length;
      continue;
    }
    const start = i;
    i = wordEnd(src, i);
    const text = src.slice(start, i);
    // A number written right before a redirection is its file descriptor (`2>&1`).
    if (/^\d$/.test(text) && (src[i] === '>' || src[i] === '<')) {
      const redir = OPERATORS.find((o) => src.startsWith(o, i)) as string;
      if (redir === '<<' || redir === '<<-') {
        i = hereDocumentOperator(src, i + redir.length, redir === '<<-', out, pending, Number(text));
        continue;
      }
      out.push({ kind: 'op', text: redir === '>|' ? '>' : redir, fd: Number(text) });
      i += redir.length;
      continue;
    }
    out.push({ kind: 'word', text });
  }
  out.push({ kind: 'eof' });
  return out;
}

/**
 * `<<WORD` (or `<<-WORD`): reads the delimiter word after the operator and pushes the operator
 * token with its here-document, whose body `readHereDocument` fills at the end of the line.
 */
function hereDocumentOperator(src: string, i: number, stripTabs: boolean, out: Token[], pending: { doc: HereDocument; delimiter: string; stripTabs: boolean }[], fd?: number): number {
  while (src[i] === ' ' || src[i] === '\t') i++;
  const start = i;
  i = wordEnd(src, i);
  const word = src.slice(start, i);
  if (word === '') throw new ShellSyntaxError('syntax error: unexpected newline');
  const quoted = /['"\\]/.test(word);
  const doc: HereDocument = { body: '', quoted };
  out.push({ kind: 'op', text: '<<', fd, hereDocument: doc });
  pending.push({ doc, delimiter: word.replace(/['"\\]/g, ''), stripTabs });
  return i;
}

/** Reads a here-document's lines from `i` up to its delimiter line (or the end); returns where the script goes on. */
function readHereDocument(src: string, i: number, p: { doc: HereDocument; delimiter: string; stripTabs: boolean }): number {
  let body = '';
  while (i < src.length) {
    const nl = src.indexOf('\n', i);
    const end = nl < 0 ? src.length : nl;
    let line = src.slice(i, end);
    if (p.stripTabs) line = line.replace(/^\t+/, '');
    i = end + 1;
    if (line === p.delimiter) break;
    body += `${line}\n`;
  }
  p.doc.body = body;
  return Math.min(i, src.length);
}

/** The end of the word starting at `i`. */
function wordEnd(src: string, i: number): number {
  while (i < src.length) {
    const ch = src[i];
    if (METACHARS.has(ch)) return i;
    if (ch === '\\') i += 2;
    else if (ch === "'") i = skipSingle(src, i + 1);
    else if (ch === '"') i = skipDouble(src, i + 1);
    else if (ch === '`') i = skipBackquote(src, i + 1);
    else if (ch === '$' && src[i + 1] === '(') i = skipParens(src, i + 2);
    else if (ch === '$' && src[i + 1] === '{') i = skipBrace(src, i + 2);
    else i++;
  }
  return Math.min(i, src.length);
}
