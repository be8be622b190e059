/**
 * Shell arithmetic (`$((…))`) as busybox `ash` evaluates it: integers, variables by name (unset
 * or empty is 0), C operators with C precedence, assignments (`=`, `+=`, …, `++`, `--`).
 * @see POSIX Shell Command Language 2.6.4 (Arithmetic Expansion), busybox shell/math.c
 */

/** An arithmetic error, worded as busybox reports it (after `sh: `). */
export class ArithmeticError extends Error {}

/** Variables the expression reads and assigns. */
export interface ArithmeticScope {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

const SYNTAX = 'arithmetic syntax error';
const TOKEN = /\s*(0[xX][0-9a-fA-F]+|\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*=?|<<=?|>>=?|\+\+|--|&&|\|\||[<>=!]=|[-+*/%&|^]=|[-+*/%<>=!~&|^?:()])/y;

/** Binary operators by precedence, lowest first (`?:` and assignments are handled apart). */
const LEVELS: readonly (readonly string[])[] = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '<=', '>', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];
const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '|=', '^=', '**=']);

/** Evaluates an expression (already parameter-expanded). Throws `ArithmeticError`. */
export function evaluateArithmetic(expr: string, scope: ArithmeticScope): number {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < expr.length) {
    if (/^\s*$/.test(expr.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(expr);
    if (!m) throw new ArithmeticError(SYNTAX);
    tokens.push(m[1]);
    at = TOKEN.lastIndex;
  }
  if (tokens.length === 0) return 0;
  const p = new ArithmeticParser(tokens, scope);
  const value = p.assignment();
  if (p.pos < tokens.length) throw new ArithmeticError(SYNTAX);
  return value;
}

/** A signed 64-bit-like integer from text: decimal, `0x` hex, `0` octal; a name reads its variable. */
function toNumber(text: string, scope: ArithmeticScope, depth = 0): number {
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return Number.parseInt(text.slice(2), 16);
  if (/^0[0-7]+$/.test(text)) return Number.parseInt(text, 8);
  if (/^\d+$/.test(text)) return Number(text);
  if (/^[A-Za-z_]\w*$/.test(text)) {
    const v = (scope.get(text) ?? '').trim();
    if (v === '') return 0;
    if (depth > 10) throw new ArithmeticError('expression recursion loop detected');
    if (/^[-+]?\d+$/.test(v) || /^0[xX][0-9a-fA-F]+$/.test(v)) return v.startsWith('-') ? -toNumber(v.slice(1), scope) : toNumber(v.replace(/^\+/, ''), scope);
    return evaluateArithmetic(v, scope);
  }
  throw new ArithmeticError(SYNTAX);
}

class ArithmeticParser {
  pos = 0;

  constructor(
    private readonly tokens: readonly string[],
    private readonly scope: ArithmeticScope,
  ) {}

  private peek(): string | undefined {
    return this.tokens[this.pos];
  }

  private isName(t: string | undefined): t is string {
    return t !== undefined && /^[A-Za-z_]\w*$/.test(t);
  }

  assignment(): number {
    const t = this.peek();
    const op = this.tokens[this.pos + 1];
    if (this.isName(t) && op !== undefined && ASSIGN_OPS.has(op)) {
      this.pos += 2;
      const rhs = this.assignment();
      const value = op === '=' ? rhs : binary(op.slice(0, -1), toNumber(t, this.scope), rhs);
      this.scope.set(t, String(value));
      return value;
    }
    return this.conditional();
  }

  private conditional(): number {
    const cond = this.binary(0);
    if (this.peek() !== '?') return cond;
    this.pos++;
    const a = this.assignment();
    if (this.tokens[this.pos++] !== ':') throw new ArithmeticError(SYNTAX);
    const b = this.assignment();
    return cond !== 0 ? a : b;
  }

  private binary(level: number): number {
    if (level === LEVELS.length) return this.power();
    let left = this.binary(level + 1);
    for (let op = this.peek(); op !== undefined && LEVELS[level].includes(op); op = this.peek()) {
      this.pos++;
      left = binary(op, left, this.binary(level + 1));
    }
    return left;
  }

  private power(): number {
    const base = this.unary();
    if (this.peek() !== '**') return base;
    this.pos++;
    return binary('**', base, this.power());
  }

  private unary(): number {
    const t = this.tokens[this.pos++];
    switch (t) {
      case undefined:
        throw new ArithmeticError(SYNTAX);
      case '-':
        return -this.unary();
      case '+':
        return this.unary();
      case '!':
        return this.unary() === 0 ? 1 : 0;
      case '~':
        return ~this.unary();
      case '++':
      case '--': {
        const name = this.tokens[this.pos++];
        if (!this.isName(name)) throw new ArithmeticError(SYNTAX);
        const value = toNumber(name, this.scope) + (t === '++' ? 1 : -1);
        this.scope.set(name, String(value));
        return value;
      }
      case '(': {
        const v = this.assignment();
        if (this.tokens[this.pos++] !== ')') throw new ArithmeticError(SYNTAX);
        return v;
      }
    }
    const value = toNumber(t, this.scope);
    const post = this.peek();
    if (this.isName(t) && (post === '++' || post === '--')) {
      this.pos++;
      this.scope.set(t, String(value + (post === '++' ? 1 : -1)));
    }
    return value;
  }
}

function binary(op: string, a: number, b: number): number {
  switch (op) {
    case '||':
      return a !== 0 || b !== 0 ? 1 : 0;
    case '&&':
      return a !== 0 && b !== 0 ? 1 : 0;
    case '|':
      return a | b;
    case '^':
      return a ^ b;
    case '&':
      return a & b;
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a !== b ? 1 : 0;
    case '<':
      return a < b ? 1 : 0;
    case '<=':
      return a <= b ? 1 : 0;
    case '>':
      return a > b ? 1 : 0;
    case '>=':
      return a >= b ? 1 : 0;
    case '<<':
      return a << b;
    case '>>':
      return a >> b;
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
    case '%':
      if (b === 0) throw new ArithmeticError('divide by zero');
      return op === '/' ? Math.trunc(a / b) : a % b;
    case '**':
      if (b < 0) throw new ArithmeticError('exponent less than 0');
      return a ** b;
  }
  throw new ArithmeticError(SYNTAX);
}
