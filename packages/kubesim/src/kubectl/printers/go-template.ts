/**
 * `-o go-template=…` (and `-o template=…`): the part of Go's text/template kubectl users write,
 * over the object as JSON (an unstructured map): fields (`.metadata.name`), `$` and range
 * variables, `{{range}}`/`{{if}}`/`{{with}}` with `{{else}}`, pipelines, the builtins `eq ne lt
 * le gt ge and or not len index print printf println`, kubectl's `base64decode` and `exists`,
 * trim markers (`{{-`, `-}}`) and comments. Values print as Go's `%v` does (`map[k:v]`,
 * `[a b]`), a missing key as `<no value>`.
 * @see go src/text/template (parse, exec, funcs); cli-runtime pkg/printers/template.go
 */
import { clientError } from '../errors.js';

type Value = unknown;

interface TextNode {
  readonly kind: 'text';
  readonly text: string;
}
interface ActionNode {
  readonly kind: 'action';
  readonly pipe: Pipe;
}
interface BlockNode {
  readonly kind: 'if' | 'range' | 'with';
  readonly pipe: Pipe;
  readonly list: Node[];
  readonly elseList: Node[];
}
type Node = TextNode | ActionNode | BlockNode;

interface Pipe {
  readonly decl: readonly string[];
  readonly cmds: readonly (readonly Operand[])[];
}
type Operand =
  | { readonly kind: 'field'; readonly base: 'dot' | string; readonly path: readonly string[] }
  | { readonly kind: 'literal'; readonly value: Value }
  | { readonly kind: 'ident'; readonly name: string }
  | { readonly kind: 'sub'; readonly pipe: Pipe };

/** Go's error text for a template that does not parse. */
function parseError(message: string): Error {
  return clientError(`error parsing template ${message}`);
}

/** Splits the template into text and `{{…}}` actions, applying trim markers; comments dropped. */
function lex(src: string): { text?: string; action?: string }[] {
  const out: { text?: string; action?: string }[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      out.push({ text: src.slice(i) });
      break;
    }
    let text = src.slice(i, open);
    let start = open + 2;
    if (src.startsWith('- ', start) || src[start] === '-' && /\s/.test(src[start + 1] ?? '')) {
      text = text.replace(/\s+$/, '');
      start += 1;
    }
    out.push({ text });
    const close = findClose(src, start);
    if (close < 0) throw parseError(`${JSON.stringify(src)}: template: output:1: unclosed action`);
    let end = close;
    let next = close + 2;
    if (src[close - 1] === '-' && /\s/.test(src[close - 2] ?? '')) end = close - 1;
    const action = src.slice(start, end).trim();
    if (src[close - 1] === '-' && /\s/.test(src[close - 2] ?? '')) {
      while (next < src.length && /\s/.test(src[next])) next++;
    }
    if (!action.startsWith('/*')) out.push({ action });
    i = next;
  }
  return out;
}

/** The `}}` closing an action, skipping string literals. */
function findClose(src: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < src.length; i++) {
    const ch = src[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === '`') quote = ch;
    else if (ch === '}' && src[i + 1] === '}') return i;
  }
  return -1;
}

/** Tokens of an action: strings, parens, pipes, `:=`, words. */
function tokens(action: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < action.length) {
    const ch = action[i];
    if (/\s/.test(ch)) i++;
    else if (ch === '"' || ch === '`') {
      let j = i + 1;
      while (j < action.length && action[j] !== ch) j += action[j] === '\\' && ch === '"' ? 2 : 1;
      out.push(action.slice(i, j + 1));
      i = j + 1;
    } else if (ch === '(' || ch === ')' || ch === '|' || ch === ',') {
      out.push(ch);
      i++;
    } else if (action.startsWith(':=', i)) {
      out.push(':=');
      i += 2;
    } else {
      let j = i;
      while (j < action.length && !/[\s()|,]/.test(action[j]) && !action.startsWith(':=', j)) j++;
      out.push(action.slice(i, j));
      i = j;
    }
  }
  return out;
}

function parsePipe(toks: string[], pos: { i: number }, allowDecl: boolean): Pipe {
  const decl: string[] = [];
  if (allowDecl) {
    const save = pos.i;
    const names: string[] = [];
    while (toks[pos.i]?.startsWith('$')) {
      names.push(toks[pos.i++]);
      if (toks[pos.i] === ',') pos.i++;
      else break;
    }
    if (names.length && toks[pos.i] === ':=') {
      pos.i++;
      decl.push(...names);
    } else pos.i = save;
  }
  const cmds: Operand[][] = [[]];
  while (pos.i < toks.length && toks[pos.i] !== ')') {
    const t = toks[pos.i++];
    if (t === '|') cmds.push([]);
    else if (t === '(') {
      const pipe = parsePipe(toks, pos, false);
      if (toks[pos.i++] !== ')') throw parseError('unclosed left paren');
      cmds[cmds.length - 1].push({ kind: 'sub', pipe });
    } else cmds[cmds.length - 1].push(operand(t));
  }
  return { decl, cmds };
}

