/**
 * VolumeRestrictions: the same inline EBS volume cannot be used by two pods on one node, and a
 * ReadWriteOncePod claim can be used by one pod in the whole cluster.
 * @see kubernetes pkg/scheduler/framework/plugins/volumerestrictions/volume_restrictions.go
 */
import type { NodeInfo } from '../../cache/node-info.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin, Handle, PreFilterPlugin } from '../../framework/interface.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { newStatus, SKIP, type Status } from '../../framework/status.js';
import { errPVCNotFound } from '../helper/volumes.js';

/** Plugin name. */
export const VOLUME_RESTRICTIONS = 'VolumeRestrictions';
/** ErrReason when a disk is already used on the node. */
export const ERR_REASON_DISK_CONFLICT = 'node(s) had no available disk';
/** ErrReason when a ReadWriteOncePod claim is in use. */
export const ERR_REASON_READ_WRITE_ONCE_POD_CONFLICT = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';

const STATE_KEY = 'PreFilterVolumeRestrictions';

/** The VolumeRestrictions plugin. */
export class VolumeRestrictions implements PreFilterPlugin, FilterPlugin {
  readonly name = VOLUME_RESTRICTIONS;

  constructor(private readonly handle: Handle) {}

  preFilter(state: CycleState, pod: PodInfo): Status | undefined {
    let conflicting = 0;
    for (const claim of pod.claimNames) {
      const pvc = this.handle.getPVC(pod.namespace, claim);
      if (!pvc) return newStatus('UnschedulableAndUnresolvable', errPVCNotFound(claim));
      if (!(pvc.spec.accessModes ?? []).includes('ReadWriteOncePod')) continue;
      if (this.handle.cache.pvcUserCount(`${pod.namespace}/${claim}`) > 0) conflicting++;
    }
    if (pod.inlineEbsVolumeIds.length === 0 && conflicting === 0) return SKIP;
    state.write(STATE_KEY, conflicting);
    return undefined;
  }

  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
    for (const id of pod.inlineEbsVolumeIds) {
      if (node.inlineEbs.has(id)) return newStatus('Unschedulable', ERR_REASON_DISK_CONFLICT);
    }
    if ((state.read<number>(STATE_KEY) ?? 0) > 0) return newStatus('Unschedulable', ERR_REASON_READ_WRITE_ONCE_POD_CONFLICT);
    return undefined;
  }
}
