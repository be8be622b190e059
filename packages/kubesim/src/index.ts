/**
 * kubesim — a deterministic in-memory simulator of Kubernetes on AWS with EBS storage.
 * `createCluster()` is the entry point; explicit exports only.
 */
export { Cluster, type CommandResult, createCluster, type EventFilter } from './cluster.js';
export { type ClusterOptions, type NodeGroupOptions, type ResolvedClusterOptions, resolveClusterOptions } from './options.js';
export type { ClusterFaults, Components } from './compose.js';
export type { ApplyResult, ListOptions } from './typed-api.js';
export { type Diagnosis, diagnosePod } from './diagnose/diagnose.js';
export { formatTranscriptStep, Session, type SessionStep } from './cli/session.js';
export { parseScenario, runScenario, type Scenario, ScenarioFailure, type ScenarioStep, type StepExpectation } from './cli/scenario.js';
export { runShell } from './cli/shell.js';
export { quoteShellWord, ShellSyntaxError, splitShellWords } from './cli/shell-words.js';
export { DEMO_SEED, type DemoResult, runDemo } from './demo/walkthrough.js';
export { CHAPTER_MANIFESTS, type ChapterManifest } from './demo/chapter-manifests.js';
export { snapshotCluster, snapshotEvents } from './snapshot/snapshot-cluster.js';
export type {
  AttachmentSnapshot,
  ClusterSnapshot,
  EventSnapshot,
  NodeSnapshot,
  PodSnapshot,
  ReportModel,
  ReportStep,
  VolumeSnapshot,
  ZoneSnapshot,
} from './report/model.js';
export { runKubectl, type KubectlContext, type KubectlEditor, type KubectlOptions, type KubectlResult } from './kubectl/index.js';
export { type LocalFileKind, LocalFileError, type LocalFiles, memoryFiles } from './kubectl/local-files.js';
export { runAws, type AwsContext } from './aws/index.js';
export { renderReport } from './report/render.js';
