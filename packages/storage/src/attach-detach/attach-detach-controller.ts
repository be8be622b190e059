/**
 * Design: the attach/detach controller (`attachdetach-controller`). Watches keep the desired
 * state current (pods, claims, PVs, nodes); EC2 transitions settle the actual state; every
 * change enqueues one `reconcile` key, and the reconciler asks to run again when a backoff or
 * the 6-minute force-detach deadline is due. Ordering: detaches before attaches in every pass,
 * so a volume freed by one node can be attached to another in the same instant.
 * @see kubernetes pkg/controller/volume/attachdetach/attach_detach_controller.go
 */
import { type CloudProvider, Controller, type CoreCluster, syncCostMs } from '@kubesim/core';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from '../api-types.js';
import { csiUniqueVolumeName, EBS_CSI_DRIVER } from '../constants.js';
import type { Ec2Model } from '../ebs/ec2.js';
import { ActualStateOfWorld, DesiredStateOfWorld } from './cache.js';
import { OperationExecutor } from './operation-executor.js';
import { DesiredStateOfWorldPopulator } from './populator.js';
import { hasOutOfServiceTaint, nodeIsHealthy, Reconciler } from './reconciler.js';

const KEY = 'reconcile';
/** `ReconcilerLoopPeriod` (DefaultTimerConfig, pkg/controller/volume/attachdetach/attach_detach_controller.go). */
const RECONCILER_LOOP_PERIOD_MS = 100;

/** What the reconciler reads from a node: mounts, health, the out-of-service taint. */
function nodeFacts(node: Node): string {
  return JSON.stringify([node.status?.volumesInUse ?? [], nodeIsHealthy(node), hasOutOfServiceTaint(node)]);
}

/** The attach/detach controller. */
export class AttachDetachController {
  readonly dsw = new DesiredStateOfWorld();
  readonly asw = new ActualStateOfWorld();
  readonly executor: OperationExecutor;
  readonly reconciler: Reconciler;
  readonly populator: DesiredStateOfWorldPopulator;
  readonly controller: Controller;

  constructor(
    private readonly core: CoreCluster,
    ec2: Ec2Model,
    cloud: () => CloudProvider,
  ) {
    this.executor = new OperationExecutor(core, ec2, cloud, this.asw, this.dsw);
    this.reconciler = new Reconciler(core, this.dsw, this.asw, this.executor);
    this.populator = new DesiredStateOfWorldPopulator(core.store, this.dsw);
    this.controller = new Controller(core.loop, {
      name: 'attachdetach-controller',
      // A pass walks every desired and attached volume, like upstream's 100 ms reconcile loop:
      // events during a large pass are folded into the next one.
      syncCostMs: () => syncCostMs(this.dsw.size + this.asw.size),
      sync: () => {
        const again = this.reconciler.reconcile();
        return again === undefined ? undefined : { requeueAfterMs: again };
      },
    });
    this.watch();
    for (const pod of core.store.list<Pod>('Pod')) this.populator.processPod(pod);
    ec2.onChange((volumeId) => {
      this.executor.handleEc2Change(csiUniqueVolumeName(EBS_CSI_DRIVER, volumeId), volumeId);
      this.kick();
    });
  }

  /**
   * Enqueues a reconcile pass at the next tick of the 100 ms reconciler loop (strictly after now),
   * so that every pod bound in the same instant is in the desired state before the pass runs (one
   * Multi-Attach event per scheduled pod, as upstream's periodic loop gives).
   */
  kick(): void {
    const now = this.core.clock.now();
    this.controller.enqueueAfter(KEY, RECONCILER_LOOP_PERIOD_MS - (now % RECONCILER_LOOP_PERIOD_MS));
  }

  private watch(): void {
    const store = this.core.store;
    store.watch<Pod>('Pod', (e) => {
      if (this.populator.processPod(e.object, e.type === 'DELETED')) this.kick();
    });
    store.watch<PersistentVolumeClaim>('PersistentVolumeClaim', (e) => {
      if (e.type === 'DELETED') return;
      this.populator.processClaim(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
      this.kick();
    });
    store.watch<PersistentVolume>('PersistentVolume', (e) => {
      const ref = e.object.spec?.claimRef;
      if (e.type === 'DELETED' || !ref?.name) return;
      this.populator.processClaim(`${ref.namespace ?? 'default'}/${ref.name}`);
      this.kick();
    });
    store.watch<Node>('Node', (e) => {
      const name = e.object.metadata.name ?? '';
      if (e.type === 'DELETED') {
        this.populator.deleteNode(name);
      } else {
        this.reconciler.volumesInUse.set(name, new Set(e.object.status?.volumesInUse ?? []));
        if (e.type === 'ADDED') this.populator.processNode(name);
        // Heartbeats change nothing the reconciler reads: skip them.
        else if (e.old && nodeFacts(e.old) === nodeFacts(e.object)) return;
      }
      this.kick();
    });
  }
}
