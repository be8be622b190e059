/**
 * Label selectors: requirements, matching, the canonical string and `NewRequirement` checks.
 *
 * Design: a `Selector` is an immutable AND of requirements sorted by key (as `labels.Parse` and
 * `Selector.Add` sort them); `toString()` prints values of `in`/`notin` sorted, so the string of
 * a selector is canonical and parses back to an equivalent selector.
 * @see apimachinery pkg/labels/selector.go
 */
import { isQualifiedName, isValidLabelValue } from '../names.js';

/** `selection.Operator` values a requirement may carry. */
export type SelectorOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

/** Labels as stored on objects. */
export type Labels = Readonly<Record<string, string>> | undefined | null;

/** A selector string or requirement that is not valid; `message` is apimachinery's text. */
export class SelectorError extends Error {
  override readonly name = 'SelectorError';
}

/** One requirement (`labels.Requirement`). */
export interface Requirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

/** Operators in the order `binaryOperators` lists them (used in parse errors). */
export const BINARY_OPERATORS: readonly SelectorOperator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];

/** Renders a Go string slice as `%#v` would (`[]string{"a", "b"}`). */
function goStrings(values: readonly string[]): string {
  return `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
}

/** Field error text for a requirement (`field.Invalid(path, value, detail).Error()`). */
function invalid(path: string, value: string, detail: string): string {
  return `${path}: Invalid value: ${value}: ${detail}`;
}

/**
 * `labels.NewRequirement`: validates key, operator arity and values.
 * @throws SelectorError with the aggregate of field errors (paths relative to `path`).
 */
export function newRequirement(key: string, operator: SelectorOperator, values: readonly string[], path = ''): Requirement {
  const errs: string[] = [];
  const at = (child: string) => (path ? `${path}.${child}` : child);
  const keyPath = path ? `${path}.key` : 'key';
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length) errs.push(invalid(keyPath, JSON.stringify(key), keyErrs.join('; ')));
  const valuesPath = at('values');
  if ((operator === 'in' || operator === 'notin') && values.length === 0) {
    errs.push(invalid(valuesPath, goStrings(values), "for 'in', 'notin' operators, values set can't be empty"));
  } else if ((operator === '=' || operator === '==' || operator === '!=') && values.length !== 1) {
    errs.push(invalid(valuesPath, goStrings(values), 'exact-match compatibility requires one single value'));
  } else if ((operator === 'exists' || operator === '!') && values.length !== 0) {
    errs.push(invalid(valuesPath, goStrings(values), 'values set must be empty for exists and does not exist'));
  } else if (operator === 'gt' || operator === 'lt') {
    if (values.length !== 1) {
      errs.push(invalid(valuesPath, goStrings(values), "for 'Gt', 'Lt' operators, exactly one value is required"));
    }
    values.forEach((v, i) => {
      if (!/^[-+]?[0-9]+$/.test(v)) {
        errs.push(invalid(`${valuesPath}[${i}]`, JSON.stringify(v), "for 'Gt', 'Lt' operators, the value must be an integer"));
      }
    });
  }
  values.forEach((v, i) => {
    const msgs = isValidLabelValue(v);
    if (msgs.length) errs.push(invalid(`${valuesPath}[${i}][${key}]`, JSON.stringify(v), msgs.join('; ')));
  });
  if (errs.length) throw new SelectorError(errs.length === 1 ? (errs[0] as string) : `[${errs.join(', ')}]`);
  return { key, operator, values: [...values] };
}

/** `Requirement.Matches`. */
export function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = labels !== undefined && labels !== null && Object.hasOwn(labels, r.key);
  const value = has ? (labels as Record<string, string>)[r.key] : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(value as string);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(value as string);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || !/^[-+]?[0-9]+$/.test(value as string) || r.values.length !== 1) return false;
      const lhs = BigInt(value as string);
      const rhs = BigInt(r.values[0] as string);
      return r.operator === 'gt' ? lhs > rhs : lhs < rhs;
    }
  }
}

const OPERATOR_TEXT: Record<SelectorOperator, string> = {
  '=': '=',
  '==': '==',
  '!=': '!=',
  in: ' in ',
  notin: ' notin ',
  gt: '>',
  lt: '<',
  exists: '',
  '!': '',
};

/** `Requirement.String()`. */
export function requirementToString(r: Requirement): string {
  const prefix = r.operator === '!' ? '!' : '';
  if (r.operator === 'exists' || r.operator === '!') return `${prefix}${r.key}`;
  const values = r.values.length === 1 ? (r.values[0] as string) : [...r.values].sort(compareStrings).join(',');
  const body = r.operator === 'in' || r.operator === 'notin' ? `(${values})` : values;
  return `${r.key}${OPERATOR_TEXT[r.operator]}${body}`;
}

/** Byte-wise string order, as Go's `sort.Strings`. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A label selector: the AND of its requirements, or Nothing. */
export class Selector {
  /** Selects every object (`labels.Everything()`). */
  static readonly everything = new Selector([], false);
  /** Selects no object (`labels.Nothing()`, a nil `*LabelSelector`). */
  static readonly nothing = new Selector([], true);

  readonly requirements: readonly Requirement[];

  private constructor(
    requirements: readonly Requirement[],
    private readonly isNothing: boolean,
  ) {
    this.requirements = [...requirements].sort((a, b) => compareStrings(a.key, b.key));
  }

  /** A selector of already validated requirements (sorted by key). */
  static of(requirements: readonly Requirement[]): Selector {
    return requirements.length === 0 ? Selector.everything : new Selector(requirements, false);
  }

  /** A selector matching exactly the given labels (`SelectorFromSet`). */
  static fromSet(set: Labels): Selector {
    const entries = Object.entries(set ?? {});
    return Selector.of(entries.map(([key, v]) => ({ key, operator: '=' as const, values: [v] })));
  }

  /** Whether the selector does not restrict the selection (`Empty()`). */
  isEmpty(): boolean {
    return !this.isNothing && this.requirements.length === 0;
  }

  /** Whether the labels satisfy every requirement. */
  matches(labels: Labels): boolean {
    if (this.isNothing) return false;
    return this.requirements.every((r) => requirementMatches(r, labels));
  }

  /** A selector with more requirements. */
  add(...requirements: Requirement[]): Selector {
    return Selector.of([...this.requirements, ...requirements]);
  }

  /** The canonical string (`a=b,c in (x,y),!d`); empty for Everything and Nothing. */
  toString(): string {
    return this.requirements.map(requirementToString).join(',');
  }
}
