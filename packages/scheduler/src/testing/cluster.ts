/**
 * Test cluster helpers: a CoreCluster with EKS-shaped nodes (and CSINodes) across zones.
 */
import { CoreCluster } from '@kubesim/core';
import type { Pod } from '../api/types.js';
import { eksNodeName, makeCSINode, makeNode, type NodeBuilder } from './builders.js';

/** Default zones. */
export const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'] as const;

/** Options of `addNodes`. */
export interface NodeGroup {
  readonly zone: string;
  readonly count: number;
  /** CSINode EBS attach limit (default 25; undefined creates none when `csiNode` is false). */
  readonly attachLimit?: number;
  readonly csiNode?: boolean;
  /** Tweaks each node before creation. */
  readonly customize?: (b: NodeBuilder, index: number) => void;
}

/** Creates EKS-named nodes (zone index → subnet) and their CSINodes. Returns the names. */
export function addNodes(core: CoreCluster, groups: readonly NodeGroup[]): string[] {
  const names: string[] = [];
  for (const g of groups) {
    const z = Math.max(0, ZONES.indexOf(g.zone as (typeof ZONES)[number]));
    let i = 0;
    while (i < g.count) {
      const seq = core.store.count('Node') + 1;
      const name = eksNodeName(z * 64 + 1 + Math.floor(seq / 250), 10 + (seq % 250));
      if (core.store.get('Node', undefined, name)) {
        // Another zone's group used this name; shift.
        core.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `skip-${seq}`, namespace: 'default' } });
        continue;
      }
      const b = makeNode(name).zone(g.zone);
      g.customize?.(b, i);
      core.store.create(b.obj());
      if (g.csiNode !== false) core.store.create(makeCSINode(name, g.attachLimit ?? 25));
      names.push(name);
      i++;
    }
  }
  return names;
}

/** A fresh core with nodes `perZone` in each default zone. */
export function newCluster(perZone = 1, seed = 1): { core: CoreCluster; nodes: string[] } {
  const core = new CoreCluster({ seed });
  const nodes = addNodes(
    core,
    ZONES.map((zone) => ({ zone, count: perZone })),
  );
  return { core, nodes };
}

/** The live pod. */
export function getPod(core: CoreCluster, name: string, namespace = 'default'): Pod {
  const p = core.store.get<Pod>('Pod', namespace, name);
  if (!p) throw new Error(`pod ${namespace}/${name} not found`);
  return p;
}

/** Messages of events with `reason` about a pod, oldest first. */
export function eventMessages(core: CoreCluster, pod: Pod, reason: string): string[] {
  return core.recorder
    .eventsFor(pod)
    .filter((e) => e.reason === reason)
    .map((e) => e.message as string);
}
