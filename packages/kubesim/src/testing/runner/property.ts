/**
 * The cluster property: fast-check generates a case and a command list over a search space, the
 * runner plays them, and any violation fails the property. `checkCluster` runs it and, on failure,
 * replays the shrunk counterexample to build the failure report.
 */
import fc from 'fast-check';
import { commandsArb, replayPathOf } from '../arbitraries/operations.js';
import { fuzzCaseArb } from '../arbitraries/fuzz-case.js';
import type { FuzzSpace } from '../arbitraries/space.js';
import type { FuzzCase } from '../model/fuzz-case.js';
import { buildFailureReport, type FailureReport } from '../report/failure-report.js';
import { type CommandDescriptor, FuzzCommand } from './commands.js';
import { checkDeterminism, type DeterminismOptions } from './determinism.js';
import { runCase } from './run-case.js';
import type { FuzzModel, FuzzReal } from './world.js';

/** A generated scenario: a case and its commands. */
export interface GeneratedScenario {
  readonly fuzzCase: FuzzCase;
  readonly commands: Iterable<fc.Command<FuzzModel, FuzzReal>>;
}

/** Options of the cluster property. */
export interface ClusterPropertyOptions extends DeterminismOptions {
  readonly space?: FuzzSpace;
  /** Run each case twice and fail at the first divergent trace record. */
  readonly determinism?: boolean;
  /** fast-check's command replay path, printed in failure reports; pass it with `{ seed, path }` to replay. */
  readonly replayPath?: string;
}

/** The scenario arbitrary of a space (`replayPath` replays a shrunk command list with its seed and path). */
export function scenarioArb(space: FuzzSpace = {}, replayPath?: string): fc.Arbitrary<GeneratedScenario> {
  return fc.record({ fuzzCase: fuzzCaseArb(space), commands: commandsArb(space, replayPath) });
}

/** The descriptors of a command list (unwrapping fast-check's command wrappers). */
export function descriptorsOf(commands: Iterable<unknown>): CommandDescriptor[] {
  const out: CommandDescriptor[] = [];
  for (const c of commands) {
    const cmd = c && typeof c === 'object' && 'cmd' in c ? (c as { cmd: unknown }).cmd : c;
    if (cmd instanceof FuzzCommand) out.push(cmd.descriptor);
  }
  return out;
}

/** Thrown by the property's predicate; carries the violations' text. */
export class ClusterPropertyFailure extends Error {
  override readonly name = 'ClusterPropertyFailure';
}

/** Checks one scenario; throws ClusterPropertyFailure when an invariant breaks. */
export function checkScenario(s: GeneratedScenario, options: ClusterPropertyOptions = {}): void {
  if (options.determinism) {
    const d = checkDeterminism(s.fuzzCase, descriptorsOf(s.commands), options);
    if (!d.deterministic) throw new ClusterPropertyFailure(d.text);
    return;
  }
  const result = runCase(s.fuzzCase, s.commands, options);
  if (result.violations.length) {
    throw new ClusterPropertyFailure(result.violations.map((v) => `[${v.invariant}] ${v.message}`).join('\n'));
  }
}

/** The property over a space (use with `fc.assert`/`fc.check`, or `checkCluster`). */
export function clusterProperty(options: ClusterPropertyOptions = {}): fc.IPropertyWithHooks<[GeneratedScenario]> {
  return fc.property(scenarioArb(options.space, options.replayPath), (s) => checkScenario(s, options));
}

/** What `checkCluster` returns. */
export interface ClusterCheck {
  readonly failed: boolean;
  readonly numRuns: number;
  /** The failure report of the shrunk counterexample. */
  readonly report?: FailureReport;
}

/** Runs the property with fast-check; on failure, replays the shrunk case and builds its report. */
export function checkCluster(options: ClusterPropertyOptions = {}, params: fc.Parameters<[GeneratedScenario]> = {}): ClusterCheck {
  const details = fc.check(clusterProperty(options), params);
  if (!details.failed || !details.counterexample) return { failed: false, numRuns: details.numRuns };
  const [s] = details.counterexample;
  const commands = descriptorsOf(s.commands);
  const result = runCase(s.fuzzCase, commands, options);
  const report = buildFailureReport({
    seed: details.seed,
    path: details.counterexamplePath ?? '',
    numRuns: details.numRuns,
    numShrinks: details.numShrinks,
    replayPath: replayPathOf(s.commands),
    fuzzCase: s.fuzzCase,
    commands,
    result,
  });
  return { failed: true, numRuns: details.numRuns, report };
}

/** Like `checkCluster` but throws an Error whose message is the failure report. */
export function assertCluster(options: ClusterPropertyOptions = {}, params: fc.Parameters<[GeneratedScenario]> = {}): void {
  const check = checkCluster(options, params);
  if (check.report) throw new Error(check.report.text);
}
