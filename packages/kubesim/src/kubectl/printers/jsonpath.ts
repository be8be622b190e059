/**
 * The subset of kubectl's JSONPath templates people use: `{.a.b}`, `{.items[*].metadata.name}`,
 * `{.spec.containers[0].image}`, `{range .items[*]}…{end}`, filters `[?(@.type=="Ready")]`,
 * `['key.with.dots']`, string literals `{"\n"}`; text outside braces is printed as is.
 * @see client-go util/jsonpath/jsonpath.go, parser.go
 */
import { clientError } from '../errors.js';
import { sortedKeys } from './go-json.js';

type Node =
  | { readonly t: 'text'; readonly v: string }
  | { readonly t: 'path'; readonly v: string }
  | { readonly t: 'range'; readonly v: string; readonly body: Node[] };

/** Parses a template; throws kubectl's `error parsing jsonpath` text. */
export function parseJsonPath(template: string): Node[] {
  const tokens: { text?: string; expr?: string }[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      tokens.push({ text: template.slice(i) });
      break;
    }
    if (open > i) tokens.push({ text: template.slice(i, open) });
    const close = findClose(template, open);
    if (close < 0) throw clientError(`error parsing jsonpath ${template}, unclosed action`);
    tokens.push({ expr: template.slice(open + 1, close).trim() });
    i = close + 1;
  }
  const [nodes] = build(tokens, 0, template);
  return nodes;
}

function findClose(s: string, open: number): number {
  let inStr: string | undefined;
  for (let j = open + 1; j < s.length; j++) {
    const c = s[j];
    if (inStr) {
      if (c === '\\') j++;
      else if (c === inStr) inStr = undefined;
    } else if (c === '"' || c === "'") inStr = c;
    else if (c === '}') return j;
  }
  return -1;
}

function build(tokens: { text?: string; expr?: string }[], start: number, template: string): [Node[], number] {
  const out: Node[] = [];
  let i = start;
  while (i < tokens.length) {
    const tok = tokens[i];
    if (tok.text !== undefined) out.push({ t: 'text', v: tok.text });
    else if (tok.expr === 'end') return [out, i];
    else if (tok.expr?.startsWith('range ')) {
      const [body, end] = build(tokens, i + 1, template);
      if (end >= tokens.length) throw clientError(`error parsing jsonpath ${template}, unclosed range`);
      out.push({ t: 'range', v: tok.expr.slice(6).trim(), body });
      i = end;
    } else if (tok.expr !== undefined) {
      const lit = /^"((?:[^"\\]|\\.)*)"$/.exec(tok.expr) ?? /^'([^']*)'$/.exec(tok.expr);
      out.push(lit ? { t: 'text', v: unescapeLiteral(lit[1]) } : { t: 'path', v: tok.expr });
    }
    i++;
  }
  return [out, i];
}

function unescapeLiteral(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c));
}

/** Evaluates a path expression (`.a.b[*].c`) against data, returning every match. */
export function evalPath(expr: string, root: unknown): unknown[] {
  let cur: unknown[] = [root];
  let s = expr.trim();
  if (s.startsWith('$')) s = s.slice(1);
  if (s === '' || s === '.' || s === '@') return cur;
  if (s.startsWith('@')) s = s.slice(1);
  let i = 0;
  while (i < s.length) {
    if (s[i] === '.') {
      if (s[i + 1] === '.') throw clientError(`recursive descent is not supported: ${expr}`);
      // `parseField`: up to the next unescaped terminator; `\.` keeps a dot in the name (`kubernetes\.io/zone`).
      let j = i + 1;
      while (j < s.length && !'.[]'.includes(s[j])) j += s[j] === '\\' ? 2 : 1;
      const key = s.slice(i + 1, j).replace(/\\/g, '');
      i = j;
      if (key === '' || key === '*') {
        if (key === '*') cur = cur.flatMap((v) => (isObj(v) ? Object.values(v) : Array.isArray(v) ? v : []));
        continue;
      }
      cur = cur.flatMap((v) => (isObj(v) && key in v ? [v[key]] : []));
    } else if (s[i] === '[') {
      const end = matchBracket(s, i);
      cur = applyBracket(s.slice(i + 1, end), cur);
      i = end + 1;
    } else throw clientError(`unrecognized character in action: ${s[i]}`);
  }
  return cur;
}

function matchBracket(s: string, i: number): number {
  let depth = 0;
  let inStr: string | undefined;
  for (let j = i; j < s.length; j++) {
    const c = s[j];
    if (inStr) {
      if (c === inStr) inStr = undefined;
    } else if (c === '"' || c === "'") inStr = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return j;
  }
  throw clientError(`unterminated array`);
}

function applyBracket(inner: string, cur: unknown[]): unknown[] {
  const t = inner.trim();
  if (t === '*') return cur.flatMap((v) => (Array.isArray(v) ? v : isObj(v) ? Object.values(v) : []));
  const quoted = /^['"](.*)['"]$/.exec(t);
  if (quoted) return cur.flatMap((v) => (isObj(v) && quoted[1] in v ? [v[quoted[1]]] : []));
  const filter = /^\?\((.*)\)$/.exec(t);
  if (filter) return cur.flatMap((v) => (Array.isArray(v) ? v.filter((x) => evalFilter(filter[1], x)) : []));
  const slice = /^(-?\d*):(-?\d*)$/.exec(t);
  if (slice) {
    return cur.flatMap((v) => {
      if (!Array.isArray(v)) return [];
      const a = slice[1] === '' ? 0 : Number(slice[1]);
      const b = slice[2] === '' ? v.length : Number(slice[2]);
      return v.slice(a, b);
    });
  }
  if (/^-?\d+$/.test(t)) {
    const n = Number(t);
    return cur.flatMap((v) => {
      if (!Array.isArray(v)) return [];
      const idx = n < 0 ? v.length + n : n;
      if (idx < 0 || idx >= v.length) throw clientError(`array index out of bounds: index ${n}, length ${v.length}`);
      return [v[idx]];
    });
  }
  throw clientError(`invalid array index ${t}`);
}

function evalFilter(cond: string, item: unknown): boolean {
  const m = /^(@[^<>=!]*?)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(cond.trim());
  if (!m) return evalPath(cond.trim(), item).length > 0;
  const left = evalPath(m[1], item)[0];
  const rawRight = m[3].trim();
  const q = /^['"](.*)['"]$/.exec(rawRight);
  const right: unknown = q ? q[1] : Number.isNaN(Number(rawRight)) ? evalPath(rawRight, item)[0] : Number(rawRight);
  switch (m[2]) {
    case '==':
      return String(left) === String(right);
    case '!=':
      return String(left) !== String(right);
    case '<':
      return Number(left) < Number(right);
    case '>':
      return Number(left) > Number(right);
    case '<=':
      return Number(left) <= Number(right);
    default:
      return Number(left) >= Number(right);
  }
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Prints one value as kubectl's JSONPath printer does (objects and arrays as JSON, keys sorted). */
export function printValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(sortedKeys(v));
  return String(v);
}

/** Executes a parsed template. Missing keys print nothing, as kubectl's `allowMissingKeys`. */
export function executeJsonPath(nodes: readonly Node[], data: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.v;
    else if (n.t === 'path') out += evalPath(n.v, data).map(printValue).join(' ');
    else for (const item of evalPath(n.v, data)) out += executeJsonPath(n.body, item);
  }
  return out;
}

/** One-shot: parse and run a template. */
export function jsonPath(template: string, data: unknown): string {
  return executeJsonPath(parseJsonPath(template), data);
}
