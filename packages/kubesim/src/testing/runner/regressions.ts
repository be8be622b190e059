/**
 * Regression entries: a shrunk case stored verbatim (case + command descriptors, plus the seed
 * and path that found it) with what it must do when replayed — still fail with the named causes
 * (a known pathology) or pass (a fixed bug).
 */
import { convergenceInvariants, livenessInvariants } from '../invariants/index.js';
import type { FuzzCase } from '../model/fuzz-case.js';
import type { FailureReport } from '../report/failure-report.js';
import type { CommandDescriptor } from './commands.js';
import { type RunResult, runCase } from './run-case.js';

/** One committed regression. */
export interface RegressionEntry {
  readonly name: string;
  /** `convergence` (workloads must converge) or `default` (stuck pods must be explained). */
  readonly property: 'convergence' | 'default';
  /** `fail`: a known pathology that must still be found; `pass`: a fixed bug that must stay fixed. */
  readonly expect: 'fail' | 'pass';
  /** For `fail`: causes diagnose must name. */
  readonly causes?: readonly string[];
  /** How it was found (fast-check seed and path), for the record. */
  readonly foundWith?: { readonly seed: number; readonly path: string };
  readonly fuzzCase: FuzzCase;
  readonly commands: readonly CommandDescriptor[];
}

/** The outcome of replaying an entry. */
export interface RegressionOutcome {
  readonly ok: boolean;
  readonly message: string;
  readonly result: RunResult;
}

/** Replays one entry and says whether it did what the entry expects. */
export function replayRegression(entry: RegressionEntry): RegressionOutcome {
  const liveness = entry.property === 'convergence' ? convergenceInvariants : livenessInvariants;
  const result = runCase(entry.fuzzCase, entry.commands, { liveness });
  const causes = new Set(result.violations.flatMap((v) => v.causes ?? []));
  const failed = result.violations.length > 0;
  if (entry.expect === 'pass') {
    return { ok: !failed, message: failed ? `${entry.name}: expected to pass, got ${result.violations.map((v) => v.message).join('; ')}` : `${entry.name}: passes`, result };
  }
  const missing = (entry.causes ?? []).filter((c) => !causes.has(c));
  const ok = failed && missing.length === 0;
  return { ok, message: ok ? `${entry.name}: still fails with ${[...causes].join(', ')}` : `${entry.name}: expected a failure with ${(entry.causes ?? []).join(', ')}, got ${failed ? [...causes].join(', ') || 'no causes' : 'a pass'}`, result };
}

/** A `fail` entry from a failure report (what `pnpm fuzz` prints for the regression list). */
export function regressionEntryOf(report: FailureReport, name: string, property: RegressionEntry['property']): RegressionEntry {
  return {
    name,
    property,
    expect: 'fail',
    causes: report.causes,
    foundWith: { seed: report.seed, path: report.path },
    fuzzCase: report.fuzzCase,
    commands: report.commands,
  };
}
