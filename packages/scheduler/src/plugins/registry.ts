/**
 * The plugin registry and the default profile: every in-tree plugin kubesim models, in upstream
 * MultiPoint order, with its default score weight.
 * @see kubernetes pkg/scheduler/framework/plugins/registry.go, apis/config/v1/default_plugins.go
 */
import type { Handle, Plugin, ScoreFusion } from '../framework/interface.js';
import { DefaultScoreFusion } from './default-score-fusion.js';
import { DEFAULT_PREEMPTION, DefaultPreemption } from './default-preemption/default-preemption.js';
import { INTER_POD_AFFINITY, InterPodAffinity } from './inter-pod-affinity/inter-pod-affinity.js';
import { NODE_AFFINITY, NodeAffinity } from './node-affinity/node-affinity.js';
import { NODE_NAME, NodeName } from './node-name/node-name.js';
import { BalancedAllocation, NODE_RESOURCES_BALANCED_ALLOCATION } from './node-resources-balanced-allocation/balanced-allocation.js';
import { NODE_RESOURCES_FIT, NodeResourcesFit } from './node-resources-fit/node-resources-fit.js';
import { NODE_UNSCHEDULABLE, NodeUnschedulable } from './node-unschedulable/node-unschedulable.js';
import { NODE_VOLUME_LIMITS, NodeVolumeLimits } from './node-volume-limits/node-volume-limits.js';
import { POD_TOPOLOGY_SPREAD, PodTopologySpread } from './pod-topology-spread/pod-topology-spread.js';
import { TAINT_TOLERATION, TaintToleration } from './taint-toleration/taint-toleration.js';
import { VOLUME_BINDING, VolumeBinding } from './volume-binding/volume-binding.js';
import { VOLUME_RESTRICTIONS, VolumeRestrictions } from './volume-restrictions/volume-restrictions.js';
import { VOLUME_ZONE, VolumeZone } from './volume-zone/volume-zone.js';

/** One registry entry. */
export interface RegistryEntry {
  readonly name: string;
  readonly factory: (handle: Handle) => Plugin;
  /** Default score weight (0 for plugins that do not score). */
  readonly weight: number;
}

/** Default plugins in MultiPoint order (default_plugins.go getDefaultPlugins). */
export const DEFAULT_PLUGINS: readonly RegistryEntry[] = [
  { name: NODE_UNSCHEDULABLE, factory: () => new NodeUnschedulable(), weight: 0 },
  { name: NODE_NAME, factory: () => new NodeName(), weight: 0 },
  { name: TAINT_TOLERATION, factory: () => new TaintToleration(), weight: 3 },
  { name: NODE_AFFINITY, factory: () => new NodeAffinity(), weight: 2 },
  { name: NODE_RESOURCES_FIT, factory: () => new NodeResourcesFit(), weight: 1 },
  { name: VOLUME_RESTRICTIONS, factory: (h) => new VolumeRestrictions(h), weight: 0 },
  { name: NODE_VOLUME_LIMITS, factory: (h) => new NodeVolumeLimits(h), weight: 0 },
  { name: VOLUME_BINDING, factory: (h) => new VolumeBinding(h), weight: 0 },
  { name: VOLUME_ZONE, factory: (h) => new VolumeZone(h), weight: 0 },
  { name: POD_TOPOLOGY_SPREAD, factory: (h) => new PodTopologySpread(h), weight: 2 },
  { name: INTER_POD_AFFINITY, factory: (h) => new InterPodAffinity(h), weight: 2 },
  { name: DEFAULT_PREEMPTION, factory: (h) => new DefaultPreemption(h), weight: 0 },
  { name: NODE_RESOURCES_BALANCED_ALLOCATION, factory: () => new BalancedAllocation(), weight: 1 },
];

/** Names of all registered plugins. */
export const PLUGIN_NAMES: readonly string[] = DEFAULT_PLUGINS.map((p) => p.name);

/** Score fusions of the default profile (used when their plugins are the ones scoring). */
export const DEFAULT_SCORE_FUSIONS: readonly (() => ScoreFusion)[] = [() => new DefaultScoreFusion()];
