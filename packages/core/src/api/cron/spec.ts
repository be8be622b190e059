/**
 * Cron schedules and their activation times, as robfig/cron v3 computes them (in UTC): a
 * `SpecSchedule` of bit sets per field, and the `@every` `ConstantDelaySchedule`.
 * @see github.com/robfig/cron/v3 spec.go (SpecSchedule.Next, dayMatches), constantdelay.go
 */
import { civil, fromCivil } from './civil-time.js';

/** A schedule: the next activation strictly after `epochMs`, or undefined (Go's zero time). */
export interface Schedule {
  next(epochMs: number): number | undefined;
}

/** `bounds`: a field's range and its names. */
export interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

/** spec.go bounds of each field. */
export const BOUNDS = {
  seconds: { min: 0, max: 59 },
  minutes: { min: 0, max: 59 },
  hours: { min: 0, max: 23 },
  dom: { min: 1, max: 31 },
  months: { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } },
  dow: { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } },
} as const satisfies Record<string, Bounds>;

/** A field's values: bit `i` set when `i` matches; `star` when the expression used `*` or `?`. */
export interface FieldBits {
  readonly bits: bigint;
  readonly star: boolean;
}

const has = (f: FieldBits, value: number) => (f.bits & (1n << BigInt(value))) !== 0n;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** `SpecSchedule`: second, minute, hour, day of month, month and day of week. */
export class SpecSchedule implements Schedule {
  constructor(
    readonly second: FieldBits,
    readonly minute: FieldBits,
    readonly hour: FieldBits,
    readonly dom: FieldBits,
    readonly month: FieldBits,
    readonly dow: FieldBits,
  ) {}

  /** `dayMatches`: both day fields must match when either is a star, else one of them. */
  private dayMatches(t: number): boolean {
    const c = civil(t);
    const domMatch = has(this.dom, c.day);
    const dowMatch = has(this.dow, c.weekday);
    if (this.dom.star || this.dow.star) return domMatch && dowMatch;
    return domMatch || dowMatch;
  }

  /** `Next`: field by field from the month down, wrapping back up; none within five years → undefined. */
  next(from: number): number | undefined {
    // Start at the upcoming second.
    let t = from - (((from % SECOND) + SECOND) % SECOND) + SECOND;
    let added = false;
    const yearLimit = civil(t).year + 5;
    wrap: for (;;) {
      if (civil(t).year > yearLimit) return undefined;
      while (!has(this.month, civil(t).month)) {
        const c = civil(t);
        if (!added) {
          added = true;
          t = fromCivil(c.year, c.month, 1);
        }
        const d = civil(t);
        t = fromCivil(d.year, d.month + 1, d.day, d.hour, d.minute, d.second);
        if (civil(t).month === 1) continue wrap;
      }
      while (!this.dayMatches(t)) {
        if (!added) {
          added = true;
          const c = civil(t);
          t = fromCivil(c.year, c.month, c.day);
        }
        t += 24 * HOUR;
        if (civil(t).day === 1) continue wrap;
      }
      while (!has(this.hour, civil(t).hour)) {
        if (!added) {
          added = true;
          t -= t % HOUR;
        }
        t += HOUR;
        if (civil(t).hour === 0) continue wrap;
      }
      while (!has(this.minute, civil(t).minute)) {
        if (!added) {
          added = true;
          t -= t % MINUTE;
        }
        t += MINUTE;
        if (civil(t).minute === 0) continue wrap;
      }
      while (!has(this.second, civil(t).second)) {
        added = true;
        t += SECOND;
        if (civil(t).second === 0) continue wrap;
      }
      return t;
    }
  }
}

/** `ConstantDelaySchedule` (`@every`): the delay is whole seconds, at least one. */
export class ConstantDelaySchedule implements Schedule {
  readonly delayMs: number;

  constructor(delayMs: number) {
    this.delayMs = delayMs < SECOND ? SECOND : delayMs - (delayMs % SECOND);
  }

  /** `t + delay`, dropping `t`'s sub-second part. */
  next(from: number): number {
    return from - (((from % SECOND) + SECOND) % SECOND) + this.delayMs;
  }
}
