/**
 * Fault schedules: faults at virtual minutes (stop/start/terminate an instance, zone outage and
 * recovery, out-of-service taint), rendered as a command list with `advance` between them.
 * Shrinks toward fewer faults, earlier minutes and the first node/zone.
 */
import fc from 'fast-check';
import type { CommandDescriptor } from '../runner/commands.js';
import type { OperationName } from './space.js';

/** Fault operations a schedule may contain. */
export const FAULT_OPERATIONS: readonly OperationName[] = ['stop-instance', 'start-instance', 'terminate-instance', 'zone-outage', 'zone-recover', 'taint-out-of-service'];

/** One scheduled fault. */
export interface ScheduledFault {
  readonly atMinute: number;
  readonly op: OperationName;
  readonly target: number;
}

/** Options of the schedule arbitrary. */
export interface FaultScheduleOptions {
  readonly faults?: readonly OperationName[];
  readonly maxFaults?: number;
  /** Latest minute a fault may happen at (default 30). */
  readonly horizonMinutes?: number;
}

/** Fault schedules, sorted by minute. */
export function faultScheduleArb(options: FaultScheduleOptions = {}): fc.Arbitrary<ScheduledFault[]> {
  const fault = fc.record({
    atMinute: fc.nat({ max: options.horizonMinutes ?? 30 }),
    op: fc.constantFrom(...(options.faults ?? FAULT_OPERATIONS)),
    target: fc.nat({ max: 3 }),
  });
  return fc.array(fault, { maxLength: options.maxFaults ?? 4 }).map((fs) => [...fs].sort((a, b) => a.atMinute - b.atMinute || a.target - b.target));
}

/** A schedule as runner commands: `advance` to each fault's minute, then the fault. */
export function scheduleCommands(schedule: readonly ScheduledFault[]): CommandDescriptor[] {
  const out: CommandDescriptor[] = [];
  let now = 0;
  for (const f of schedule) {
    if (f.atMinute > now) out.push({ op: 'advance', target: 0, arg: f.atMinute - now });
    now = Math.max(now, f.atMinute);
    out.push({ op: f.op, target: f.target, arg: 0 });
  }
  return out;
}
