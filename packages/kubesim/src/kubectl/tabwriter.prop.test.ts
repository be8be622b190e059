import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { humanDuration } from './duration.js';
import { tabwrite } from './tabwriter.js';

const cell = fc.string({ unit: fc.constantFrom('a', 'b', 'x', '1', '-', '/', '.'), minLength: 1, maxLength: 12 });

describe('tabwrite properties (seed 4242)', () => {
  it('a rectangular table: every column starts at the same offset and cells read back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }).chain((cols) => fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 6 })), (rows) => {
        const out = tabwrite(`${rows.map((r) => r.join('\t')).join('\n')}\n`, 3);
        const lines = out.split('\n').slice(0, -1);
        expect(lines.length).toBe(rows.length);
        for (let c = 0; c < rows[0].length; c++) {
          const starts = new Set(lines.map((l, i) => offsetOf(l, rows[i], c)));
          expect(starts.size).toBe(1);
          expect(starts.has(-1)).toBe(false);
        }
        lines.forEach((l, i) => {
          expect(l.endsWith(rows[i][rows[i].length - 1])).toBe(true);
        });
      }),
      { seed: 4242, numRuns: 200 },
    );
  });

  it('humanDuration never goes back as time grows (by its own unit order)', () => {
    const rank = (s: string) => {
      const n = (u: string) => Number(new RegExp(`(\\d+)${u}`).exec(s)?.[1] ?? 0);
      return n('y') * 365 * 86400 + n('d') * 86400 + n('h') * 3600 + n('m(?!s)') * 60 + n('s');
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 365 * 86400 }), fc.integer({ min: 0, max: 86400 }), (a, d) => {
        expect(rank(humanDuration((a + d) * 1000))).toBeGreaterThanOrEqual(rank(humanDuration(a * 1000)));
      }),
      { seed: 4242, numRuns: 300 },
    );
  });
});

/** Offset at which cell `c` of `row` starts in `line`, given the cells before it. */
function offsetOf(line: string, row: string[], c: number): number {
  let pos = 0;
  for (let i = 0; i < c; i++) {
    if (!line.startsWith(row[i], pos)) return -1;
    pos += row[i].length;
    const gap = pos;
    while (line[pos] === ' ') pos++;
    if (pos - gap < 3) return -1; // at least the padding separates columns
  }
  return line.startsWith(row[c], pos) ? pos : -1;
}
