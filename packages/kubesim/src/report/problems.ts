/**
 * The text list under a drawing naming what is wrong in the cluster at that step: stuck pods
 * with their reason, Multi-Attach conflicts with their message, nodes that are not Ready.
 * Long messages wrap here, where the SVG can only show them truncated or as a tooltip.
 */

import { escapeHtml } from './escape.js';
import type { ClusterSnapshot, PodSnapshot } from './model.js';
import { nodeStatusLabel, podKey } from './status.js';

function stuckItem(pod: PodSnapshot, nodeName: string | undefined): string {
  const where = nodeName ? ` on node <code>${escapeHtml(nodeName)}</code>` : ' (not scheduled)';
  const reason = pod.reason ? `: ${escapeHtml(pod.reason)}` : '';
  return `<li class="problem problem-stuck" data-pod="${escapeHtml(podKey(pod))}">Pod <code>${escapeHtml(podKey(pod))}</code> stuck in <b>${escapeHtml(pod.status)}</b>${where}${reason}</li>`;
}

/**
 * Lists the problems of one snapshot as HTML.
 *
 * @remarks Order: unhealthy nodes (zone order), stuck pods (node order, then unscheduled),
 * volume conflicts (volume order) — the snapshot's order throughout, so output is deterministic.
 */
export function renderProblems(cluster: ClusterSnapshot): string {
  const items: string[] = [];
  for (const zone of cluster.zones) {
    for (const node of zone.nodes) {
      if (node.ready !== 'True' || node.unschedulable) {
        items.push(
          `<li class="problem problem-node" data-node="${escapeHtml(node.name)}">Node <code>${escapeHtml(node.name)}</code> is <b>${escapeHtml(nodeStatusLabel(node))}</b></li>`,
        );
      }
    }
  }
  for (const zone of cluster.zones) {
    for (const node of zone.nodes) {
      for (const pod of node.pods) if (pod.stuck) items.push(stuckItem(pod, node.name));
    }
  }
  for (const pod of cluster.unscheduled) if (pod.stuck) items.push(stuckItem(pod, undefined));
  for (const v of cluster.volumes) {
    if (!v.conflict) continue;
    items.push(
      `<li class="problem problem-conflict" data-volume="${escapeHtml(v.volumeId)}" data-node="${escapeHtml(v.conflict.nodeName)}">Volume <code>${escapeHtml(v.volumeId)}</code> cannot attach to node <code>${escapeHtml(v.conflict.nodeName)}</code>: ${escapeHtml(v.conflict.message)}</li>`,
    );
  }
  if (items.length === 0) return '<p class="no-problems">No stuck pods, volume conflicts or unhealthy nodes.</p>';
  return `<ul class="problems">${items.join('')}</ul>`;
}
