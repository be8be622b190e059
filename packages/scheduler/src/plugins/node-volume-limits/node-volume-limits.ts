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
import type { PodInfo } from '../../framework/pod-info.js';
import { newStatus, SKIP, type Status } from '../../framework/status.js';
import { attachableVolumes } from '../helper/volumes.js';

/** Plugin name. */
export const NODE_VOLUME_LIMITS = 'NodeVolumeLimits';
/** ErrReason when the node would exceed its attach limit. */
export const ERR_REASON_MAX_VOLUME_COUNT_EXCEEDED = 'node(s) exceed max volume count';

const STATE_KEY = 'PreFilterNodeVolumeLimits';

/** Whether adding `volumes` to `node` stays within its CSI limits. */
export function fitsVolumeLimits(volumes: readonly AttachableVolume[], node: NodeInfo): boolean {
  const newPerDriver = new Map<string, Set<string>>();
  for (const v of volumes) {
    if (node.attached.get(v.driver)?.has(v.handle)) continue;
    let s = newPerDriver.get(v.driver);
    if (!s) {
      s = new Set();
      newPerDriver.set(v.driver, s);
    }
    s.add(v.handle);
  }
  for (const [driver, handles] of newPerDriver) {
    const limit = node.csiLimits.get(driver);
    if (limit === undefined) continue;
    if ((node.attached.get(driver)?.size ?? 0) + handles.size > limit) return false;
  }
  return true;
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
    return fitsVolumeLimits(volumes, node) ? undefined : newStatus('Unschedulable', ERR_REASON_MAX_VOLUME_COUNT_EXCEEDED);
  }
}
