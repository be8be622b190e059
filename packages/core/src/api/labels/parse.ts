/**
 * The label selector language of `kubectl -l` (`a=b`, `a==b`, `a!=b`, `a in (x,y)`,
 * `a notin (x)`, `a`, `!a`, `a>1`, comma = AND), with the lexer, parser and error texts of
 * apimachinery.
 * @see apimachinery pkg/labels/selector.go (Lexer, Parser, Parse)
 */
import { isQualifiedName } from '../names.js';
import { compareStrings, newRequirement, type Requirement, Selector, SelectorError, type SelectorOperator } from './selector.js';

type Token =
  | 'error'
  | 'end'
  | ')'
  | ','
  | '!'
  | '=='
  | '='
  | '>'
  | 'id'
  | 'in'
  | '<'
  | '!='
  | 'notin'
  | '(';

interface Item {
  readonly tok: Token;
  readonly lit: string;
}

const KEYWORDS: Readonly<Record<string, Token>> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};

const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string) => '=!(),><'.includes(c);

function keyword(s: string): Token | undefined {
  return Object.hasOwn(KEYWORDS, s) ? KEYWORDS[s] : undefined;
}

/** `Lexer`: splits a selector into tokens. */
function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos] as string)) pos++;
    if (pos >= s.length) {
      items.push({ tok: 'end', lit: '' });
      return items;
    }
    const start = pos;
    if (isSpecial(s[pos] as string)) {
      let last: Item | undefined;
      let buffer = '';
      while (pos < s.length && isSpecial(s[pos] as string)) {
        buffer += s[pos];
        const tok = keyword(buffer);
        if (tok) last = { tok, lit: buffer };
        else if (last) break;
        pos++;
      }
      if (!last) {
        items.push({ tok: 'error', lit: `error expected: keyword found '${buffer}'` });
        pos = start + buffer.length;
      } else {
        items.push(last);
        pos = start + last.lit.length;
      }
      continue;
    }
    while (pos < s.length && !isSpecial(s[pos] as string) && !isWhitespace(s[pos] as string)) pos++;
    const lit = s.slice(start, pos);
    items.push({ tok: keyword(lit) ?? 'id', lit });
  }
}

/** Recursive-descent parser over the scanned items (`Parser`). */
class Parser {
  private position = 0;
  constructor(private readonly items: Item[]) {}

  private lookahead(values: boolean): Item {
    return this.asValue(this.items[this.position] as Item, values);
  }

  private consume(values: boolean): Item {
    return this.asValue(this.items[this.position++] as Item, values);
  }

  private asValue(item: Item, values: boolean): Item {
    return values && (item.tok === 'in' || item.tok === 'notin') ? { tok: 'id', lit: item.lit } : item;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead(true);
      if (tok === 'end') return requirements;
      if (tok !== 'id' && tok !== '!') throw new Error(`found '${lit}', expected: !, identifier, or 'end of string'`);
      try {
        requirements.push(this.parseRequirement());
      } catch (e) {
        throw new Error(`unable to parse requirement: ${(e as Error).message}`);
      }
      const next = this.consume(true);
      if (next.tok === 'end') return requirements;
      if (next.tok !== ',') throw new Error(`found '${next.lit}', expected: ',' or 'end of string'`);
      const after = this.lookahead(true);
      if (after.tok !== 'id' && after.tok !== '!') throw new Error(`found '${after.lit}', expected: identifier after ','`);
    }
  }

  private parseRequirement(): Requirement {
    let item = this.consume(true);
    let operator: SelectorOperator | undefined;
    if (item.tok === '!') {
      operator = '!';
      item = this.consume(true);
    }
    if (item.tok !== 'id') throw new Error(`found '${item.lit}', expected: identifier`);
    const key = item.lit;
    const keyErrs = isQualifiedName(key);
    if (keyErrs.length) throw new Error(`<nil>: Invalid value: ${JSON.stringify(key)}: ${keyErrs.join('; ')}`);
    const next = this.lookahead(true).tok;
    if (next === 'end' || next === ',') operator = operator ?? 'exists';
    if (operator === 'exists' || operator === '!') return newRequirement(key, operator, []);
    const op = this.parseOperator();
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, op, [...values].sort(compareStrings));
  }

  private parseOperator(): SelectorOperator {
    const { tok, lit } = this.consume(false);
    const ops: Partial<Record<Token, SelectorOperator>> = {
      in: 'in',
      '=': '=',
      '==': '==',
      '>': 'gt',
      '<': 'lt',
      notin: 'notin',
      '!=': '!=',
    };
    const op = ops[tok];
    if (!op) throw new Error(`found '${lit}', expected: in, notin, =, ==, !=, gt, lt`);
    return op;
  }

  private parseValues(): Set<string> {
    const open = this.consume(true);
    if (open.tok !== '(') throw new Error(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead(true);
    if (tok === 'id' || tok === ',') {
      const s = this.parseIdentifiersList();
      if (this.consume(true).tok !== ')') throw new Error(`found '${lit}', expected: ')'`);
      return s;
    }
    if (tok === ')') {
      this.consume(true);
      return new Set(['']);
    }
    throw new Error(`found '${lit}', expected: ',', ')' or identifier`);
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume(true);
      if (tok === 'id') {
        s.add(lit);
        const next = this.lookahead(true);
        if (next.tok === ',') continue;
        if (next.tok === ')') return s;
        throw new Error(`found '${next.lit}', expected: ',' or ')'`);
      }
      if (tok !== ',') throw new Error(`found '${lit}', expected: ',', or identifier`);
      if (s.size === 0) s.add('');
      const next = this.lookahead(true).tok;
      if (next === ')') {
        s.add('');
        return s;
      }
      if (next === ',') {
        this.consume(true);
        s.add('');
      }
    }
  }

  private parseExactValue(): Set<string> {
    const ahead = this.lookahead(true).tok;
    if (ahead === 'end' || ahead === ',') return new Set(['']);
    const { tok, lit } = this.consume(true);
    if (tok === 'id') return new Set([lit]);
    throw new Error(`found '${lit}', expected: identifier`);
  }
}

/**
 * Parses a selector string (`labels.Parse`); the empty string selects everything.
 * @throws SelectorError with apimachinery's message (e.g. `unable to parse requirement: …`)
 */
export function parseSelector(selector: string): Selector {
  try {
    return Selector.of(new Parser(lex(selector)).parse());
  } catch (e) {
    if (e instanceof SelectorError) throw e;
    throw new SelectorError((e as Error).message);
  }
}
