/**
 * Event reasons the scheduler records, and its component name.
 * @see kubernetes pkg/scheduler/schedule_one.go
 */

/** Event reasons (`Scheduled` Normal, `FailedScheduling` Warning). */
export const SchedulerReasons = {
  Scheduled: 'Scheduled',
  FailedScheduling: 'FailedScheduling',
  /** On a victim of preemption (Normal). */
  Preempted: 'Preempted',
} as const;

/** The event source component (the profile's scheduler name). */
export const SCHEDULER_COMPONENT = 'default-scheduler';

/** `Successfully assigned %v/%v to %v`. */
export function scheduledMessage(namespace: string, name: string, node: string): string {
  return `Successfully assigned ${namespace}/${name} to ${node}`;
}

/** `Preempted by pod %v on node %v` (the preemptor's UID). */
export function preemptedMessage(preemptorUid: string, node: string): string {
  return `Preempted by pod ${preemptorUid} on node ${node}`;
}

/** The condition type and reason preemption puts on a victim (`DisruptionTarget`, `PreemptionByScheduler`). */
export const DISRUPTION_TARGET = 'DisruptionTarget';
export const PREEMPTION_BY_SCHEDULER = 'PreemptionByScheduler';

/** The DisruptionTarget message: `<scheduler name>: preempting to accommodate a higher priority pod`. */
export function preemptingMessage(schedulerName: string): string {
  return `${schedulerName}: preempting to accommodate a higher priority pod`;
}
