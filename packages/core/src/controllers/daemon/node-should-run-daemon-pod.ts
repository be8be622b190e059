/**
 * Which nodes a DaemonSet wants: the template's nodeName, nodeSelector and required node affinity,
 * and the node's NoSchedule/NoExecute taints against the pod's tolerations (daemon defaults added).
 * @see kubernetes pkg/controller/daemon/daemon_controller.go (NodeShouldRunDaemonPod, predicates,
 * NewPod), component-helpers scheduling/corev1/nodeaffinity (GetRequiredNodeAffinity)
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, PodSpec, Taint, Toleration } from 'kubernetes-types/core/v1';
import { requirementMatches, type SelectorOperator } from '../../api/labels/selector.js';
import { toleratesTaint } from '../node-lifecycle/taint-eviction.js';
import { addOrUpdateDaemonPodTolerations, OBJECT_NAME_FIELD } from './daemonset-util.js';

/** What {@link nodeShouldRunDaemonPod} decides for one node. */
export interface ShouldRun {
  /** A daemon pod should be created on the node if none is there. */
  readonly shouldRun: boolean;
  /** A daemon pod already there may keep running (it tolerates the NoExecute taints). */
  readonly shouldContinueRunning: boolean;
}

/** `NewPod`: the pod the DaemonSet would run on `nodeName` (template spec, daemon tolerations). */
export function newPod(ds: DaemonSet, nodeName: string): Pod {
  // Shallow: only `nodeName` and `tolerations` (a fresh array) differ from the stored template.
  const spec: PodSpec = { ...(ds.spec?.template?.spec ?? { containers: [] }), nodeName };
  addOrUpdateDaemonPodTolerations(spec);
  return { metadata: { ...(ds.spec?.template?.metadata ?? {}), namespace: ds.metadata?.namespace }, spec };
}

/** Node selector operators as label selector operators (`nodeSelectorRequirementsAsSelector`). */
const AS_SELECTOR_OPERATOR: Readonly<Record<string, SelectorOperator>> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!', Gt: 'gt', Lt: 'lt' };

/** One node selector requirement against a value map; an unknown operator matches nothing. */
function requirementHolds(values: Readonly<Record<string, string>>, r: NodeSelectorRequirement): boolean {
  const operator = AS_SELECTOR_OPERATOR[r.operator];
  return operator !== undefined && requirementMatches({ key: r.key, operator, values: r.values ?? [] }, values);
}

/** A node selector term: every expression on labels and every field (`metadata.name` only); empty matches nothing. */
export function nodeMatchesTerm(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  if (!exprs.every((r) => requirementHolds(labels, r))) return false;
  return fields.every((f) => f.key === OBJECT_NAME_FIELD && requirementHolds({ [OBJECT_NAME_FIELD]: node.metadata?.name ?? '' }, f));
}

/** `GetRequiredNodeAffinity(pod).Match(node)`: nodeSelector, then any required term. */
export function podMatchesNodeAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return required.nodeSelectorTerms.some((t) => nodeMatchesTerm(t, node));
}

/** `FindMatchingUntoleratedTaint`: the first taint passing `filter` that no toleration tolerates. */
export function findMatchingUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[], filter: (t: Taint) => boolean): Taint | undefined {
  return taints.find((t) => filter(t) && !tolerations.some((tol) => toleratesTaint(tol, t)));
}

/**
 * `NodeShouldRunDaemonPod`: whether a daemon pod should be created on `node`, and whether one there
 * may continue running (an untolerated NoSchedule taint stops new pods but not running ones).
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): ShouldRun {
  const nodeName = node.metadata?.name ?? '';
  const pod = newPod(ds, nodeName);
  const templateNodeName = ds.spec?.template?.spec?.nodeName;
  if (templateNodeName && templateNodeName !== nodeName) return { shouldRun: false, shouldContinueRunning: false };
  const taints = node.spec?.taints ?? [];
  const tolerations = pod.spec?.tolerations ?? [];
  if (!podMatchesNodeAffinity(pod, node)) return { shouldRun: false, shouldContinueRunning: false };
  const untolerated = findMatchingUntoleratedTaint(taints, tolerations, (t) => t.effect === 'NoExecute' || t.effect === 'NoSchedule');
  if (untolerated) {
    const noExecute = findMatchingUntoleratedTaint(taints, tolerations, (t) => t.effect === 'NoExecute');
    return { shouldRun: false, shouldContinueRunning: noExecute === undefined };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}
