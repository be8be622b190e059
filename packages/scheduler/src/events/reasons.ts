/**
 * Event reasons the scheduler records, and its component name.
 * @see kubernetes pkg/scheduler/schedule_one.go
 */

/** Event reasons (`Scheduled` Normal, `FailedScheduling` Warning). */
export const SchedulerReasons = {
  Scheduled: 'Scheduled',
  FailedScheduling: 'FailedScheduling',
} as const;

/** The event source component (the profile's scheduler name). */
export const SCHEDULER_COMPONENT = 'default-scheduler';

/** `Successfully assigned %v/%v to %v`. */
export function scheduledMessage(namespace: string, name: string, node: string): string {
  return `Successfully assigned ${namespace}/${name} to ${node}`;
}
