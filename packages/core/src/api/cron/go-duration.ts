/**
 * Go's `time.ParseDuration` (for `@every`): a signed sequence of decimal numbers with units
 * `ns`, `us`/`µs`, `ms`, `s`, `m`, `h`.
 * @see go src/time/format.go (ParseDuration)
 */

const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The duration in ms, or Go's error text (`time: invalid duration "x"`). */
export function parseGoDuration(input: string): number | string {
  const quoted = JSON.stringify(input);
  let s = input;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s[0] === '-' ? -1 : 1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return `time: invalid duration ${quoted}`;
  let total = 0;
  const part = /^(\d*\.?\d*)([^\d.]*)/;
  while (s !== '') {
    const m = part.exec(s);
    const number = m?.[1] ?? '';
    const unit = m?.[2] ?? '';
    if (number === '' || number === '.') return `time: invalid duration ${quoted}`;
    if (unit === '') return `time: missing unit in duration ${quoted}`;
    const scale = UNIT_MS[unit];
    if (scale === undefined) return `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`;
    total += Number(number) * scale;
    s = s.slice(number.length + unit.length);
  }
  return sign * Math.floor(total);
}
