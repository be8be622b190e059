/**
 * A small JMESPath subset for `--query`: field access (`a.b`, quoted `"a-b"`), index `[0]` and
 * `[-1]`, projections `[*]` and flatten `[]` (the rest of the chain applies to each element,
 * nulls dropped), object wildcard `*`, multiselect list `[a, b]` and hash `{x: a, y: b}`, pipes
 * `|`, `@`, raw string literals `'x'`, filters `[?a == 'x']` (==, !=) and `length()`.
 * @see https://jmespath.org/specification.html
 */

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Thrown for an expression outside the subset or malformed. */
export class JmesPathError extends Error {
  override readonly name = 'JmesPathError';
}

type Step =
  | { readonly t: 'field'; readonly name: string }
  | { readonly t: 'index'; readonly n: number }
  | { readonly t: 'project' }
  | { readonly t: 'flatten' }
  | { readonly t: 'values' }
  | { readonly t: 'filter'; readonly left: Expr; readonly op: '==' | '!='; readonly right: Expr }
  | { readonly t: 'list'; readonly items: readonly Expr[] }
  | { readonly t: 'hash'; readonly pairs: readonly (readonly [string, Expr])[] }
  | { readonly t: 'call'; readonly name: string; readonly args: readonly Expr[] }
  | { readonly t: 'literal'; readonly value: Json }
  | { readonly t: 'current' };

/** A chain of steps; pipes split chains (a projection stops at a pipe). */
type Expr = readonly (readonly Step[])[];

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }
  private peek(): string {
    this.ws();
    return this.s[this.i] ?? '';
  }
  private eat(c: string): void {
    if (this.peek() !== c) throw new JmesPathError(`Bad jmespath expression: expected '${c}' at ${this.i} in ${JSON.stringify(this.s)}`);
    this.i++;
  }

  parse(): Expr {
    const e = this.expr();
    if (this.peek() !== '') throw new JmesPathError(`Bad jmespath expression: unexpected '${this.peek()}' at ${this.i}`);
    return e;
  }

  private expr(): Expr {
    const chains = [this.chain()];
    while (this.peek() === '|' && this.s[this.i + 1] !== '|') {
      this.i++;
      chains.push(this.chain());
    }
    return chains;
  }

  private identifier(): string {
    this.ws();
    if (this.s[this.i] === '"') {
      const end = this.s.indexOf('"', this.i + 1);
      const name = this.s.slice(this.i + 1, end);
      this.i = end + 1;
      return name;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i));
    if (!m) throw new JmesPathError(`Bad jmespath expression: expected an identifier at ${this.i} in ${JSON.stringify(this.s)}`);
    this.i += m[0].length;
    return m[0];
  }

  private chain(): Step[] {
    const steps: Step[] = [];
    steps.push(...this.primary());
    for (;;) {
      const c = this.peek();
      if (c === '.') {
        this.i++;
        const n = this.peek();
        if (n === '[') steps.push(this.multiList());
        else if (n === '{') steps.push(this.multiHash());
        else if (n === '*') {
          this.i++;
          steps.push({ t: 'values' });
        } else steps.push({ t: 'field', name: this.identifier() });
      } else if (c === '[') steps.push(this.bracket());
      else return steps;
    }
  }

  private primary(): Step[] {
    const c = this.peek();
    if (c === '[') return [this.bracketOrList()];
    if (c === '{') return [this.multiHash()];
    if (c === '@') {
      this.i++;
      return [{ t: 'current' }];
    }
    if (c === '*') {
      this.i++;
      return [{ t: 'values' }];
    }
    if (c === "'") {
      const end = this.s.indexOf("'", this.i + 1);
      const value = this.s.slice(this.i + 1, end);
      this.i = end + 1;
      return [{ t: 'literal', value }];
    }
    if (c === '`') {
      const end = this.s.indexOf('`', this.i + 1);
      const value = JSON.parse(this.s.slice(this.i + 1, end)) as Json;
      this.i = end + 1;
      return [{ t: 'literal', value }];
    }
    const name = this.identifier();
    if (this.peek() === '(') {
      this.i++;
      const args: Expr[] = [];
      while (this.peek() !== ')') {
        args.push(this.expr());
        if (this.peek() === ',') this.i++;
      }
      this.eat(')');
      return [{ t: 'call', name, args }];
    }
    return [{ t: 'field', name }];
  }

  private bracketOrList(): Step {
    const save = this.i;
    this.eat('[');
    const c = this.peek();
    this.i = save;
    if (c === '*' || c === ']' || c === '?' || /[-0-9]/.test(c)) return this.bracket();
    return this.multiList();
  }

  private bracket(): Step {
    this.eat('[');
    const c = this.peek();
    if (c === ']') {
      this.i++;
      return { t: 'flatten' };
    }
    if (c === '*') {
      this.i++;
      this.eat(']');
      return { t: 'project' };
    }
    if (c === '?') {
      this.i++;
      const left = [this.chain()];
      this.ws();
      const op = this.s.slice(this.i, this.i + 2);
      if (op !== '==' && op !== '!=') throw new JmesPathError(`Bad jmespath expression: unsupported comparator at ${this.i}`);
      this.i += 2;
      const right = [this.chain()];
      this.eat(']');
      return { t: 'filter', left, op, right };
    }
    const m = /^-?\d+/.exec(this.s.slice(this.i));
    if (!m) throw new JmesPathError(`Bad jmespath expression: unsupported bracket at ${this.i}`);
    this.i += m[0].length;
    this.eat(']');
    return { t: 'index', n: Number(m[0]) };
  }

  private multiList(): Step {
    this.eat('[');
    const items: Expr[] = [this.expr()];
    while (this.peek() === ',') {
      this.i++;
      items.push(this.expr());
    }
    this.eat(']');
    return { t: 'list', items };
  }

  private multiHash(): Step {
    this.eat('{');
    const pairs: [string, Expr][] = [];
    do {
      if (this.peek() === ',') this.i++;
      const key = this.identifier();
      this.eat(':');
      pairs.push([key, this.expr()]);
    } while (this.peek() === ',');
    this.eat('}');
    return { t: 'hash', pairs };
  }
}

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function evalExpr(expr: Expr, value: Json): Json {
  let v = value;
  for (const chain of expr) v = evalSteps(chain, 0, v);
  return v;
}

