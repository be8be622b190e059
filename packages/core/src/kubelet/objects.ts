/**
 * Stored-object views of the `kubernetes-types` shapes the node agents read and write.
 */
import type { ConfigMap, Endpoints, Node, PersistentVolume, PersistentVolumeClaim, Pod, Service } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/object.js';

/** A stored Pod. */
export type PodObject = Pod & KubeObject;
/** A stored Node. */
export type NodeObject = Node & KubeObject;
/** A stored Service. */
export type ServiceObject = Service & KubeObject;
/** A stored Endpoints. */
export type EndpointsObject = Endpoints & KubeObject;
/** A stored PersistentVolumeClaim. */
export type PvcObject = PersistentVolumeClaim & KubeObject;
/** A stored PersistentVolume. */
export type PvObject = PersistentVolume & KubeObject;
/** A stored ConfigMap. */
export type ConfigMapObject = ConfigMap & KubeObject;

/** Index of pods by `spec.nodeName` (shared by kubelets, node lifecycle, taint eviction and pod GC). */
export const PODS_BY_NODE_INDEX = 'spec.nodeName';

/** Registers the pods-by-node index (idempotent). */
export function addPodsByNodeIndex(store: { addIndex<T extends KubeObject>(kind: string, name: string, fn: (o: T) => readonly string[]): void }): void {
  store.addIndex<PodObject>('Pod', PODS_BY_NODE_INDEX, (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []));
}
