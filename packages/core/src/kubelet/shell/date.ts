/**
 * busybox `date` over the virtual clock, in UTC (a container's zone unless its image sets one):
 * `date`, `date -u`, `date +FORMAT`, `-R`, `-I[date|hours|minutes|seconds]`, `-d @SECONDS`.
 * @see busybox coreutils/date.c; strftime(3) conversions
 */

import { type CivilTime, civil } from '../../api/cron/civil-time.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** `date` with no format (busybox's and GNU's in the C locale). */
const DEFAULT_FORMAT = '%a %b %e %H:%M:%S %Z %Y';
const RFC2822_FORMAT = '%a, %d %b %Y %H:%M:%S %z';
const ISO_FORMATS: Readonly<Record<string, string>> = {
  date: '%Y-%m-%d',
  hours: '%Y-%m-%dT%H%z',
  minutes: '%Y-%m-%dT%H:%M%z',
  seconds: '%Y-%m-%dT%H:%M:%S%z',
};

/** Days before each month in a common year. */
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** The UTC calendar fields of an epoch instant, with its milliseconds and day of the year (1–366). */
export function utcFields(epochMs: number): CivilTime & { readonly ms: number; readonly yearDay: number } {
  const f = civil(epochMs);
  const leap = (f.year % 4 === 0 && f.year % 100 !== 0) || f.year % 400 === 0;
  return { ...f, ms: ((epochMs % 1000) + 1000) % 1000, yearDay: DAYS_BEFORE_MONTH[f.month - 1] + (leap && f.month > 2 ? 1 : 0) + f.day };
}

const pad = (n: number, width = 2, fill = '0') => String(n).padStart(width, fill);

/** strftime(3) in UTC for the conversions scripts use. */
export function strftime(format: string, epochMs: number): string {
  const f = utcFields(epochMs);
  let out = '';
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%' || i + 1 === format.length) {
      out += format[i];
      continue;
    }
    let c = format[++i];
    if (c === ':' && format[i + 1] === 'z') {
      c = ':z';
      i++;
    }
    out += conversion(c, f, epochMs) ?? `%${c}`;
  }
  return out;
}

function conversion(c: string, f: ReturnType<typeof utcFields>, epochMs: number): string | undefined {
  switch (c) {
    case 'a':
      return DAYS[f.weekday].slice(0, 3);
    case 'A':
      return DAYS[f.weekday];
    case 'b':
    case 'h':
      return MONTHS[f.month - 1].slice(0, 3);
    case 'B':
      return MONTHS[f.month - 1];
    case 'c':
      return strftime('%a %b %e %H:%M:%S %Y', epochMs);
    case 'C':
      return pad(Math.floor(f.year / 100));
    case 'd':
      return pad(f.day);
    case 'D':
      return strftime('%m/%d/%y', epochMs);
    case 'e':
      return pad(f.day, 2, ' ');
    case 'F':
      return strftime('%Y-%m-%d', epochMs);
    case 'H':
      return pad(f.hour);
    case 'I':
      return pad(f.hour % 12 || 12);
    case 'j':
      return pad(f.yearDay, 3);
    case 'k':
      return pad(f.hour, 2, ' ');
    case 'l':
      return pad(f.hour % 12 || 12, 2, ' ');
    case 'm':
      return pad(f.month);
    case 'M':
      return pad(f.minute);
    case 'n':
      return '\n';
    case 'N':
      return pad(f.ms * 1_000_000, 9);
    case 'p':
      return f.hour < 12 ? 'AM' : 'PM';
    case 'r':
      return strftime('%I:%M:%S %p', epochMs);
    case 'R':
      return strftime('%H:%M', epochMs);
    case 's':
      return String(Math.floor(epochMs / 1000));
    case 'S':
      return pad(f.second);
    case 't':
      return '\t';
    case 'T':
      return strftime('%H:%M:%S', epochMs);
    case 'u':
      return String(f.weekday || 7);
    case 'w':
      return String(f.weekday);
    case 'y':
      return pad(f.year % 100);
    case 'Y':
      return String(f.year);
    case 'z':
      return '+0000';
    case ':z':
      return '+00:00';
    case 'Z':
      return 'UTC';
    case '%':
      return '%';
  }
  return undefined;
}

/** Runs `date ARGS` at the epoch instant `epochMs`. */
export function runDate(args: readonly string[], epochMs: number): { stdout: string; stderr: string; exitCode: number } {
  let format = DEFAULT_FORMAT;
  let at = epochMs;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('+')) format = a.slice(1);
    else if (a === '-u' || a === '--utc') continue;
    else if (a === '-R') format = RFC2822_FORMAT;
    else if (a === '-I' || a.startsWith('-I')) {
      const spec = a.slice(2) || 'date';
      const iso = ISO_FORMATS[spec];
      if (!iso) return { stdout: '', stderr: `date: invalid argument '${spec}' for '-I'\n`, exitCode: 1 };
      format = iso;
    } else if (a === '-d' || a.startsWith('-d')) {
      const value = a === '-d' ? args[++i] : a.slice(2);
      const m = /^@(-?\d+)$/.exec(value ?? '');
      if (!m) return { stdout: '', stderr: `date: invalid date '${value ?? ''}'\n`, exitCode: 1 };
      at = Number(m[1]) * 1000;
    } else return { stdout: '', stderr: `date: invalid option -- '${a.replace(/^-+/, '')[0] ?? a}'\n`, exitCode: 1 };
  }
  return { stdout: `${strftime(format, at)}\n`, stderr: '', exitCode: 0 };
}
