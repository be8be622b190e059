/**
 * Durations as kubectl prints them (AGE columns, event ages).
 * @see apimachinery pkg/util/duration/duration.go HumanDuration
 */
import { civil, formatRFC3339, fromCivil } from '@kubesim/core';

/** `duration.HumanDuration`: `39s`, `17m`, `3h5m`, `2d`, `4d23h`, `2y10d`. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** `translateTimestampSince`: `<unknown>` for a missing timestamp, else the age. */
export function timestampSince(timestamp: string | undefined, nowMs: number, parse: (ts: string) => number): string {
  if (!timestamp) return '<unknown>';
  return humanDuration(nowMs - parse(timestamp));
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** Go `time.RFC1123Z` of an RFC 3339 UTC timestamp: `Mon, 02 Jan 2006 15:04:05 +0000`. */
export function rfc1123z(timestamp: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(timestamp);
  if (!m) return timestamp;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return `${DAYS[civil(fromCivil(y, mo, d)).weekday]}, ${pad2(d)} ${MONTHS[mo - 1]} ${y} ${m[4]}:${m[5]}:${m[6]} +0000`;
}

/** The zero `metav1.Time` in `time.RFC3339`: what a missing timestamp formats to. */
const ZERO_TIME_RFC3339 = '0001-01-01T00:00:00Z';

/**
 * Go `t.UTC().Format(time.RFC3339)` of a `metav1.Time` (RFC 3339 as the API serves it): whole
 * seconds (a fraction is dropped), an offset converted to UTC and written `Z`. A missing timestamp
 * is the zero time; text that does not parse (which the API server never stores) is kept.
 * @see apiserver pkg/registry/rest/table.go (defaultTableConvertor's CREATED AT cell)
 */
export function rfc3339Utc(timestamp: string | undefined): string {
  if (!timestamp) return ZERO_TIME_RFC3339;
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/.exec(timestamp);
  if (!m) return timestamp;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const offset = m[7] ? (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9])) : 0;
  // core's calendar: like Go's time.Date, it normalises the minutes the offset moves.
  return formatRFC3339(fromCivil(y, mo, d, h, mi - offset, s));
}

/** Go's `time.Duration.String()` of a whole number of ms: `5s`, `1m30s`, `2m0s`, `1h0m0s`, `1.5s`, `300ms`. */
export function goDurationString(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.trunc(ms / 3_600_000);
  const m = Math.trunc((ms % 3_600_000) / 60_000);
  const s = `${(ms % 60_000) / 1000}s`;
  if (h > 0) return `${h}h${m}m${s}`;
  return m > 0 ? `${m}m${s}` : s;
}
