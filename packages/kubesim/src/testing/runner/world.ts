/**
 * The two sides of a model-based run: the model (what the commands know without looking at the
 * cluster: node states by index) and the real side (the cluster, the lines run so far, the
 * invariants checked after every command).
 */
import type { Cluster } from '../../cluster.js';
import type { Invariant, Violation } from '../invariants/invariant.js';
import type { FuzzCase } from '../model/fuzz-case.js';

/** What a command may rely on when it checks its precondition. */
export interface FuzzModel {
  readonly fuzzCase: FuzzCase;
  readonly nodeCount: number;
  /** Node state by index (nodes sorted by name). */
  readonly nodeState: ('running' | 'stopped' | 'outage' | 'terminated')[];
  readonly cordoned: Set<number>;
  readonly outOfService: Set<number>;
}

/** One command line run against the cluster, as the reproduction replays it. */
export interface ScriptLine {
  /** `kubectl …`, `aws …` or `advance 5m`, with the literal names of this run. */
  readonly line: string;
  readonly stdin?: string;
  /** The same step for a real cluster (names looked up at run time), when it differs. */
  readonly shell?: string;
  /** Output of the line (exit code and the first line of stderr), for the report. */
  readonly exitCode: number;
}

/** The real side of a run. */
export interface FuzzReal {
  readonly cluster: Cluster;
  readonly fuzzCase: FuzzCase;
  /** Nodes by index: name, instance id and zone, fixed at creation. */
  readonly nodes: readonly { readonly name: string; readonly instanceId: string; readonly zone: string }[];
  readonly script: ScriptLine[];
  readonly safety: readonly Invariant[];
}

/** Thrown by a command when a safety invariant breaks right after it. */
export class InvariantFailure extends Error {
  override readonly name = 'InvariantFailure';
  constructor(readonly violations: readonly Violation[]) {
    super(violations.map((v) => `[${v.invariant}] ${v.message}`).join('\n'));
  }
}

/** Runs one line on the cluster and records it. */
export function runLine(real: FuzzReal, line: string, extra: { stdin?: string; shell?: string } = {}): number {
  let exitCode = 0;
  if (line.startsWith('advance ')) real.cluster.advance(line.slice('advance '.length));
  else if (line.startsWith('kubectl ')) exitCode = real.cluster.kubectl(line.slice('kubectl '.length), { stdin: extra.stdin }).exitCode;
  else if (line.startsWith('aws ')) exitCode = real.cluster.aws(line.slice('aws '.length)).exitCode;
  else throw new Error(`runLine: not a kubectl, aws or advance line: ${line}`);
  real.script.push({ line, stdin: extra.stdin, shell: extra.shell, exitCode });
  return exitCode;
}

/** Checks the safety invariants; throws InvariantFailure on any violation. */
export function checkSafety(real: FuzzReal): void {
  const violations = real.safety.flatMap((inv) => inv.check(real.cluster));
  if (violations.length) throw new InvariantFailure(violations);
}
