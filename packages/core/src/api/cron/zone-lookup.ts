/**
 * The offset from UTC of an IANA zone at an instant, read from the host's ICU through one cached
 * `Intl.DateTimeFormat` per zone (`formatToParts(epochMs)`: static data, no clock is read), with
 * a small cache of spans of constant offset so that a cron `Next` walking second by second, hour
 * by hour or day by day asks ICU about once per two days it covers, not once per step.
 * @remarks The spans rest on one property of the tz database: two changes of a zone's offset are
 * never less than 3.9 days apart (the closest pair is Africa/Freetown's of 1939-09-01 and
 * 1939-09-05; `zdump -v -c 1800,2100` over every zone of tzdata 2026f). So when two instants at
 * most `SPAN_PROBE_MS` apart have the same offset, every instant between them has it, and when
 * they differ there is exactly one change between them, found by bisection to the second.
 * @see go src/time/zoneinfo.go (Location.lookup and its cacheStart/cacheEnd/cacheZone)
 */
import { fromCivil } from './civil-time.js';

/** ICU's calendar is Julian before 1582 and no zone changes offset before 1583: earlier instants read this one. */
const EARLIEST_LOOKUP_MS = fromCivil(1583, 1, 1);
/** Width of the window checked at each ICU lookup: half the 3.9-day minimum between offset changes. */
const SPAN_PROBE_MS = 2 * 86_400_000;
/** Spans of constant offset kept per zone (a `Next` and its `time.Date` look-ups stay within a few). */
const MAX_SPANS = 8;

/** Instants `[fromMs, toMs]` (whole seconds) that all have `offsetSeconds`. */
interface Span {
  readonly fromMs: number;
  readonly toMs: number;
  readonly offsetSeconds: number;
}

/** The offsets of one IANA zone. */
export class ZoneLookup {
  private readonly format: Intl.DateTimeFormat;
  private spans: Span[] = [];

  /** Throws a `RangeError` when ICU does not know `timeZone`. */
  constructor(timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** ICU's ID for the zone (its canonical spelling of the name it was built with). */
  get resolvedName(): string {
    return this.format.resolvedOptions().timeZone;
  }

  /** Seconds east of UTC in force at `epochMs`. */
  offsetSeconds(epochMs: number): number {
    const ms = Math.floor(Math.max(epochMs, EARLIEST_LOOKUP_MS) / 1000) * 1000;
    for (const span of this.spans) if (span.fromMs <= ms && ms <= span.toMs) return span.offsetSeconds;
    // Probe one window from the end of the span just before `ms`, or from `ms` itself.
    const before = this.spans.find((span) => span.toMs < ms && ms - span.toMs <= SPAN_PROBE_MS);
    const fromMs = before ? before.fromMs : ms;
    const lastKnownMs = before ? before.toMs : ms;
    const offset = before ? before.offsetSeconds : this.icuOffsetSeconds(ms);
    const probeMs = lastKnownMs + SPAN_PROBE_MS;
    const probe = this.icuOffsetSeconds(probeMs);
    this.spans = this.spans.filter((span) => span !== before);
    if (probe === offset) {
      this.remember({ fromMs, toMs: probeMs, offsetSeconds: offset });
      return offset;
    }
    // One change in (lastKnownMs, probeMs]: bisect for its first second.
    let lo = lastKnownMs;
    let hi = probeMs;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (this.icuOffsetSeconds(mid) === offset) lo = mid;
      else hi = mid;
    }
    this.remember({ fromMs: hi, toMs: probeMs, offsetSeconds: probe });
    this.remember({ fromMs, toMs: lo, offsetSeconds: offset });
    return ms <= lo ? offset : probe;
  }

  private remember(span: Span): void {
    this.spans = [span, ...this.spans.slice(0, MAX_SPANS - 1)];
  }

  /** The offset ICU gives at a whole second: its wall clock read as UTC, minus the instant. */
  private icuOffsetSeconds(ms: number): number {
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const part of this.format.formatToParts(ms)) {
      if (part.type === 'year') year = Number(part.value);
      else if (part.type === 'month') month = Number(part.value);
      else if (part.type === 'day') day = Number(part.value);
      else if (part.type === 'hour') hour = Number(part.value);
      else if (part.type === 'minute') minute = Number(part.value);
      else if (part.type === 'second') second = Number(part.value);
    }
    return (fromCivil(year, month, day, hour, minute, second) - ms) / 1000;
  }
}
