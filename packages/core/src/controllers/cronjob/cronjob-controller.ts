/**
 * Design: the CronJob controller (v2) keeps one work-queue key per CronJob. A sync creates at
 * most one Job (for the most recent unmet schedule time) and returns the delay to just after the
 * next schedule time (`nextScheduleDelta`, 100 ms), so the key sleeps on the virtual clock until
 * then; nothing polls. A CronJob added or changed is synced at once, except a change of schedule
 * or time zone, which only moves the wake-up; a Job it controls that is added, changed or deleted
 * syncs it at once (history cleanup, `status.active`, `lastSuccessfulTime`). Writes are
 * synchronous, so the Job list and the status never disagree for long.
 * @see kubernetes pkg/controller/cronjob/cronjob_controllerv2.go (NewControllerV2, addJob,
 *   updateJob, deleteJob, updateCronJob, resolveControllerRef)
 */
import { CronParseError, parseStandard } from '../../api/cron/parser.js';
import { getControllerOf, type KubeObject } from '../../api/object.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import type { WatchEvent } from '../../store/store.js';
import { WorkloadComponents } from '../events.js';
import type { JobObject } from '../job/job-utils.js';
import { Controller } from '../runtime/controller.js';
import { syncCronJobKey } from './cronjob-sync.js';
import { type CronJobObject, formatSchedule, lastScheduleOrCreation, nextScheduleTimeDuration } from './cronjob-utils.js';

/** The CronJob controller. */
export class CronJobController {
  readonly controller: Controller;

  constructor(readonly core: CoreCluster) {
    this.controller = new Controller(core.loop, {
      name: WorkloadComponents.cronJob,
      sync: (key) => {
        const [ns, name] = key.split('/');
        return syncCronJobKey(core, ns, name);
      },
    });
    core.store.watch<CronJobObject>('CronJob', (e) => this.onCronJob(e));
    core.store.watch<JobObject>('Job', (e) => this.onJob(e));
  }

  private key(obj: KubeObject): string {
    return `${obj.metadata.namespace}/${obj.metadata.name}`;
  }

  /** `addCronJob` / `updateCronJob` (deletes need nothing: the sync finds no CronJob). */
  private onCronJob(e: WatchEvent<CronJobObject>): void {
    if (e.type === 'DELETED') return;
    const cj = e.object;
    const old = e.old;
    if (e.type === 'MODIFIED' && old && (old.spec?.schedule !== cj.spec?.schedule || old.spec?.timeZone !== cj.spec?.timeZone)) {
      // The schedule changed: only the wake-up moves (an earlier one wins in the queue).
      try {
        const sched = parseStandard(formatSchedule(cj));
        const clock = this.core.loop.clock;
        const now = clock.startEpochMs + clock.now();
        const delay = nextScheduleTimeDuration(lastScheduleOrCreation(cj, (ts) => clock.startEpochMs + clock.parse(ts)), now, sched);
        if (delay !== undefined) this.controller.enqueueAfter(this.key(cj), Math.max(0, delay));
      } catch (err) {
        if (!(err instanceof CronParseError)) throw err;
      }
      return;
    }
    this.controller.enqueue(this.key(cj));
  }

  /** `addJob` / `updateJob` / `deleteJob`: the CronJob named by the controller reference, if it is that one. */
  private onJob(e: WatchEvent<JobObject>): void {
    const refs = [getControllerOf(e.object), e.old ? getControllerOf(e.old) : undefined];
    for (const ref of refs) {
      if (ref?.kind !== 'CronJob') continue;
      const cj = this.core.store.get<CronJobObject>('CronJob', e.object.metadata.namespace, ref.name);
      if (cj && cj.metadata.uid === ref.uid) this.controller.enqueue(this.key(cj));
    }
  }
}
