import { describe, expect, it } from 'vitest';
import { balancedScore } from './balanced-allocation.js';

describe('NodeResourcesBalancedAllocation', () => {
  it.each([
    ['equal fractions score 100', 0.5, 0.5, 100],
    ['cpu 0.25 memory 0.75 scores 75', 0.25, 0.75, 75],
    ['fractions above 1 are capped', 1.5, 0, 50],
  ])('%s', (_n, cpu, mem, want) => {
    expect(balancedScore(cpu, mem)).toBe(want);
  });
});
