/**
 * The kubelet's node status reporter and node lease: renews the lease every 10s (in memory: the
 * node lifecycle controller reads it), posts the node status when it changes (volumesInUse) on
 * the next 10s tick, and the heartbeat every 5 minutes (`nodeStatusReportFrequency`).
 *
 * Design: no per-10s writes, so 5000 nodes cost one write per node per 5 minutes; the lease is a
 * number computed from the time the kubelet came up.
 * @see kubernetes pkg/kubelet/kubelet_node_status.go, pkg/kubelet/nodelease
 */
import type { NodeCondition } from 'kubernetes-types/core/v1';
import type { CoreCluster } from '../cluster/core-cluster.js';
import { healthyConditions } from '../cloud/node-object.js';
import type { QueuedEvent } from '../sim/queue.js';
import { copyOwn } from '../store/structural-sharing.js';
import { NODE_LEASE_RENEW_MS, NODE_STATUS_REPORT_MS, NODE_STATUS_UPDATE_MS } from './defaults.js';
import type { NodeObject } from './objects.js';
import { NodeAgentComponents, NodeAgentReasons } from './reasons.js';

/** `Node %s status is now: %s` (kubelet recordNodeStatusEvent / node controller RecordNodeStatusChange). */
export function nodeStatusEventMessage(nodeName: string, status: string): string {
  return `Node ${nodeName} status is now: ${status}`;
}

/** Posts one node's status and keeps its lease. */
export class NodeStatusReporter {
  private aliveSinceMs?: number;
  private frozenRenewMs = 0;
  private heartbeat?: QueuedEvent;
  private pendingUpdate?: QueuedEvent;

  constructor(
    private readonly core: CoreCluster,
    readonly nodeName: string,
    private readonly volumesInUse: () => string[],
  ) {}

  /** Last lease renewal (virtual ms). */
  lastRenewMs(): number {
    if (this.aliveSinceMs === undefined) return this.frozenRenewMs;
    const now = this.core.clock.now();
    return now - ((now - this.aliveSinceMs) % NODE_LEASE_RENEW_MS);
  }

  /** Whether the lease is being renewed. */
  get isRenewing(): boolean {
    return this.aliveSinceMs !== undefined;
  }

  /** Kubelet up: renew the lease from now, post status now (unless just registered) and every 5 minutes. */
  start(postNow = true): void {
    this.aliveSinceMs = this.core.clock.now();
    if (postNow) this.post();
    this.scheduleHeartbeat();
  }

  /** Kubelet silent: the lease stops, nothing more is posted. */
  stop(): void {
    this.frozenRenewMs = this.lastRenewMs();
    this.aliveSinceMs = undefined;
    this.core.loop.cancel(this.heartbeat);
    this.core.loop.cancel(this.pendingUpdate);
    this.heartbeat = undefined;
    this.pendingUpdate = undefined;
  }

  private scheduleHeartbeat(): void {
    this.heartbeat = this.core.loop.schedule(NODE_STATUS_REPORT_MS, `kubelet/${this.nodeName}/heartbeat`, () => {
      this.post();
      this.scheduleHeartbeat();
    });
  }

  /** Changed status (volumesInUse): post on the next 10s tick of the status loop. */
  requestUpdate(): void {
    if (this.aliveSinceMs === undefined || this.pendingUpdate) return;
    const now = this.core.clock.now();
    const next = now + NODE_STATUS_UPDATE_MS - ((now - this.aliveSinceMs) % NODE_STATUS_UPDATE_MS);
    this.pendingUpdate = this.core.loop.scheduleAt(next, `kubelet/${this.nodeName}/node-status`, () => {
      this.pendingUpdate = undefined;
      this.post();
    });
  }

  /** Writes conditions (heartbeat now), volumesInUse. Emits NodeReady when Ready turns True. */
  post(): void {
    const node = this.core.store.get<NodeObject>('Node', undefined, this.nodeName);
    if (!node) return;
    const nowTs = this.core.clock.rfc3339();
    const old = node.status?.conditions ?? [];
    const wasReady = old.find((c) => c.type === 'Ready')?.status === 'True';
    const conditions = healthyConditions(nowTs).map((c): NodeCondition => {
      const prev = old.find((o) => o.type === c.type);
      return prev && prev.status === c.status ? { ...c, lastTransitionTime: prev.lastTransitionTime } : c;
    });
    const inUse = this.volumesInUse();
    const status: { volumesInUse?: string[] } = copyOwn<object>(node.status ?? {}, { conditions });
    if (inUse.length) status.volumesInUse = inUse;
    else delete status.volumesInUse;
    this.core.api.updateStatus<NodeObject>('Node', undefined, this.nodeName, status);
    if (!wasReady && old.length > 0) {
      this.core.recorder.event(node, 'Normal', NodeAgentReasons.NodeReady, nodeStatusEventMessage(this.nodeName, 'NodeReady'), NodeAgentComponents.kubelet, this.nodeName);
    }
  }
}
