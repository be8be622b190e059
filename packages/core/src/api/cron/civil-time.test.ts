import { describe, expect, it } from 'vitest';
import { civilIn, dateIn, formatRFC3339, formatRFC3339In, fromCivil } from './civil-time.js';
import { type Location, resolveLocation, UTC } from './time-zone.js';

const zone = (name: string) => resolveLocation(name) as Location;

// Expected instants and texts were checked against Go's time.Date and Time.Format(time.RFC3339).
describe('time.Date in a location', () => {
  it.each([
    ['an ordinary wall time', 'Asia/Kolkata', [2026, 1, 1, 9, 0, 0], '2026-01-01T03:30:00Z'],
    ['New York spring-forward gap: 02:30 lands an hour earlier (01:30 EST)', 'America/New_York', [2026, 3, 8, 2, 30, 0], '2026-03-08T06:30:00Z'],
    ['New York fall-back overlap: 01:30 is the first (EDT) one', 'America/New_York', [2026, 11, 1, 1, 30, 0], '2026-11-01T05:30:00Z'],
    ['Berlin spring-forward gap: 02:30 lands an hour later (03:30 CEST)', 'Europe/Berlin', [2026, 3, 29, 2, 30, 0], '2026-03-29T01:30:00Z'],
    ['Berlin fall-back overlap: 02:30 is the second (CET) one', 'Europe/Berlin', [2026, 10, 25, 2, 30, 0], '2026-10-25T01:30:00Z'],
    ['month 13 normalises into the next year', 'America/New_York', [2026, 13, 1, 0, 0, 0], '2027-01-01T05:00:00Z'],
  ])('%s', (_case, name, [y, mo, d, h, mi, s], expected) => {
    expect(formatRFC3339(dateIn(zone(name), y, mo, d, h, mi, s))).toBe(expected);
  });

  it('in UTC it is fromCivil', () => {
    expect(dateIn(UTC, 2026, 3, 8, 2, 30)).toBe(fromCivil(2026, 3, 8, 2, 30));
  });

  it('the wall clock of an instant in a zone', () => {
    expect(civilIn(zone('America/New_York'), fromCivil(2026, 3, 8, 7))).toEqual({ year: 2026, month: 3, day: 8, hour: 3, minute: 0, second: 0, weekday: 0 });
    expect(civilIn(zone('Asia/Kolkata'), fromCivil(2026, 1, 1, 18, 30))).toEqual({ year: 2026, month: 1, day: 2, hour: 0, minute: 0, second: 0, weekday: 5 });
  });
});

describe('RFC 3339 in a location (Go Z07:00)', () => {
  it.each([
    ['a whole-hour offset', 'America/New_York', fromCivil(2026, 7, 1, 13), '2026-07-01T09:00:00-04:00'],
    ['a half-hour offset', 'Asia/Kolkata', fromCivil(2026, 1, 1, 3, 30), '2026-01-01T09:00:00+05:30'],
    ['a zero offset prints Z', 'Europe/London', fromCivil(2026, 1, 1), '2026-01-01T00:00:00Z'],
    ['seconds of a local mean time offset are dropped', 'America/New_York', fromCivil(1880, 1, 1), '1879-12-31T19:03:58-04:56'],
    ['a negative offset under an hour keeps its sign', 'Africa/Monrovia', 0, '1969-12-31T23:15:30-00:44'],
  ])('%s', (_case, name, epochMs, expected) => {
    expect(formatRFC3339In(zone(name), epochMs)).toBe(expected);
  });

  it('UTC is the plain UTC layout', () => {
    expect(formatRFC3339In(UTC, fromCivil(2026, 1, 1, 0, 5))).toBe('2026-01-01T00:05:00Z');
  });
});
