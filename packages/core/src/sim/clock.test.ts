import { describe, expect, it } from 'vitest';
import { parseDuration, VirtualClock } from './clock.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['1.5s', 1500],
    ['2h', 7_200_000],
    ['1m30s500ms', 90_500],
    ['0', 0],
  ])('parses %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  it('takes a number of ms as is', () => {
    expect(parseDuration(1234)).toBe(1234);
  });
  it.each(['', '5', 'abc', '5x', '-5s', '1h 30m'])('rejects %j', (text) => {
    expect(() => parseDuration(text)).toThrow(/invalid duration/);
  });
  it('rejects negative and non-finite numbers', () => {
    expect(() => parseDuration(-1)).toThrow();
    expect(() => parseDuration(Number.NaN)).toThrow();
  });
});

describe('VirtualClock', () => {
  it('renders RFC 3339 from the default start instant', () => {
    const c = new VirtualClock();
    expect(c.rfc3339()).toBe('2026-01-01T00:00:00Z');
    c.set(90_500);
    expect(c.rfc3339()).toBe('2026-01-01T00:01:30Z');
    expect(c.rfc3339Micro()).toBe('2026-01-01T00:01:30.500000Z');
  });
  it('uses a configurable start instant and parses back', () => {
    const c = new VirtualClock('2019-05-01T12:00:00Z');
    c.set(3_600_000);
    expect(c.rfc3339()).toBe('2019-05-01T13:00:00Z');
    expect(c.parse('2019-05-01T12:00:10Z')).toBe(10_000);
  });
  it('never goes back', () => {
    const c = new VirtualClock();
    c.set(10);
    expect(() => c.set(5)).toThrow(/cannot go back/);
  });
});
