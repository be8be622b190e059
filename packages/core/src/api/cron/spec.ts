/**
 * Cron schedules and their activation times, as robfig/cron v3 computes them: a `SpecSchedule` of
 * bit sets per field, evaluated in its location's wall clock (UTC unless the spec had `TZ=`), and
 * the `@every` `ConstantDelaySchedule`.
 * @see github.com/robfig/cron/v3 spec.go (SpecSchedule.Next, dayMatches), constantdelay.go
 */
import { type CivilTime, civilIn, dateIn } from './civil-time.js';
import { type Location, UTC } from './time-zone.js';

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

/** `t` rounded down to a multiple of `unit` (Go `Truncate`: on the instant, not the wall clock). */
const truncate = (t: number, unit: number) => t - (((t % unit) + unit) % unit);

/** `SpecSchedule`: second, minute, hour, day of month, month and day of week, in `location`. */
export class SpecSchedule implements Schedule {
  constructor(
    readonly second: FieldBits,
    readonly minute: FieldBits,
    readonly hour: FieldBits,
    readonly dom: FieldBits,
    readonly month: FieldBits,
    readonly dow: FieldBits,
    readonly location: Location = UTC,
  ) {}

  /** `dayMatches`: both day fields must match when either is a star, else one of them. */
  private dayMatches(w: CivilTime): boolean {
    const domMatch = has(this.dom, w.day);
    const dowMatch = has(this.dow, w.weekday);
    if (this.dom.star || this.dow.star) return domMatch && dowMatch;
    return domMatch || dowMatch;
  }

  /**
   * `Next`: field by field from the month down in the location's wall clock, wrapping back up;
   * none within five years → undefined.
   * @remarks As upstream: month and day steps are `AddDate`, and the month, day and hour
   * restarts are `time.Date` in the location (`dateIn`, which decides where a wall time skipped by
   * DST lands); hour, minute and second steps add to the instant, and the minute restart truncates
   * the instant. A day step that lands on 01:00 or 23:00 (a DST change at midnight) is moved an
   * hour back or forward. So the hour walk of a spring-forward day never sees the skipped wall
   * times and a schedule inside the gap does not fire that day, while one inside a repeated
   * fall-back hour fires in both occurrences.
   */
  next(from: number): number | undefined {
    const loc = this.location;
    // Start at the upcoming second.
    let t = truncate(from, SECOND) + SECOND;
    let w = civilIn(loc, t);
    let added = false;
    const yearLimit = w.year + 5;
    wrap: for (;;) {
      if (w.year > yearLimit) return undefined;
      while (!has(this.month, w.month)) {
        if (!added) {
          added = true;
          t = dateIn(loc, w.year, w.month, 1);
          w = civilIn(loc, t);
        }
        t = dateIn(loc, w.year, w.month + 1, w.day, w.hour, w.minute, w.second);
        w = civilIn(loc, t);
        if (w.month === 1) continue wrap;
      }
      while (!this.dayMatches(w)) {
        if (!added) {
          added = true;
          t = dateIn(loc, w.year, w.month, w.day);
          w = civilIn(loc, t);
        }
        t = dateIn(loc, w.year, w.month, w.day + 1, w.hour, w.minute, w.second);
        w = civilIn(loc, t);
        // Notice if the hour is no longer midnight due to DST: add an hour if it's 23, subtract one if it's 1.
        if (w.hour !== 0) {
          t += (w.hour > 12 ? 24 - w.hour : -w.hour) * HOUR;
          w = civilIn(loc, t);
        }
        if (w.day === 1) continue wrap;
      }
      while (!has(this.hour, w.hour)) {
        if (!added) {
          added = true;
          t = dateIn(loc, w.year, w.month, w.day, w.hour);
          w = civilIn(loc, t);
        }
        t += HOUR;
        w = civilIn(loc, t);
        if (w.hour === 0) continue wrap;
      }
      while (!has(this.minute, w.minute)) {
        if (!added) {
          added = true;
          t = truncate(t, MINUTE);
          w = civilIn(loc, t);
        }
        t += MINUTE;
        w = civilIn(loc, t);
        if (w.minute === 0) continue wrap;
      }
      while (!has(this.second, w.second)) {
        added = true;
        t += SECOND;
        w = civilIn(loc, t);
        if (w.second === 0) continue wrap;
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
    return truncate(from, SECOND) + this.delayMs;
  }
}
