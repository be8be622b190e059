/**
 * Extension points of the scheduling framework and the handle plugins get at construction.
 *
 * @remarks Statuses are `undefined` for Success. Filter plugins see the pod's PodInfo and one
 * NodeInfo; Score plugins return a raw score that NormalizeScore maps to 0..100. PreBind may
 * answer `'wait'` and later call `done` (VolumeBinding waiting for PV binding).
 * @see kubernetes pkg/scheduler/framework/interface.go
 */
import type { CoreCluster } from '@kubesim/core';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../api/types.js';
import type { SchedulerCache } from '../cache/cache.js';
import type { NodeInfo } from '../cache/node-info.js';
import type { CycleState } from './cycle-state.js';
import type { NodeBatch } from './node-batch.js';
import type { PodInfo } from './pod-info.js';
import type { Status } from './status.js';

/** Every plugin has its upstream name. */
export interface Plugin {
  readonly name: string;
}

/** Runs once per attempt before Filter. May return Skip to skip its Filter. */
export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | undefined;
}

/**
 * Decides whether the pod fits one node.
 *
 * @remarks `filterNodes` is an optional batch pre-check: it sets `bit` in `flags[i]` for every
 * node `i` of the batch that `filter` might reject, so unflagged nodes are known to pass, and
 * returns whether it flagged any. The framework then calls `filter` only for flagged nodes, so a
 * plugin with `filterNodes` must have a `filter` without side effects.
 */
export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined;
  filterNodes?(state: CycleState, pod: PodInfo, batch: NodeBatch, flags: Uint8Array, bit: number): boolean;
}

/** What Filter found, handed to PostFilter. */
export interface Diagnosis {
  /** Status per rejected node. */
  readonly nodeToStatus: ReadonlyMap<string, Status>;
  /** The PreFilter rejection message, if a PreFilter plugin rejected. */
  readonly preFilterMsg: string;
  readonly numAllNodes: number;
}

/**
 * What a PostFilter plugin answers (`PostFilterResult` with its status): `status` undefined is
 * Success (the pod may fit in a later cycle); `nominatedNodeName`, when set, is written to the
 * pod's `status.nominatedNodeName` (`ModeOverride`: `''` clears it), else it is left as it is.
 */
export interface PostFilterResult {
  readonly status?: Status;
  readonly nominatedNodeName?: string;
}

/** Runs when no node fits (DefaultPreemption). */
export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: PodInfo, diagnosis: Diagnosis): PostFilterResult;
}

/** Runs once before Score over the feasible nodes. */
export interface PreScorePlugin extends Plugin {
  /** `feasible`: the nodes that passed Filter (`batchNode` for a NodeInfo, `count` of them). */
  preScore(state: CycleState, pod: PodInfo, feasible: NodeBatch): Status | undefined;
}

/** Scores of a list of nodes, aligned with it (the framework passes reused `Float64Array`s). */
export type NodeScores = number[] | Float64Array;

/**
 * Scores one feasible node; `normalizeScore` rewrites `scores` (aligned with `nodes`) in place.
 *
 * @remarks `scoreNodes` is an optional batch form of Score: it writes into `out` exactly what
 * `score` returns for each node of the batch, reading the cycle state and pod constants once
 * instead of per node. The framework uses it when present.
 */
export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: PodInfo, node: NodeInfo): number;
  scoreNodes?(state: CycleState, pod: PodInfo, batch: NodeBatch, out: Float64Array): void;
  normalizeScore?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], scores: NodeScores): void;
}

/** Positions (in order) of the nodes sharing the highest total: the first `count` of `positions`. */
export interface HighestTotals {
  readonly positions: Int32Array;
  readonly count: number;
}

/**
 * Score and NormalizeScore of several plugins in one pass over the nodes, for the cycles where it
 * applies: the same numbers as the plugins' own `scoreNodes` and `normalizeScore`, without a pass
 * per plugin and step.
 * @remarks A kubesim addition (speed); a property test compares it with the plugins' own forms.
 */
export interface ScoreFusion {
  /** The Score plugins it computes, in the order of its columns. */
  readonly plugins: readonly string[];
  /**
   * Writes `totals[k] = Σ score(i, k) × weights[i]` (weights aligned with `plugins`). Returns false
   * when it does not apply to this cycle (then the framework scores plugin by plugin, and what it
   * wrote does not count).
   */
  scoreNodes(state: CycleState, pod: PodInfo, batch: NodeBatch, weights: readonly number[], totals: Float64Array): boolean;
  /**
   * The normalized score of its `column`-th plugin for the batch's `k`-th node, as of the last
   * `scoreNodes` that returned true (valid until the next cycle: explain reads the best rows only).
   */
  score(column: number, k: number): number;
  /** The batch rows with the highest total, as of the last `scoreNodes` that returned true, if it found them. */
  readonly highest?: HighestTotals;
}

/** Reserves resources for the chosen node; Unreserve rolls back on a later failure. */
export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: PodInfo, nodeName: string): Status | undefined;
  unreserve(state: CycleState, pod: PodInfo, nodeName: string): void;
}

/** Completes prerequisites of binding. `'wait'` means `done` will be called later. */
export interface PreBindPlugin extends Plugin {
  preBind(state: CycleState, pod: PodInfo, nodeName: string, done: (status: Status | undefined) => void): Status | undefined | 'wait';
}

/** What plugins can read besides the cache. */
export interface Handle {
  readonly core: CoreCluster;
  readonly cache: SchedulerCache;
  getPVC(namespace: string, name: string): PersistentVolumeClaim | undefined;
  getPV(name: string): PersistentVolume | undefined;
  getStorageClass(name: string): StorageClass | undefined;
  /**
   * PVs of class `className` a claim could bind: those without a `claimRef` and those whose
   * `claimRef` names the claim `claimKey` (`namespace/name`), sorted by name.
   */
  bindablePVs(className: string, claimKey: string): PersistentVolume[];
  /** Registers a callback run when the PVC `namespace/name` changes (VolumeBinding's wait). Returns unsubscribe. */
  onClaimChange(claimKey: string, cb: (claim: PersistentVolumeClaim) => void): () => void;
  /** Runs the profile's Filter plugins not skipped in this cycle on one node (`RunFilterPluginsWithNominatedPods`). */
  runFilter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined;
  /** The pods preemption nominated to `node`, not bound yet (`NominatedPodsForNode`). */
  nominatedPods(node: string): readonly PodInfo[];
  /** The profile's scheduler name (the component of its events). */
  readonly schedulerName: string;
}

/** Builds a plugin from the handle and its args. */
export type PluginFactory = (handle: Handle) => Plugin;
