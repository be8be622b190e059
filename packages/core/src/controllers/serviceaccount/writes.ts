/**
 * Writes the service account controllers share: objects the controllers of kube-controller-manager
 * create in every namespace, taking their uids from the controller's own RNG stream.
 */
import type { KubeObject } from '../../api/object.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import type { Rng } from '../../sim/rng.js';

/** Whether a namespace is Active (not being deleted). */
export function isActiveNamespace(ns: KubeObject): boolean {
  return !ns.metadata.deletionTimestamp && (ns.status as { phase?: string } | undefined)?.phase === 'Active';
}

/**
 * Stores `obj` with a uid drawn from `rng`: the API server's own stream, which names every
 * generated object, is left untouched. An object that exists by now is left as it is.
 * @remarks Not through the API server's create: these fixed objects (a ServiceAccount with a name,
 * a ConfigMap with one key) have no defaults to fill and always pass validation, and a cluster makes
 * two per namespace when it starts (the store stamps them as the API server would).
 */
export function createWithOwnUid(core: CoreCluster, obj: KubeObject, rng: Rng): KubeObject | undefined {
  if (core.store.get(obj.kind, obj.metadata.namespace, obj.metadata.name ?? '')) return undefined;
  return core.store.create<KubeObject>({ ...obj, metadata: { ...obj.metadata, uid: rng.uuid() } });
}
