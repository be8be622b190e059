/**
 * The default invariant property over small scenarios (≤ 4 nodes, ≤ 8 operations of every kind,
 * faults included): safety at every step, and every stuck pod explained by diagnose after the heal.
 */
import { checkCluster, DEFAULT_SPACE } from 'kubesim/testing';
import { describe, expect, it } from 'vitest';

const SEED = 20261128;

describe('default invariant property', () => {
  it('holds over the default space', () => {
    console.log(`fuzz default: SEED=${SEED} numRuns=60 space=${JSON.stringify({ maxZones: DEFAULT_SPACE.maxZones, maxNodesPerZone: DEFAULT_SPACE.maxNodesPerZone, maxCommands: DEFAULT_SPACE.maxCommands })}`);
    const check = checkCluster({}, { seed: SEED, numRuns: 60 });
    expect(check.report?.text).toBeUndefined();
    expect(check.numRuns).toBe(60);
  });
});
