/**
 * Design: the StatefulSet controller gives each ordinal a stable identity: pod `<set>-<n>`
 * (hostname = pod name, subdomain = serviceName) and claims `<template>-<set>-<n>` created
 * before the pod and reused forever after. At most one pod per ordinal: a replacement is only
 * created once the old pod object is gone from the store (Terminating counts as present).
 * Pods are found through the pods-by-controller-uid index; a pod event enqueues its set. The
 * algorithm lives in `stateful-set-control.ts`, the writes in `stateful-pod-control.ts`.
 * @see kubernetes pkg/controller/statefulset/stateful_set.go
 */
import { getControllerOf, type KubeObject } from '../../api/object.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import type { WatchEvent } from '../../store/store.js';
import { WorkloadComponents } from '../events.js';
import { addControllerIndexes, addNamespaceIndex, claimObjects, ownersSelecting } from '../replicaset/controller-ref-manager.js';
import type { PodObject } from '../replicaset/controller-utils.js';
import { Controller, type SyncResult } from '../runtime/controller.js';
import { StatefulPodControl } from './stateful-pod-control.js';
import { updateStatefulSet } from './stateful-set-control.js';
import { isMemberOf, type StatefulSetObject } from './stateful-set-utils.js';
import { syncCostMs } from '../runtime/defaults.js';

/** The StatefulSet controller. */
export class StatefulSetController {
  readonly controller: Controller;
  readonly podControl: StatefulPodControl;

  constructor(private readonly core: CoreCluster) {
    addControllerIndexes(core.store, 'Pod');
    addControllerIndexes(core.store, 'ControllerRevision');
    addNamespaceIndex(core.store, 'StatefulSet');
    this.podControl = new StatefulPodControl(core);
    this.controller = new Controller(core.loop, {
      syncCostMs: (key) => {
        const [ns, name] = key.split('/');
        const obj = core.store.get<{ spec?: { replicas?: number } } & KubeObject>('StatefulSet', ns, name);
        return syncCostMs(obj?.spec?.replicas ?? 1);
      },
      name: WorkloadComponents.statefulSet,
      sync: (key) => {
        const [ns, name] = key.split('/');
        return this.sync(ns, name);
      },
    });
    core.store.watch('StatefulSet', (e) => this.enqueue(e.object));
    core.store.watch('Pod', (e) => this.onPod(e));
  }

  private enqueue(set: KubeObject): void {
    this.controller.enqueue(`${set.metadata.namespace}/${set.metadata.name}`);
  }

  private onPod(e: WatchEvent): void {
    const ref = getControllerOf(e.object);
    const oldRef = e.old ? getControllerOf(e.old) : undefined;
    const ns = e.object.metadata.namespace;
    if (oldRef?.kind === 'StatefulSet' && oldRef.uid !== ref?.uid) this.controller.enqueue(`${ns}/${oldRef.name}`);
    if (ref) {
      if (ref.kind === 'StatefulSet') this.controller.enqueue(`${ns}/${ref.name}`);
      return;
    }
    if (e.type === 'DELETED') return;
    const selectorOf = (o: KubeObject) => (o as StatefulSetObject).spec?.selector;
    for (const set of ownersSelecting(this.core.store, 'StatefulSet', e.object, selectorOf)) this.enqueue(set);
  }

  /** `sync`: claims pods (adopting only `<set>-<n>` names), then runs the algorithm. */
  sync(namespace: string, name: string): SyncResult {
    const set = this.core.store.get<StatefulSetObject>('StatefulSet', namespace, name);
    if (!set) return;
    const pods = claimObjects<PodObject>(this.core.api, 'Pod', set, set.spec?.selector, (p) => isMemberOf(set, p)).filter((p) =>
      isMemberOf(set, p),
    );
    const after = updateStatefulSet(this.core, this.podControl, set, pods);
    return after === undefined ? undefined : { requeueAfterMs: after };
  }
}
