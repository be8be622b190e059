/**
 * The `pods/binding` subresource: assigns a pending pod to a node. Writes the new pod object
 * directly (no immer draft): the scheduler binds every pod once, so this is a hot path.
 * @see kubernetes pkg/registry/core/pod/storage/storage.go (BindingREST.setPodHostAndAnnotations)
 */
import { errors } from './errors.js';
import type { KubeObject } from './object.js';
import type { ObjectStore } from '../store/store.js';
import { copyOwn } from '../store/structural-sharing.js';

interface PodCondition {
  readonly type: string;
  readonly status: string;
  readonly lastTransitionTime?: string | null;
  readonly [key: string]: unknown;
}

type BindablePod = KubeObject & {
  readonly spec?: { readonly nodeName?: string; readonly schedulingGates?: readonly unknown[] };
  readonly status?: { readonly conditions?: readonly PodCondition[] };
};

/**
 * Binds `namespace/name` to `nodeName`: `spec.nodeName` and PodScheduled=True (its transition time
 * kept when it was True already). Throws NotFound, or Conflict when the pod is not the one with
 * `uid` (the Binding's UID precondition: deleted and recreated under the same name), is already
 * assigned, or still has scheduling gates.
 */
export function bindPod(store: ObjectStore, namespace: string, name: string, nodeName: string, nowTs: string, uid?: string): KubeObject {
  const pod = store.get<BindablePod>('Pod', namespace, name);
  if (!pod) throw errors.notFound('pods', '', name);
  if (uid !== undefined && pod.metadata.uid !== uid) {
    throw conflict(name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${pod.metadata.uid}`);
  }
  if (pod.spec?.nodeName) throw conflict(name, `pod ${name} is already assigned to node ${JSON.stringify(pod.spec.nodeName)}`);
  if (pod.spec?.schedulingGates?.length) throw conflict(name, `pod ${name} has non-empty .spec.schedulingGates`);
  const conditions = pod.status?.conditions ?? NO_CONDITIONS;
  let i = 0;
  while (i < conditions.length && conditions[i].type !== 'PodScheduled') i++;
  const old = i < conditions.length ? conditions[i] : undefined;
  const scheduled: PodCondition =
    old?.status === 'True' ? { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: old.lastTransitionTime } : scheduledCondition(nowTs);
  // The conditions with PodScheduled replaced (or added last); a pod with no other condition
  // shares one frozen list with the pods bound at the same instant.
  let nextConditions: readonly PodCondition[];
  if (conditions.length === 0 || (conditions.length === 1 && i === 0)) nextConditions = onlyScheduled(scheduled);
  else {
    const copy = conditions.slice();
    copy[i] = scheduled;
    nextConditions = copy;
  }
  // copyOwn, not `{ ...pod.spec, nodeName }`: V8 copies a spread with new keys slowly. Only the
  // spec, the status and its conditions are new: the rest is the stored pod's (`replaceFrom`).
  const spec = copyOwn(pod.spec, { nodeName });
  const status = copyOwn(pod.status, { conditions: nextConditions });
  return store.replaceFrom<KubeObject>(pod, copyOwn(pod, { spec, status }));
}

const NO_CONDITIONS: readonly PodCondition[] = Object.freeze([]);

/** The last PodScheduled=True condition made, and the one-condition list holding it (frozen, shared). */
let lastScheduled: PodCondition | undefined;
let lastOnlyScheduled: readonly PodCondition[] = NO_CONDITIONS;

/**
 * PodScheduled=True with this transition time: one frozen object for every pod bound at the same
 * instant (the scheduler binds thousands per virtual millisecond).
 */
function scheduledCondition(lastTransitionTime: string): PodCondition {
  if (lastScheduled?.lastTransitionTime !== lastTransitionTime) {
    lastScheduled = Object.freeze({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime });
    lastOnlyScheduled = Object.freeze([lastScheduled]);
  }
  return lastScheduled;
}

/** The frozen list of just `scheduled` (`scheduledCondition`'s last). */
function onlyScheduled(scheduled: PodCondition): readonly PodCondition[] {
  return lastOnlyScheduled[0] === scheduled ? lastOnlyScheduled : Object.freeze([scheduled]);
}

function conflict(name: string, why: string): Error {
  return errors.conflict('pods/binding', '', name, why);
}
