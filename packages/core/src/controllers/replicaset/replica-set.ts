/**
 * Design: the ReplicaSet controller keeps `spec.replicas` active pods. Pods are found through
 * the pods-by-controller-uid index (never a scan); orphans that match the selector are adopted
 * from the orphans-by-namespace index. A pod event enqueues its controller (or, for an orphan,
 * every ReplicaSet in its namespace that selects it). One sync creates all missing pods or
 * deletes the extras (unscheduled < scheduled, Pending < Running, not ready < ready, more
 * restarts, newer first), then writes status. Writes land in the store synchronously, so no
 * expectations cache is needed.
 * @see kubernetes pkg/controller/replicaset/replica_set.go
 */
import { getControllerOf, type KubeObject } from '../../api/object.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import type { WatchEvent } from '../../store/store.js';
import { WorkloadComponents } from '../events.js';
import { Controller } from '../runtime/controller.js';
import { addControllerIndexes, addNamespaceIndex, ownersSelecting } from './controller-ref-manager.js';
import { PodControl } from './pod-control.js';
import { type ReplicaSetObject, syncReplicaSet } from './replica-set-sync.js';
import { syncCostMs } from '../runtime/defaults.js';

/** The ReplicaSet controller. */
export class ReplicaSetController {
  readonly controller: Controller;
  readonly podControl: PodControl;

  constructor(private readonly core: CoreCluster) {
    addControllerIndexes(core.store, 'Pod');
    addNamespaceIndex(core.store, 'ReplicaSet');
    this.podControl = new PodControl(core, WorkloadComponents.replicaSet);
    this.controller = new Controller(core.loop, {
      syncCostMs: (key) => {
        const [ns, name] = key.split('/');
        const obj = core.store.get<{ spec?: { replicas?: number } } & KubeObject>('ReplicaSet', ns, name);
        return syncCostMs(obj?.spec?.replicas ?? 1);
      },
      name: WorkloadComponents.replicaSet,
      sync: (key) => {
        const [ns, name] = key.split('/');
        return syncReplicaSet(core, this.podControl, ns, name);
      },
    });
    core.store.watch<ReplicaSetObject>('ReplicaSet', (e) => this.enqueue(e.object));
    core.store.watch('Pod', (e) => this.onPod(e));
  }

  private enqueue(rs: KubeObject): void {
    this.controller.enqueue(`${rs.metadata.namespace}/${rs.metadata.name}`);
  }

  private onPod(e: WatchEvent): void {
    const ref = getControllerOf(e.object);
    const oldRef = e.old ? getControllerOf(e.old) : undefined;
    if (oldRef && oldRef.uid !== ref?.uid) this.enqueueRef(e.object, oldRef.kind, oldRef.name);
    if (ref) {
      this.enqueueRef(e.object, ref.kind, ref.name);
      return;
    }
    if (e.type === 'DELETED') return;
    const selectorOf = (o: KubeObject) => (o as ReplicaSetObject).spec?.selector;
    for (const rs of ownersSelecting(this.core.store, 'ReplicaSet', e.object, selectorOf)) this.enqueue(rs);
  }

  private enqueueRef(pod: KubeObject, kind: string, name: string): void {
    if (kind === 'ReplicaSet') this.controller.enqueue(`${pod.metadata.namespace}/${name}`);
  }
}
