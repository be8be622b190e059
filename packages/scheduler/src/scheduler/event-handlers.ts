/**
 * Cluster events that can make unschedulable pods schedulable, and the plugins each concerns
 * (a coarse form of upstream's EventsToRegister + QueueingHints).
 * @see kubernetes pkg/scheduler/eventhandlers.go, framework/types.go (ClusterEvent)
 */
import { INTER_POD_AFFINITY } from '../plugins/inter-pod-affinity/inter-pod-affinity.js';
import { NODE_RESOURCES_FIT } from '../plugins/node-resources-fit/node-resources-fit.js';
import { NODE_VOLUME_LIMITS } from '../plugins/node-volume-limits/node-volume-limits.js';
import { POD_TOPOLOGY_SPREAD } from '../plugins/pod-topology-spread/pod-topology-spread.js';
import { VOLUME_BINDING } from '../plugins/volume-binding/volume-binding.js';
import { VOLUME_RESTRICTIONS } from '../plugins/volume-restrictions/volume-restrictions.js';
import { VOLUME_ZONE } from '../plugins/volume-zone/volume-zone.js';

/** An assigned pod was deleted (or finished): resources, volumes, spreading. */
export const ASSIGNED_POD_DELETE: ReadonlySet<string> = new Set([
  NODE_RESOURCES_FIT,
  INTER_POD_AFFINITY,
  POD_TOPOLOGY_SPREAD,
  VOLUME_RESTRICTIONS,
  NODE_VOLUME_LIMITS,
]);
/** A pod was bound: affinity and spreading may now be satisfied. */
export const ASSIGNED_POD_ADD: ReadonlySet<string> = new Set([INTER_POD_AFFINITY, POD_TOPOLOGY_SPREAD]);
/** PVC added/updated/deleted. */
export const PVC_CHANGE: ReadonlySet<string> = new Set([VOLUME_BINDING, VOLUME_RESTRICTIONS, VOLUME_ZONE, NODE_VOLUME_LIMITS]);
/** PV added/updated. */
export const PV_CHANGE: ReadonlySet<string> = new Set([VOLUME_BINDING, VOLUME_ZONE, NODE_VOLUME_LIMITS]);
/** StorageClass added/updated. */
export const STORAGE_CLASS_CHANGE: ReadonlySet<string> = new Set([VOLUME_BINDING, VOLUME_ZONE]);
/** CSINode added/updated. */
export const CSI_NODE_CHANGE: ReadonlySet<string> = new Set([NODE_VOLUME_LIMITS, VOLUME_BINDING]);
