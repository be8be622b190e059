/**
 * The syntax tree of a shell script, as busybox `ash` parses the POSIX Shell Command Language:
 * lists of and-or lists of pipelines of commands, with the compound commands (`if`, `while`,
 * `until`, `for`, `case`, `{ }`, `( )`) and function definitions.
 * @see POSIX Shell Command Language 2.9 (Shell Commands), 2.10 (Shell Grammar)
 */

/** A word as written (quotes and expansions included); expanded when the command runs. */
export type Word = string;

/**
 * `[n]>word`, `[n]>>word`, `[n]<word`, `[n]>&n`, `[n]<&n`, and a here-document `[n]<<word`
 * (`target` its body; `quoted`, its delimiter was quoted: the body is not expanded).
 */
export interface Redirect {
  readonly fd: number;
  readonly op: '>' | '>>' | '<' | '>&' | '<&' | '<<';
  readonly target: Word;
  readonly quoted?: boolean;
}

/** `NAME=value … word … redirections`. */
export interface SimpleCommand {
  readonly type: 'simple';
  readonly assigns: readonly { readonly name: string; readonly value: Word }[];
  readonly words: readonly Word[];
  readonly redirects: readonly Redirect[];
}

/** `if list; then list; [elif list; then list;]… [else list;] fi`. */
export interface IfCommand {
  readonly type: 'if';
  readonly clauses: readonly { readonly cond: List; readonly body: List }[];
  readonly otherwise?: List;
  readonly redirects: readonly Redirect[];
}

/** `while list; do list; done` and `until list; do list; done`. */
export interface LoopCommand {
  readonly type: 'while' | 'until';
  readonly cond: List;
  readonly body: List;
  readonly redirects: readonly Redirect[];
}

/** `for NAME [in word…]; do list; done` (without `in`: the positional parameters). */
export interface ForCommand {
  readonly type: 'for';
  readonly name: string;
  readonly words?: readonly Word[];
  readonly body: List;
  readonly redirects: readonly Redirect[];
}

/** `case word in pattern[|pattern]…) list ;; … esac`. */
export interface CaseCommand {
  readonly type: 'case';
  readonly word: Word;
  readonly items: readonly { readonly patterns: readonly Word[]; readonly body: List }[];
  readonly redirects: readonly Redirect[];
}

/** `{ list; }` (runs in the shell) and `( list )` (runs in a subshell). */
export interface GroupCommand {
  readonly type: 'group' | 'subshell';
  readonly body: List;
  readonly redirects: readonly Redirect[];
}

/** `name() compound-command`. */
export interface FunctionDefinition {
  readonly type: 'function';
  readonly name: string;
  readonly body: Command;
}

/** Any command. */
export type Command = SimpleCommand | IfCommand | LoopCommand | ForCommand | CaseCommand | GroupCommand | FunctionDefinition;

/** `[!] command | command …`. */
export interface Pipeline {
  readonly bang: boolean;
  readonly commands: readonly Command[];
}

/** `pipeline && pipeline || …`. */
export interface AndOr {
  readonly first: Pipeline;
  readonly rest: readonly { readonly op: '&&' | '||'; readonly pipeline: Pipeline }[];
  /** Ended by `&`: started in the background (kubesim runs it in the foreground, see the interpreter). */
  readonly background: boolean;
}

/** And-or lists separated by `;`, `&` or newlines. */
export type List = readonly AndOr[];
