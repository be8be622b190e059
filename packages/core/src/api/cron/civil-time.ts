/**
 * Calendar arithmetic on epoch milliseconds, without `Date`: the fields of an instant, the instant
 * of normalised fields (Go's `time.Date`), in UTC and in a `Location`'s wall clock, and the Go
 * layouts the CronJob controller prints (RFC 3339, RFC 1123Z).
 * @see Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms" (days_from_civil, civil_from_days)
 * @see go src/time/time.go (Date, Time.In), src/time/format.go (RFC3339, stdISO8601ColonTZ)
 */
import type { Location } from './time-zone.js';

const MS_PER_DAY = 86_400_000;

/** The calendar and clock fields of an instant. `month` is 1–12, `weekday` 0 (Sunday)–6. */
export interface CivilTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly weekday: number;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (`month` 1–12). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The UTC fields of `epochMs` (sub-second part ignored). */
export function civil(epochMs: number): CivilTime {
  const days = Math.floor(epochMs / MS_PER_DAY);
  const msOfDay = epochMs - days * MS_PER_DAY;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const secOfDay = Math.floor(msOfDay / 1000);
  return {
    year,
    month,
    day,
    hour: Math.floor(secOfDay / 3600),
    minute: Math.floor((secOfDay % 3600) / 60),
    second: secOfDay % 60,
    weekday: (((days + 4) % 7) + 7) % 7,
  };
}

/** Go's `time.Date(...)` in UTC: out-of-range fields normalise (month 13 is January next year). */
export function fromCivil(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const m0 = month - 1;
  const y = year + Math.floor(m0 / 12);
  const m = (((m0 % 12) + 12) % 12) + 1;
  return (daysFromCivil(y, m, 1) + day - 1) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
}

/** The wall-clock fields of `epochMs` in `loc` (Go `t.In(loc)`: Date, Clock, Weekday). */
export function civilIn(loc: Location, epochMs: number): CivilTime {
  return loc.isUTC ? civil(epochMs) : civil(epochMs + loc.offsetSeconds(epochMs) * 1000);
}

/**
 * Go's `time.Date(...)` in `loc`: fields normalise as in `fromCivil`; the wall time is then
 * placed as Go places it, which decides the wall times a DST change skips or repeats.
 * @remarks Go looks up the offset `o1` in force at the wall time read as UTC; when `o1` is not
 * zero it takes the offset in force at `wall - o1` (which equals `o1` when that instant lies in
 * `o1`'s period, Go's `start <= utc < end` test). West of Greenwich a wall time in a
 * spring-forward gap lands one gap earlier (`02:30` on a New York spring-forward day is `01:30`
 * EST) and a repeated fall-back time is its first (daylight) occurrence; east of it the gap time
 * lands one gap later (Berlin `02:30` is `03:30` CEST) and the repeated time is the second one.
 */
export function dateIn(loc: Location, year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const wall = fromCivil(year, month, day, hour, minute, second);
  if (loc.isUTC) return wall;
  const guess = loc.offsetSeconds(wall) * 1000;
  if (guess === 0) return wall;
  return wall - loc.offsetSeconds(wall - guess) * 1000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go `time.RFC3339` of a UTC instant: `2026-01-01T00:05:00Z`. */
export function formatRFC3339(epochMs: number): string {
  const t = civil(epochMs);
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}Z`;
}

/**
 * Go `time.RFC3339` of an instant in `loc`: `2026-07-01T09:00:00-04:00`, `Z` when the offset is zero.
 * @remarks The offset is printed in whole minutes, truncated toward zero (format.go `zone := offset / 60`).
 */
export function formatRFC3339In(loc: Location, epochMs: number): string {
  if (loc.isUTC) return formatRFC3339(epochMs);
  const offsetSeconds = loc.offsetSeconds(epochMs);
  const t = civil(epochMs + offsetSeconds * 1000);
  const stamp = `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
  if (offsetSeconds === 0) return `${stamp}Z`;
  const zoneMinutes = Math.trunc(offsetSeconds / 60);
  const abs = Math.abs(zoneMinutes);
  return `${stamp}${zoneMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Go `time.RFC1123Z` of a UTC instant: `Thu, 01 Jan 2026 00:05:00 +0000`. */
export function formatRFC1123Z(epochMs: number): string {
  const t = civil(epochMs);
  return `${WEEKDAYS[t.weekday]}, ${pad(t.day)} ${MONTHS[t.month - 1]} ${pad(t.year, 4)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)} +0000`;
}
