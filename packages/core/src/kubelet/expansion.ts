/**
 * `$(VAR)` expansion of container environment values (and, upstream, of command, args and
 * `subPathExpr`): a reference to a known variable is replaced by its value, an unknown one is left
 * as written, `$$` is an escaped `$`, and any other `$` stays as it is.
 * @see kubernetes third_party/forked/golang/expansion/expand.go
 */

const OPERATOR = '$';
const REFERENCE_OPENER = '(';
const REFERENCE_CLOSER = ')';

/** `syntaxWrap`: the input wrapped in the expansion syntax, `$(input)`. */
function syntaxWrap(input: string): string {
  return `${OPERATOR}${REFERENCE_OPENER}${input}${REFERENCE_CLOSER}`;
}

/**
 * `MappingFuncFor`: looks a name up in each context in turn; a name none of them has maps to
 * itself wrapped in the syntax, so `$(UNKNOWN)` survives expansion unchanged.
 */
export function mappingFuncFor(...contexts: readonly ReadonlyMap<string, string>[]): (name: string) => string {
  return (name) => {
    for (const vars of contexts) {
      const value = vars.get(name);
      if (value !== undefined) return value;
    }
    return syntaxWrap(name);
  };
}

/**
 * `tryReadVariableName` on the text after a `$`: what was read, whether it is a variable name,
 * and how many UTF-16 units it consumed.
 */
function tryReadVariableName(input: string): { read: string; isVar: boolean; advance: number } {
  const first = input.codePointAt(0) ?? 0;
  const size = first > 0xffff ? 2 : 1;
  const rune = input.slice(0, size);
  if (rune === OPERATOR) return { read: rune, isVar: false, advance: size };
  if (rune === REFERENCE_OPENER) {
    const close = input.indexOf(REFERENCE_CLOSER, 1);
    if (close >= 0) return { read: input.slice(1, close), isVar: true, advance: close + 1 };
    // Incomplete reference: return it as written.
    return { read: OPERATOR + REFERENCE_OPENER, isVar: false, advance: 1 };
  }
  return { read: OPERATOR + rune, isVar: false, advance: size };
}

/**
 * `Expand`: replaces `$(NAME)` references in `input` through `mapping`.
 * @remarks `$$(A)` gives `$(A)`; `$(A` (no closer) and a trailing `$` are kept as written.
 */
export function expand(input: string, mapping: (name: string) => string): string {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] === OPERATOR && cursor + 1 < input.length) {
      out += input.slice(checkpoint, cursor);
      const { read, isVar, advance } = tryReadVariableName(input.slice(cursor + 1));
      out += isVar ? mapping(read) : read;
      cursor += advance;
      checkpoint = cursor + 1;
    }
  }
  return out + input.slice(checkpoint);
}
