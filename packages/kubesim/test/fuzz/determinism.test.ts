/**
 * Determinism check mode: a case run twice gives the same fingerprint; an injected
 * nondeterminism (test-only: an extra event in the second run) is caught at the first divergent
 * trace record.
 */
import fc from 'fast-check';
import { checkCluster, checkDeterminism, commandsArb, descriptorsOf, fuzzCaseArb, PATHOLOGY_SPACES } from 'kubesim/testing';
import { describe, expect, it } from 'vitest';

const SEED = 11;
const space = PATHOLOGY_SPACES['multi-attach-scale'];
const [sample] = fc.sample(fc.record({ fuzzCase: fuzzCaseArb(space), commands: commandsArb(space) }), { seed: SEED, numRuns: 1 });
const commands = descriptorsOf(sample.commands);

describe('determinism check mode', () => {
  it('the same case run twice has the same fingerprint', () => {
    const d = checkDeterminism(sample.fuzzCase, commands);
    expect(d.deterministic).toBe(true);
    expect(d.fingerprints[0]).toBe(d.fingerprints[1]);
  });

  it('catches a nondeterminism injected into the second run at the first divergent trace record', () => {
    const d = checkDeterminism(sample.fuzzCase, commands, {
      onClusterRun: (run) =>
        run === 1
          ? (cluster) => {
              cluster.core.loop.schedule(90_000, 'injected', () => cluster.core.loop.record('injected', 'a draw the first run did not make'));
            }
          : undefined,
    });
    expect(d.deterministic).toBe(false);
    expect(d.divergence?.second).toBe('90000ms injected a draw the first run did not make');
    expect(d.divergence?.first).not.toBe(d.divergence?.second);
    expect(d.text).toContain(`first divergent trace record #${d.divergence?.index}`);
  });

  it('the determinism property passes over the default space', () => {
    console.log(`fuzz determinism: SEED=${SEED}`);
    const check = checkCluster({ determinism: true }, { seed: SEED, numRuns: 8 });
    expect(check.report?.text).toBeUndefined();
  });
});
