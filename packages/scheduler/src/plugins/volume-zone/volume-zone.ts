/**
 * VolumeZone: a bound PV's zone/region labels must match the node's.
 *
 * @remarks Only PV labels are compared (as upstream); PV `nodeAffinity` is VolumeBinding's check
 * and yields `node(s) had volume node affinity conflict`.
 * @see kubernetes pkg/scheduler/framework/plugins/volumezone/volume_zone.go
 */
import {
  LABEL_FAILURE_DOMAIN_BETA_REGION,
  LABEL_FAILURE_DOMAIN_BETA_ZONE,
  LABEL_TOPOLOGY_REGION,
  LABEL_TOPOLOGY_ZONE,
} from '../../api/well-known.js';
import type { NodeInfo } from '../../cache/node-info.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin, Handle, PreFilterPlugin } from '../../framework/interface.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { newStatus, SKIP, type Status } from '../../framework/status.js';
import { claimClass, errPVCNotFound } from '../helper/volumes.js';

/** Plugin name. */
export const VOLUME_ZONE = 'VolumeZone';
/** ErrReason when the PV's zone labels do not match the node. */
export const ERR_REASON_CONFLICT = 'node(s) had no available volume zone';

const TOPOLOGY_LABELS = [LABEL_FAILURE_DOMAIN_BETA_ZONE, LABEL_FAILURE_DOMAIN_BETA_REGION, LABEL_TOPOLOGY_ZONE, LABEL_TOPOLOGY_REGION];
const TO_GA: Readonly<Record<string, string>> = {
  [LABEL_FAILURE_DOMAIN_BETA_ZONE]: LABEL_TOPOLOGY_ZONE,
  [LABEL_FAILURE_DOMAIN_BETA_REGION]: LABEL_TOPOLOGY_REGION,
};
const STATE_KEY = 'PreFilterVolumeZone';

interface PVTopology {
  readonly key: string;
  readonly values: ReadonlySet<string>;
}

/** The VolumeZone plugin. */
export class VolumeZone implements PreFilterPlugin, FilterPlugin {
  readonly name = VOLUME_ZONE;

  constructor(private readonly handle: Handle) {}

  preFilter(state: CycleState, pod: PodInfo): Status | undefined {
    if (pod.claimNames.length === 0) return SKIP;
    const topologies: PVTopology[] = [];
    for (const claim of pod.claimNames) {
      const pvc = this.handle.getPVC(pod.namespace, claim);
      if (!pvc) return newStatus('UnschedulableAndUnresolvable', errPVCNotFound(claim));
      if (!pvc.spec.volumeName) {
        const cls = claimClass(pvc);
        if (!cls) return newStatus('UnschedulableAndUnresolvable', 'PersistentVolumeClaim had no pv name and storageClass name');
        if (this.handle.getStorageClass(cls)?.volumeBindingMode === 'WaitForFirstConsumer') continue;
        return newStatus('UnschedulableAndUnresolvable', 'PersistentVolume had no name');
      }
      const pv = this.handle.getPV(pvc.spec.volumeName);
      if (!pv) return newStatus('Error', `persistentvolume "${pvc.spec.volumeName}" not found`);
      for (const key of TOPOLOGY_LABELS) {
        const v = pv.metadata.labels?.[key];
        if (v !== undefined) topologies.push({ key, values: new Set(v.split('__')) });
      }
    }
    if (topologies.length === 0) return SKIP;
    state.write(STATE_KEY, topologies);
    return undefined;
  }

  filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Status | undefined {
    const topologies = state.read<PVTopology[]>(STATE_KEY) ?? [];
    if (!TOPOLOGY_LABELS.some((k) => node.labels[k] !== undefined)) return undefined;
    for (const t of topologies) {
      const v = node.labels[t.key] ?? (TO_GA[t.key] ? node.labels[TO_GA[t.key]] : undefined);
      if (v === undefined || !t.values.has(v)) return newStatus('UnschedulableAndUnresolvable', ERR_REASON_CONFLICT);
    }
    return undefined;
  }
}
