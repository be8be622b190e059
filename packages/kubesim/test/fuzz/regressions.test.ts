/**
 * The committed regression list: each entry replays verbatim (case + commands) and must still do
 * what it records — a known pathology still fails with the causes diagnose named, a fixed bug or a
 * safe configuration still passes.
 */
import { readFileSync } from 'node:fs';
import { type RegressionEntry, replayRegression } from 'kubesim/testing';
import { describe, expect, it } from 'vitest';

const entries = JSON.parse(readFileSync(new URL('./regressions.json', import.meta.url), 'utf8')) as RegressionEntry[];

describe('regression list', () => {
  it('is not empty and every entry names what it expects', () => {
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(e.expect === 'pass' || (e.causes?.length ?? 0) > 0).toBe(true);
  });

  it.each(entries.map((e) => [e.name, e] as const))('%s', (_name, entry) => {
    const outcome = replayRegression(entry);
    expect(outcome.ok, outcome.message).toBe(true);
  });
});
