/**
 * NodeName: a pod that names a node in `spec.nodeName` fits only that node.
 * @see kubernetes pkg/scheduler/framework/plugins/nodename/node_name.go
 */
import type { NodeInfo } from '../../cache/node-info.js';
import type { FilterPlugin } from '../../framework/interface.js';
import { batchNode, type NodeBatch } from '../../framework/node-batch.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { constantStatus, type Status } from '../../framework/status.js';

/** Plugin name. */
export const NODE_NAME = 'NodeName';
/** ErrReason when the node is not the requested one. */
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

const NODE_NAME_MISMATCH = constantStatus('UnschedulableAndUnresolvable', ERR_REASON_NODE_NAME);

/** Whether the pod's `spec.nodeName` (if any) is this node. */
export function fits(pod: PodInfo, node: NodeInfo): boolean {
  const want = pod.pod.spec.nodeName;
  return !want || want === node.name;
}

/** The NodeName plugin. */
export class NodeName implements FilterPlugin {
  readonly name = NODE_NAME;

  filter(_state: unknown, pod: PodInfo, node: NodeInfo): Status | undefined {
    return fits(pod, node) ? undefined : NODE_NAME_MISMATCH;
  }

  filterNodes(_state: unknown, pod: PodInfo, batch: NodeBatch, flags: Uint8Array, bit: number): boolean {
    const want = pod.pod.spec.nodeName;
    if (!want) return false;
    let any = false;
    for (let i = 0; i < batch.count; i++) {
      if (batchNode(batch, i).name !== want) {
        flags[i] |= bit;
        any = true;
      }
    }
    return any;
  }
}
