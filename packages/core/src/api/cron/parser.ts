/**
 * robfig/cron v3 `ParseStandard`, the parser the API server's CronJob validation and the CronJob
 * controller use: five fields (minute, hour, day of month, month, day of week) of comma lists of
 * `*`, `?`, numbers, names (`jan`, `mon`), ranges `a-b` and steps `/n`, or a descriptor
 * (`@yearly`/`@annually`, `@monthly`, `@weekly`, `@daily`/`@midnight`, `@hourly`, `@every 1h30m`).
 * Errors carry the library's texts, which the API server puts in `spec.schedule` field errors.
 * @see github.com/robfig/cron/v3 parser.go (Parse, normalizeFields, getField, getRange,
 *   parseIntOrName, mustParseInt, parseDescriptor)
 */
import { parseGoDuration } from './go-duration.js';
import { BOUNDS, type Bounds, ConstantDelaySchedule, type FieldBits, type Schedule, SpecSchedule } from './spec.js';
import { type Location, resolveLocation, UTC } from './time-zone.js';

/** A spec robfig/cron rejects; `message` is the library's text. */
export class CronParseError extends Error {}

const fail = (message: string): never => {
  throw new CronParseError(message);
};

/** `getBits`: values `min..max` stepping by `step`. */
function getBits(min: number, max: number, step: number): bigint {
  let bits = 0n;
  for (let i = min; i <= max; i += step) bits |= 1n << BigInt(i);
  return bits;
}

const all = (r: Bounds): FieldBits => ({ bits: getBits(r.min, r.max, 1), star: true });
const only = (value: number): FieldBits => ({ bits: 1n << BigInt(value), star: false });

/** `mustParseInt` (Go `strconv.Atoi`: optional sign, decimal digits). */
function mustParseInt(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) fail(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const num = Number(expr);
  if (num < 0) fail(`negative number (${num}) not allowed: ${expr}`);
  return num;
}

/** `parseIntOrName`: a (lower-cased) name of the field, else a number. */
function parseIntOrName(expr: string, names: Readonly<Record<string, number>> | undefined): number {
  const named = names?.[expr.toLowerCase()];
  return named ?? mustParseInt(expr);
}

/** `getRange`: `number | number "-" number [ "/" number ]`, or `*`/`?` with an optional step. */
function getRange(expr: string, r: Bounds): FieldBits {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0], r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], r.names);
    else return fail(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]);
    // "N/step" means "N-max/step".
    if (singleDigit) end = r.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) fail(`too many slashes: ${expr}`);
  if (start < r.min) fail(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) fail(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) fail(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) fail(`step of range should be a positive number: ${expr}`);
  return { bits: getBits(start, end, step), star };
}

/** `getField`: the union of a comma list of ranges (empty items are skipped, as `FieldsFunc` does). */
function getField(field: string, r: Bounds): FieldBits {
  let bits = 0n;
  let star = false;
  for (const expr of field.split(',').filter((x) => x !== '')) {
    const range = getRange(expr, r);
    bits |= range.bits;
    star ||= range.star;
  }
  return { bits, star };
}

/** `parseDescriptor`: the named schedules run in `loc`; `@every` ignores it. */
function parseDescriptor(descriptor: string, loc: Location): Schedule {
  const { seconds, minutes, hours, dom, months, dow } = BOUNDS;
  switch (descriptor) {
    case '@yearly':
    case '@annually':
      return new SpecSchedule(only(seconds.min), only(minutes.min), only(hours.min), only(dom.min), only(months.min), all(dow), loc);
    case '@monthly':
      return new SpecSchedule(only(seconds.min), only(minutes.min), only(hours.min), only(dom.min), all(months), all(dow), loc);
    case '@weekly':
      return new SpecSchedule(only(seconds.min), only(minutes.min), only(hours.min), all(dom), all(months), only(dow.min), loc);
    case '@daily':
    case '@midnight':
      return new SpecSchedule(only(seconds.min), only(minutes.min), only(hours.min), all(dom), all(months), all(dow), loc);
    case '@hourly':
      return new SpecSchedule(only(seconds.min), only(minutes.min), all(hours), all(dom), all(months), all(dow), loc);
  }
  const every = '@every ';
  if (descriptor.startsWith(every)) {
    const duration = parseGoDuration(descriptor.slice(every.length));
    if (typeof duration === 'string') fail(`failed to parse duration ${descriptor}: ${duration}`);
    return new ConstantDelaySchedule(duration as number);
  }
  return fail(`unrecognized descriptor: ${descriptor}`);
}

/**
 * `cron.ParseStandard(spec)`: the schedule, or a `CronParseError` with robfig/cron's message.
 * @remarks A `TZ=`/`CRON_TZ=` prefix (how the CronJob controller passes `spec.timeZone`) sets
 * the location the schedule runs in; without one it runs in the controller's local zone, UTC.
 */
export function parseStandard(input: string): Schedule {
  let spec = input;
  if (spec.length === 0) fail('empty spec string');
  let loc = UTC;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const i = spec.indexOf(' ');
    const eq = spec.indexOf('=');
    const name = i < 0 ? spec.slice(eq + 1) : spec.slice(eq + 1, i);
    const location = resolveLocation(name);
    if (typeof location === 'string') return fail(`provided bad location ${name}: ${location}`);
    loc = location;
    spec = i < 0 ? '' : spec.slice(i).trim();
  }
  if (spec.startsWith('@')) return parseDescriptor(spec, loc);
  const fields = spec.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) fail(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields;
  return new SpecSchedule(
    getField('0', BOUNDS.seconds),
    getField(minute, BOUNDS.minutes),
    getField(hour, BOUNDS.hours),
    getField(dayOfMonth, BOUNDS.dom),
    getField(month, BOUNDS.months),
    getField(dayOfWeek, BOUNDS.dow),
    loc,
  );
}

/** `parseStandard`'s error text, or undefined when the spec parses. */
export function scheduleParseError(spec: string): string | undefined {
  try {
    parseStandard(spec);
    return undefined;
  } catch (e) {
    if (e instanceof CronParseError) return e.message;
    throw e;
  }
}
