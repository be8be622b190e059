/**
 * Scenario files for `kubesim run`: cluster options plus steps of `kubectl …`, `aws …`,
 * `advance 5m`, each optionally with `stdin` and `expect` assertions on its output.
 *
 * ```yaml
 * cluster: { seed: 7, nodes: [{ zone: us-east-1a, count: 2 }] }
 * steps:
 *   - run: kubectl apply -f -
 *     stdin: |
 *       apiVersion: v1
 *       ...
 *   - advance 5m
 *   - run: kubectl get pods
 *     expect: { exitCode: 0, stdoutContains: ContainerCreating }
 * ```
 */
import { parse } from 'yaml';
import { type Cluster, createCluster } from '../cluster.js';
import type { ClusterOptions } from '../options.js';
import { Session } from './session.js';

/** Assertions on one step's result. */
export interface StepExpectation {
  readonly exitCode?: number;
  readonly stdoutContains?: string | readonly string[];
  readonly stdoutNotContains?: string | readonly string[];
  readonly stdoutMatches?: string;
  readonly stderrContains?: string | readonly string[];
  readonly stdout?: string;
}

/** One step: a bare command line, or an object with `run`. */
export type ScenarioStep = string | { readonly run: string; readonly stdin?: string; readonly expect?: StepExpectation; readonly section?: string };

/** A parsed scenario file. */
export interface Scenario {
  readonly name?: string;
  readonly cluster?: ClusterOptions;
  readonly steps: readonly ScenarioStep[];
}

/** A failed expectation, with enough to find it. */
export class ScenarioFailure extends Error {
  override readonly name = 'ScenarioFailure';
  constructor(
    readonly stepIndex: number,
    readonly command: string,
    message: string,
  ) {
    super(`step ${stepIndex + 1} (${command}): ${message}`);
  }
}

/** Parses and checks a scenario file's text. */
export function parseScenario(text: string): Scenario {
  const doc = parse(text, { maxAliasCount: 100 }) as unknown;
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as Scenario).steps)) {
    throw new Error('scenario: expected a mapping with a "steps" list');
  }
  const steps = (doc as Scenario).steps;
  steps.forEach((s, i) => {
    const ok = typeof s === 'string' || (typeof s === 'object' && s !== null && typeof (s as { run?: unknown }).run === 'string');
    if (!ok) throw new Error(`scenario: step ${i + 1} must be a command line or a mapping with "run"`);
  });
  return doc as Scenario;
}

const list = (v: string | readonly string[] | undefined): readonly string[] => (v === undefined ? [] : typeof v === 'string' ? [v] : v);

function check(index: number, command: string, expect: StepExpectation, r: { stdout: string; stderr: string; exitCode: number }): void {
  const fail = (msg: string) => {
    throw new ScenarioFailure(index, command, `${msg}\n--- stdout ---\n${r.stdout}--- stderr ---\n${r.stderr}`);
  };
  if (expect.exitCode !== undefined && r.exitCode !== expect.exitCode) fail(`expected exit code ${expect.exitCode}, got ${r.exitCode}`);
  for (const s of list(expect.stdoutContains)) if (!r.stdout.includes(s)) fail(`expected stdout to contain ${JSON.stringify(s)}`);
  for (const s of list(expect.stdoutNotContains)) if (r.stdout.includes(s)) fail(`expected stdout not to contain ${JSON.stringify(s)}`);
  for (const s of list(expect.stderrContains)) if (!r.stderr.includes(s)) fail(`expected stderr to contain ${JSON.stringify(s)}`);
  if (expect.stdoutMatches !== undefined && !new RegExp(expect.stdoutMatches, 'm').test(r.stdout)) fail(`expected stdout to match /${expect.stdoutMatches}/`);
  if (expect.stdout !== undefined && r.stdout !== expect.stdout) fail(`expected stdout to be exactly ${JSON.stringify(expect.stdout)}`);
}

/** Runs a scenario; throws ScenarioFailure at the first failed expectation. */
export function runScenario(
  scenario: Scenario,
  hooks: { onStep?: (index: number, total: number, command: string) => void } = {},
): { cluster: Cluster; session: Session } {
  const cluster = createCluster(scenario.cluster ?? {});
  const session = new Session(cluster);
  scenario.steps.forEach((step, i) => {
    const s = typeof step === 'string' ? { run: step } : step;
    hooks.onStep?.(i, scenario.steps.length, s.run);
    const result = session.run(s.run, { stdin: s.stdin, section: s.section });
    if (s.expect) check(i, s.run, s.expect, result);
  });
  return { cluster, session };
}
