import { describe, expect, it } from 'vitest';
import { humanDuration, rfc1123z, rfc3339Utc } from './duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration (apimachinery duration.HumanDuration)', () => {
  it.each([
    [-5 * S, '<invalid>'],
    [-1 * S, '0s'],
    [0, '0s'],
    [39 * S, '39s'],
    [119 * S, '119s'],
    [2 * M, '2m'],
    [2 * M + 5 * S, '2m5s'],
    [9 * M + 59 * S, '9m59s'],
    [17 * M + 30 * S, '17m'],
    [179 * M, '179m'],
    [3 * H + 5 * M, '3h5m'],
    [3 * H, '3h'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H + 30 * M, '8h'],
    [47 * H, '47h'],
    [2 * D, '2d'],
    [4 * D + 23 * H, '4d23h'],
    [8 * D, '8d'],
    [800 * D, '2y70d'],
    [365 * 9 * D, '9y'],
  ])('%i ms prints %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('rfc1123z', () => {
  it('formats like Go time.RFC1123Z with the right weekday', () => {
    expect(rfc1123z('2026-01-01T00:00:00Z')).toBe('Thu, 01 Jan 2026 00:00:00 +0000');
    expect(rfc1123z('2026-11-28T22:04:24Z')).toBe('Sat, 28 Nov 2026 22:04:24 +0000');
    expect(rfc1123z('2024-02-29T13:05:09Z')).toBe('Thu, 29 Feb 2024 13:05:09 +0000');
  });
});

describe('rfc3339Utc (Go t.UTC().Format(time.RFC3339))', () => {
  it.each([
    ['2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'],
    // A fraction is dropped: RFC3339 has no fractional seconds.
    ['2026-03-04T05:06:07.891Z', '2026-03-04T05:06:07Z'],
    // Offsets are converted to UTC, across day, month, leap-day and year boundaries.
    ['2026-01-01T01:30:00+02:00', '2025-12-31T23:30:00Z'],
    ['2024-02-28T23:15:00-01:00', '2024-02-29T00:15:00Z'],
    ['2025-12-31T20:00:00-05:45', '2026-01-01T01:45:00Z'],
    // The zero metav1.Time.
    [undefined, '0001-01-01T00:00:00Z'],
  ])('%s prints %s', (ts, text) => {
    expect(rfc3339Utc(ts)).toBe(text);
  });
});
