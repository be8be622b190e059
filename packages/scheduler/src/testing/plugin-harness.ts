/**
 * Runs single plugins against objects in a test cluster: builds the scheduler (without running
 * the loop), then calls PreFilter and Filter (or Score) for one pod on named nodes.
 */
import type { CoreCluster } from '@kubesim/core';
import type { Pod } from '../api/types.js';
import type { NodeInfo } from '../cache/node-info.js';
import { CycleState } from '../framework/cycle-state.js';
import type { FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../framework/interface.js';
import { batchOf } from '../framework/node-batch.js';
import { newPodInfo } from '../framework/pod-info.js';
import type { Status } from '../framework/status.js';
import { installScheduler, type Scheduler } from '../scheduler/scheduler.js';

/** A scheduler whose plugins can be called one by one. */
export interface PluginHarness {
  readonly scheduler: Scheduler;
  /** PreFilter (if any) then Filter of plugin `name` for `pod` on `nodeName`. */
  filter(name: string, pod: Pod, nodeName: string): Status | undefined;
  /** Raw Score of plugin `name` for `pod` on each node (after PreScore). */
  score(name: string, pod: Pod, nodeNames: readonly string[]): number[];
  nodeInfo(name: string): NodeInfo;
}

/** Settles the store's watch events into a fresh scheduler and returns the harness. */
export function pluginHarness(core: CoreCluster): PluginHarness {
  const scheduler = installScheduler(core);
  const nodeInfo = (name: string): NodeInfo => {
    const ni = scheduler.cache.nodeInfo(name);
    if (!ni) throw new Error(`no node ${name}`);
    return ni;
  };
  return {
    scheduler,
    nodeInfo,
    filter(name, pod, nodeName) {
      const p = scheduler.framework.plugins.get(name) as Partial<PreFilterPlugin & FilterPlugin>;
      const state = new CycleState();
      const pi = newPodInfo(pod);
      const pre = p.preFilter?.(state, pi, scheduler.cache.nodeList());
      if (pre?.code === 'Skip') return undefined;
      if (pre) return pre;
      return p.filter?.(state, pi, nodeInfo(nodeName));
    },
    score(name, pod, nodeNames) {
      const p = scheduler.framework.plugins.get(name) as ScorePlugin & Partial<PreScorePlugin>;
      const state = new CycleState();
      const pi = newPodInfo(pod);
      const nodes = nodeNames.map(nodeInfo);
      p.preScore?.(state, pi, batchOf(nodes, scheduler.cache.table));
      return nodes.map((n) => p.score(state, pi, n));
    },
  };
}
