import { describe, expect, it } from 'vitest';
import { fromCivil } from './civil-time.js';
import { type Location, loadLocation, resolveLocation, TimeZoneMessages, UTC } from './time-zone.js';
import { ZoneLookup } from './zone-lookup.js';

const zone = (name: string) => resolveLocation(name) as Location;

// Load results were checked against Go's time.LoadLocation (Linux zoneinfo).
describe('LoadLocation', () => {
  it.each(['', 'UTC', 'Etc/UTC', 'Local'])('%j is UTC without an ICU lookup', (name) => {
    expect(resolveLocation(name)).toBe(UTC);
    expect(loadLocation(name)).toBeUndefined();
  });

  it.each(['America/New_York', 'Asia/Kolkata', 'Asia/Calcutta', 'US/Eastern', 'Europe/Berlin', 'Australia/Lord_Howe', 'Etc/GMT+5', 'EST5EDT', 'GMT'])('IANA zone %s loads', (name) => {
    const loc = resolveLocation(name);
    expect(typeof loc).toBe('object');
    expect((loc as Location).name).toBe(name);
    expect((loc as Location).isUTC).toBe(false);
    expect(loadLocation(name)).toBeUndefined();
  });

  it.each([
    ['a name no zone source has', 'Mars/Olympus', 'unknown time zone Mars/Olympus'],
    ['zone files are looked up case-sensitively', 'america/new_york', 'unknown time zone america/new_york'],
    ['UTC in lower case is not UTC', 'utc', 'unknown time zone utc'],
    ['an ICU-only legacy ID', 'PST', 'unknown time zone PST'],
    ['an ICU SystemV ID', 'SystemV/EST5', 'unknown time zone SystemV/EST5'],
    ['a UTC offset is not a zone name', '+05:30', 'unknown time zone +05:30'],
    ['dot dot', '../etc/passwd', 'time: invalid location name'],
    ['a leading slash', '/etc/localtime', 'time: invalid location name'],
  ])('%s: %s', (_case, name, message) => {
    expect(resolveLocation(name)).toBe(message);
    expect(loadLocation(name)).toBe(message);
  });

  it('messages are Go texts', () => {
    expect(TimeZoneMessages.unknown('X')).toBe('unknown time zone X');
    expect(TimeZoneMessages.invalidName).toBe('time: invalid location name');
  });

  it('a zone is loaded once and reused', () => {
    expect(resolveLocation('America/New_York')).toBe(resolveLocation('America/New_York'));
  });
});

describe('Location offsets from ICU', () => {
  it.each([
    ['New York winter (EST)', 'America/New_York', fromCivil(2026, 1, 15, 12), -5 * 3600],
    ['New York summer (EDT)', 'America/New_York', fromCivil(2026, 7, 1, 12), -4 * 3600],
    ['Kolkata (+05:30, no DST)', 'Asia/Kolkata', fromCivil(2026, 7, 1, 12), 5.5 * 3600],
    ['Lord Howe standard (+10:30)', 'Australia/Lord_Howe', fromCivil(2026, 7, 1, 12), 10.5 * 3600],
    ['Lord Howe summer (+11:00)', 'Australia/Lord_Howe', fromCivil(2026, 12, 1, 12), 11 * 3600],
    ['New York local mean time before 1883 (-04:56:02)', 'America/New_York', fromCivil(1880, 1, 1), -(4 * 3600 + 56 * 60 + 2)],
    ['Etc/GMT+5 is five hours west', 'Etc/GMT+5', fromCivil(2026, 7, 1), -5 * 3600],
  ])('%s', (_case, name, epochMs, offsetSeconds) => {
    expect(zone(name).offsetSeconds(epochMs)).toBe(offsetSeconds);
  });

  it('a change of offset is placed to the second, whichever side is asked first', () => {
    // America/New_York springs forward at 2026-03-08T07:00:00Z and falls back at 2026-11-01T06:00:00Z.
    const spring = fromCivil(2026, 3, 8, 7);
    const fall = fromCivil(2026, 11, 1, 6);
    const forward = new ZoneLookup('America/New_York');
    expect([forward.offsetSeconds(spring - 86_400_000), forward.offsetSeconds(spring - 1000), forward.offsetSeconds(spring), forward.offsetSeconds(spring + 1000)]).toEqual([-18000, -18000, -14400, -14400]);
    const backward = new ZoneLookup('America/New_York');
    expect([backward.offsetSeconds(fall + 1000), backward.offsetSeconds(fall), backward.offsetSeconds(fall - 1), backward.offsetSeconds(fall - 1000)]).toEqual([-18000, -18000, -14400, -14400]);
  });

  it('offsets read hour after hour through a year change exactly at the two DST instants', () => {
    // Europe/Berlin is CEST (+02:00) from 2026-03-29T01:00:00Z until 2026-10-25T01:00:00Z.
    const walked = new ZoneLookup('Europe/Berlin');
    const [summer, winter] = [fromCivil(2026, 3, 29, 1), fromCivil(2026, 10, 25, 1)];
    const wrong: number[] = [];
    for (let t = fromCivil(2026, 1, 1); t < fromCivil(2027, 1, 1); t += 1_800_000) {
      if (walked.offsetSeconds(t) !== (t >= summer && t < winter ? 7200 : 3600)) wrong.push(t);
    }
    expect(wrong).toEqual([]);
  });
});
