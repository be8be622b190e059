/**
 * API writes of the scheduler: the pods/binding subresource (nodeName + PodScheduled=True) and the
 * PodScheduled=False condition of a failed attempt.
 * @see kubernetes pkg/registry/core/pod/storage/storage.go (setPodHostAndAnnotations),
 *   pkg/scheduler/schedule_one.go (updatePod)
 */
import type { CoreCluster } from '@kubesim/core';
import type { Pod, PodCondition } from '../api/types.js';

type MutablePod = { spec: { nodeName?: string }; status?: { conditions?: PodCondition[] } };

function setCondition(d: MutablePod, cond: PodCondition): boolean {
  if (!d.status) d.status = {};
  if (!d.status.conditions) d.status.conditions = [];
  const list = d.status.conditions;
  const i = list.findIndex((c) => c.type === cond.type);
  if (i < 0) {
    list.push(cond);
    return true;
  }
  const old = list[i];
  if (old.status === cond.status && old.reason === cond.reason && old.message === cond.message) return false;
  list[i] = { ...cond, lastTransitionTime: old.status === cond.status ? old.lastTransitionTime : cond.lastTransitionTime };
  return true;
}

/**
 * Binds a pod: sets `spec.nodeName` and PodScheduled=True, through the API's `pods/binding`
 * subresource when the pod is unassigned, ungated and not yet PodScheduled=True (always, in
 * practice); otherwise as a plain update, which keeps a PodScheduled=True condition as it is.
 */
export function bindPod(core: CoreCluster, pod: Pod, nodeName: string): Pod {
  const gated = ((pod.spec as { schedulingGates?: readonly unknown[] }).schedulingGates?.length ?? 0) > 0;
  const scheduled = pod.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'True') ?? false;
  if (!pod.spec.nodeName && !gated && !scheduled) return core.api.bind<Pod>(pod.metadata.namespace ?? 'default', pod.metadata.name as string, nodeName);
  const now = core.clock.rfc3339();
  return core.api.updateWith<Pod>('Pod', pod.metadata.namespace, pod.metadata.name as string, (draft) => {
    const d = draft as unknown as MutablePod;
    d.spec.nodeName = nodeName;
    setCondition(d, { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now });
  });
}

/** Records PodScheduled=False with the failure reason and message (no write if unchanged). */
export function setUnschedulableCondition(core: CoreCluster, pod: Pod, reason: string, message: string): void {
  const now = core.clock.rfc3339();
  core.api.updateWith<Pod>('Pod', pod.metadata.namespace, pod.metadata.name as string, (draft) => {
    const d = draft as unknown as MutablePod;
    setCondition(d, { type: 'PodScheduled', status: 'False', reason, message, lastProbeTime: null, lastTransitionTime: now });
  });
}
