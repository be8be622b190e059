/**
 * The README's "Fuzz your own scenarios" example, run as written (minus the file writes).
 */
import { checkCluster, convergenceInvariants } from 'kubesim/testing';
import { describe, expect, it } from 'vitest';

describe('README example', () => {
  it('finds and shrinks a stuck Deployment sharing one claim, with its reproduction', () => {
    const result = checkCluster(
      {
        space: { workloadKinds: ['Deployment'], storage: 'always', pinZone: false, operations: ['scale', 'delete-pod', 'advance'] },
        liveness: convergenceInvariants, // every workload must converge after the heal phase
      },
      { seed: 42, numRuns: 200 }, // fast-check parameters
    );
    expect(result.report?.causes).toContain('multi-attach');
    expect(result.report?.text).toContain('SEED=42');
    expect(result.report?.reproduction.script).toContain('kubectl apply -f -');
    expect(result.report?.reproduction.scenario).toContain('steps:');
  });
});
