/**
 * API writes of the scheduler: the pods/binding subresource (nodeName + PodScheduled=True) and the
 * PodScheduled=False condition of a failed attempt.
 * @see kubernetes pkg/registry/core/pod/storage/storage.go (setPodHostAndAnnotations),
 *   pkg/scheduler/schedule_one.go (updatePod)
 */
import type { CoreCluster } from '@kubesim/core';
import type { Pod, PodCondition } from '../api/types.js';

type MutablePod = { spec: { nodeName?: string }; status?: { conditions?: PodCondition[]; nominatedNodeName?: string } };

function setCondition(d: MutablePod, cond: PodCondition): void {
  if (!d.status) d.status = {};
  if (!d.status.conditions) d.status.conditions = [];
  const list = d.status.conditions;
  const i = list.findIndex((c) => c.type === cond.type);
  if (i < 0) list.push(cond);
  else {
    const old = list[i];
    if (old.status === cond.status && old.reason === cond.reason && old.message === cond.message) return;
    list[i] = { ...cond, lastTransitionTime: old.status === cond.status ? old.lastTransitionTime : cond.lastTransitionTime };
  }
}

/** Upstream's bind plugin, named in bind failures (`running Bind plugin "DefaultBinder": …`). */
export const DEFAULT_BINDER = 'DefaultBinder';

/**
 * Binds the scheduled pod through the API's `pods/binding` subresource (`DefaultBinder`), with its
 * UID as precondition. Throws the API's Conflict when it is gone, recreated or already assigned.
 */
export function bindPod(core: CoreCluster, pod: Pod, nodeName: string): Pod {
  return core.api.bind<Pod>(pod.metadata.namespace ?? 'default', pod.metadata.name as string, nodeName, pod.metadata.uid);
}

/**
 * Records PodScheduled=False with the failure reason and message, and `status.nominatedNodeName`
 * when preemption set or cleared it (`updatePod`; no write if nothing changed).
 */
export function setUnschedulableCondition(core: CoreCluster, pod: Pod, reason: string, message: string, nominatedNodeName?: string): void {
  const now = core.clock.rfc3339();
  core.api.updateWith<Pod>('Pod', pod.metadata.namespace, pod.metadata.name as string, (draft) => {
    const d = draft as unknown as MutablePod;
    setCondition(d, { type: 'PodScheduled', status: 'False', reason, message, lastProbeTime: null, lastTransitionTime: now });
    if (nominatedNodeName === undefined || (d.status?.nominatedNodeName ?? '') === nominatedNodeName) return;
    if (!d.status) d.status = {};
    if (nominatedNodeName) d.status.nominatedNodeName = nominatedNodeName;
    else delete d.status.nominatedNodeName;
  });
}
