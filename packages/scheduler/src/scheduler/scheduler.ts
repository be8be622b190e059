/**
 * The scheduler: watches, cache, queue, one scheduling cycle per loop event, binding.
 *
 * Design: watch handlers only update the cache and the queue; a scheduling cycle runs as its own
 * event-loop event (`scheduler/schedule-one`), one pod per event, re-armed while activeQ is not
 * empty, so API writes and watch deliveries interleave with scheduling as in a real cluster.
 * A chosen pod is assumed in the cache before PreBind; if PreBind waits (WaitForFirstConsumer
 * claims) the pod stays assumed and unbound while other pods keep being scheduled. Bind then sets
 * `spec.nodeName`, PodScheduled=True and records `Scheduled`; failures record FailedScheduling
 * with the FitError text and PodScheduled=False (and the node preemption nominated), and requeue
 * the pod.
 * @see kubernetes pkg/scheduler/scheduler.go, schedule_one.go, eventhandlers.go
 */
import { type CoreCluster, isStatusError, type KubeObject, objectKey, type WatchEvent } from '@kubesim/core';
import type { CSINode, Node, PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../api/types.js';
import { DEFAULT_SCHEDULER_NAME } from '../api/well-known.js';
import { SchedulerCache } from '../cache/cache.js';
import type { NodeInfo } from '../cache/node-info.js';
import { SchedulerReasons, scheduledMessage } from '../events/reasons.js';
import { ExplainHistory, type Explanation } from '../explain/history.js';
import { Framework } from '../framework/framework.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { Handle } from '../framework/interface.js';
import { newPodInfo, type PodInfo } from '../framework/pod-info.js';
import { attachableVolumes } from '../plugins/helper/volumes.js';
import { PodNominator } from '../queue/nominator.js';
import { type QueuedPodInfo, SchedulingQueue } from '../queue/scheduling-queue.js';
import { bindPod, DEFAULT_BINDER, setUnschedulableCondition } from './binding.js';
import { type ResolvedConfig, resolveConfig, type SchedulerConfig } from './config.js';
import { ASSIGNED_POD_ADD, ASSIGNED_POD_DELETE, CSI_NODE_CHANGE, PV_CHANGE, PVC_CHANGE, STORAGE_CLASS_CHANGE } from './event-handlers.js';
import { type AlgorithmState, type ScheduleResult, schedulePod } from './schedule-one.js';

/** Store index: class of each PV without a claimRef. */
const UNCLAIMED_PV_BY_CLASS = 'scheduler/unclaimed-pv-by-class';
/** Store index: `namespace/name` of each PV's claimRef. */
const PV_BY_CLAIM = 'scheduler/pv-by-claim';

/** Whether the pod still has scheduling gates (the SchedulingGates plugin keeps it out of activeQ). */
function isGated(pod: Pod): boolean {
  return ((pod.spec as { schedulingGates?: readonly unknown[] }).schedulingGates?.length ?? 0) > 0;
}

/** Counters for tests and benchmarks. */
export interface SchedulerStats {
  attempts: number;
  scheduled: number;
  failed: number;
}

/** A running scheduler. */
export class Scheduler {
  readonly config: ResolvedConfig;
  readonly cache: SchedulerCache;
  readonly queue: SchedulingQueue;
  readonly framework: Framework;
  /** What plugins see (store lookups and the cache). */
  readonly handle: Handle;
  readonly stats: SchedulerStats = { attempts: 0, scheduled: 0, failed: 0 };
  private readonly history: ExplainHistory;
  /** Pods nominated to a node by preemption, not bound yet. */
  private readonly nominator = new PodNominator();
  private readonly claimListeners = new Map<string, Set<(c: PersistentVolumeClaim) => void>>();
  private readonly unsubscribes: (() => void)[] = [];
  private readonly algo: AlgorithmState = { nextStartNodeIndex: 0 };
  private readonly rng;
  private armed = false;
  private stopped = false;

  constructor(
    readonly core: CoreCluster,
    config: SchedulerConfig = {},
  ) {
    this.config = resolveConfig(config);
    this.rng = core.rng.fork('scheduler');
    this.history = new ExplainHistory(this.config.explainHistory);
    core.store.addIndex<PersistentVolume>('PersistentVolume', UNCLAIMED_PV_BY_CLASS, (pv) => (pv.spec?.claimRef ? [] : [pv.spec?.storageClassName ?? '']));
    core.store.addIndex<PersistentVolume>('PersistentVolume', PV_BY_CLAIM, (pv) => {
      const ref = pv.spec?.claimRef;
      return ref ? [`${ref.namespace ?? ''}/${ref.name ?? ''}`] : [];
    });
    const handle = this.makeHandle();
    this.cache = new SchedulerCache((pi) => attachableVolumes(pi, handle));
    Object.assign(handle, { cache: this.cache });
    this.handle = handle;
    this.framework = new Framework(handle, this.config.profile);
    const fw = this.framework;
    fw.nominator = this.nominator;
    Object.assign(handle, {
      runFilter: (state: CycleState, pod: PodInfo, node: NodeInfo) => fw.runFilterWithNominatedPods(state, pod, node),
      nominatedPods: (node: string) => this.nominator.forNode(node),
    });
    this.queue = new SchedulingQueue(core.loop, () => this.arm());
    this.watch();
  }

  private makeHandle(): Handle {
    const store = this.core.store;
    return {
      core: this.core,
      cache: undefined as unknown as SchedulerCache,
      runFilter: () => undefined,
      nominatedPods: () => [],
      schedulerName: this.config.schedulerName,
      getPVC: (ns, name) => store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name),
      getPV: (name) => store.get<PersistentVolume>('PersistentVolume', undefined, name),
      getStorageClass: (name) => store.get<StorageClass>('StorageClass', undefined, name),
      bindablePVs: (cls, claimKey) => {
        const unclaimed = store.byIndex<PersistentVolume>('PersistentVolume', UNCLAIMED_PV_BY_CLASS, cls);
        const preBound = store.byIndex<PersistentVolume>('PersistentVolume', PV_BY_CLAIM, claimKey).filter((pv) => (pv.spec?.storageClassName ?? '') === cls);
        if (preBound.length === 0) return unclaimed;
        return [...unclaimed, ...preBound].sort((a, b) => ((a.metadata.name as string) < (b.metadata.name as string) ? -1 : 1));
      },
      onClaimChange: (claimKey, cb) => {
        let set = this.claimListeners.get(claimKey);
        if (!set) {
          set = new Set();
          this.claimListeners.set(claimKey, set);
        }
        set.add(cb);
        return () => {
          set.delete(cb);
          if (set.size === 0) this.claimListeners.delete(claimKey);
        };
      },
    };
  }

  private watch(): void {
    const s = this.core.store;
    const on = <T extends KubeObject>(kind: string, h: (e: WatchEvent<T>) => void): void => {
      this.unsubscribes.push(s.watch<T>(kind, h));
    };
    on<Node>('Node', (e) => this.onNode(e));
    on<Pod>('Pod', (e) => this.onPod(e));
    on<CSINode>('CSINode', (e) => {
      this.cache.setCSINode(e.object, e.type === 'DELETED');
      this.queue.moveAll(CSI_NODE_CHANGE);
    });
    on<PersistentVolumeClaim>('PersistentVolumeClaim', (e) => {
      const listeners = this.claimListeners.get(`${e.object.metadata.namespace ?? 'default'}/${e.object.metadata.name}`);
      if (listeners) for (const cb of [...listeners]) cb(e.object);
      this.queue.moveAll(PVC_CHANGE);
    });
    on<PersistentVolume>('PersistentVolume', () => this.queue.moveAll(PV_CHANGE));
    on<StorageClass>('StorageClass', () => this.queue.moveAll(STORAGE_CLASS_CHANGE));
    for (const node of s.values<Node>('Node')) this.cache.setNode(node);
    for (const c of s.values<CSINode>('CSINode')) this.cache.setCSINode(c);
    for (const pod of s.list<Pod>('Pod')) this.onPod({ type: 'ADDED', key: objectKey(pod.metadata.namespace, pod.metadata.name as string), object: pod });
  }

  /** Stops watching and scheduling. */
  stop(): void {
    this.stopped = true;
    for (const u of this.unsubscribes) u();
  }

  private onNode(e: WatchEvent<Node>): void {
    if (e.type === 'DELETED') {
      this.cache.removeNode(e.object.metadata.name as string);
      return;
    }
    const o = e.old;
    const n = e.object;
    const relevant = !o || o.spec !== n.spec || o.metadata.labels !== n.metadata.labels || o.status?.allocatable !== n.status?.allocatable;
    this.cache.setNode(n);
    if (relevant) this.queue.moveAll(undefined);
  }

  private isResponsible(pod: Pod): boolean {
    // The API server defaults an absent schedulerName to default-scheduler.
    return (pod.spec.schedulerName ?? DEFAULT_SCHEDULER_NAME) === this.config.schedulerName;
  }

  private onPod(e: WatchEvent<Pod>): void {
    const pod = e.object;
    // The store's key (`namespace/name`; pods are namespaced): its hash is already computed.
    const key = e.key;
    if (e.type === 'DELETED') {
      this.nominator.delete(key);
      this.queue.delete(key);
      this.history.forget(key);
      if (this.cache.removePod(key)) this.queue.moveAll(ASSIGNED_POD_DELETE);
      return;
    }
    if (pod.spec.nodeName) {
      this.nominator.delete(key);
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') {
        if (this.cache.removePod(key)) this.queue.moveAll(ASSIGNED_POD_DELETE);
        return;
      }
      const wasAssigned = this.cache.nodeOf(key) !== undefined && !this.cache.isAssumed(key);
      const wasAssumed = this.cache.isAssumed(key);
      const changed = e.old?.metadata.labels !== pod.metadata.labels || e.old?.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp;
      const confirmed = wasAssumed && !changed && this.cache.confirmPod(pod, key, pod.spec.nodeName);
      if (!confirmed && (!wasAssigned || changed || wasAssumed)) this.cache.addPod(newPodInfo(pod, key), pod.spec.nodeName);
      if (!this.queue.isInFlight(key)) this.queue.delete(key);
      if (!wasAssigned) this.queue.moveAll(ASSIGNED_POD_ADD);
      return;
    }
    if (!this.isResponsible(pod) || this.cache.isAssumed(key)) return;
    const nominated = pod.status?.nominatedNodeName;
    if (nominated && !pod.metadata.deletionTimestamp) this.nominator.add(newPodInfo(pod, key), nominated);
    else this.nominator.delete(key);
    if (pod.metadata.deletionTimestamp || isGated(pod)) {
      // Deleted, or held back by the SchedulingGates PreEnqueue plugin until its gates are removed.
      this.queue.delete(key);
      return;
    }
    const o = e.old;
    if (o && o.spec === pod.spec && o.metadata.labels === pod.metadata.labels && o.metadata.annotations === pod.metadata.annotations) return;
    this.queue.add(newPodInfo(pod, key));
  }

  private arm(): void {
    if (this.armed || this.stopped) return;
    this.armed = true;
    this.core.loop.schedule(0, 'scheduler/schedule-one', () => {
      this.armed = false;
      this.scheduleOne();
      if (this.queue.sizes.active > 0) this.arm();
    });
  }

  /** One scheduling cycle (`scheduleOne`). */
  private scheduleOne(): void {
    const q = this.queue.pop();
    if (!q) return;
    // PodInfo.key is the pod's store key (`namespace/name`), its hash already computed.
    const live = this.core.store.getByKey<Pod>('Pod', q.pi.key);
    if (!live || live.spec.nodeName || live.metadata.deletionTimestamp || isGated(live)) {
      this.queue.done(q.pi.key);
      return;
    }
    if (live !== q.pi.pod) q.pi = newPodInfo(live);
    this.stats.attempts++;
    const nominated = live.status?.nominatedNodeName;
    const r = schedulePod(q.pi, {
      nominated: nominated ? this.cache.nodeInfo(nominated) : undefined,
      framework: this.framework,
      nodes: this.cache.nodeList(),
      nodeIds: this.cache.nodeIds(),
      percentageOfNodesToScore: this.config.percentageOfNodesToScore,
      rng: this.rng,
      topScores: this.config.explainTopScores,
      algo: this.algo,
    });
    this.record(q, r);
    if (!r.node) {
      this.fail(q, r.message ?? '', r.isError, r.rejectors, r.nominatedNodeName);
      return;
    }
    this.nominator.delete(q.pi.key);
    this.assumeAndBind(q, r);
  }

  private assumeAndBind(q: QueuedPodInfo, r: ScheduleResult): void {
    const node = r.node as string;
    const pi = q.pi;
    this.cache.addPod(pi, node, true);
    const reserveStatus = this.framework.runReserve(r.state, pi, node);
    if (reserveStatus) {
      this.cache.removePod(pi.key);
      this.fail(q, reserveStatus.reasons[0], true, new Set());
      return;
    }
    this.framework.runPreBind(r.state, pi, node, (st) => {
      const live = this.core.store.getByKey<Pod>('Pod', pi.key);
      let failure = st?.reasons[0] ?? (live?.metadata.deletionTimestamp ? 'pod is being deleted' : undefined);
      if (live && !failure) {
        try {
          bindPod(this.core, pi.pod, node);
        } catch (e) {
          if (!isStatusError(e)) throw e;
          failure = `running Bind plugin "${DEFAULT_BINDER}": ${e.message}`;
        }
      }
      if (!live || failure) {
        this.framework.runUnreserve(r.state, pi, node);
        if (this.cache.isAssumed(pi.key)) this.cache.removePod(pi.key);
        if (!live) {
          this.queue.done(pi.key);
          return;
        }
        const message = failure as string;
        this.history.amendLast(pi.key, { result: 'BindingFailed', message });
        this.fail(q, message, true, new Set());
        return;
      }
      this.core.recorder.event(live, 'Normal', SchedulerReasons.Scheduled, scheduledMessage(pi.namespace, live.metadata.name as string, node), this.config.schedulerName);
      this.stats.scheduled++;
      this.queue.done(pi.key);
    });
  }

  /** `handleSchedulingFailure`: FailedScheduling, PodScheduled=False, and back to the queue unless assigned meanwhile. */
  private fail(q: QueuedPodInfo, message: string, isError: boolean, rejectors: ReadonlySet<string>, nominatedNodeName?: string): void {
    this.stats.failed++;
    const attempted = q.pi.pod;
    const live = this.core.store.get<Pod>('Pod', q.pi.namespace, attempted.metadata.name as string);
    if (!live) {
      this.queue.done(q.pi.key);
      return;
    }
    const same = live.metadata.uid === attempted.metadata.uid;
    this.core.recorder.event(same ? live : attempted, 'Warning', SchedulerReasons.FailedScheduling, message, this.config.schedulerName);
    if (live.spec.nodeName) {
      // Assigned meanwhile (e.g. recreated and bound): not added back to the queue.
      this.queue.done(q.pi.key);
      return;
    }
    setUnschedulableCondition(this.core, live, isError ? 'SchedulerError' : 'Unschedulable', message, nominatedNodeName);
    // The nomination counts at once, before its watch event comes back (`AddNominatedPod`).
    if (nominatedNodeName) this.nominator.add(q.pi, nominatedNodeName);
    else if (nominatedNodeName === '') this.nominator.delete(q.pi.key);
    if (!same) q.pi = newPodInfo(live);
    this.queue.addUnschedulable(q, rejectors, isError);
  }

  private record(q: QueuedPodInfo, r: ScheduleResult): void {
    if (this.config.explainHistory <= 0) return;
    this.history.record(q.pi.key, {
      attempt: q.attempts,
      atMs: this.core.clock.now(),
      result: r.node ? 'Scheduled' : r.isError ? 'Error' : 'Unschedulable',
      node: r.node,
      message: r.node ? undefined : r.message,
      numAllNodes: r.numAllNodes,
      evaluatedNodes: r.evaluatedNodes,
      feasibleNodes: r.feasibleNodes,
      preFilter: r.preFilter ? { plugin: r.preFilter.plugin ?? '', code: r.preFilter.code, reasons: r.preFilter.reasons } : undefined,
      filtered: r.filtered,
      scorePlugins: r.scorePlugins,
      scoreRows: r.scores,
    });
  }

  /**
   * Why a pod is (or is not) where it is: its last attempts with per-node Filter verdicts and the
   * Score table, and the queue it waits in.
   */
  explain(pod: Pod | KubeObject | string): Explanation {
    const key = typeof pod === 'string' ? (pod.includes('/') ? pod : `default/${pod}`) : `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
    const where = this.queue.whereIs(key);
    return { pod: key, ...(where ? { queue: where } : {}), attempts: this.history.get(key, (ms) => this.core.clock.rfc3339(ms)) };
  }
}

/**
 * Installs the default scheduler into a cluster.
 * @remarks Watches pods, nodes, CSINodes, PVCs, PVs and StorageClasses; schedules on the event loop.
 * @see kubernetes cmd/kube-scheduler/app/server.go
 */
export function installScheduler(core: CoreCluster, config?: SchedulerConfig): Scheduler {
  return new Scheduler(core, config);
}