function operand(t: string): Operand {
  if (t.startsWith('"')) return { kind: 'literal', value: JSON.parse(t) };
  if (t.startsWith('`')) return { kind: 'literal', value: t.slice(1, -1) };
  if (/^-?\d+(\.\d+)?$/.test(t)) return { kind: 'literal', value: Number(t) };
  if (t === 'true' || t === 'false') return { kind: 'literal', value: t === 'true' };
  if (t === 'nil') return { kind: 'literal', value: null };
  if (t === '.') return { kind: 'field', base: 'dot', path: [] };
  if (t.startsWith('.')) return { kind: 'field', base: 'dot', path: t.slice(1).split('.') };
  if (t.startsWith('$')) {
    const [name, ...path] = t.split('.');
    return { kind: 'field', base: name, path };
  }
  return { kind: 'ident', name: t };
}

type Items = { text?: string; action?: string }[];

/** Parses the lexed items into a tree, up to `{{end}}`/`{{else}}` when nested. */
function parseList(items: Items, pos: { i: number }, nested: boolean): { list: Node[]; stop?: 'end' | 'else' | 'else-if' } {
  const list: Node[] = [];
  while (pos.i < items.length) {
    const item = items[pos.i++];
    if (item.text !== undefined) {
      if (item.text) list.push({ kind: 'text', text: item.text });
      continue;
    }
    const action = item.action ?? '';
    const word = action.split(/\s+/)[0];
    if (word === 'end' || word === 'else') {
      if (!nested) throw parseError(`unexpected {{${word}}}`);
      if (word === 'else' && action !== 'else') {
        // `{{else if …}}`: the rest is an if block that shares the outer `{{end}}`.
        items[--pos.i] = { action: action.slice(4).trim() };
        return { list, stop: 'else-if' };
      }
      return { list, stop: word };
    }
    if (word === 'if' || word === 'range' || word === 'with') list.push(parseBlock(word, action, items, pos));
    else list.push({ kind: 'action', pipe: parsePipe(tokens(action), { i: 0 }, true) });
  }
  if (nested) throw parseError('unexpected EOF');
  return { list };
}

/** An `if`/`range`/`with` block whose opening action was just read. */
function parseBlock(word: 'if' | 'range' | 'with', action: string, items: Items, pos: { i: number }): BlockNode {
  const pipe = parsePipe(tokens(action.slice(word.length)), { i: 0 }, word === 'range');
  const body = parseList(items, pos, true);
  let elseList: Node[] = [];
  if (body.stop === 'else') elseList = parseList(items, pos, true).list;
  else if (body.stop === 'else-if') {
    const next = items[pos.i++];
    elseList = [parseBlock('if', next.action ?? '', items, pos)];
  }
  return { kind: word, pipe, list: body.list, elseList };
}

/** Go's truth: false, 0, nil, and empty strings, maps and slices are false. */
function truth(v: Value): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

/** Go's `%v` of a JSON value (maps with sorted keys). */
export function goValue(v: Value): string {
  if (v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    const keys = Object.keys(v as object).sort();
    return `map[${keys.map((k) => `${k}:${goValue((v as Record<string, Value>)[k])}`).join(' ')}]`;
  }
  return String(v);
}

/** `printf`'s verbs that kubectl templates use: %s %v %d %q %%. */
function sprintf(format: string, args: Value[]): string {
  let i = 0;
  return format.replace(/%([svdq%])/g, (_m, verb: string) => {
    if (verb === '%') return '%';
    const a = args[i++];
    if (verb === 'q') return JSON.stringify(typeof a === 'string' ? a : goValue(a));
    return goValue(a);
  });
}

