/**
 * NodeUnschedulable: cordoned nodes (`spec.unschedulable`) fit only pods tolerating the
 * `node.kubernetes.io/unschedulable:NoSchedule` taint.
 * @see kubernetes pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go
 */
import { TAINT_NODE_UNSCHEDULABLE } from '../../api/well-known.js';
import type { NodeInfo } from '../../cache/node-info.js';
import { FLAG_UNSCHEDULABLE } from '../../cache/node-table.js';
import type { FilterPlugin } from '../../framework/interface.js';
import type { NodeBatch } from '../../framework/node-batch.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { constantStatus, type Status } from '../../framework/status.js';
import { toleratesTaint } from '../taint-toleration/taint-toleration.js';

/** Plugin name. */
export const NODE_UNSCHEDULABLE = 'NodeUnschedulable';
/** ErrReason for a cordoned node. */
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

const UNSCHEDULABLE_TAINT = { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' };
const UNSCHEDULABLE = constantStatus('UnschedulableAndUnresolvable', ERR_REASON_UNSCHEDULABLE);

/** The NodeUnschedulable plugin. */
export class NodeUnschedulable implements FilterPlugin {
  readonly name = NODE_UNSCHEDULABLE;

  filter(_state: unknown, pod: PodInfo, node: NodeInfo): Status | undefined {
    if (!node.unschedulable) return undefined;
    const tolerated = (pod.pod.spec.tolerations ?? []).some((t) => toleratesTaint(t, UNSCHEDULABLE_TAINT));
    return tolerated ? undefined : UNSCHEDULABLE;
  }

  filterNodes(_state: unknown, _pod: PodInfo, batch: NodeBatch, flags: Uint8Array, bit: number): boolean {
    if (batch.table.numUnschedulable === 0) return false;
    const { ids, count } = batch;
    const nodeFlags = batch.table.flags;
    let any = false;
    for (let i = 0; i < count; i++) {
      if ((nodeFlags[ids[i]] & FLAG_UNSCHEDULABLE) !== 0) {
        flags[i] |= bit;
        any = true;
      }
    }
    return any;
  }
}
