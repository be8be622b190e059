/**
 * Controller references: indexes of objects by their controller's uid and of orphans by
 * namespace, and the adopt/release step every workload controller runs before it counts.
 * @see kubernetes pkg/controller/controller_ref_manager.go (ClaimPods, ClaimReplicaSets)
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { getControllerOf, type KubeObject, newControllerRef } from '../../api/object.js';
import type { ApiServer } from '../../api/server.js';
import type { ObjectStore } from '../../store/store.js';
import { selectorMatches } from './label-selector.js';

/** Index: objects by the uid of their controller owner reference. */
export const CONTROLLER_UID_INDEX = 'controller-uid';
/** Index: objects without a controller, by namespace. */
export const ORPHANS_BY_NAMESPACE_INDEX = 'orphans-by-namespace';
/** Index: objects by namespace (for owner kinds, to find who may adopt an orphan). */
export const NAMESPACE_INDEX = 'namespace';

/** Adds the controller-uid and orphan indexes on a dependent kind (idempotent). */
export function addControllerIndexes(store: ObjectStore, kind: string): void {
  store.addIndex(kind, CONTROLLER_UID_INDEX, (o) => {
    const ref = getControllerOf(o);
    return ref ? [ref.uid] : [];
  });
  store.addIndex(kind, ORPHANS_BY_NAMESPACE_INDEX, (o) => (getControllerOf(o) ? [] : [o.metadata.namespace ?? '']));
}

/** Adds the namespace index on an owner kind (idempotent). */
export function addNamespaceIndex(store: ObjectStore, kind: string): void {
  store.addIndex(kind, NAMESPACE_INDEX, (o) => [o.metadata.namespace ?? '']);
}

/** Objects of `kind` controlled by `owner` (terminating ones included), in key order. */
export function ownedBy<T extends KubeObject>(store: ObjectStore, kind: string, owner: KubeObject): T[] {
  return store.byIndex<T>(kind, CONTROLLER_UID_INDEX, owner.metadata.uid ?? '');
}

/**
 * `ClaimObjects`: adopts matching orphans, releases owned objects that stopped matching, and
 * returns what `owner` controls afterwards, in key order.
 * @remarks Nothing is adopted while the owner or the orphan is being deleted; `canAdopt`
 * narrows adoption (StatefulSets adopt only `<set>-<ordinal>` names).
 */
export function claimObjects<T extends KubeObject>(
  api: ApiServer,
  kind: string,
  owner: KubeObject,
  selector: LabelSelector | undefined,
  canAdopt: (obj: T) => boolean = () => true,
): T[] {
  const store = api.store;
  const uid = owner.metadata.uid ?? '';
  const ownerDeleting = owner.metadata.deletionTimestamp !== undefined;
  const out: T[] = [];
  for (const obj of ownedBy<T>(store, kind, owner)) {
    if (selectorMatches(selector, obj.metadata.labels) || ownerDeleting) {
      out.push(obj);
      continue;
    }
    api.updateWith<KubeObject>(kind, obj.metadata.namespace, obj.metadata.name ?? '', (d) => {
      d.metadata.ownerReferences = d.metadata.ownerReferences?.filter((r) => r.uid !== uid);
      if (d.metadata.ownerReferences?.length === 0) delete d.metadata.ownerReferences;
    });
  }
  if (ownerDeleting) return out;
  let adoptedAny = false;
  for (const obj of store.byIndex<T>(kind, ORPHANS_BY_NAMESPACE_INDEX, owner.metadata.namespace ?? '')) {
    if (obj.metadata.deletionTimestamp || !selectorMatches(selector, obj.metadata.labels) || !canAdopt(obj)) continue;
    const adopted = api.updateWith<KubeObject>(kind, obj.metadata.namespace, obj.metadata.name ?? '', (d) => {
      d.metadata.ownerReferences = [...(d.metadata.ownerReferences ?? []), newControllerRef(owner)];
    });
    out.push(adopted as T);
    adoptedAny = true;
  }
  // `ownedBy` is already in key (= name, one namespace) order; only adoptions need a re-sort.
  return adoptedAny ? out.sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1)) : out;
}

/** Owners of `ownerKind` in the object's namespace whose selector matches it (sorted by name). */
export function ownersSelecting(
  store: ObjectStore,
  ownerKind: string,
  obj: KubeObject,
  selectorOf: (owner: KubeObject) => LabelSelector | undefined,
): KubeObject[] {
  return store
    .byIndex(ownerKind, NAMESPACE_INDEX, obj.metadata.namespace ?? '')
    .filter((o) => selectorMatches(selectorOf(o), obj.metadata.labels));
}