function evalSteps(steps: readonly Step[], from: number, value: Json): Json {
  let v: Json = value;
  for (let i = from; i < steps.length; i++) {
    const s = steps[i];
    if (s.t === 'project' || s.t === 'flatten' || s.t === 'values' || s.t === 'filter') {
      const list = spread(s, v);
      if (list === null) return null;
      // A later flatten `[]` ends this projection and flattens what it collected.
      let end = steps.length;
      for (let j = i + 1; j < steps.length; j++) {
        if (steps[j].t === 'flatten') {
          end = j;
          break;
        }
      }
      const body = steps.slice(0, end);
      const out: Json[] = [];
      for (const el of list) {
        const r = evalSteps(body, i + 1, el);
        if (r !== null) out.push(r);
      }
      return end < steps.length ? evalSteps(steps, end, out) : out;
    }
    v = applyStep(s, v);
    if (v === null && s.t !== 'literal') return null;
  }
  return v;
}

function spread(s: Step, v: Json): Json[] | null {
  if (s.t === 'values') return isObject(v) ? Object.values(v) : null;
  if (!Array.isArray(v)) return null;
  if (s.t === 'flatten') return v.flatMap((el) => (Array.isArray(el) ? el : [el]));
  if (s.t === 'filter') {
    return v.filter((el) => {
      const same = JSON.stringify(evalExpr(s.left, el)) === JSON.stringify(evalExpr(s.right, el));
      return s.op === '==' ? same : !same;
    });
  }
  return v;
}

function applyStep(s: Step, v: Json): Json {
  switch (s.t) {
    case 'field':
      return isObject(v) ? (v[s.name] ?? null) : null;
    case 'index':
      if (!Array.isArray(v)) return null;
      return v[s.n < 0 ? v.length + s.n : s.n] ?? null;
    case 'list':
      return v === null ? null : s.items.map((e) => evalExpr(e, v));
    case 'hash':
      return v === null ? null : Object.fromEntries(s.pairs.map(([k, e]) => [k, evalExpr(e, v)]));
    case 'call':
      return callFunction(s.name, s.args.map((a) => evalExpr(a, v)));
    case 'literal':
      return s.value;
    case 'current':
      return v;
    default:
      return null;
  }
}

function callFunction(name: string, args: Json[]): Json {
  if (name === 'length') {
    const a = args[0];
    if (typeof a === 'string' || Array.isArray(a)) return a.length;
    if (isObject(a)) return Object.keys(a).length;
    throw new JmesPathError(`In function length(), invalid type for value: ${JSON.stringify(a)}`);
  }
  throw new JmesPathError(`Unknown function: ${name}()`);
}

/** Evaluates a JMESPath expression (the supported subset) against a JSON document. */
export function search(expression: string, data: Json): Json {
  return evalExpr(new Parser(expression).parse(), data);
}
