/**
 * Parses a script into the syntax tree (`ast.ts`), as busybox `ash` reads it: reserved words
 * only where a command starts, `name()` function definitions, redirections anywhere in a simple
 * command and after a compound one; here-documents (`<<WORD`, `<<-WORD`) as the lexer read them.
 * @see POSIX Shell Command Language 2.10 (Shell Grammar), busybox shell/ash.c list/andor/pipeline/command
 */
import type { AndOr, CaseCommand, Command, ForCommand, IfCommand, List, LoopCommand, Pipeline, Redirect, SimpleCommand } from './ast.js';
import { ShellSyntaxError, type Token, tokenize } from './lexer.js';

/** Words that end a list where a command would start. */
const TERMINATORS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/** Parses a whole script. Throws `ShellSyntaxError` with ash's text. */
export function parseScript(script: string): List {
  return new Parser(tokenize(script)).program();
}

class Parser {
  private pos = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  program(): List {
    const list = this.list();
    const t = this.peek();
    if (t.kind !== 'eof') throw this.unexpected(t);
    return list;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)];
  }

  private next(): Token {
    return this.tokens[Math.min(this.pos++, this.tokens.length - 1)];
  }

  private isWord(t: Token, text?: string): boolean {
    return t.kind === 'word' && (text === undefined || t.text === text);
  }

  private isOp(t: Token, text: string): boolean {
    return t.kind === 'op' && t.text === text;
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.pos++;
  }

  /** `syntax error: unexpected "x"` / `unexpected newline` / `unexpected end of file`, with what was expected. */
  private unexpected(t: Token, expecting?: string): ShellSyntaxError {
    const what = t.kind === 'eof' ? 'end of file' : t.kind === 'newline' ? 'newline' : `"${t.text}"`;
    return new ShellSyntaxError(`syntax error: unexpected ${what}${expecting ? ` (expecting "${expecting}")` : ''}`);
  }

  private expectWord(text: string): void {
    this.skipNewlines();
    const t = this.next();
    if (!this.isWord(t, text)) throw this.unexpected(t, text);
  }

  /** Whether `t` ends the list being read (a closing reserved word, `)`, `;;`, the end). */
  private endsList(t: Token): boolean {
    return t.kind === 'eof' || (t.kind === 'word' && TERMINATORS.has(t.text)) || this.isOp(t, ')') || this.isOp(t, ';;');
  }

  private list(): List {
    const items: AndOr[] = [];
    this.skipNewlines();
    while (!this.endsList(this.peek())) {
      const first = this.pipeline();
      const rest: { op: '&&' | '||'; pipeline: Pipeline }[] = [];
      while (this.isOp(this.peek(), '&&') || this.isOp(this.peek(), '||')) {
        const op = this.next() as { text: '&&' | '||' };
        this.skipNewlines();
        rest.push({ op: op.text, pipeline: this.pipeline() });
      }
      const sep = this.peek();
      const background = this.isOp(sep, '&');
      items.push({ first, rest, background });
      if (background || this.isOp(sep, ';')) this.pos++;
      else if (sep.kind !== 'newline' && !this.endsList(sep)) throw this.unexpected(sep);
      this.skipNewlines();
    }
    return items;
  }

  /** A compound command's list: ash refuses an empty one (`while do`, `then fi`) at the word that follows. */
  private compoundList(): List {
    const list = this.list();
    if (list.length === 0) throw this.unexpected(this.peek());
    return list;
  }

  private pipeline(): Pipeline {
    let bang = false;
    if (this.isWord(this.peek(), '!')) {
      this.pos++;
      bang = true;
    }
    const commands = [this.command()];
    while (this.isOp(this.peek(), '|')) {
      this.pos++;
      this.skipNewlines();
      commands.push(this.command());
    }
    return { bang, commands };
  }

  private command(): Command {
    const t = this.peek();
    if (t.kind === 'word') {
      switch (t.text) {
        case 'if':
          return this.ifCommand();
        case 'while':
        case 'until':
          return this.loop(t.text);
        case 'for':
          return this.forCommand();
        case 'case':
          return this.caseCommand();
        case '{': {
          this.pos++;
          const body = this.compoundList();
          this.expectWord('}');
          return { type: 'group', body, redirects: this.redirects() };
        }
      }
      if (TERMINATORS.has(t.text)) throw this.unexpected(t);
      if (NAME.test(t.text) && this.isOp(this.peek(1), '(') && this.isOp(this.peek(2), ')')) {
        this.pos += 3;
        this.skipNewlines();
        return { type: 'function', name: t.text, body: this.command() };
      }
    }
    if (this.isOp(t, '(')) {
      this.pos++;
      const body = this.compoundList();
      const close = this.next();
      if (!this.isOp(close, ')')) throw this.unexpected(close, ')');
      return { type: 'subshell', body, redirects: this.redirects() };
    }
    return this.simple();
  }

  private simple(): SimpleCommand {
    const assigns: { name: string; value: string }[] = [];
    const words: string[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'word') {
        this.pos++;
        const m = words.length === 0 ? ASSIGNMENT.exec(t.text) : null;
        if (m) assigns.push({ name: m[1], value: t.text.slice(m[0].length) });
        else words.push(t.text);
      } else if (t.kind === 'op' && isRedirectOp(t.text)) redirects.push(this.redirect());
      else break;
    }
    if (assigns.length + words.length + redirects.length === 0) throw this.unexpected(this.peek());
    return { type: 'simple', assigns, words, redirects };
  }

  private redirect(): Redirect {
    const t = this.next() as { text: string; fd?: number; hereDocument?: { body: string; quoted: boolean } };
    if (t.hereDocument) return { fd: t.fd ?? 0, op: '<<', target: t.hereDocument.body, quoted: t.hereDocument.quoted };
    const target = this.next();
    if (target.kind !== 'word') throw this.unexpected(target);
    const op = t.text as Redirect['op'];
    return { fd: t.fd ?? (op.startsWith('<') ? 0 : 1), op, target: target.text };
  }

  private redirects(): Redirect[] {
    const out: Redirect[] = [];
    for (let t = this.peek(); t.kind === 'op' && isRedirectOp(t.text); t = this.peek()) out.push(this.redirect());
    return out;
  }

  private ifCommand(): IfCommand {
    this.pos++;
    const clauses: { cond: List; body: List }[] = [];
    let otherwise: List | undefined;
    for (;;) {
      const cond = this.compoundList();
      this.expectWord('then');
      const body = this.compoundList();
      clauses.push({ cond, body });
      const t = this.next();
      if (this.isWord(t, 'elif')) continue;
      if (this.isWord(t, 'else')) {
        otherwise = this.compoundList();
        this.expectWord('fi');
      } else if (!this.isWord(t, 'fi')) throw this.unexpected(t, 'fi');
      break;
    }
    return { type: 'if', clauses, otherwise, redirects: this.redirects() };
  }

  private loop(type: 'while' | 'until'): LoopCommand {
    this.pos++;
    const cond = this.compoundList();
    this.expectWord('do');
    const body = this.compoundList();
    this.expectWord('done');
    return { type, cond, body, redirects: this.redirects() };
  }

  private forCommand(): ForCommand {
    this.pos++;
    const name = this.next();
    if (name.kind !== 'word' || !NAME.test(name.text)) throw new ShellSyntaxError(`syntax error: bad for loop variable`);
    this.skipNewlines();
    let words: string[] | undefined;
    if (this.isWord(this.peek(), 'in')) {
      this.pos++;
      words = [];
      while (this.peek().kind === 'word') words.push((this.next() as { text: string }).text);
      const sep = this.peek();
      if (this.isOp(sep, ';') || sep.kind === 'newline') this.pos++;
      else throw this.unexpected(sep, 'do');
    } else if (this.isOp(this.peek(), ';')) this.pos++;
    this.expectWord('do');
    const body = this.compoundList();
    this.expectWord('done');
    return { type: 'for', name: name.text, words, body, redirects: this.redirects() };
  }

  private caseCommand(): CaseCommand {
    this.pos++;
    const word = this.next();
    if (word.kind !== 'word') throw this.unexpected(word);
    this.expectWord('in');
    const items: { patterns: string[]; body: List }[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.isWord(this.peek(), 'esac')) {
        this.pos++;
        break;
      }
      if (this.isOp(this.peek(), '(')) this.pos++;
      const patterns: string[] = [];
      for (;;) {
        const p = this.next();
        if (p.kind !== 'word') throw this.unexpected(p, ')');
        patterns.push(p.text);
        if (!this.isOp(this.peek(), '|')) break;
        this.pos++;
      }
      const close = this.next();
      if (!this.isOp(close, ')')) throw this.unexpected(close, ')');
      const body = this.list();
      items.push({ patterns, body });
      if (this.isOp(this.peek(), ';;')) this.pos++;
      else if (!this.isWord(this.peek(), 'esac')) throw this.unexpected(this.peek(), 'esac');
    }
    return { type: 'case', word: word.text, items, redirects: this.redirects() };
  }
}

function isRedirectOp(text: string): boolean {
  return text === '>' || text === '>>' || text === '<' || text === '>&' || text === '<&' || text === '<<';
}
