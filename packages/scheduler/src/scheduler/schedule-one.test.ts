import { describe, expect, it } from 'vitest';
import { numFeasibleNodesToFind } from './schedule-one.js';

describe('numFeasibleNodesToFind', () => {
  it.each([
    ['all nodes below 100', undefined, 99, 99],
    ['adaptive 50 - 1000/125 = 42%', undefined, 1000, 420],
    ['adaptive 5000 nodes → 10%', undefined, 5000, 500],
    ['floor of 5% for huge clusters', undefined, 10_000, 500],
    ['at least 100 nodes', 1, 1000, 100],
    ['explicit 100% scores all', 100, 5000, 5000],
  ])('%s', (_n, pct, all, want) => {
    expect(numFeasibleNodesToFind(pct, all)).toBe(want);
  });
});
