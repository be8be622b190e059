/**
 * Label selectors (`metav1.LabelSelector`) and node selector terms (`v1.NodeSelector`) matching.
 *
 * @remarks A nil selector matches nothing in `LabelSelectorAsSelector` callers that treat it so;
 * here `matchesLabelSelector(undefined)` is false and an empty selector `{}` matches everything.
 * @see apimachinery pkg/apis/meta/v1/helpers.go, component-helpers scheduling/corev1/nodeaffinity
 */
import type { LabelSelector, LabelSelectorRequirement, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm } from './types.js';

type Labels = Readonly<Record<string, string>> | undefined;

/** Whether one requirement (`In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt`, `Lt`) holds. */
export function matchesRequirement(labels: Labels, r: LabelSelectorRequirement | NodeSelectorRequirement): boolean {
  const has = labels !== undefined && Object.hasOwn(labels, r.key);
  const value = has ? (labels as Record<string, string>)[r.key] : undefined;
  switch (r.operator) {
    case 'In':
      return has && (r.values ?? []).includes(value as string);
    case 'NotIn':
      return !has || !(r.values ?? []).includes(value as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || !r.values || r.values.length !== 1) return false;
      const a = Number.parseInt(value as string, 10);
      const b = Number.parseInt(r.values[0], 10);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** Whether `labels` satisfy a label selector. Undefined selector matches nothing. */
export function matchesLabelSelector(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (!selector) return false;
  const ml = selector.matchLabels;
  if (ml) {
    for (const k in ml) if (labels === undefined || labels[k] !== ml[k]) return false;
  }
  const me = selector.matchExpressions;
  if (me) for (let i = 0; i < me.length; i++) if (!matchesRequirement(labels, me[i])) return false;
  return true;
}

/** Whether a map selector (`spec.nodeSelector`) is satisfied. */
export function matchesMapSelector(selector: Readonly<Record<string, string>> | undefined, labels: Labels): boolean {
  if (!selector) return true;
  for (const k in selector) if (labels?.[k] !== selector[k]) return false;
  return true;
}

/** Whether one node selector term holds for a node (`matchFields` supports `metadata.name`). */
export function matchesNodeSelectorTerm(term: NodeSelectorTerm, labels: Labels, nodeName: string): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  for (const r of exprs) if (!matchesRequirement(labels, r)) return false;
  for (const f of fields) {
    if (f.key !== 'metadata.name') return false;
    if (!matchesRequirement({ 'metadata.name': nodeName }, f)) return false;
  }
  return true;
}

/** Whether any term of a node selector holds (terms are ORed). */
export function matchesNodeSelector(selector: NodeSelector | undefined, labels: Labels, nodeName: string): boolean {
  if (!selector) return true;
  return selector.nodeSelectorTerms.some((t) => matchesNodeSelectorTerm(t, labels, nodeName));
}

/** A canonical string of a selector, used as a cache key. */
export function selectorKey(selector: LabelSelector | undefined): string {
  if (!selector) return '<nil>';
  const labels = Object.entries(selector.matchLabels ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`);
  const exprs = (selector.matchExpressions ?? []).map((e) => `${e.key} ${e.operator} (${[...(e.values ?? [])].sort().join(',')})`).sort();
  return `${labels.join(',')}|${exprs.join(',')}`;
}
