/**
 * The reconciler: compares desired and actual state and starts operations, detaches before
 * attaches. A volume still mounted (`node.status.volumesInUse`) is not detached unless the node
 * is unhealthy and 6 minutes passed since the detach was first wanted, or the node carries the
 * `node.kubernetes.io/out-of-service` taint. A single-attach volume wanted on a second node
 * reports one Multi-Attach error per (volume, node) desired entry.
 * @see kubernetes pkg/controller/volume/attachdetach/reconciler/reconciler.go
 */
import type { CoreCluster } from '@kubesim/core';
import type { Node } from '../api-types.js';
import { COMPONENT, OUT_OF_SERVICE_TAINT } from '../constants.js';
import { REASON } from '../events/reasons.js';
import type { ActualStateOfWorld, DesiredStateOfWorld, VolumeToAttach } from './cache.js';
import { alreadyUsedBy, EXCLUSIVELY_ATTACHED, multiAttachError } from './messages.js';
import type { OperationExecutor } from './operation-executor.js';

/** `ReconcilerMaxWaitForUnmountDuration` (DefaultTimerConfig). */
export const MAX_WAIT_FOR_UNMOUNT_MS = 6 * 60_000;

/** Whether a node's Ready condition is True. */
export function nodeIsHealthy(node: Node | undefined): boolean {
  return node?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Whether a node has the out-of-service taint (any effect). */
export function hasOutOfServiceTaint(node: Node | undefined): boolean {
  return node?.spec?.taints?.some((t) => t.key === OUT_OF_SERVICE_TAINT) ?? false;
}

/** One reconcile pass; returns the delay until it wants to run again, if any. */
export class Reconciler {
  /** Last `volumesInUse` seen per node (kept for deleted nodes). */
  readonly volumesInUse = new Map<string, ReadonlySet<string>>();

  constructor(
    private readonly core: CoreCluster,
    private readonly dsw: DesiredStateOfWorld,
    private readonly asw: ActualStateOfWorld,
    private readonly executor: OperationExecutor,
  ) {}

  /** Runs detaches then attaches. */
  reconcile(): number | undefined {
    const wake: number[] = [];
    this.detaches(wake);
    this.attaches(wake);
    return wake.length ? Math.max(1, Math.min(...wake)) : undefined;
  }

  private detaches(wake: number[]): void {
    const now = this.core.clock.now();
    for (const a of this.asw.all()) {
      if (this.dsw.isDesired(a.volume.uniqueName, a.nodeName)) {
        a.detachRequestedAtMs = undefined;
        continue;
      }
      if (a.detaching || !a.attached || this.executor.isOperationPending(a.volume.uniqueName)) continue;
      const retry = this.executor.backoffRemainingMs(a.volume.uniqueName, a.nodeName);
      if (retry > 0) {
        wake.push(retry);
        continue;
      }
      a.detachRequestedAtMs ??= now;
      const node = this.core.store.get<Node>('Node', undefined, a.nodeName);
      const healthy = nodeIsHealthy(node);
      const outOfService = hasOutOfServiceTaint(node);
      const elapsed = now - a.detachRequestedAtMs;
      const forceDetach = !healthy && elapsed >= MAX_WAIT_FOR_UNMOUNT_MS;
      const inUse = node ? node.status?.volumesInUse : [...(this.volumesInUse.get(a.nodeName) ?? [])];
      const mounted = inUse?.includes(a.volume.uniqueName) ?? false;
      if (mounted && !forceDetach && !outOfService) {
        if (!healthy) wake.push(MAX_WAIT_FOR_UNMOUNT_MS - elapsed);
        continue;
      }
      if (mounted) {
        this.core.loop.record(
          'adc',
          `attacherDetacher.DetachVolume started: this volume is not safe to detach, but ${outOfService ? 'node has out-of-service taint' : 'maxWaitForUnmountDuration expired'}, force detaching ${a.volume.volumeHandle}`,
        );
      }
      this.executor.detach(a, mounted);
      const again = this.executor.backoffRemainingMs(a.volume.uniqueName, a.nodeName);
      if (again > 0) wake.push(again);
    }
  }

  private attaches(wake: number[]): void {
    for (const v of this.dsw.volumesToAttach()) {
      const a = this.asw.get(v.volume.uniqueName, v.nodeName);
      if (a) continue;
      if (this.executor.isOperationPending(v.volume.uniqueName)) continue;
      if (!v.volume.multiAttachAllowed) {
        const nodes = this.asw.nodesFor(v.volume.uniqueName).filter((n) => n !== v.nodeName);
        if (nodes.length > 0) {
          if (!v.multiAttachErrorReported) {
            this.reportMultiAttachError(v, nodes);
            v.multiAttachErrorReported = true;
          }
          continue;
        }
      }
      const retry = this.executor.backoffRemainingMs(v.volume.uniqueName, v.nodeName);
      if (retry > 0) {
        wake.push(retry);
        continue;
      }
      this.executor.attach(v);
      const again = this.executor.backoffRemainingMs(v.volume.uniqueName, v.nodeName);
      if (again > 0) wake.push(again);
    }
  }

  private reportMultiAttachError(v: VolumeToAttach, otherNodes: readonly string[]): void {
    const others = this.dsw.podsOnNodes(v.volume.uniqueName, otherNodes);
    const pods = [...v.pods.values()];
    for (const pod of pods) {
      let suffix = EXCLUSIVELY_ATTACHED;
      if (others.length > 0) {
        const local = others
          .filter((p) => p.metadata.namespace === pod.metadata.namespace)
          .map((p) => p.metadata.name ?? '')
          .sort();
        suffix = alreadyUsedBy(local, others.length - local.length);
      }
      this.core.recorder.event(pod, 'Warning', REASON.FailedAttachVolume, multiAttachError(v.volume.specName, suffix), COMPONENT.attachDetach);
    }
  }
}
