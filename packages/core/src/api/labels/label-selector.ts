/**
 * `metav1.LabelSelector` (matchLabels + matchExpressions) as objects carry it: conversion to a
 * `Selector`, field validation with apimachinery's texts, and its Go `%#v` rendering used in
 * Invalid messages.
 * @see apimachinery pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector),
 *      pkg/apis/meta/v1/validation/validation.go (ValidateLabelSelector, ValidateLabels)
 */
import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1';
import { field, type FieldError, GoRepr } from '../errors.js';
import { isQualifiedName, isValidLabelValue } from '../names.js';
import { compareStrings, newRequirement, type Requirement, Selector, SelectorError, type SelectorOperator } from './selector.js';

export type { LabelSelector, LabelSelectorRequirement };

const OPERATORS: Readonly<Record<string, SelectorOperator>> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * `LabelSelectorAsSelector`: undefined selects nothing, `{}` selects everything.
 * @throws SelectorError for an unknown operator or invalid requirement
 */
export function labelSelectorAsSelector(ls: LabelSelector | undefined | null): Selector {
  if (ls === undefined || ls === null) return Selector.nothing;
  const labels = ls.matchLabels ?? {};
  const exprs = ls.matchExpressions ?? [];
  if (Object.keys(labels).length + exprs.length === 0) return Selector.everything;
  const reqs: Requirement[] = Object.keys(labels)
    .sort(compareStrings)
    .map((k) => newRequirement(k, '=', [labels[k] as string]));
  for (const expr of exprs) {
    const op = Object.hasOwn(OPERATORS, expr.operator) ? OPERATORS[expr.operator] : undefined;
    if (!op) throw new SelectorError(`${JSON.stringify(expr.operator)} is not a valid label selector operator`);
    reqs.push(newRequirement(expr.key, op, [...(expr.values ?? [])]));
  }
  return Selector.of(reqs);
}

/**
 * Whether `labels` match the selector (`undefined` selector matches nothing, `{}` everything).
 * @remarks Matches directly, without building a `Selector`: controllers call this per pod. An
 * unknown operator matches nothing (validation rejects such selectors on write).
 */
export function labelSelectorMatches(ls: LabelSelector | undefined, labels: Readonly<Record<string, string>> | undefined): boolean {
  if (!ls) return false;
  const l = labels ?? {};
  const wanted = ls.matchLabels ?? {};
  for (const k in wanted) if (l[k] !== wanted[k]) return false;
  for (const e of ls.matchExpressions ?? []) {
    const has = Object.hasOwn(l, e.key);
    const values = e.values ?? [];
    if (e.operator === 'In' ? !has || !values.includes(l[e.key]) : e.operator === 'NotIn' ? has && values.includes(l[e.key]) : e.operator === 'Exists' ? !has : e.operator === 'DoesNotExist' ? has : true) {
      return false;
    }
  }
  return true;
}

/** `ValidateLabelName`: a label key. */
export function validateLabelName(name: string, path: string): FieldError[] {
  return isQualifiedName(name).map((msg) => field.invalid(path, name, msg));
}

/** `ValidateLabels`: keys and values of a label map (keys in sorted order). */
export function validateLabels(labels: Readonly<Record<string, unknown>> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!labels) return errs;
  // Most label sets are valid: check them unsorted first, sort only to report errors in Go's map order.
  let valid = true;
  for (const key in labels) {
    if (isQualifiedName(key).length > 0 || isValidLabelValue(String(labels[key] ?? '')).length > 0) {
      valid = false;
      break;
    }
  }
  if (valid) return errs;
  for (const key of Object.keys(labels).sort(compareStrings)) {
    errs.push(...validateLabelName(key, path));
    const value = String((labels as Record<string, unknown>)[key] ?? '');
    for (const msg of isValidLabelValue(value)) errs.push(field.invalid(path, value, msg));
  }
  return errs;
}

/** `ValidateLabelSelectorRequirement`. */
function validateRequirement(sr: LabelSelectorRequirement, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const values = sr.values ?? [];
  if (sr.operator === 'In' || sr.operator === 'NotIn') {
    if (values.length === 0) {
      errs.push(field.required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    }
  } else if (sr.operator === 'Exists' || sr.operator === 'DoesNotExist') {
    if (values.length > 0) {
      errs.push(field.forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    }
  } else {
    errs.push(field.invalid(`${path}.operator`, sr.operator, 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(sr.key, `${path}.key`));
  values.forEach((v, i) => {
    for (const msg of isValidLabelValue(v)) errs.push(field.invalid(`${path}.values[${i}]`, v, msg));
  });
  return errs;
}

/** `ValidateLabelSelector`: field errors under `path` (e.g. `spec.selector`). */
export function validateLabelSelector(ls: LabelSelector | undefined, path: string): FieldError[] {
  if (!ls) return [];
  const errs = validateLabels(ls.matchLabels, `${path}.matchLabels`);
  (ls.matchExpressions ?? []).forEach((expr, i) => {
    errs.push(...validateRequirement(expr, `${path}.matchExpressions[${i}]`));
  });
  return errs;
}

/** Go `%#v` of a `map[string]string` (nil when absent). */
export function goStringMap(map: Readonly<Record<string, string>> | undefined | null): string {
  if (map === undefined || map === null) return 'map[string]string(nil)';
  const keys = Object.keys(map).sort(compareStrings);
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(map[k])}`).join(', ')}}`;
}

/** Go `%#v` of a `[]string` (nil when absent). */
export function goStringSlice(values: readonly string[] | undefined): string {
  if (values === undefined) return '[]string(nil)';
  return `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
}

/** Go `%#v` of a `v1.LabelSelector`, as Invalid messages print it (apimachinery ≤ v0.33). */
export function goLabelSelector(ls: LabelSelector): GoRepr {
  const exprs = ls.matchExpressions;
  const exprText =
    exprs === undefined
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${exprs
          .map(
            (e) =>
              `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key)}, Operator:${JSON.stringify(e.operator)}, Values:${goStringSlice(e.values)}}`,
          )
          .join(', ')}}`;
  return new GoRepr(`v1.LabelSelector{MatchLabels:${goStringMap(ls.matchLabels)}, MatchExpressions:${exprText}}`);
}

/** A `LabelSelector` equivalent to a selector of `=`/`in`/`notin`/`exists`/`!` requirements. */
export function selectorToLabelSelector(sel: Selector): LabelSelector {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: LabelSelectorRequirement[] = [];
  const names: Partial<Record<SelectorOperator, string>> = { in: 'In', notin: 'NotIn', exists: 'Exists', '!': 'DoesNotExist' };
  for (const r of sel.requirements) {
    if ((r.operator === '=' || r.operator === '==') && !(r.key in matchLabels)) matchLabels[r.key] = r.values[0] as string;
    else if (r.operator === '=' || r.operator === '==') matchExpressions.push({ key: r.key, operator: 'In', values: [...r.values] });
    else if (r.operator === '!=') matchExpressions.push({ key: r.key, operator: 'NotIn', values: [...r.values] });
    else if (names[r.operator]) {
      const values = r.operator === 'exists' || r.operator === '!' ? undefined : [...r.values];
      matchExpressions.push({ key: r.key, operator: names[r.operator] as string, ...(values ? { values } : {}) });
    } else throw new SelectorError(`operator ${r.operator} has no LabelSelector equivalent`);
  }
  return {
    ...(Object.keys(matchLabels).length ? { matchLabels } : {}),
    ...(matchExpressions.length ? { matchExpressions } : {}),
  };
}
