/**
 * NodeAffinity: `spec.nodeSelector` and required node affinity in Filter; preferred node affinity
 * weights in Score.
 * @see kubernetes pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go
 */
import { matchesMapSelector, matchesNodeSelector, matchesNodeSelectorTerm } from '../../api/labels.js';
import type { NodeInfo } from '../../cache/node-info.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin, NodeScores, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interface.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { newStatus, SKIP, type Status } from '../../framework/status.js';
import { defaultNormalizeScore } from '../helper/normalize-score.js';

/** Plugin name. */
export const NODE_AFFINITY = 'NodeAffinity';
/** ErrReason when nodeSelector or required affinity do not match (ErrReasonPod). */
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";

/** Whether a pod's nodeSelector and required node affinity admit a node (`GetRequiredNodeAffinity().Match`). */
export function matchesRequiredNodeAffinity(pod: PodInfo, node: NodeInfo): boolean {
  const spec = pod.pod.spec;
  if (!matchesMapSelector(spec.nodeSelector, node.labels)) return false;
  const req = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return matchesNodeSelector(req, node.labels, node.name);
}

/** The NodeAffinity plugin. */
export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = NODE_AFFINITY;

  preFilter(_state: CycleState, pod: PodInfo): Status | undefined {
    const spec = pod.pod.spec;
    const hasSelector = spec.nodeSelector !== undefined && Object.keys(spec.nodeSelector).length > 0;
    if (!hasSelector && !spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution) return SKIP;
    return undefined;
  }

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
    return matchesRequiredNodeAffinity(pod, node) ? undefined : newStatus('UnschedulableAndUnresolvable', ERR_REASON_POD);
  }

  preScore(_state: CycleState, pod: PodInfo): Status | undefined {
    const preferred = pod.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    return preferred && preferred.length > 0 ? undefined : SKIP;
  }

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    let total = 0;
    for (const p of pod.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
      if (p.weight !== 0 && matchesNodeSelectorTerm(p.preference, node.labels, node.name)) total += p.weight;
    }
    return total;
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, _nodes: readonly NodeInfo[], scores: NodeScores): void {
    defaultNormalizeScore(100, false, scores);
  }
}
