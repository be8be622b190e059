/**
 * Garbage collector: deletes dependents whose owners are all gone (background cascade), orphans
 * dependents of an owner deleted with the `orphan` finalizer, and holds an owner deleted with
 * `foregroundDeletion` until its dependents are gone.
 *
 * Design: an owner-uid → dependents index kept from watch events, so each deletion touches only
 * its own dependents. Work runs on a controller queue keyed by owner uid. Owners are found as
 * upstream finds them: by the reference's kind and name (in the dependent's namespace, or
 * cluster-scoped), and only if the object there has the referenced uid.
 * @see kubernetes pkg/controller/garbagecollector/garbagecollector.go
 */
import type { ApiServer } from '../../api/server.js';
import type { KubeObject } from '../../api/object.js';
import type { EventLoop } from '../../sim/loop.js';
import type { ObjectStore, WatchEvent } from '../../store/store.js';
import { Controller } from '../runtime/controller.js';

/** Finalizer names (metav1.FinalizerOrphanDependents, FinalizerDeleteDependents). */
export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';

interface Ref {
  readonly kind: string;
  readonly namespace: string | undefined;
  readonly name: string;
}

const SEP = '\u0000';
const refKey = (r: Ref) => `${r.kind}${SEP}${r.namespace ?? ''}${SEP}${r.name}`;

