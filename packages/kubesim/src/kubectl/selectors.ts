/**
 * Label and field selectors as kubectl passes them (`-l app=x,tier!=db`, `--field-selector
 * status.phase=Running`), and the text forms kubectl prints (`labels.FormatLabels`,
 * `metav1.FormatLabelSelector`).
 * @see apimachinery pkg/labels/selector.go, pkg/fields/selector.go, pkg/apis/meta/v1/helpers.go
 */
import type { KubeObject } from '@kubesim/core';
import { clientError } from './errors.js';

/** One requirement of a label selector. */
interface Requirement {
  readonly key: string;
  readonly op: '=' | '!=' | 'in' | 'notin' | 'exists' | '!';
  readonly values: readonly string[];
}

/** A parsed label selector; matches a label map. */
export type LabelMatcher = (labels: Readonly<Record<string, string>> | undefined) => boolean;

/** Parses `-l` text. Throws kubectl's error for bad syntax. */
export function parseLabelSelector(text: string): LabelMatcher {
  const reqs: Requirement[] = [];
  for (const part of splitTopLevel(text)) {
    const p = part.trim();
    if (!p) continue;
    let m = /^([^\s!=(),]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p);
    if (m) {
      reqs.push({ key: m[1], op: m[2] as 'in' | 'notin', values: m[3].split(',').map((v) => v.trim()) });
      continue;
    }
    m = /^([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/.exec(p);
    if (m) {
      reqs.push({ key: m[1], op: m[2] === '!=' ? '!=' : '=', values: [m[3]] });
      continue;
    }
    m = /^(!?)([^\s!=(),]+)$/.exec(p);
    if (m) {
      reqs.push({ key: m[2], op: m[1] ? '!' : 'exists', values: [] });
      continue;
    }
    throw clientError(`unable to parse requirement: found '${p}', expected: identifier`);
  }
  return (labels) => reqs.every((r) => matches(r, labels ?? {}));
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of text) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

function matches(r: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const v = labels[r.key];
  switch (r.op) {
    case '=':
      return has && v === r.values[0];
    case '!=':
      return !has || v !== r.values[0];
    case 'in':
      return has && r.values.includes(v);
    case 'notin':
      return !has || !r.values.includes(v);
    case 'exists':
      return has;
    case '!':
      return !has;
  }
}

/** `metav1.LabelSelector` shape. */
export interface LabelSelectorSpec {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] }[];
}

/** Matcher of a `metav1.LabelSelector` (nil matches nothing, empty matches everything). */
export function labelSelectorMatcher(sel: LabelSelectorSpec | undefined): LabelMatcher {
  if (!sel) return () => false;
  return (labels) => {
    const l = labels ?? {};
    for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false;
    for (const e of sel.matchExpressions ?? []) {
      const has = Object.hasOwn(l, e.key);
      const vals = e.values ?? [];
      if (e.operator === 'In' && !(has && vals.includes(l[e.key]))) return false;
      if (e.operator === 'NotIn' && has && vals.includes(l[e.key])) return false;
      if (e.operator === 'Exists' && !has) return false;
      if (e.operator === 'DoesNotExist' && has) return false;
    }
    return true;
  };
}

/** `labels.FormatLabels`: `a=1,b=2` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${(labels as Record<string, string>)[k]}`).join(',');
}

/** `metav1.FormatLabelSelector`: `app=x,tier in (a,b)`; `<none>` for an empty selector. */
export function formatLabelSelector(sel: LabelSelectorSpec | undefined): string {
  if (!sel) return '<none>';
  const parts: string[] = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}=${(sel.matchLabels as Record<string, string>)[k]}`);
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort().join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${vals})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  const s = parts.join(',');
  return s === '' ? '<none>' : s;
}

/** Parses `--field-selector` (`metadata.name=x,status.phase!=Running`). */
export function parseFieldSelector(text: string, resource: string): (obj: KubeObject) => boolean {
  const reqs = text
    .split(',')
    .filter((p) => p.trim())
    .map((p) => {
      const m = /^([^!=]+)(==|=|!=)(.*)$/.exec(p.trim());
      if (!m) throw clientError(`invalid selector: '${text}'; can't understand '${p}'`);
      return { field: m[1], neg: m[2] === '!=', value: m[3] };
    });
  for (const r of reqs) {
    if (fieldValue(r.field) === undefined) {
      throw clientError(`unable to find a field selector for "${r.field}" in ${resource}`);
    }
  }
  return (obj) =>
    reqs.every((r) => {
      const v = (fieldValue(r.field) as (o: KubeObject) => string)(obj);
      return r.neg ? v !== r.value : v === r.value;
    });
}

const FIELDS: Record<string, (o: KubeObject) => string> = {
  'metadata.name': (o) => o.metadata.name ?? '',
  'metadata.namespace': (o) => o.metadata.namespace ?? '',
  'status.phase': (o) => String((o.status as { phase?: string } | undefined)?.phase ?? ''),
  'spec.nodeName': (o) => String((o.spec as { nodeName?: string } | undefined)?.nodeName ?? ''),
  'spec.unschedulable': (o) => String((o.spec as { unschedulable?: boolean } | undefined)?.unschedulable ?? false),
  'involvedObject.name': (o) => String((o.involvedObject as { name?: string } | undefined)?.name ?? ''),
  'involvedObject.kind': (o) => String((o.involvedObject as { kind?: string } | undefined)?.kind ?? ''),
  reason: (o) => String(o.reason ?? ''),
  type: (o) => String(o.type ?? ''),
};

function fieldValue(field: string): ((o: KubeObject) => string) | undefined {
  return FIELDS[field];
}
