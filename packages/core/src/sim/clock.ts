/**
 * Virtual time: integer milliseconds since the cluster started, rendered as RFC 3339 from a
 * configurable start instant. The only file in `core/src` (with `rng.ts`) allowed to touch `Date`.
 * @see XState SimulatedClock, Effect TestClock, TigerBeetle TimeSim
 */

/** The default start instant of every simulated cluster. */
export const DEFAULT_START_INSTANT = '2026-01-01T00:00:00Z';

const DURATION_PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
const DURATION_WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|h|m|s))+$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses a Go-style duration (`'90s'`, `'5m'`, `'1h30m'`, `'250ms'`) or a number of ms.
 * @throws Error with `invalid duration` for anything else.
 */
export function parseDuration(input: string | number): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) throw new Error(`invalid duration ${JSON.stringify(input)}`);
    return Math.round(input);
  }
  const text = input.trim();
  if (text === '0') return 0;
  if (!DURATION_WHOLE.test(text)) throw new Error(`time: invalid duration ${JSON.stringify(input)}`);
  let total = 0;
  for (const m of text.matchAll(DURATION_PART)) total += Number(m[1]) * UNIT_MS[m[2]];
  return Math.round(total);
}

/** A tiny clock API: read the virtual time, render it. Only the event loop moves it. */
export class VirtualClock {
  private ms = 0;
  /** Epoch ms of virtual time zero. */
  readonly startEpochMs: number;

  constructor(startInstant: string = DEFAULT_START_INSTANT) {
    const epoch = Date.parse(startInstant);
    if (Number.isNaN(epoch)) throw new Error(`invalid start instant ${JSON.stringify(startInstant)}`);
    this.startEpochMs = epoch;
  }

  /** Virtual ms since the cluster's start. */
  now(): number {
    return this.ms;
  }

  /** Moves time forward; only the event loop calls this. Time never goes back. */
  set(ms: number): void {
    if (ms < this.ms) throw new Error(`virtual time cannot go back from ${this.ms} to ${ms}`);
    this.ms = ms;
  }

  /** RFC 3339 (second precision, `Z`) of a virtual instant, as the API server renders timestamps. */
  rfc3339(ms: number = this.ms): string {
    const second = ms - (ms % 1000);
    if (second === this.lastSecond) return this.lastText;
    let text = this.texts.get(second);
    if (text === undefined) {
      text = new Date(this.startEpochMs + second).toISOString().replace('.000Z', 'Z');
      if (this.texts.size >= 256) this.texts.clear();
      this.texts.set(second, text);
    }
    this.lastSecond = second;
    this.lastText = text;
    return text;
  }

  /** Cache of `rfc3339`: most writes in a burst share a second; container statuses revisit a few. */
  private lastSecond = Number.NaN;
  private lastText = '';
  private readonly texts = new Map<number, string>();

  /** RFC 3339 with microseconds, as `metav1.MicroTime` (event `eventTime`) renders. */
  rfc3339Micro(ms: number = this.ms): string {
    return new Date(this.startEpochMs + ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  }

  /** RFC 3339 with nine fixed fractional digits (`RFC3339NanoFixed`), as the kubelet stamps log lines. */
  rfc3339NanoFixed(ms: number = this.ms): string {
    return new Date(this.startEpochMs + ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
  }

  /** Parses an RFC 3339 string back to virtual ms. */
  parse(timestamp: string): number {
    return Date.parse(timestamp) - this.startEpochMs;
  }
}
