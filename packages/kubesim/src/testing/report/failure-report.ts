/**
 * Failure reports: the seed and fast-check path that replay the failure, the options the case
 * derived, the shrunk command list, the violations with their diagnose chains, the last trace
 * lines, and the exported reproduction.
 */
import { formatTraceRecord } from '@kubesim/core';
import type { Violation } from '../invariants/invariant.js';
import { describeCase, type FuzzCase } from '../model/fuzz-case.js';
import type { CommandDescriptor } from '../runner/commands.js';
import { clusterOptionsOf, type RunResult } from '../runner/run-case.js';
import { exportReproduction, type Reproduction } from './reproduction.js';

/** Everything about one (shrunk) failure. */
export interface FailureReport {
  /** fast-check seed and path: `fc.assert(property, { seed, path })` replays it. */
  readonly seed: number;
  readonly path: string;
  /** fast-check's command replay path: `clusterProperty({ ...options, replayPath })` with `{ seed, path }` replays the shrunk commands. */
  readonly replayPath?: string;
  readonly numRuns: number;
  readonly numShrinks: number;
  readonly fuzzCase: FuzzCase;
  readonly commands: readonly CommandDescriptor[];
  /** The lines the run executed (setup, shrunk commands, heal); a failed line ends with `# exit code N`. */
  readonly lines: readonly string[];
  readonly violations: readonly Violation[];
  /** Causes named by diagnose across the violations, sorted. */
  readonly causes: readonly string[];
  readonly traceTail: readonly string[];
  readonly fingerprint: string;
  readonly reproduction: Reproduction;
  /** The whole report as text. */
  readonly text: string;
}

/** Number of trace lines a report keeps. */
export const TRACE_TAIL_LINES = 25;

/** Builds the report of a failed run. */
export function buildFailureReport(input: { seed: number; path: string; replayPath?: string; numRuns: number; numShrinks: number; fuzzCase: FuzzCase; commands: readonly CommandDescriptor[]; result: RunResult }): FailureReport {
  const { result, ...rest } = input;
  const fuzzCase = rest.fuzzCase;
  const lines = result.real.script.map((s) => (s.exitCode ? `${s.line}  # exit code ${s.exitCode}` : s.line));
  const traceTail = result.cluster.trace().slice(-TRACE_TAIL_LINES).map(formatTraceRecord);
  const causes = [...new Set(result.violations.flatMap((v) => v.causes ?? []))].sort();
  const reproduction = exportReproduction(fuzzCase, result.real.script, `kubesim fuzz: ${result.violations[0]?.invariant ?? 'failure'} (seed ${input.seed}, path ${input.path})`);
  const text = [
    `kubesim fuzz failure after ${input.numRuns} run(s), ${input.numShrinks} shrink(s): ${result.violations.length} violation(s) in the ${result.phase} phase`,
    `SEED=${input.seed} PATH=${JSON.stringify(input.path)} REPLAY_PATH=${JSON.stringify(input.replayPath ?? '')}`,
    `replay: fc.assert(clusterProperty({ ...options, replayPath: ${JSON.stringify(input.replayPath ?? '')} }), { seed: ${input.seed}, path: ${JSON.stringify(input.path)} })`,
    `derived options: ${JSON.stringify(clusterOptionsOf(fuzzCase))}`,
    `case: ${describeCase(fuzzCase)}`,
    `causes: ${causes.join(', ') || '(none named)'}`,
    'violations:',
    ...result.violations.map((v) => `  [${v.invariant}] at ${v.atMs}ms ${v.message.replaceAll('\n', '\n  ')}`),
    'commands (shrunk):',
    ...lines.map((l) => `  ${l}`),
    `last ${traceTail.length} trace lines:`,
    ...traceTail.map((l) => `  ${l}`),
    `fingerprint: ${result.cluster.fingerprint()}`,
    'reproduction: report.reproduction.{manifests, script, scenario}',
  ].join('\n');
  return { ...rest, lines, violations: result.violations, causes, traceTail, fingerprint: result.cluster.fingerprint(), reproduction, text };
}
