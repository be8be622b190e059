/**
 * `kubectl get jobs` and `kubectl get cronjobs` columns as the 1.33 API server's table convertor
 * prints them.
 * @see kubernetes pkg/printers/internalversion/printers.go (printJob, hasJobCondition, printCronJob)
 */
import type { KubeObject } from '@kubesim/core';
import { humanDuration } from '../duration.js';
import { formatLabelSelector } from '../selectors.js';
import type { RowContext, TableDef } from './columns.js';

/** The Job fields the printer reads. */
interface JobRow extends KubeObject {
  readonly spec?: {
    readonly completions?: number;
    readonly parallelism?: number;
    readonly selector?: Parameters<typeof formatLabelSelector>[0];
    readonly template?: { readonly spec?: { readonly containers?: readonly { readonly name: string; readonly image?: string }[] } };
  };
  readonly status?: {
    readonly succeeded?: number;
    readonly startTime?: string;
    readonly completionTime?: string;
    readonly conditions?: readonly { readonly type: string; readonly status: string }[];
  };
}

/** `hasJobCondition`: the condition is True. */
const hasCondition = (j: JobRow, type: string) => (j.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');

/** STATUS: Complete, Failed, Terminating, Suspended, FailureTarget, else Running. */
export function jobStatus(j: JobRow): string {
  if (hasCondition(j, 'Complete')) return 'Complete';
  if (hasCondition(j, 'Failed')) return 'Failed';
  if (j.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(j, 'Suspended')) return 'Suspended';
  if (hasCondition(j, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** COMPLETIONS: `succeeded/completions`, or `n/1` (`n/1 of P` above parallelism 1) without completions. */
export function jobCompletions(j: JobRow): string {
  const succeeded = j.status?.succeeded ?? 0;
  if (j.spec?.completions !== undefined) return `${succeeded}/${j.spec.completions}`;
  const parallelism = j.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** DURATION: empty before start, running time until completion, then completion − start. */
export function jobDuration(j: JobRow, c: RowContext): string {
  const start = j.status?.startTime;
  if (!start) return '';
  const end = j.status?.completionTime;
  return humanDuration((end ? c.parse(end) : c.nowMs) - c.parse(start));
}

/** `printJob`. */
export const jobTable: TableDef = {
  headers: ['STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
  wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row: (o, c) => {
    const j = o as JobRow;
    const age = o.metadata.creationTimestamp ? humanDuration(c.nowMs - c.parse(o.metadata.creationTimestamp)) : '<unknown>';
    return [jobStatus(j), jobCompletions(j), jobDuration(j, c), age];
  },
  wide: (o) => {
    const containers = (o as JobRow).spec?.template?.spec?.containers ?? [];
    return [containers.map((x) => x.name).join(','), containers.map((x) => x.image ?? '').join(','), formatLabelSelector((o as JobRow).spec?.selector)];
  },
};

/** The CronJob fields the printer reads. */
interface CronJobRow extends KubeObject {
  readonly spec?: {
    readonly schedule?: string;
    readonly timeZone?: string;
    readonly suspend?: boolean;
    readonly jobTemplate?: { readonly spec?: JobRow['spec'] };
  };
  readonly status?: { readonly active?: readonly unknown[]; readonly lastScheduleTime?: string };
}

/** `printCronJob`: SCHEDULE, TIMEZONE (`<none>`), SUSPEND (`printBoolPtr`), ACTIVE, LAST SCHEDULE (`<none>`), AGE. */
export const cronJobTable: TableDef = {
  headers: ['SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
  wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row: (o, c) => {
    const cj = o as CronJobRow;
    const since = (ts: string | undefined) => (ts ? humanDuration(c.nowMs - c.parse(ts)) : '<unknown>');
    const last = cj.status?.lastScheduleTime;
    const suspend = cj.spec?.suspend === undefined ? '<unset>' : String(cj.spec.suspend);
    return [cj.spec?.schedule ?? '', cj.spec?.timeZone ?? '<none>', suspend, String(cj.status?.active?.length ?? 0), last ? since(last) : '<none>', since(o.metadata.creationTimestamp)];
  },
  wide: (o) => {
    const spec = (o as CronJobRow).spec?.jobTemplate?.spec;
    const containers = spec?.template?.spec?.containers ?? [];
    return [containers.map((x) => x.name).join(','), containers.map((x) => x.image ?? '').join(','), formatLabelSelector(spec?.selector)];
  },
};
