import { describe, expect, it } from 'vitest';
import { formatRFC1123Z, formatRFC3339 } from './civil-time.js';
import { at, nextN } from './testing.js';
import { scheduleParseError } from './parser.js';

describe('cron ParseStandard and Next (robfig/cron v3, UTC)', () => {
  // 2026-01-01 is a Thursday.
  it.each([
    ['every minute', '* * * * *', '2026-01-01T00:00:30Z', ['2026-01-01T00:01:00Z', '2026-01-01T00:02:00Z', '2026-01-01T00:03:00Z']],
    ['step */5 from a mark is the next mark', '*/5 * * * *', '2026-01-01T00:05:00Z', ['2026-01-01T00:10:00Z', '2026-01-01T00:15:00Z', '2026-01-01T00:20:00Z']],
    ['N/step means N-max/step', '50/5 * * * *', '2026-01-01T00:00:00Z', ['2026-01-01T00:50:00Z', '2026-01-01T00:55:00Z', '2026-01-01T01:50:00Z']],
    ['range with step', '0 9-17/4 * * *', '2026-01-01T00:00:00Z', ['2026-01-01T09:00:00Z', '2026-01-01T13:00:00Z', '2026-01-01T17:00:00Z']],
    ['list', '15,45 * * * *', '2026-01-01T00:20:00Z', ['2026-01-01T00:45:00Z', '2026-01-01T01:15:00Z', '2026-01-01T01:45:00Z']],
    ['day names, weekdays only', '30 6 * * mon-fri', '2026-01-01T07:00:00Z', ['2026-01-02T06:30:00Z', '2026-01-05T06:30:00Z', '2026-01-06T06:30:00Z']],
    ['month names', '0 0 1 MAR,sep *', '2026-01-01T00:00:00Z', ['2026-03-01T00:00:00Z', '2026-09-01T00:00:00Z', '2027-03-01T00:00:00Z']],
    ['dom and dow both restricted: either matches', '0 0 13 * 5', '2026-02-01T00:00:00Z', ['2026-02-06T00:00:00Z', '2026-02-13T00:00:00Z', '2026-02-20T00:00:00Z']],
    ['dom restricted, dow a star: dom alone', '0 0 13 * *', '2026-02-01T00:00:00Z', ['2026-02-13T00:00:00Z', '2026-03-13T00:00:00Z', '2026-04-13T00:00:00Z']],
    ['leap day', '0 12 29 2 *', '2026-01-01T00:00:00Z', ['2028-02-29T12:00:00Z', '2032-02-29T12:00:00Z', '2036-02-29T12:00:00Z']],
    ['@hourly', '@hourly', '2026-01-01T00:00:00Z', ['2026-01-01T01:00:00Z', '2026-01-01T02:00:00Z', '2026-01-01T03:00:00Z']],
    ['@daily', '@daily', '2026-01-01T10:00:00Z', ['2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z', '2026-01-04T00:00:00Z']],
    ['@midnight', '@midnight', '2026-12-31T23:59:59Z', ['2027-01-01T00:00:00Z', '2027-01-02T00:00:00Z', '2027-01-03T00:00:00Z']],
    ['@weekly (Sundays)', '@weekly', '2026-01-01T00:00:00Z', ['2026-01-04T00:00:00Z', '2026-01-11T00:00:00Z', '2026-01-18T00:00:00Z']],
    ['@monthly', '@monthly', '2026-01-15T00:00:00Z', ['2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z']],
    ['@yearly', '@yearly', '2026-01-15T00:00:00Z', ['2027-01-01T00:00:00Z', '2028-01-01T00:00:00Z', '2029-01-01T00:00:00Z']],
    ['@annually', '@annually', '2026-01-01T00:00:00Z', ['2027-01-01T00:00:00Z', '2028-01-01T00:00:00Z', '2029-01-01T00:00:00Z']],
    ['@every 90m', '@every 1h30m', '2026-01-01T00:00:00Z', ['2026-01-01T01:30:00Z', '2026-01-01T03:00:00Z', '2026-01-01T04:30:00Z']],
    ['TZ=UTC prefix', 'TZ=UTC 0 3 * * *', '2026-01-01T00:00:00Z', ['2026-01-01T03:00:00Z', '2026-01-02T03:00:00Z', '2026-01-03T03:00:00Z']],
    ['31 February never fires', '59 23 31 2 *', '2026-01-01T00:00:00Z', []],
  ])('%s: %s', (_name, spec, from, expected) => {
    expect(nextN(spec, from)).toEqual(expected);
  });

  it.each([
    ['', 'empty spec string'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['0 * * * * *', 'expected exactly 5 fields, found 6: [0 * * * * *]'],
    ['61 * * * *', 'end of range (61) above maximum (59): 61'],
    ['* 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['5-2 * * * *', 'beginning of range (5) beyond end of range (2): 5-2'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['*/2/3 * * * *', 'too many slashes: */2/3'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['* * * foo *', 'failed to parse int from foo: strconv.Atoi: parsing "foo": invalid syntax'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['@every x', 'failed to parse duration @every x: time: invalid duration "x"'],
    ['TZ=Mars/Olympus * * * * *', 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus'],
  ])('bad spec %j: %s', (spec, message) => {
    expect(scheduleParseError(spec)).toBe(message);
  });

  it('Go layouts of the controller: RFC 3339 and RFC 1123Z in UTC', () => {
    expect(formatRFC3339(at('2026-01-01T00:05:00Z'))).toBe('2026-01-01T00:05:00Z');
    expect(formatRFC1123Z(at('2026-03-07T14:09:05Z'))).toBe('Sat, 07 Mar 2026 14:09:05 +0000');
  });
});
