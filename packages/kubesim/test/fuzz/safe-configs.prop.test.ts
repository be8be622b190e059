/**
 * The known-safe configurations converge under every workload operation: the same property that
 * finds the pathologies finds nothing here.
 */
import { describe, expect, it } from 'vitest';
import { checkCluster, convergenceInvariants, SAFE_SPACES, type SafeSpaceName } from 'kubesim/testing';

const SEED = 20261128;

function holds(name: SafeSpaceName, numRuns: number): void {
  console.log(`fuzz ${name}: SEED=${SEED} numRuns=${numRuns}`);
  const check = checkCluster({ space: SAFE_SPACES[name], liveness: convergenceInvariants }, { seed: SEED, numRuns });
  expect(check.report?.text).toBeUndefined();
  expect(check.numRuns).toBe(numRuns);
}

describe('known-safe configurations pass', () => {
  it('StatefulSet with a WaitForFirstConsumer EBS class, any topology', () => holds('statefulset-wffc', 15));
  it('Deployment with the Recreate strategy on one node', () => holds('deployment-recreate-one-node', 15));
  it('Deployment sharing an EFS ReadWriteMany claim, any topology and strategy', () => holds('efs-rwx', 15));
});
