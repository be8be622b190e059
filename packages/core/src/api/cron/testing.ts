/** Test helpers of the cron port: instants from text without `Date`, and a schedule's next activations. */
import { formatRFC3339, fromCivil } from './civil-time.js';
import { parseStandard } from './parser.js';

/** Epoch ms of a UTC RFC 3339 instant, without `Date` (YYYY-MM-DDTHH:MM:SSZ). */
export function at(ts: string): number {
  const [y, mo, d, h, mi, s] = ts.match(/\d+/g)?.map(Number) ?? [];
  return fromCivil(y, mo, d, h, mi, s);
}

/** The next `n` activations of `spec` after `from`, as UTC RFC 3339. */
export function nextN(spec: string, from: string, n = 3): string[] {
  const sched = parseStandard(spec);
  const out: string[] = [];
  let t = at(from);
  for (let i = 0; i < n; i++) {
    const next = sched.next(t);
    if (next === undefined) break;
    out.push(formatRFC3339(next));
    t = next;
  }
  return out;
}
