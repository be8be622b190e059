/**
 * NodeVolumeLimits (CSI): the node's unique attachable volumes per driver, plus the pod's new
 * ones, must not exceed the CSINode `allocatable.count`.
 *
 * @remarks Volumes are keyed by claim (`namespace/name`) or inline volume ID, so a claim counts
 * the same before and after it binds. Nodes without a CSINode limit are not limited.
 * @see kubernetes pkg/scheduler/framework/plugins/nodevolumelimits/csi.go
 */
import type { AttachableVolume, NodeInfo } from '../../cache/node-info.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin, Handle, PreFilterPlugin } from '../../framework/interface.js';
import type { NodeBatch } from '../../framework/node-batch.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { constantStatus, SKIP, type Status } from '../../framework/status.js';
import { attachableVolumes } from '../helper/volumes.js';

/** Plugin name. */
export const NODE_VOLUME_LIMITS = 'NodeVolumeLimits';
/** ErrReason when the node would exceed its attach limit. */
export const ERR_REASON_MAX_VOLUME_COUNT_EXCEEDED = 'node(s) exceed max volume count';

const STATE_KEY = 'PreFilterNodeVolumeLimits';
const MAX_VOLUME_COUNT_EXCEEDED = constantStatus('Unschedulable', ERR_REASON_MAX_VOLUME_COUNT_EXCEEDED);

/** Whether adding `volumes` to `node` stays within its CSI limits. */
export function fitsVolumeLimits(volumes: readonly AttachableVolume[], node: NodeInfo): boolean {
  // A pod has a few volumes: count new handles per driver by pairwise scans, allocation-free.
  for (let i = 0; i < volumes.length; i++) {
    const driver = volumes[i].driver;
    if (firstNewIndex(volumes, node, driver) !== i) continue;
    const limit = node.csiLimits.get(driver);
    if (limit === undefined) continue;
    let added = 0;
    for (let j = i; j < volumes.length; j++) {
      if (volumes[j].driver !== driver || !isNew(volumes, node, j)) continue;
      let seen = false;
      for (let k = i; k < j && !seen; k++) seen = volumes[k].driver === driver && volumes[k].handle === volumes[j].handle;
      if (!seen) added++;
    }
    if ((node.attached.get(driver)?.size ?? 0) + added > limit) return false;
  }
  return true;
}

/** Whether volume `j` is not attached to the node yet. */
function isNew(volumes: readonly AttachableVolume[], node: NodeInfo, j: number): boolean {
  return !node.attached.get(volumes[j].driver)?.has(volumes[j].handle);
}

/** Index of the first not yet attached volume of `driver`, -1 if none. */
function firstNewIndex(volumes: readonly AttachableVolume[], node: NodeInfo, driver: string): number {
  for (let j = 0; j < volumes.length; j++) if (volumes[j].driver === driver && isNew(volumes, node, j)) return j;
  return -1;
}

/** Number of distinct handles per driver. */
function handlesPerDriver(volumes: readonly AttachableVolume[]): Map<string, number> {
  const handles = new Map<string, Set<string>>();
  for (const v of volumes) {
    let set = handles.get(v.driver);
    if (!set) {
      set = new Set();
      handles.set(v.driver, set);
    }
    set.add(v.handle);
  }
  return new Map([...handles].map(([driver, set]) => [driver, set.size]));
}

/** The NodeVolumeLimits plugin. */
export class NodeVolumeLimits implements PreFilterPlugin, FilterPlugin {
  readonly name = NODE_VOLUME_LIMITS;

  constructor(private readonly handle: Handle) {}

  preFilter(state: CycleState, pod: PodInfo): Status | undefined {
    const volumes = attachableVolumes(pod, this.handle);
    if (volumes.length === 0) return SKIP;
    state.write(STATE_KEY, volumes);
    return undefined;
  }

  filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Status | undefined {
    const volumes = state.read<AttachableVolume[]>(STATE_KEY) ?? [];
    return fitsVolumeLimits(volumes, node) ? undefined : MAX_VOLUME_COUNT_EXCEEDED;
  }

  /**
   * When none of the pod's volumes is in use anywhere (claims no cached pod uses, no inline
   * volumes), every volume is new on every node: a node is flagged when, for one of the pod's
   * drivers, its attached count plus the pod's handles exceeds its limit (node table columns).
   * Otherwise every node is flagged for the exact check.
   */
  filterNodes(state: CycleState, pod: PodInfo, batch: NodeBatch, flags: Uint8Array, bit: number): boolean {
    const volumes = state.read<AttachableVolume[]>(STATE_KEY) ?? [];
    const { ids, count } = batch;
    if (pod.inlineEbsVolumeIds.length > 0 || volumes.some((v) => this.handle.cache.pvcUserCount(v.handle) > 0)) {
      for (let k = 0; k < count; k++) flags[k] |= bit;
      return count > 0;
    }
    let any = false;
    for (const [driver, added] of handlesPerDriver(volumes)) {
      const columns = batch.table.driver(driver);
      if (columns === undefined) continue;
      const { limit, attached } = columns;
      for (let k = 0; k < count; k++) {
        const id = ids[k];
        if (limit[id] >= 0 && attached[id] + added > limit[id]) {
          flags[k] |= bit;
          any = true;
        }
      }
    }
    return any;
  }
}