const FUNCS: Readonly<Record<string, (...args: Value[]) => Value>> = {
  eq: (a, ...bs) => bs.some((b) => a === b),
  ne: (a, b) => a !== b,
  lt: (a, b) => (a as number) < (b as number),
  le: (a, b) => (a as number) <= (b as number),
  gt: (a, b) => (a as number) > (b as number),
  ge: (a, b) => (a as number) >= (b as number),
  and: (...xs) => xs.find((x) => !truth(x)) ?? xs[xs.length - 1],
  or: (...xs) => xs.find((x) => truth(x)) ?? xs[xs.length - 1],
  not: (x) => !truth(x),
  len: (x) => (typeof x === 'string' || Array.isArray(x) ? x.length : typeof x === 'object' && x !== null ? Object.keys(x).length : 0),
  index: (x, ...keys) => keys.reduce<Value>((acc, k) => (acc as Record<string, Value> | undefined)?.[k as string], x),
  print: (...xs) => xs.map(goValue).join(''),
  println: (...xs) => `${xs.map(goValue).join(' ')}\n`,
  printf: (f, ...xs) => sprintf(String(f), xs),
  base64decode: (s) => Buffer.from(String(s), 'base64').toString('utf8'),
  exists: (x, ...keys) => {
    let cur: Value = x;
    for (const k of keys) {
      if (cur === null || typeof cur !== 'object' || !(String(k) in (cur as object))) return false;
      cur = (cur as Record<string, Value>)[String(k)];
    }
    return true;
  },
};

class Scope {
  constructor(
    readonly vars: Map<string, Value>,
    readonly parent?: Scope,
  ) {}
  get(name: string): Value {
    if (this.vars.has(name)) return this.vars.get(name);
    if (this.parent) return this.parent.get(name);
    throw clientError(`error executing template: undefined variable: ${name}`);
  }
}

function field(base: Value, path: readonly string[]): Value {
  let cur = base;
  for (const key of path) {
    if (cur === null || cur === undefined) return undefined;
    if (typeof cur !== 'object' || Array.isArray(cur)) throw clientError(`error executing template: can't evaluate field ${key} in type ${Array.isArray(cur) ? '[]interface {}' : typeof cur}`);
    cur = (cur as Record<string, Value>)[key];
  }
  return cur;
}

function evalOperand(op: Operand, dot: Value, scope: Scope): Value {
  switch (op.kind) {
    case 'literal':
      return op.value;
    case 'field':
      return field(op.base === 'dot' ? dot : scope.get(op.base), op.path);
    case 'sub':
      return evalPipe(op.pipe, dot, scope);
    case 'ident':
      if (!(op.name in FUNCS)) throw clientError(`error parsing template: function ${JSON.stringify(op.name)} not defined`);
      return FUNCS[op.name]();
  }
}

function evalPipe(pipe: Pipe, dot: Value, scope: Scope): Value {
  let last: Value;
  let first = true;
  for (const cmd of pipe.cmds) {
    const [head, ...rest] = cmd;
    if (!head) continue;
    const args = rest.map((a) => evalOperand(a, dot, scope));
    if (!first) args.push(last);
    if (head.kind === 'ident') {
      const fn = FUNCS[head.name];
      if (!fn) throw clientError(`error parsing template: function ${JSON.stringify(head.name)} not defined`);
      last = fn(...args);
    } else last = evalOperand(head, dot, scope);
    first = false;
  }
  return last;
}

function exec(list: readonly Node[], dot: Value, scope: Scope): string {
  let out = '';
  for (const node of list) {
    if (node.kind === 'text') out += node.text;
    else if (node.kind === 'action') {
      const v = evalPipe(node.pipe, dot, scope);
      if (node.pipe.decl.length) for (const d of node.pipe.decl) scope.vars.set(d, v);
      else out += goValue(v);
    } else if (node.kind === 'if') {
      out += truth(evalPipe(node.pipe, dot, scope)) ? exec(node.list, dot, new Scope(new Map(), scope)) : exec(node.elseList, dot, new Scope(new Map(), scope));
    } else if (node.kind === 'with') {
      const v = evalPipe(node.pipe, dot, scope);
      out += truth(v) ? exec(node.list, v, new Scope(new Map(), scope)) : exec(node.elseList, dot, new Scope(new Map(), scope));
    } else {
      const v = evalPipe(node.pipe, dot, scope);
      const entries: [Value, Value][] = Array.isArray(v)
        ? v.map((x, i) => [i, x])
        : v !== null && typeof v === 'object'
          ? Object.keys(v).sort().map((k) => [k, (v as Record<string, Value>)[k]])
          : [];
      if (entries.length === 0) {
        out += exec(node.elseList, dot, new Scope(new Map(), scope));
        continue;
      }
      for (const [k, x] of entries) {
        const vars = new Map<string, Value>();
        if (node.pipe.decl.length === 1) vars.set(node.pipe.decl[0], x);
        else if (node.pipe.decl.length === 2) {
          vars.set(node.pipe.decl[0], k);
          vars.set(node.pipe.decl[1], x);
        }
        out += exec(node.list, x, new Scope(vars, scope));
      }
    }
  }
  return out;
}

/** Renders `template` over `data` (one object, or a List). */
export function goTemplate(template: string, data: Value): string {
  const tree = parseList(lex(template), { i: 0 }, false).list;
  return exec(tree, data, new Scope(new Map([['$', data]])));
}
