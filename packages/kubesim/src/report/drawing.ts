/**
 * The cluster drawing of one step as inline SVG: zone columns, node boxes with their pods
 * coloured by status, EBS volumes with arrows to the nodes they are attached to, and red dashed
 * lines for Multi-Attach conflicts (the message in a `<title>` tooltip and a caption).
 */

import { escapeHtml, truncate } from './escape.js';
import { type Box, type ClusterLayout, GEOMETRY as G, layoutCluster, type NodePlace, type PodPlace, type VolumePlace } from './layout.js';
import type { ClusterSnapshot } from './model.js';
import { nodeClasses, nodeStatusLabel, podClasses, podKey } from './status.js';

/** Average advance of one monospace character, as a fraction of the font size. */
const CHAR_EM = 0.62;

/** How many monospace characters of `fontSize` fit in `width`. */
function fit(width: number, fontSize: number): number {
  return Math.max(4, Math.floor(width / (fontSize * CHAR_EM)));
}

/** A `<text>` element with escaped, truncated content. */
function text(x: number, y: number, cls: string, content: string, maxChars: number): string {
  return `<text class="${cls}" x="${x}" y="${y}">${escapeHtml(truncate(content, maxChars))}</text>`;
}

function rect(box: Box, cls: string, radius = 4): string {
  return `<rect class="${cls}" x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}" rx="${radius}"/>`;
}

function title(lines: readonly string[]): string {
  return `<title>${escapeHtml(lines.join('\n'))}</title>`;
}

/** One pod box: name on the first line, STATUS and READY on the second. */
export function renderPod(place: PodPlace): string {
  const { pod, box } = place;
  const stuck = pod.stuck ? ' data-stuck="true"' : '';
  const tip = [
    podKey(pod),
    `${pod.status} (${pod.ready} ready)`,
    ...(place.nodeName ? [`node ${place.nodeName}`] : ['not scheduled']),
    ...(pod.claims.length > 0 ? [`claims: ${pod.claims.join(', ')}`] : []),
    ...(pod.stuck ? [`stuck: ${pod.reason ?? 'not Running'}`] : []),
  ];
  const status = `${pod.stuck ? '⚠ ' : ''}${pod.status} · ${pod.ready}`;
  return [
    `<g class="${podClasses(pod)}" data-pod="${escapeHtml(podKey(pod))}" data-status="${escapeHtml(pod.status)}"${stuck}>`,
    title(tip),
    rect(box, 'pod-box', 3),
    text(box.x + 7, box.y + 13, 'pod-name', pod.name, fit(box.w - 12, 12)),
    text(box.x + 7, box.y + 27, 'pod-status', status, fit(box.w - 12, 11)),
    '</g>',
  ].join('');
}

/** One node box with its header (name, instance, readiness) and its pods. */
export function renderNode(place: NodePlace): string {
  const { node, box } = place;
  const maxChars = fit(box.w - 16, 11);
  const status = node.unschedulable ? `${nodeStatusLabel(node)} · cordoned` : nodeStatusLabel(node);
  const tip = [node.name, `${node.instanceId} · ${node.instanceType}`, `zone ${place.zone}`, nodeStatusLabel(node)];
  const body =
    place.pods.length === 0
      ? text(box.x + 8, box.y + G.nodeHeaderH + 14, 'node-empty', 'no pods', 20)
      : place.pods.map(renderPod).join('');
  return [
    `<g class="${nodeClasses(node)}" data-node="${escapeHtml(node.name)}" data-ready="${escapeHtml(node.ready)}">`,
    title(tip),
    rect(box, 'node-box', 6),
    text(box.x + 8, box.y + 17, 'node-name', node.name, fit(box.w - 16, 12)),
    text(box.x + 8, box.y + 33, 'node-meta', `${node.instanceId} · ${node.instanceType}`, maxChars),
    text(box.x + 8, box.y + 49, 'node-status', status, maxChars),
    body,
    '</g>',
  ].join('');
}

/** One volume box: id, size, type and state; its claim; a conflict caption if any. */
export function renderVolume(place: VolumePlace): string {
  const { volume: v, box } = place;
  const maxChars = fit(box.w - 16, 11);
  const attached = v.attachments.map((a) => `${a.state} to ${a.nodeName} (${a.instanceId})`);
  const tip = [
    `${v.volumeId} · ${v.sizeGiB}GiB ${v.volumeType} · ${v.state}`,
    ...(v.pvName ? [`PV ${v.pvName}`] : []),
    ...(v.claim ? [`claim ${v.claim}`] : []),
    ...attached,
    ...(v.conflict ? [v.conflict.message] : []),
  ];
  const conflict = v.conflict
    ? text(box.x + 8, box.y + G.volumeH + 8, 'volume-conflict', `⚠ Multi-Attach → ${v.conflict.nodeName}`, maxChars)
    : '';
  const conflictAttr = v.conflict ? ` data-conflict-node="${escapeHtml(v.conflict.nodeName)}"` : '';
  return [
    `<g class="volume${v.conflict ? ' has-conflict' : ''}" data-volume="${escapeHtml(v.volumeId)}" data-state="${escapeHtml(v.state)}"${conflictAttr}>`,
    title(tip),
    rect(box, 'volume-box', 4),
    text(box.x + 8, box.y + 16, 'volume-id', `${v.volumeId} · ${v.state}`, maxChars),
    text(box.x + 8, box.y + 33, 'volume-claim', `${v.sizeGiB}GiB ${v.volumeType} · ${v.claim ?? v.pvName ?? 'no claim'}`, maxChars),
    conflict,
    '</g>',
  ].join('');
}

