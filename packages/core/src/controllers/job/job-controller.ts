/**
 * Design: the Job controller runs each Job's pods to `completions` successes, `parallelism` at a
 * time. Pods are found through the pods-by-controller-uid index (orphans through the
 * orphans-by-namespace index); a Job event syncs it at once, a pod event or a status update 1 s
 * later (`syncJobBatchPeriod`), so a burst of pod changes folds into one sync. Every pod carries
 * the `batch.kubernetes.io/job-tracking` finalizer until its end is counted in the status
 * (uncounted → finalizer removed → counted). A failed Job first gets FailureTarget and deletes
 * its active pods, then Failed once none is terminating; a successful one SuccessCriteriaMet,
 * then Complete. Failed pods (phase Failed once a pod failure policy is set: terminating pods are
 * neither matched nor replaced) go through the policy's rules (pod-failure-policy.ts); Indexed Jobs
 * may fail per index (backoffLimitPerIndex) or succeed early (success-policy.ts). Writes land in
 * the store synchronously, so no expectations cache is needed.
 * Finalizers of pods whose Job is gone or finished are removed at once (the orphan queue).
 * @see kubernetes pkg/controller/job/job_controller.go (NewController, addPod, updatePod,
 *   deletePod, updateJob, deleteJob, syncOrphanPod)
 */
import { getControllerOf, type KubeObject } from '../../api/object.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import type { WatchEvent } from '../../store/store.js';
import { WorkloadComponents } from '../events.js';
import type { PodObject } from '../replicaset/controller-utils.js';
import { addControllerIndexes, addNamespaceIndex, ownedBy, ownersSelecting } from '../replicaset/controller-ref-manager.js';
import { PodControl } from '../replicaset/pod-control.js';
import { Controller } from '../runtime/controller.js';
import { syncCostMs } from '../runtime/defaults.js';
import { BackoffStore } from './backoff-utils.js';
import { SYNC_JOB_BATCH_PERIOD_MS } from './defaults.js';
import { syncJob } from './job-sync.js';
import { hasJobTrackingFinalizer, isJobFinished, type JobObject } from './job-utils.js';
import { removeTrackingFinalizer } from './track-job-status.js';

/** The Job controller. */
export class JobController {
  readonly controller: Controller;
  readonly podControl: PodControl;
  /** Pod-failure back-off records by Job key. */
  readonly backoff = new BackoffStore();

  constructor(readonly core: CoreCluster) {
    addControllerIndexes(core.store, 'Pod');
    addNamespaceIndex(core.store, 'Job');
    this.podControl = new PodControl(core, WorkloadComponents.job);
    const deps = { core, podControl: this.podControl, backoff: this.backoff };
    this.controller = new Controller(core.loop, {
      name: WorkloadComponents.job,
      syncCostMs: (key) => {
        const [ns, name] = key.split('/');
        const job = core.store.get<JobObject>('Job', ns, name);
        return syncCostMs(job?.spec?.parallelism ?? 1);
      },
      sync: (key) => {
        const [ns, name] = key.split('/');
        return syncJob(deps, ns, name);
      },
    });
    core.store.watch<JobObject>('Job', (e) => this.onJob(e));
    core.store.watch<PodObject>('Pod', (e) => this.onPod(e));
  }

  private key(obj: KubeObject): string {
    return `${obj.metadata.namespace}/${obj.metadata.name}`;
  }

  /** `addJob` / `updateJob` / `deleteJob`. */
  private onJob(e: WatchEvent<JobObject>): void {
    const job = e.object;
    if (e.type === 'MODIFIED' && e.old?.metadata.generation === job.metadata.generation) {
      // A status update (or metadata change): batched.
      this.controller.enqueueAfter(this.key(job), SYNC_JOB_BATCH_PERIOD_MS);
    } else this.controller.enqueue(this.key(job));
    // The Job is gone or finished: nothing will count its pods any more (`cleanupPodFinalizers`).
    if (e.type === 'DELETED' || isJobFinished(job)) this.cleanupPodFinalizers(job);
  }

  private cleanupPodFinalizers(job: JobObject): void {
    for (const pod of ownedBy<PodObject>(this.core.store, 'Pod', job)) if (hasJobTrackingFinalizer(pod)) removeTrackingFinalizer(this, pod);
  }

  /** `addPod` / `updatePod` / `deletePod`: the controlling Job, or the Jobs that may adopt an orphan. */
  private onPod(e: WatchEvent<PodObject>): void {
    const pod = e.object;
    const ref = getControllerOf(pod);
    const oldRef = e.old ? getControllerOf(e.old) : undefined;
    if (oldRef && oldRef.uid !== ref?.uid && oldRef.kind === 'Job') this.enqueueRef(pod, oldRef.name, oldRef.uid);
    if (ref) {
      if (ref.kind !== 'Job') return;
      const job = this.core.store.get<JobObject>('Job', pod.metadata.namespace, ref.name);
      if (!job || job.metadata.uid !== ref.uid || isJobFinished(job)) {
        // `syncOrphanPod`: no live, unfinished Job will count it.
        if (e.type !== 'DELETED' && hasJobTrackingFinalizer(pod) && ref.apiVersion === 'batch/v1') removeTrackingFinalizer(this, pod);
        return;
      }
      this.controller.enqueueAfter(this.key(job), SYNC_JOB_BATCH_PERIOD_MS);
      return;
    }
    if (e.type === 'DELETED') return;
    if (hasJobTrackingFinalizer(pod)) removeTrackingFinalizer(this, pod);
    const selectorOf = (o: KubeObject) => (o as JobObject).spec?.selector;
    for (const job of ownersSelecting(this.core.store, 'Job', pod, selectorOf)) this.controller.enqueueAfter(this.key(job), SYNC_JOB_BATCH_PERIOD_MS);
  }

  private enqueueRef(pod: KubeObject, name: string, uid: string): void {
    const job = this.core.store.get('Job', pod.metadata.namespace, name);
    if (job?.metadata.uid === uid) this.controller.enqueueAfter(this.key(job), SYNC_JOB_BATCH_PERIOD_MS);
  }
}
