/**
 * Design: the taint-eviction controller. For every pod on a node with NoExecute taints it finds
 * the tolerations used: a taint without a matching toleration evicts at once; otherwise the
 * smallest `tolerationSeconds` (counted from when the pod was first seen under the taints) sets
 * the eviction time, and tolerations without seconds tolerate forever. Eviction adds the
 * `DisruptionTarget` condition, deletes the pod gracefully (the kubelet, if alive, finishes it)
 * and records `TaintManagerEviction`. Taints going away cancel scheduled evictions.
 * @see kubernetes pkg/controller/tainteviction/taint_eviction.go, timed_workers.go
 */
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import { type NodeObject, type PodObject, PODS_BY_NODE_INDEX } from '../../kubelet/objects.js';
import { NodeAgentComponents, NodeAgentReasons } from '../../kubelet/reasons.js';
import type { QueuedEvent } from '../../sim/queue.js';

/** `Marking for deletion Pod %s` (taint_eviction.go). */
export function markingForDeletionMessage(namespace: string, name: string): string {
  return `Marking for deletion Pod ${namespace}/${name}`;
}

/** `Cancelling deletion of Pod %s` (taint_eviction.go). */
export function cancellingDeletionMessage(namespace: string, name: string): string {
  return `Cancelling deletion of Pod ${namespace}/${name}`;
}

/** Whether a toleration tolerates a taint (`Toleration.ToleratesTaint`). */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.key && t.operator !== 'Exists') return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

/** Eviction delay in ms: 0 = now, undefined = never. */
export function evictionDelayMs(taints: readonly Taint[], tolerations: readonly Toleration[]): number | undefined {
  let min: number | undefined;
  let forever = true;
  for (const taint of taints) {
    const used = tolerations.filter((t) => toleratesTaint(t, taint));
    if (!used.length) return 0;
    for (const t of used) {
      if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
      forever = false;
      const ms = Math.max(0, t.tolerationSeconds) * 1000;
      min = min === undefined ? ms : Math.min(min, ms);
    }
  }
  return forever ? undefined : min;
}

interface Scheduled {
  readonly event: QueuedEvent;
  readonly createdAtMs: number;
}

/** The taint-eviction controller. */
export class TaintEvictionController {
  private readonly scheduled = new Map<string, Scheduled>();

  constructor(private readonly core: CoreCluster) {
    core.store.watch<NodeObject>('Node', (e) => {
      if (e.type === 'DELETED') return;
      // Stored objects are immutable: the same taints array means the same taints (status heartbeats).
      if (e.type === 'MODIFIED' && e.old?.spec?.taints === e.object.spec?.taints) return;
      const before = JSON.stringify(noExecute(e.old));
      if (e.type === 'MODIFIED' && before === JSON.stringify(noExecute(e.object))) return;
      for (const pod of core.store.byIndex<PodObject>('Pod', PODS_BY_NODE_INDEX, e.object.metadata.name ?? '')) this.processPod(pod);
    });
    core.store.watch<PodObject>('Pod', (e) => {
      const key = `${e.object.metadata.namespace}/${e.object.metadata.name}`;
      if (e.type === 'DELETED') {
        this.cancel(key, false);
        return;
      }
      if (e.type === 'MODIFIED' && e.old?.spec?.nodeName === e.object.spec?.nodeName && e.old?.spec?.tolerations === e.object.spec?.tolerations) return;
      const current = core.store.get<PodObject>('Pod', e.object.metadata.namespace, e.object.metadata.name ?? '');
      if (current) this.processPod(current);
    });
  }

  private processPod(pod: PodObject): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const node = pod.spec?.nodeName ? this.core.store.get<NodeObject>('Node', undefined, pod.spec.nodeName) : undefined;
    const taints = noExecute(node);
    const delay = taints.length ? evictionDelayMs(taints, pod.spec?.tolerations ?? []) : undefined;
    if (delay === undefined) {
      this.cancel(key, true);
      return;
    }
    const now = this.core.clock.now();
    const prior = this.scheduled.get(key);
    const start = prior?.createdAtMs ?? now;
    if (prior && !prior.event.cancelled && prior.event.atMs <= start + delay) return;
    this.core.loop.cancel(prior?.event);
    const uid = pod.metadata.uid;
    const event = this.core.loop.scheduleAt(start + delay, `taint-eviction/${key}`, () => {
      this.scheduled.delete(key);
      this.evict(pod.metadata.namespace ?? '', pod.metadata.name ?? '', uid);
    });
    this.scheduled.set(key, { event, createdAtMs: start });
  }

  private cancel(key: string, emit: boolean): void {
    const prior = this.scheduled.get(key);
    if (!prior) return;
    this.scheduled.delete(key);
    if (prior.event.cancelled) return;
    this.core.loop.cancel(prior.event);
    const [ns, name] = key.split('/');
    const pod = this.core.store.get<PodObject>('Pod', ns, name);
    if (emit && pod) {
      this.core.recorder.event(pod, 'Normal', NodeAgentReasons.TaintManagerEviction, cancellingDeletionMessage(ns, name), NodeAgentComponents.taintEviction);
    }
  }

  private evict(namespace: string, name: string, uid: string | undefined): void {
    const pod = this.core.store.get<PodObject>('Pod', namespace, name);
    if (!pod || pod.metadata.uid !== uid || pod.metadata.deletionTimestamp) return;
    const nowTs = this.core.clock.rfc3339();
    const marked = this.core.api.updateWith<PodObject>('Pod', namespace, name, (d) => {
      if (!d.status) d.status = {};
      const rest = (d.status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
      d.status.conditions = [
        ...rest,
        { type: 'DisruptionTarget', status: 'True', lastTransitionTime: nowTs, reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' },
      ];
    });
    this.core.recorder.event(marked, 'Normal', NodeAgentReasons.TaintManagerEviction, markingForDeletionMessage(namespace, name), NodeAgentComponents.taintEviction);
    this.core.api.delete('Pod', namespace, name);
  }
}

function noExecute(node: NodeObject | undefined): Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
}