/** The SVG path of a line from a volume to a node through the volume's lane in the gutter. */
function linkPath(from: Box, fromDy: number, to: Box, lane: number): string {
  const laneX = from.x + from.w + 6 + (lane % G.laneCount) * G.laneStep;
  const y0 = from.y + fromDy;
  const y1 = to.y + 10 + (lane % 5) * 6;
  const x1 = to.x > laneX ? to.x : to.x + to.w;
  return `M${from.x + from.w} ${y0}H${laneX}V${y1}H${x1}`;
}

/** Arrows from a volume to the nodes it is attached to, and its Multi-Attach conflict line. */
export function renderLinks(place: VolumePlace, nodes: ReadonlyMap<string, NodePlace>): string {
  const { volume: v, box, index } = place;
  const out: string[] = [];
  for (const a of v.attachments) {
    const node = nodes.get(a.nodeName);
    if (!node) continue;
    const d = linkPath(box, 14, node.box, 2 * index);
    out.push(
      `<path class="attach attach-${escapeHtml(a.state)}" data-volume="${escapeHtml(v.volumeId)}" data-node="${escapeHtml(a.nodeName)}" d="${d}" marker-end="url(#arrow-attach)">${title([`${v.volumeId} ${a.state} to ${a.nodeName}`])}</path>`,
    );
  }
  const node = v.conflict ? nodes.get(v.conflict.nodeName) : undefined;
  if (v.conflict && node) {
    const d = linkPath(box, 28, node.box, 2 * index + 1);
    out.push(
      `<path class="conflict-line" data-volume="${escapeHtml(v.volumeId)}" data-node="${escapeHtml(v.conflict.nodeName)}" d="${d}" marker-end="url(#arrow-conflict)">${title([v.conflict.message])}</path>`,
    );
  }
  return out.join('');
}

function renderUnscheduled(layout: ClusterLayout): string {
  const { box, pods } = layout.unscheduled;
  const empty = pods.length === 0 ? text(box.x + 8, box.y + G.unscheduledHeaderH + 14, 'node-empty', 'none', 10) : '';
  return [
    '<g class="unscheduled">',
    rect(box, 'unscheduled-box', 6),
    text(box.x + 8, box.y + 18, 'lane-name', `Unscheduled pods (${pods.length})`, 40),
    empty,
    pods.map(renderPod).join(''),
    '</g>',
  ].join('');
}

/**
 * Draws one cluster snapshot as an inline SVG element.
 *
 * @remarks The arrow markers are defined once per document by {@link svgDefs}. Every drawn
 * element carries data attributes (`data-zone`, `data-node`, `data-pod`, `data-volume`,
 * `data-stuck`) so tests and readers can find it.
 */
export function renderClusterSvg(cluster: ClusterSnapshot): string {
  const layout = layoutCluster(cluster);
  const zones = layout.zones.map((z) =>
    [
      `<g class="zone" data-zone="${escapeHtml(z.name)}">`,
      rect(z.box, 'zone-box', 8),
      text(z.box.x + 10, z.box.y + 20, 'zone-name', z.name, fit(z.box.w - 20, 13)),
      z.nodes.length === 0 ? text(z.box.x + G.nodePadX, z.box.y + G.zoneHeaderH + 10, 'node-empty', 'no nodes', 20) : '',
      z.volumes.length > 0 ? text(z.box.x + G.nodePadX, z.volumesY + 15, 'lane-name', 'EBS volumes', 20) : '',
      z.nodes.map(renderNode).join(''),
      z.volumes.map(renderVolume).join(''),
      '</g>',
    ].join(''),
  );
  const links = layout.zones.flatMap((z) => z.volumes.map((v) => renderLinks(v, layout.nodesByName)));
  return [
    `<svg class="cluster" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="img" aria-label="Cluster drawing">`,
    zones.join(''),
    renderUnscheduled(layout),
    `<g class="links">${links.join('')}</g>`,
    '</svg>',
  ].join('');
}

/**
 * The shared SVG `<defs>` (arrow markers) the drawings refer to, in a hidden SVG element.
 *
 * @remarks Defined once so that ids stay unique in the document however many drawings it has.
 */
export function svgDefs(): string {
  const marker = (id: string) =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker>`;
  return `<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>${marker('arrow-attach')}${marker('arrow-conflict')}</defs></svg>`;
}
