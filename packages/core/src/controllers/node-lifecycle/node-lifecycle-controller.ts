/**
 * Design: the node lifecycle controller. A node whose kubelet lease has not been renewed for the
 * grace period (50s) gets every condition set to Unknown (`NodeStatusUnknown`), the
 * `node.kubernetes.io/unreachable` taints (NoSchedule, and NoExecute with `timeAdded`), a
 * `NodeNotReady` event, and its pods marked Ready=False. A Ready=False node gets the `not-ready`
 * taints. When the kubelet posts Ready=True again the taints go. Instead of monitoring every node
 * every 5s it checks a node when its kubelet falls silent (at last renewal + grace) and when its
 * Ready condition changes.
 * @see kubernetes pkg/controller/nodelifecycle/node_lifecycle_controller.go,
 * pkg/controller/util/node/controller_utils.go (MarkPodsNotReady, RecordNodeStatusChange)
 */
import type { NodeCondition, Taint } from 'kubernetes-types/core/v1';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import { nodeStatusEventMessage } from '../../kubelet/node-status.js';
import { type NodeObject, type PodObject, PODS_BY_NODE_INDEX } from '../../kubelet/objects.js';
import { NodeAgentComponents, NodeAgentReasons } from '../../kubelet/reasons.js';
import { NODE_MONITOR_GRACE_PERIOD_MS, NODE_STATUS_UNKNOWN, TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from './limits.js';

/** Where the controller learns about kubelet leases. */
export interface NodeHealthSource {
  /** Last lease renewal of a node's kubelet (virtual ms), undefined if it never had one. */
  lastRenewMs(nodeName: string): number | undefined;
  /** Whether the kubelet currently renews its lease. */
  isRenewing(nodeName: string): boolean;
}

/** `Node is not ready` (controller_utils.go MarkPodsNotReady). */
export const POD_NODE_NOT_READY_MESSAGE = 'Node is not ready';

function readyStatus(node: NodeObject | undefined): string | undefined {
  return node?.status?.conditions?.find((c) => c.type === 'Ready')?.status;
}

/** The node lifecycle controller. */
export class NodeLifecycleController {
  constructor(
    private readonly core: CoreCluster,
    private readonly health: NodeHealthSource,
  ) {
    core.store.watch<NodeObject>('Node', (e) => {
      if (e.type !== 'DELETED' && readyStatus(e.old) !== readyStatus(e.object)) this.syncTaints(e.object.metadata.name ?? '');
    });
  }

  /** The kubelet of `nodeName` fell silent: check it when the grace period after its last renewal ends. */
  kubeletSilenced(nodeName: string): void {
    const last = this.health.lastRenewMs(nodeName) ?? this.core.clock.now();
    this.core.loop.scheduleAt(last + NODE_MONITOR_GRACE_PERIOD_MS, `node-lifecycle/${nodeName}`, () => this.monitor(nodeName));
  }

  /** `monitorNodeHealth` for one node. */
  monitor(nodeName: string): void {
    const node = this.core.store.get<NodeObject>('Node', undefined, nodeName);
    if (!node || this.health.isRenewing(nodeName)) return;
    const last = this.health.lastRenewMs(nodeName) ?? 0;
    if (this.core.clock.now() - last < NODE_MONITOR_GRACE_PERIOD_MS) return;
    if (readyStatus(node) === 'Unknown') return;
    const nowTs = this.core.clock.rfc3339();
    const conditions: NodeCondition[] = (node.status?.conditions ?? []).map((c) =>
      c.status === 'Unknown' ? c : { ...c, status: 'Unknown', reason: NODE_STATUS_UNKNOWN.reason, message: NODE_STATUS_UNKNOWN.message, lastTransitionTime: nowTs },
    );
    const updated = this.core.api.updateWith<NodeObject>('Node', undefined, nodeName, (d) => {
      if (d.status) d.status.conditions = conditions;
    });
    this.core.recorder.event(updated, 'Normal', NodeAgentReasons.NodeNotReady, nodeStatusEventMessage(nodeName, 'NodeNotReady'), NodeAgentComponents.nodeController);
    this.markPodsNotReady(nodeName);
  }

  /** Sets Ready=False on every pod of the node, with a `NodeNotReady` warning. */
  private markPodsNotReady(nodeName: string): void {
    const nowTs = this.core.clock.rfc3339();
    for (const pod of this.core.store.byIndex<PodObject>('Pod', PODS_BY_NODE_INDEX, nodeName)) {
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const p = this.core.api.updateWith<PodObject>('Pod', pod.metadata.namespace, pod.metadata.name ?? '', (d) => {
        for (const c of d.status?.conditions ?? []) {
          if (c.type !== 'Ready') continue;
          c.status = 'False';
          c.lastTransitionTime = nowTs;
        }
      });
      this.core.recorder.event(p, 'Warning', NodeAgentReasons.NodeNotReady, POD_NODE_NOT_READY_MESSAGE, NodeAgentComponents.nodeController);
    }
  }

  /** Keeps the not-ready/unreachable taints in line with the Ready condition. */
  syncTaints(nodeName: string): void {
    const node = this.core.store.get<NodeObject>('Node', undefined, nodeName);
    if (!node) return;
    const ready = readyStatus(node);
    const want = ready === 'Unknown' ? TAINT_NODE_UNREACHABLE : ready === 'False' ? TAINT_NODE_NOT_READY : undefined;
    const taints = node.spec?.taints ?? [];
    const managed = [TAINT_NODE_UNREACHABLE, TAINT_NODE_NOT_READY];
    const rest = taints.filter((t) => !managed.includes(t.key) || t.key === want);
    const nowTs = this.core.clock.rfc3339();
    const add: Taint[] = [];
    if (want && !rest.some((t) => t.key === want && t.effect === 'NoSchedule')) add.push({ key: want, effect: 'NoSchedule', timeAdded: nowTs });
    if (want && !rest.some((t) => t.key === want && t.effect === 'NoExecute')) add.push({ key: want, effect: 'NoExecute', timeAdded: nowTs });
    if (!add.length && rest.length === taints.length) return;
    this.core.api.updateWith<NodeObject>('Node', undefined, nodeName, (d) => {
      if (!d.spec) d.spec = {};
      const next = [...rest, ...add];
      if (next.length) d.spec.taints = next;
      else delete d.spec.taints;
    });
  }
}
