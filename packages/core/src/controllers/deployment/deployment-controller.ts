/**
 * Design: the Deployment controller owns ReplicaSets named `<deployment>-<pod-template-hash>`.
 * Each sync claims ReplicaSets (controller-uid index, orphans by namespace), then: deleting →
 * status only; paused or a change of `spec.replicas` → proportional scaling; otherwise one step
 * of the strategy (RollingUpdate: new up within maxSurge, then old down within maxUnavailable;
 * Recreate: old to 0, wait for old pods to be gone, new up). Every step ends with the status and
 * the Progressing condition; a sync that waits on the progress deadline requeues itself for
 * the instant just after it.
 * @see kubernetes pkg/controller/deployment/deployment_controller.go
 */
import { getControllerOf, type KubeObject } from '../../api/object.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import type { WatchEvent } from '../../store/store.js';
import { WorkloadComponents, WorkloadReasons } from '../events.js';
import { isEmptySelector } from '../replicaset/label-selector.js';
import { addControllerIndexes, addNamespaceIndex, claimObjects, ownersSelecting } from '../replicaset/controller-ref-manager.js';
import { Controller, type SyncResult } from '../runtime/controller.js';
import type { DeploymentObject, RsObject } from './deployment-util.js';
import * as u from './deployment-util.js';
import { stuckRequeueMs, syncRolloutStatus } from './progress.js';
import { rolloutRecreate } from './recreate.js';
import { rolloutRolling } from './rolling.js';
import { isScalingEvent, scale } from './scale.js';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, liveDeployment, syncDeploymentStatus } from './sync.js';
import { syncCostMs } from '../runtime/defaults.js';

/** `This deployment will select all pods. A non-empty selector is required.` */
export const SELECTING_ALL_MESSAGE = 'This deployment will select all pods. A non-empty selector is required.';

/** The Deployment controller. */
export class DeploymentController {
  readonly controller: Controller;

  constructor(private readonly core: CoreCluster) {
    addControllerIndexes(core.store, 'ReplicaSet');
    addControllerIndexes(core.store, 'Pod');
    addNamespaceIndex(core.store, 'Deployment');
    this.controller = new Controller(core.loop, {
      syncCostMs: (key) => {
        const [ns, name] = key.split('/');
        const obj = core.store.get<{ spec?: { replicas?: number } } & KubeObject>('Deployment', ns, name);
        return syncCostMs(obj?.spec?.replicas ?? 1);
      },
      name: WorkloadComponents.deployment,
      sync: (key) => {
        const [ns, name] = key.split('/');
        return this.sync(ns, name);
      },
    });
    core.store.watch('Deployment', (e) => this.enqueue(e.object));
    core.store.watch('ReplicaSet', (e) => this.onReplicaSet(e));
    core.store.watch('Pod', (e) => this.onPod(e));
  }

  private enqueue(d: KubeObject): void {
    this.controller.enqueue(`${d.metadata.namespace}/${d.metadata.name}`);
  }

  private onReplicaSet(e: WatchEvent): void {
    const ref = getControllerOf(e.object);
    const oldRef = e.old ? getControllerOf(e.old) : undefined;
    if (oldRef?.kind === 'Deployment' && oldRef.uid !== ref?.uid) this.controller.enqueue(`${e.object.metadata.namespace}/${oldRef.name}`);
    if (ref) {
      if (ref.kind === 'Deployment') this.controller.enqueue(`${e.object.metadata.namespace}/${ref.name}`);
      return;
    }
    if (e.type === 'DELETED') return;
    const selectorOf = (o: KubeObject) => (o as DeploymentObject).spec?.selector;
    for (const d of ownersSelecting(this.core.store, 'Deployment', e.object, selectorOf)) this.enqueue(d);
  }

  /** Recreate waits for old pods to be gone: a pod leaving wakes its Deployment. */
  private onPod(e: WatchEvent): void {
    if (e.type !== 'DELETED' && !(e.object.metadata.deletionTimestamp && !e.old?.metadata.deletionTimestamp)) return;
    const rsRef = getControllerOf(e.object);
    if (rsRef?.kind !== 'ReplicaSet') return;
    // The controller ReplicaSet by name in the pod's namespace, if it is still the referenced one.
    const named = this.core.store.get<RsObject>('ReplicaSet', e.object.metadata.namespace, rsRef.name);
    const rs = named?.metadata.uid === rsRef.uid ? named : undefined;
    const dRef = rs && getControllerOf(rs);
    if (dRef?.kind === 'Deployment') this.controller.enqueue(`${e.object.metadata.namespace}/${dRef.name}`);
  }

  /** `syncDeployment`. */
  sync(namespace: string, name: string): SyncResult {
    const core = this.core;
    const d = core.store.get<DeploymentObject>('Deployment', namespace, name);
    if (!d) return;
    if (isEmptySelector(d.spec?.selector)) {
      core.recorder.event(d, 'Warning', WorkloadReasons.SelectingAll, SELECTING_ALL_MESSAGE, WorkloadComponents.deployment);
      return;
    }
    const rsList = claimObjects<RsObject>(core.api, 'ReplicaSet', d, d.spec?.selector);
    if (d.metadata.deletionTimestamp) {
      const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(core, d, rsList, false);
      syncDeploymentStatus(core, [...oldRSs, newRS], newRS, d);
      return;
    }
    this.step(d, rsList);
    const live = liveDeployment(core, d);
    const after = stuckRequeueMs(core, live);
    return after === undefined ? undefined : { requeueAfterMs: after };
  }

  private step(d: DeploymentObject, rsList: RsObject[]): void {
    const core = this.core;
    if (d.spec?.paused || isScalingEvent(d, [...rsList])) {
      const { newRS, oldRSs, d: d2 } = getAllReplicaSetsAndSyncRevision(core, d, rsList, false);
      scale(core, d2, newRS, oldRSs);
      if (d.spec?.paused) cleanupDeployment(core, oldRSs, d2);
      const get = (rs: RsObject) => core.store.get<RsObject>('ReplicaSet', rs.metadata.namespace, rs.metadata.name ?? '') ?? rs;
      const fresh = newRS && get(newRS);
      const all = [...oldRSs.map(get), fresh];
      if (d.spec?.paused) syncDeploymentStatus(core, all, fresh, liveDeployment(core, d2));
      else syncRolloutStatus(core, all, fresh, d2);
      return;
    }
    if (u.isRecreate(d)) rolloutRecreate(core, d, rsList);
    else rolloutRolling(core, d, rsList);
  }
}
