import { describe, expect, it } from 'vitest';
import { parseStandard } from './parser.js';
import { SpecSchedule } from './spec.js';
import { nextN } from './testing.js';
import { UTC } from './time-zone.js';

// Expected instants were checked against robfig/cron v3.0.1 `ParseStandard(...).Next` run by Go.
describe('cron Next in a location (robfig/cron v3 spec.go, TZ= prefix)', () => {
  it.each([
    // America/New_York: EST (-05:00) in winter, EDT (-04:00) from 2026-03-08 07:00Z to 2026-11-01 06:00Z.
    ['09:00 New York in summer is 13:00Z', 'TZ=America/New_York 0 9 * * *', '2026-07-01T00:00:00Z', ['2026-07-01T13:00:00Z', '2026-07-02T13:00:00Z']],
    ['09:00 New York in winter is 14:00Z', 'TZ=America/New_York 0 9 * * *', '2026-01-15T00:00:00Z', ['2026-01-15T14:00:00Z', '2026-01-16T14:00:00Z']],
    // 02:30 does not exist on 2026-03-08: the hour walk goes 01:00 EST → 03:00 EDT and never sees 2, so that day is skipped.
    ['EST -> EDT: 02:30 in the spring-forward gap does not fire that day', 'TZ=America/New_York 30 2 * * *', '2026-03-06T00:00:00Z', ['2026-03-06T07:30:00Z', '2026-03-07T07:30:00Z', '2026-03-09T06:30:00Z', '2026-03-10T06:30:00Z']],
    // 01:30 happens twice on 2026-11-01 (EDT, then EST): the minute walk passes 01:59 EDT → 01:00 EST and fires again.
    ['EDT -> EST: 01:30 in the fall-back hour fires in both occurrences', 'TZ=America/New_York 30 1 * * *', '2026-10-30T12:00:00Z', ['2026-10-31T05:30:00Z', '2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z', '2026-11-02T06:30:00Z']],
    ['EST -> EDT: */30 keeps a half-hour beat in instants across the gap', 'TZ=America/New_York */30 * * * *', '2026-03-08T06:00:00Z', ['2026-03-08T06:30:00Z', '2026-03-08T07:00:00Z', '2026-03-08T07:30:00Z', '2026-03-08T08:00:00Z']],
    ['EDT -> EST: hourly fires at 01:00 EDT and 01:00 EST', 'TZ=America/New_York 0 * * * *', '2026-11-01T04:00:00Z', ['2026-11-01T05:00:00Z', '2026-11-01T06:00:00Z', '2026-11-01T07:00:00Z', '2026-11-01T08:00:00Z']],
    // robfig/cron spec_test.go TestNext "Daylight savings time" cases (seconds field dropped: ParseStandard).
    ['spec_test EST -> EDT: 02:30 on the spring-forward day waits a year', 'TZ=America/New_York 30 2 11 3 *', '2012-03-11T05:00:00Z', ['2013-03-11T06:30:00Z']],
    ['spec_test EDT -> EST: 02:30 on the fall-back day is EST', 'TZ=America/New_York 30 2 4 11 *', '2012-11-04T04:00:00Z', ['2012-11-04T07:30:00Z']],
    ['spec_test EDT -> EST: from 01:45 EDT the next 01:30 is the EST one', 'TZ=America/New_York 30 1 4 11 *', '2012-11-04T05:45:00Z', ['2012-11-04T06:30:00Z']],
    // Asia/Kolkata is +05:30 all year: wall-clock whole hours are half hours in UTC.
    ['Asia/Kolkata 09:00 is 03:30Z', 'TZ=Asia/Kolkata 0 9 * * *', '2026-01-01T00:00:00Z', ['2026-01-01T03:30:00Z', '2026-01-02T03:30:00Z']],
    ['Asia/Kolkata hourly is at :30Z', 'TZ=Asia/Kolkata 0 * * * *', '2026-01-01T00:00:00Z', ['2026-01-01T00:30:00Z', '2026-01-01T01:30:00Z', '2026-01-01T02:30:00Z']],
    ['Asia/Kolkata @daily is 18:30Z the day before', 'TZ=Asia/Kolkata @daily', '2026-01-01T00:00:00Z', ['2026-01-01T18:30:00Z', '2026-01-02T18:30:00Z']],
    // East of Greenwich (CET -> CEST at 01:00Z, CEST -> CET at 01:00Z).
    ['Europe/Berlin CET -> CEST: 02:30 is skipped on 2026-03-29', 'TZ=Europe/Berlin 30 2 * * *', '2026-03-28T00:00:00Z', ['2026-03-28T01:30:00Z', '2026-03-30T00:30:00Z', '2026-03-31T00:30:00Z']],
    ['Europe/Berlin CEST -> CET: 02:30 fires twice on 2026-10-25', 'TZ=Europe/Berlin 30 2 * * *', '2026-10-24T12:00:00Z', ['2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z', '2026-10-26T01:30:00Z']],
    // Australia/Lord_Howe moves 30 minutes (+10:30 -> +11:00 at 02:00 on 2026-10-04): 02:00 is gone, 02:45 is not.
    ['Lord_Howe half-hour DST: 02:00 in the gap is skipped', 'TZ=Australia/Lord_Howe 0 2 * * *', '2026-10-02T12:00:00Z', ['2026-10-02T15:30:00Z', '2026-10-04T15:00:00Z', '2026-10-05T15:00:00Z']],
    ['Lord_Howe half-hour DST: 02:45 after the gap still fires', 'TZ=Australia/Lord_Howe 45 2 * * *', '2026-10-02T12:00:00Z', ['2026-10-02T16:15:00Z', '2026-10-03T15:45:00Z', '2026-10-04T15:45:00Z']],
    // America/Sao_Paulo 2018-11-04: midnight does not exist; an hourly walk never sees hour 0 that day.
    ['Sao_Paulo midnight DST: daily 00:00 skips the day without a midnight', 'TZ=America/Sao_Paulo 0 0 * * *', '2018-11-02T12:00:00Z', ['2018-11-03T03:00:00Z', '2018-11-05T02:00:00Z', '2018-11-06T02:00:00Z']],
    ['Sao_Paulo midnight DST: a date-only walk lands on 01:00 and is pulled back to 00:00', 'TZ=America/Sao_Paulo 0 0 5 11 *', '2018-11-02T12:00:00Z', ['2018-11-05T02:00:00Z']],
    ['CRON_TZ= works as TZ=', 'CRON_TZ=America/New_York 0 9 * * *', '2026-07-01T00:00:00Z', ['2026-07-01T13:00:00Z']],
    ['@every ignores the location', 'TZ=Asia/Kolkata @every 1h', '2026-01-01T00:00:00Z', ['2026-01-01T01:00:00Z', '2026-01-01T02:00:00Z']],
  ])('%s', (_name, spec, from, expected) => {
    expect(nextN(spec, from, expected.length)).toEqual(expected);
  });

  it('a schedule without TZ= runs in UTC, the location of a default SpecSchedule', () => {
    const sched = parseStandard('0 9 * * *');
    expect(sched).toBeInstanceOf(SpecSchedule);
    expect((sched as SpecSchedule).location).toBe(UTC);
    expect(nextN('0 9 * * *', '2026-07-01T00:00:00Z', 1)).toEqual(['2026-07-01T09:00:00Z']);
  });

  it('TZ= with a zone Go does not have is a parse error with Go texts', () => {
    expect(() => parseStandard('TZ=america/new_york 0 9 * * *')).toThrow('provided bad location america/new_york: unknown time zone america/new_york');
    expect(() => parseStandard('TZ=../zoneinfo 0 9 * * *')).toThrow('provided bad location ../zoneinfo: time: invalid location name');
  });
});
