/**
 * Design: the pod garbage collector. (1) Orphaned pods: a pod bound to a node that does not
 * exist is marked Failed with `DisruptionTarget` (DeletionByPodGC) and force-deleted once the
 * node has been missing for the 40s quarantine. (2) Out-of-service: terminating pods on a
 * not-Ready node tainted `node.kubernetes.io/out-of-service` are force-deleted. Instead of
 * scanning every pod every 20s, a node is checked on the next GC tick after it is deleted or
 * tainted, or after one of its pods starts terminating.
 * @see kubernetes pkg/controller/podgc/gc_controller.go (gcOrphaned, gcTerminating)
 */
import type { CoreCluster } from '../../cluster/core-cluster.js';
import { type NodeObject, type PodObject, PODS_BY_NODE_INDEX } from '../../kubelet/objects.js';
import { Controller } from '../runtime/controller.js';
import { POD_GC_PERIOD_MS, POD_GC_QUARANTINE_MS, TAINT_NODE_OUT_OF_SERVICE } from '../node-lifecycle/limits.js';

/** `PodGC: node no longer exists` (gc_controller.go, DisruptionTarget message). */
export const POD_GC_NODE_GONE_MESSAGE = 'PodGC: node no longer exists';
/** `PodGC: node is out-of-service` (gc_controller.go). */
export const POD_GC_OUT_OF_SERVICE_MESSAGE = 'PodGC: node is out-of-service';

function isOutOfService(node: NodeObject | undefined): boolean {
  if (!node) return false;
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  return !ready && (node.spec?.taints ?? []).some((t) => t.key === TAINT_NODE_OUT_OF_SERVICE);
}

/** The pod GC controller. */
export class PodGcController {
  private readonly queue: Controller;
  private readonly goneSince = new Map<string, number>();

  constructor(private readonly core: CoreCluster) {
    this.queue = new Controller(core.loop, { name: 'pod-garbage-collector', sync: (node) => this.syncNode(node) });
    core.store.watch<NodeObject>('Node', (e) => {
      const name = e.object.metadata.name ?? '';
      if (e.type === 'DELETED') {
        this.goneSince.set(name, core.clock.now());
        this.queue.enqueueAfter(name, POD_GC_QUARANTINE_MS);
      } else {
        this.goneSince.delete(name);
        if (isOutOfService(e.object)) this.queue.enqueueAfter(name, this.nextTick());
      }
    });
    core.store.watch<PodObject>('Pod', (e) => {
      const node = e.object.spec?.nodeName;
      if (!node || e.type === 'DELETED') return;
      if (!core.store.get('Node', undefined, node)) {
        if (!this.goneSince.has(node)) this.goneSince.set(node, core.clock.now());
        this.queue.enqueueAfter(node, POD_GC_QUARANTINE_MS);
      } else if (e.object.metadata.deletionTimestamp && isOutOfService(core.store.get<NodeObject>('Node', undefined, node))) {
        this.queue.enqueueAfter(node, this.nextTick());
      }
    });
  }

  private nextTick(): number {
    const now = this.core.clock.now();
    return POD_GC_PERIOD_MS - (now % POD_GC_PERIOD_MS);
  }

  private syncNode(nodeName: string): void {
    const node = this.core.store.get<NodeObject>('Node', undefined, nodeName);
    const pods = this.core.store.byIndex<PodObject>('Pod', PODS_BY_NODE_INDEX, nodeName);
    if (!node) {
      const since = this.goneSince.get(nodeName) ?? this.core.clock.now();
      const wait = since + POD_GC_QUARANTINE_MS - this.core.clock.now();
      if (wait > 0) return void this.queue.enqueueAfter(nodeName, wait);
      for (const pod of pods) this.forceDelete(pod, 'DeletionByPodGC', POD_GC_NODE_GONE_MESSAGE);
      if (!this.core.store.countByIndex('Pod', PODS_BY_NODE_INDEX, nodeName)) this.goneSince.delete(nodeName);
      return;
    }
    if (!isOutOfService(node)) return;
    for (const pod of pods) if (pod.metadata.deletionTimestamp) this.forceDelete(pod, 'DeletionByPodGC', POD_GC_OUT_OF_SERVICE_MESSAGE);
  }

  private forceDelete(pod: PodObject, reason: string, message: string): void {
    const { namespace, name } = pod.metadata;
    const nowTs = this.core.clock.rfc3339();
    const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    this.core.loop.record('podgc', `force deleting ${namespace}/${name}: ${message}`);
    if (!terminal) {
      this.core.api.updateWith<PodObject>('Pod', namespace, name ?? '', (d) => {
        if (!d.status) d.status = {};
        d.status.phase = 'Failed';
        const rest = (d.status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
        d.status.conditions = [...rest, { type: 'DisruptionTarget', status: 'True', lastTransitionTime: nowTs, reason, message }];
      });
    }
    if (this.core.store.get('Pod', namespace, name ?? '')) this.core.api.delete('Pod', namespace, name ?? '', { gracePeriodSeconds: 0 });
  }
}
