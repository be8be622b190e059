/**
 * Design: the DaemonSet controller keeps one daemon pod on every node that should run one. A sync
 * lists the nodes (sorted by name), finds the set's pods through the pods-by-controller-uid index,
 * creates the missing pods (pinned to their node by a `matchFields metadata.name` affinity; the
 * default scheduler binds them), deletes failed pods (with per-node back-off), duplicates and pods on
 * nodes that no longer should run one, then runs the update strategy (RollingUpdate either deletes
 * old pods within maxUnavailable, or with maxSurge creates the new pod beside the old one and deletes
 * the old one once the new one is available) and writes status. Pod events enqueue the pod's
 * DaemonSet (orphans: every set selecting them), a pod turning ready once more after
 * minReadySeconds; a node added or deleted, or whose labels or taints change what a set wants,
 * enqueues the sets. Writes land in the store synchronously, so no expectations cache is needed: a
 * sync that wrote pods leaves the rolling update to the sync their watch events cause.
 * @see kubernetes pkg/controller/daemon/daemon_controller.go
 */
import { deepEqual } from '../../api/merge-patch.js';
import { getControllerOf, type KubeObject, type OwnerReference } from '../../api/object.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import type { NodeObject } from '../../kubelet/objects.js';
import type { WatchEvent } from '../../store/store.js';
import { WorkloadComponents } from '../events.js';
import { addControllerIndexes, addNamespaceIndex, ownersSelecting } from '../replicaset/controller-ref-manager.js';
import { isPodReady, type PodObject } from '../replicaset/controller-utils.js';
import { PodControl } from '../replicaset/pod-control.js';
import { Controller, type SyncResult } from '../runtime/controller.js';
import { syncCostMs } from '../runtime/defaults.js';
import { syncDaemonSet } from './daemon-sync.js';
import type { DaemonSetObject } from './daemonset-util.js';
import { Backoff } from './failed-pods-backoff.js';
import { nodeShouldRunDaemonPod } from './node-should-run-daemon-pod.js';

/** `updatePod`: the second added to `minReadySeconds` before the availability re-sync. */
export const MIN_READY_REQUEUE_SKEW_MS = 1000;

/** The DaemonSet controller. */
export class DaemonSetsController {
  readonly controller: Controller;
  readonly podControl: PodControl;
  /** Back-off of deleting failed daemon pods, per DaemonSet and node. */
  readonly failedPodsBackoff = new Backoff();

  constructor(private readonly core: CoreCluster) {
    addControllerIndexes(core.store, 'Pod');
    addControllerIndexes(core.store, 'ControllerRevision');
    addNamespaceIndex(core.store, 'DaemonSet');
    this.podControl = new PodControl(core, WorkloadComponents.daemonSet);
    this.controller = new Controller(core.loop, {
      name: WorkloadComponents.daemonSet,
      syncCostMs: () => syncCostMs(core.store.count('Node')),
      sync: (key) => this.sync(key),
    });
    core.store.watch<DaemonSetObject>('DaemonSet', (e) => this.enqueue(e.object));
    core.store.watch('Pod', (e) => this.onPod(e));
    core.store.watch<NodeObject>('Node', (e) => this.onNode(e));
  }

  /** `syncDaemonSet` of `namespace/name`. */
  sync(key: string): SyncResult {
    const [ns, name] = key.split('/');
    return syncDaemonSet({ core: this.core, podControl: this.podControl, failedPodsBackoff: this.failedPodsBackoff }, ns, name);
  }

  private enqueue(ds: KubeObject): void {
    this.controller.enqueue(`${ds.metadata.namespace}/${ds.metadata.name}`);
  }

  private onPod(e: WatchEvent): void {
    const ns = e.object.metadata.namespace;
    const ref = getControllerOf(e.object);
    const oldRef = e.old ? getControllerOf(e.old) : undefined;
    if (oldRef?.kind === 'DaemonSet' && oldRef.uid !== ref?.uid) this.controller.enqueue(`${ns}/${oldRef.name}`);
    if (ref) {
      if (ref.kind !== 'DaemonSet') return;
      this.controller.enqueue(`${ns}/${ref.name}`);
      if (e.type === 'MODIFIED' && e.old && !isPodReady(e.old as PodObject) && isPodReady(e.object as PodObject)) this.enqueueAfterMinReady(ns ?? '', ref);
      return;
    }
    if (e.type === 'DELETED') return;
    const selectorOf = (o: KubeObject) => (o as DaemonSetObject).spec?.selector;
    for (const ds of ownersSelecting(this.core.store, 'DaemonSet', e.object, selectorOf)) this.enqueue(ds);
  }

  /**
   * `updatePod`: a pod that turned ready syncs its set again one second after `minReadySeconds`,
   * when it counts as available (the extra second is upstream's guard against clock skew). A
   * separate delayed add, as the work queue's `AddAfter`: the immediate sync does not cancel it.
   */
  private enqueueAfterMinReady(namespace: string, ref: OwnerReference): void {
    const ds = this.core.store.get<DaemonSetObject>('DaemonSet', namespace, ref.name);
    const minReady = ds?.spec?.minReadySeconds ?? 0;
    if (ds?.metadata.uid !== ref.uid || minReady <= 0) return;
    const key = `${namespace}/${ref.name}`;
    this.core.loop.schedule(minReady * 1000 + MIN_READY_REQUEUE_SKEW_MS, `${WorkloadComponents.daemonSet}/available ${key}`, () => this.controller.enqueue(key));
  }

  /**
   * `addNode` / `updateNode`: enqueues the sets that want the new node, or whose decision changed
   * with the node's labels or taints (`shouldIgnoreNodeUpdate`). A deleted node enqueues every set
   * that wanted it, so desired counts drop without waiting for a resync.
   */
  private onNode(e: WatchEvent<NodeObject>): void {
    const cur = e.object;
    const old = e.old;
    if (e.type === 'MODIFIED' && old && deepEqual(old.metadata.labels, cur.metadata.labels) && deepEqual(old.spec?.taints, cur.spec?.taints)) return;
    for (const ds of this.core.store.list<DaemonSetObject>('DaemonSet')) {
      const now = nodeShouldRunDaemonPod(cur, ds);
      if (e.type === 'MODIFIED' && old) {
        const before = nodeShouldRunDaemonPod(old, ds);
        if (before.shouldRun === now.shouldRun && before.shouldContinueRunning === now.shouldContinueRunning) continue;
      } else if (!now.shouldRun && e.type === 'ADDED') continue;
      this.enqueue(ds);
    }
  }
}
