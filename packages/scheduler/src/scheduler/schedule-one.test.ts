import { Rng } from '@kubesim/core';
import { describe, expect, it } from 'vitest';
import type { NodeInfo } from '../cache/node-info.js';
import type { ScoreResult } from '../framework/framework.js';
import { batchOf } from '../framework/node-batch.js';
import { NodeTable } from '../cache/node-table.js';
import { numFeasibleNodesToFind, selectHostAndTopRows } from './schedule-one.js';

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

describe('selectHostAndTopRows', () => {
  const totals = Float64Array.from([5, 7, 3, 7, 6, 7]);
  const nodes = Array.from(totals, (_, i) => ({ name: `n${i}` }) as NodeInfo);
  const ids = Int32Array.from(totals, (_, i) => i);
  const nameRank = Int32Array.from(totals, (_, i) => i);
  const result: ScoreResult = { totals, plugins: ['P'], weights: [2], score: (_p, i) => totals[i] / 2 };
  const table = new NodeTable();
  const batch = batchOf(nodes, table, ids);

  it('picks among the highest totals only, each about as often, with one draw', () => {
    const picked = new Map<string, number>();
    for (let seed = 0; seed < 3000; seed++) {
      const rng = new Rng(7).fork(String(seed));
      const { node } = selectHostAndTopRows(batch, nameRank, result, rng, 0);
      picked.set(node, (picked.get(node) ?? 0) + 1);
      // One draw among the three nodes with total 7: the stream stands where it leaves it.
      const twin = new Rng(7).fork(String(seed));
      expect(node).toBe(['n1', 'n3', 'n5'][twin.int(0, 2)]);
      expect(rng.int(0, 999_999)).toBe(twin.int(0, 999_999));
    }
    expect([...picked.keys()].sort()).toEqual(['n1', 'n3', 'n5']);
    for (const n of picked.values()) expect(n).toBeGreaterThan(900);
  });

  it('reports the best rows by total, then name, with weighted plugin values', () => {
    const { rows } = selectHostAndTopRows(batch, nameRank, result, new Rng(1), 4);
    expect(rows).toEqual(['n1', 7, 7, 'n3', 7, 7, 'n5', 7, 7, 'n4', 6, 6]);
  });

  it('picks and reports the same when the Score run already found the highest totals', () => {
    const highest = { positions: Int32Array.from([1, 3, 5]), count: 3 };
    // Names not in position order: the rows must come by name rank.
    const ranks = Int32Array.from([3, 5, 0, 4, 1, 2]);
    for (const limit of [0, 2, 3, 4]) {
      for (let seed = 0; seed < 20; seed++) {
        const scanned = selectHostAndTopRows(batch, ranks, result, new Rng(9).fork(String(seed)), limit);
        const given = selectHostAndTopRows(batch, ranks, { ...result, score: result.score, highest }, new Rng(9).fork(String(seed)), limit);
        expect(given).toEqual(scanned);
      }
    }
  });

  it('takes a single highest node without drawing', () => {
    const rng = new Rng(3);
    const one = Float64Array.from([1, 9, 2]);
    const { node } = selectHostAndTopRows(batchOf(nodes.slice(0, 3), table, ids.subarray(0, 3)), nameRank, { ...result, totals: one }, rng, 0);
    expect(node).toBe('n1');
    expect(rng.int(0, 999_999)).toBe(new Rng(3).int(0, 999_999));
  });
});