/** The dependent of `kind` stored under `key` (`objectKey`: `namespace/name`, or a cluster-scoped name). */
function refOf(kind: string, key: string): Ref {
  const slash = key.indexOf('/');
  return slash < 0 ? { kind, namespace: undefined, name: key } : { kind, namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** An owner's dependents: store keys by kind (the watch event's key, no string made per dependent). */
type Dependents = Map<string, Set<string>>;

type OwnerReferences = NonNullable<KubeObject['metadata']['ownerReferences']>;
const NONE: Readonly<OwnerReferences> = Object.freeze([]);

/**
 * Whether `onEvent` has anything to do for `e`: a deletion, an object with finalizers, or owner
 * references that appeared or changed. Most writes (an Event, a pod's status) are none of these.
 */
function wantsEvent(e: WatchEvent): boolean {
  const m = e.object.metadata;
  if (e.type === 'DELETED' || m.deletionTimestamp || (m.finalizers?.length ?? 0) > 0) return true;
  if (e.type === 'MODIFIED') return e.old?.metadata.ownerReferences !== m.ownerReferences;
  return (m.ownerReferences?.length ?? 0) > 0;
}

/** An owner's reference as the collector knows it: kind, name, and where to look. */
interface OwnerRef {
  readonly kind: string;
  /** The dependent's namespace (a namespaced owner is in it), or undefined for a cluster-scoped object. */
  readonly namespace: string | undefined;
  readonly name: string;
}

/** The garbage collector controller. */
export class GarbageCollector {
  /** owner uid → dependents (an owner without any has no entry). */
  private readonly dependents = new Map<string, Dependents>();
  /** owner uid → how to find it (learned from references to it, and from its own events). */
  private readonly owners = new Map<string, OwnerRef>();
  readonly controller: Controller;

  constructor(
    private readonly api: ApiServer,
    store: ObjectStore,
    loop: EventLoop,
  ) {
    this.controller = new Controller(loop, { name: 'garbage-collector', sync: (uid) => this.sync(uid) });
    store.watchAll(
      (e) => this.onEvent(e),
      (e) => wantsEvent(e),
    );
  }

  private onEvent(e: WatchEvent): void {
    const obj = e.object;
    // Like the graph builder, an update only matters for the owner references it added or removed
    // (stored objects are immutable: the same array means the same references).
    if (e.type !== 'MODIFIED' || e.old?.metadata.ownerReferences !== obj.metadata.ownerReferences) this.onReferences(e);
    const uid = obj.metadata.uid ?? '';
    if (e.type === 'DELETED' || obj.metadata.deletionTimestamp) {
      if (this.dependents.get(uid)?.size || obj.metadata.finalizers?.length) this.enqueueOwner(uid, obj);
    }
    if (e.type !== 'DELETED' && obj.metadata.finalizers?.includes(FINALIZER_FOREGROUND)) this.enqueueOwner(uid, obj);
  }

  /** Queues an owner's sync, remembering where the object itself is. */
  private enqueueOwner(uid: string, obj: KubeObject): void {
    this.owners.set(uid, { kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name ?? '' });
    this.controller.enqueue(uid);
  }

  /**
   * The live object a reference of a dependent in `namespace` points to: same kind and name, in
   * that namespace or cluster-scoped, and the referenced uid (a recreated namesake is not it).
   */
  private resolve(ref: { readonly kind: string; readonly name: string; readonly uid: string }, namespace: string | undefined): KubeObject | undefined {
    const store = this.api.store;
    const o = (namespace !== undefined ? store.get(ref.kind, namespace, ref.name) : undefined) ?? store.get(ref.kind, undefined, ref.name);
    return o?.metadata.uid === ref.uid ? o : undefined;
  }

  /** The live owner with this uid, found where it was last known to be. */
  private owner(uid: string): KubeObject | undefined {
    const at = this.owners.get(uid);
    return at ? this.resolve({ kind: at.kind, name: at.name, uid }, at.namespace) : undefined;
  }

  /** Files the object under the owners it references now, and out of those it no longer does. */
  private onReferences(e: WatchEvent): void {
    const obj = e.object;
    const before = (e.type === 'DELETED' ? obj : e.old)?.metadata.ownerReferences ?? NONE;
    const after = e.type === 'DELETED' ? NONE : (obj.metadata.ownerReferences ?? NONE);
    if (before.length === 0 && after.length === 0) return;
    const namespace = obj.metadata.namespace;
    const kind = obj.kind;
    const key = e.key;
    for (const r of before) {
      if (after.some((a) => a.uid === r.uid)) continue;
      const deps = this.dependents.get(r.uid);
      const set = deps?.get(kind);
      if (deps && set?.delete(key) && set.size === 0) {
        deps.delete(kind);
        if (deps.size === 0) this.dependents.delete(r.uid);
      }
      // An owner waiting in foreground deletion re-checks when a dependent goes.
      if (this.resolve(r, namespace)?.metadata.deletionTimestamp) this.controller.enqueue(r.uid);
    }
    for (const r of after) {
      let deps = this.dependents.get(r.uid);
      if (!deps) {
        deps = new Map();
        this.dependents.set(r.uid, deps);
      }
      let set = deps.get(kind);
      if (!set) {
        set = new Set();
        deps.set(kind, set);
      }
      set.add(key);
      if (!this.owners.has(r.uid)) this.owners.set(r.uid, { kind: r.kind, namespace, name: r.name });
      // A dependent whose owner is already gone is collected too.
      if (!this.resolve(r, namespace)) this.controller.enqueue(r.uid);
    }
  }

  private sync(uid: string): void {
    const owner = this.owner(uid);
    // In the order of their `kind\0namespace\0name` keys.
    const deps: Ref[] = [];
    for (const [kind, keys] of this.dependents.get(uid) ?? []) for (const key of keys) deps.push(refOf(kind, key));
    deps.sort((a, b) => {
      const x = refKey(a);
      const y = refKey(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    if (!owner) {
      for (const d of deps) this.collect(d, uid);
      return;
    }
    const finalizers = owner.metadata.finalizers ?? [];
    if (!owner.metadata.deletionTimestamp) return;
    if (finalizers.includes(FINALIZER_ORPHAN)) {
      for (const d of deps) {
        if (!this.api.get(d.kind, d.namespace, d.name)) continue;
        this.api.updateWith<KubeObject>(d.kind, d.namespace, d.name, (draft) => {
          draft.metadata.ownerReferences = draft.metadata.ownerReferences?.filter((r) => r.uid !== uid);
          if (draft.metadata.ownerReferences?.length === 0) delete draft.metadata.ownerReferences;
        });
      }
      this.removeFinalizer(owner, FINALIZER_ORPHAN);
      return;
    }
    if (finalizers.includes(FINALIZER_FOREGROUND)) {
      const live = deps.filter((d) => this.api.get(d.kind, d.namespace, d.name));
      for (const d of live) this.collect(d, uid, 'Foreground');
      if (live.length === 0) this.removeFinalizer(owner, FINALIZER_FOREGROUND);
    }
  }

  /** Deletes a dependent unless another live owner still holds it. */
  private collect(d: Ref, goneOwnerUid: string, policy: 'Background' | 'Foreground' = 'Background'): void {
    const dep = this.api.get(d.kind, d.namespace, d.name);
    if (!dep || dep.metadata.deletionTimestamp) return;
    const others = (dep.metadata.ownerReferences ?? []).filter((r) => r.uid !== goneOwnerUid);
    const ownerStillGoing = this.owner(goneOwnerUid) && policy === 'Background';
    if (ownerStillGoing) return;
    if (others.some((r) => this.resolve(r, d.namespace))) {
      this.api.updateWith<KubeObject>(d.kind, d.namespace, d.name, (draft) => {
        draft.metadata.ownerReferences = others;
      });
      return;
    }
    this.api.delete(d.kind, d.namespace, d.name, { propagationPolicy: policy });
  }

  private removeFinalizer(owner: KubeObject, finalizer: string): void {
    this.api.updateWith<KubeObject>(owner.kind, owner.metadata.namespace, owner.metadata.name ?? '', (d) => {
      d.metadata.finalizers = d.metadata.finalizers?.filter((f) => f !== finalizer);
    });
  }
}
