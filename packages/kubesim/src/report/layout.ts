/**
 * Geometry of one cluster drawing: zones as columns, nodes stacked in them with their pods, EBS
 * volumes under the nodes of their zone, unscheduled pods in a lane below. Pure and integer-only,
 * so the same snapshot always gives the same coordinates (and the same bytes).
 */

import type { ClusterSnapshot, NodeSnapshot, PodSnapshot, VolumeSnapshot } from './model.js';

/** A rectangle in SVG user units. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A pod and where it is drawn. */
export interface PodPlace {
  readonly pod: PodSnapshot;
  readonly box: Box;
  /** The node it runs on; absent in the unscheduled lane. */
  readonly nodeName?: string;
}

/** A node box, its zone, and its pods. */
export interface NodePlace {
  readonly node: NodeSnapshot;
  readonly zone: string;
  readonly box: Box;
  readonly pods: readonly PodPlace[];
}

/** A volume box and the gutter lane its lines run in. */
export interface VolumePlace {
  readonly volume: VolumeSnapshot;
  readonly box: Box;
  /** Index of the volume in its zone: lines of volume i use lanes 2i (attach) and 2i+1 (conflict). */
  readonly index: number;
}

/** A zone column. */
export interface ZonePlace {
  readonly name: string;
  readonly box: Box;
  readonly nodes: readonly NodePlace[];
  readonly volumes: readonly VolumePlace[];
  /** Top of the "EBS volumes" caption, if the zone has volumes. */
  readonly volumesY: number;
}

/** The whole drawing. */
export interface ClusterLayout {
  readonly width: number;
  readonly height: number;
  readonly zones: readonly ZonePlace[];
  readonly unscheduled: { readonly box: Box; readonly pods: readonly PodPlace[] };
  readonly nodesByName: ReadonlyMap<string, NodePlace>;
}

/** Drawing dimensions, in SVG user units (≈ CSS px at scale 1). */
export const GEOMETRY = {
  margin: 12,
  zoneW: 320,
  zoneGap: 14,
  zoneHeaderH: 30,
  nodePadX: 10,
  /** Space right of the nodes where volume lines run. */
  gutterW: 46,
  nodeHeaderH: 58,
  nodeGap: 12,
  podH: 32,
  podGap: 4,
  podInset: 8,
  emptyNodeBodyH: 22,
  volumesCaptionH: 22,
  volumeH: 42,
  conflictLineH: 15,
  volumeGap: 10,
  laneStep: 5,
  laneCount: 7,
  unscheduledHeaderH: 28,
  unscheduledPodW: 250,
} as const;

const G = GEOMETRY;

/**
 * Lays out one cluster snapshot.
 *
 * @remarks Zones keep the snapshot's order; a zone that only appears on a volume gets its own
 * column after them (sorted). Nodes, pods and volumes keep the snapshot's order.
 */
export function layoutCluster(cluster: ClusterSnapshot): ClusterLayout {
  const zoneNames = cluster.zones.map((z) => z.name);
  const extra = [...new Set(cluster.volumes.map((v) => v.zone))].filter((z) => !zoneNames.includes(z)).sort();
  const columns = [...cluster.zones, ...extra.map((name) => ({ name, nodes: [] as NodeSnapshot[] }))];
  const nodesByName = new Map<string, NodePlace>();
  const zones: ZonePlace[] = [];
  let bottom = 0;
  columns.forEach((zone, i) => {
    const x = G.margin + i * (G.zoneW + G.zoneGap);
    const placed = layoutZone(
      zone.name,
      zone.nodes,
      cluster.volumes.filter((v) => v.zone === zone.name),
      x,
    );
    for (const n of placed.nodes) nodesByName.set(n.node.name, n);
    zones.push(placed);
    bottom = Math.max(bottom, placed.box.h);
  });
  const height0 = G.margin + bottom;
  const stretched = zones.map((z) => ({ ...z, box: { ...z.box, h: bottom } }));
  const width = Math.max(G.margin * 2 + G.unscheduledPodW, G.margin * 2 + columns.length * G.zoneW + Math.max(0, columns.length - 1) * G.zoneGap);
  const unscheduled = layoutUnscheduled(cluster.unscheduled, height0 + G.zoneGap, width);
  return {
    width,
    height: unscheduled.box.y + unscheduled.box.h + G.margin,
    zones: stretched,
    unscheduled,
    nodesByName,
  };
}

function layoutZone(name: string, nodes: readonly NodeSnapshot[], volumes: readonly VolumeSnapshot[], x: number): ZonePlace {
  const nodeW = G.zoneW - G.nodePadX - G.gutterW;
  let y = G.margin + G.zoneHeaderH;
  const placedNodes: NodePlace[] = nodes.map((node) => {
    const place = layoutNode(node, name, { x: x + G.nodePadX, y, w: nodeW, h: 0 });
    y += place.box.h + G.nodeGap;
    return place;
  });
  if (nodes.length === 0) y += G.emptyNodeBodyH;
  const volumesY = y;
  if (volumes.length > 0) y += G.volumesCaptionH;
  const placedVolumes: VolumePlace[] = volumes.map((volume, index) => {
    const h = G.volumeH + (volume.conflict ? G.conflictLineH : 0);
    const box = { x: x + G.nodePadX, y, w: nodeW, h };
    y += h + G.volumeGap;
    return { volume, box, index };
  });
  return { name, box: { x, y: G.margin, w: G.zoneW, h: y }, nodes: placedNodes, volumes: placedVolumes, volumesY };
}

function layoutNode(node: NodeSnapshot, zone: string, at: Box): NodePlace {
  const podW = at.w - 2 * G.podInset;
  const pods = node.pods.map((pod, i) => ({
    pod,
    nodeName: node.name,
    box: { x: at.x + G.podInset, y: at.y + G.nodeHeaderH + i * (G.podH + G.podGap), w: podW, h: G.podH },
  }));
  const body = pods.length === 0 ? G.emptyNodeBodyH : pods.length * (G.podH + G.podGap) + G.podGap;
  return { node, zone, box: { ...at, h: G.nodeHeaderH + body }, pods };
}

function layoutUnscheduled(pods: readonly PodSnapshot[], y: number, width: number): ClusterLayout['unscheduled'] {
  const perRow = Math.max(1, Math.floor((width - 2 * G.margin) / (G.unscheduledPodW + G.podGap)));
  const placed = pods.map((pod, i) => ({
    pod,
    box: {
      x: G.margin + G.podInset + (i % perRow) * (G.unscheduledPodW + G.podGap),
      y: y + G.unscheduledHeaderH + Math.floor(i / perRow) * (G.podH + G.podGap),
      w: G.unscheduledPodW - G.podInset,
      h: G.podH,
    },
  }));
  const rows = Math.max(1, Math.ceil(pods.length / perRow));
  const h = G.unscheduledHeaderH + rows * (G.podH + G.podGap) + G.podGap;
  return { box: { x: G.margin, y, w: width - 2 * G.margin, h }, pods: placed };
}
