/**
 * `kubesim/testing`: the fuzz toolkit — fast-check arbitraries for topologies, StorageClasses,
 * workloads and operations; a model-based runner on `fc.commands`; invariants with stable ids;
 * failure reports with exported reproductions; a determinism check mode; regression replay.
 * Explicit exports only.
 */
export { type FuzzSpace, type OperationName, type ResolvedFuzzSpace, DEFAULT_SPACE, OPERATIONS, WORKLOAD_OPERATIONS, resolveSpace } from './arbitraries/space.js';
export { storageClassArb, topologyArb } from './arbitraries/topology.js';
export { fuzzCaseArb } from './arbitraries/fuzz-case.js';
export { PATHOLOGY_SPACES, type PathologySpaceName, SAFE_SPACES, type SafeSpaceName } from './arbitraries/presets.js';
export { commandArbs, commandsArb, replayPathOf } from './arbitraries/operations.js';
export { FAULT_OPERATIONS, type FaultScheduleOptions, faultScheduleArb, type ScheduledFault, scheduleCommands } from './arbitraries/fault-schedule.js';
export { describeCase, type FuzzCase, type NodeGroupSpec, nodeCount, type ProvisionerName, type StorageClassSpec, type TopologySpec, type WorkloadSpec } from './model/fuzz-case.js';
export { caseManifests, claimTemplateNames, type Manifest, sharedClaimName, storageClassManifest, toYaml, workloadManifests } from './model/manifests.js';
export { type CommandDescriptor, FuzzCommand } from './runner/commands.js';
export { type FuzzModel, type FuzzReal, InvariantFailure, type ScriptLine } from './runner/world.js';
export { clusterOptionsOf, type RunOptions, type RunResult, runCase } from './runner/run-case.js';
export { checkDeterminism, type DeterminismCheck, type DeterminismOptions } from './runner/determinism.js';
export {
  assertCluster,
  checkCluster,
  checkScenario,
  type ClusterCheck,
  ClusterPropertyFailure,
  type ClusterPropertyOptions,
  clusterProperty,
  descriptorsOf,
  type GeneratedScenario,
  scenarioArb,
} from './runner/property.js';
export { type RegressionEntry, type RegressionOutcome, regressionEntryOf, replayRegression } from './runner/regressions.js';
export { buildFailureReport, type FailureReport, TRACE_TAIL_LINES } from './report/failure-report.js';
export { exportReproduction, type Reproduction, toScenarioFile, toShellScript } from './report/reproduction.js';
export {
  attachSameZone,
  bindingSymmetric,
  convergenceInvariants,
  type Invariant,
  livenessInvariants,
  noEbsDataLoss,
  noPodOnTerminatedNode,
  podFitsNode,
  rwoSingleNode,
  safetyInvariants,
  statefulSetClaimNames,
  statefulSetOrdinalUnique,
  stuckPodsExplained,
  type Violation,
  violation,
  workloadsReady,
} from './invariants/index.js';
export { HEAL_MINUTES, SETUP_MINUTES } from './defaults.js';
