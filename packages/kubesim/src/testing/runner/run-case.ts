/**
 * Runs one fuzz case: create the cluster, apply the case's manifests, run the commands through
 * `fc.modelRun` (safety invariants after each), heal the faults, let T virtual minutes pass, then
 * check the liveness invariants. Returns everything a failure report needs.
 */
import fc from 'fast-check';
import { type Cluster, createCluster } from '../../cluster.js';
import type { ClusterOptions } from '../../options.js';
import { HEAL_MINUTES, SETUP_MINUTES } from '../defaults.js';
import { livenessInvariants, safetyInvariants } from '../invariants/index.js';
import type { Invariant, Violation } from '../invariants/invariant.js';
import { type FuzzCase, nodeCount } from '../model/fuzz-case.js';
import { caseManifests, toYaml } from '../model/manifests.js';
import { type CommandDescriptor, FuzzCommand } from './commands.js';
import { checkSafety, type FuzzModel, type FuzzReal, InvariantFailure, runLine } from './world.js';

/** How a case is run. */
export interface RunOptions {
  /** Safety invariants checked after setup and after every command (default: all). */
  readonly safety?: () => Invariant[];
  /** Liveness invariants checked after the heal phase (default: stuck pods explained). */
  readonly liveness?: () => Invariant[];
  /** Virtual minutes after setup before the first command (default 2). */
  readonly setupMinutes?: number;
  /** Virtual minutes after healing before liveness is checked (default 20). */
  readonly healMinutes?: number;
  /** Test-only hook called on the fresh cluster (determinism tests inject nondeterminism here). */
  readonly onCluster?: (cluster: Cluster) => void;
}

/** What one run produced. */
export interface RunResult {
  readonly cluster: Cluster;
  readonly real: FuzzReal;
  /** Violations found (empty when the case passed). */
  readonly violations: readonly Violation[];
  /** Phase the first violation was found in. */
  readonly phase?: 'setup' | 'commands' | 'liveness';
}

/** The cluster options a case derives. */
export function clusterOptionsOf(c: FuzzCase): ClusterOptions {
  return { seed: c.seed, zones: c.topology.zones, nodes: c.topology.nodes.map((g) => ({ ...g })) };
}

function newWorld(c: FuzzCase, options: RunOptions): { model: FuzzModel; real: FuzzReal } {
  const cluster = createCluster(clusterOptionsOf(c));
  options.onCluster?.(cluster);
  const cloud = cluster.core.cloud;
  const nodes = cluster
    .list('Node')
    .map((n) => n.metadata.name ?? '')
    .sort()
    .map((name) => {
      const info = cloud?.instanceForNode(name);
      return { name, instanceId: info?.instanceId ?? '', zone: info?.zone ?? '' };
    });
  const count = nodeCount(c.topology);
  const model: FuzzModel = { fuzzCase: c, nodeCount: count, nodeState: Array.from({ length: count }, () => 'running' as const), cordoned: new Set(), outOfService: new Set() };
  const real: FuzzReal = { cluster, fuzzCase: c, nodes, script: [], safety: (options.safety ?? safetyInvariants)() };
  return { model, real };
}

/** Virtual minutes the heal waits before starting a zone's instances again: EC2 refuses to start an instance that is still stopping. */
const STOPPING_SETTLE_MINUTES = 2;

/** Heal: zones recover, cordons and out-of-service taints are lifted. Stopped and terminated instances stay lost. */
function heal(model: FuzzModel, real: FuzzReal): void {
  const outage = real.nodes.filter((_, i) => model.nodeState[i] === 'outage').map((n) => n.instanceId);
  if (outage.length) {
    runLine(real, `advance ${STOPPING_SETTLE_MINUTES}m`);
    runLine(real, `aws ec2 start-instances --instance-ids ${outage.join(' ')}`);
  }
  for (const i of [...model.cordoned].sort()) runLine(real, `kubectl uncordon ${real.nodes[i].name}`);
  for (const i of [...model.outOfService].sort()) {
    if (model.nodeState[i] !== 'terminated') runLine(real, `kubectl taint nodes ${real.nodes[i].name} node.kubernetes.io/out-of-service-`);
  }
}

/** Runs a case with the given commands (from `fc.commands`, or descriptors from a regression entry). */
export function runCase(c: FuzzCase, commands: Iterable<fc.Command<FuzzModel, FuzzReal>> | readonly CommandDescriptor[], options: RunOptions = {}): RunResult {
  const { model, real } = newWorld(c, options);
  const cmds = Array.isArray(commands) ? (commands as CommandDescriptor[]).map((d) => new FuzzCommand(d)) : (commands as Iterable<fc.Command<FuzzModel, FuzzReal>>);
  const failed = (phase: RunResult['phase'], violations: readonly Violation[]): RunResult => ({ cluster: real.cluster, real, violations, phase });
  try {
    runLine(real, 'kubectl apply -f -', { stdin: toYaml(caseManifests(c)) });
    runLine(real, `advance ${options.setupMinutes ?? SETUP_MINUTES}m`);
    checkSafety(real);
  } catch (e) {
    if (e instanceof InvariantFailure) return failed('setup', e.violations);
    throw e;
  }
  try {
    fc.modelRun(() => ({ model, real }), cmds);
    heal(model, real);
    runLine(real, `advance ${options.healMinutes ?? HEAL_MINUTES}m`);
    checkSafety(real);
  } catch (e) {
    if (e instanceof InvariantFailure) return failed('commands', e.violations);
    throw e;
  }
  const violations = (options.liveness ?? livenessInvariants)().flatMap((inv) => inv.check(real.cluster));
  return violations.length ? failed('liveness', violations) : { cluster: real.cluster, real, violations: [] };
}
