/**
 * The object store: one `Map` of frozen objects per kind, secondary indexes kept on every write,
 * and watch events fanned out through the event queue (never re-entrantly inside a write).
 *
 * Design: every write is one `produce` on ONE object; collections are mutable `Map`s of immutable
 * objects, so a write costs the same at 1k and 100k objects. resourceVersion is one cluster-wide
 * counter; uids and generated names come from the store's seeded RNG stream.
 * @see apiserver pkg/registry/generic/registry/store.go
 */
import EventEmitter from 'eventemitter3';
import { type Draft, Immer } from 'immer';
import { errors, OBJECT_MODIFIED } from '../api/errors.js';
import type { KindRegistry } from '../api/kinds.js';
import { type KubeObject, keyOf, objectKey } from '../api/object.js';
import { Fifo } from '../sim/fifo.js';
import type { EventLoop } from '../sim/loop.js';
import type { QueuedEvent } from '../sim/queue.js';
import type { Rng } from '../sim/rng.js';
import { ExpiryQueue } from './expiry.js';
import { copyOwn, deepFreeze, shareStructure } from './structural-sharing.js';

/** `watch.EventType`. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One watch event: the new object (or the last state, for DELETED) and the previous one. */
export interface WatchEvent<T extends KubeObject = KubeObject> {
  readonly type: WatchEventType;
  /** The object's store key (`objectKey`: `namespace/name`, or the name of a cluster-scoped object). */
  readonly key: string;
  readonly object: T;
  readonly old?: T;
}

export type WatchHandler<T extends KubeObject = KubeObject> = (event: WatchEvent<T>) => void;

/**
 * Which events a `watchAll` subscriber handles: a pure function of the event, asked when the
 * write happens. An event no subscriber wants (and no kind watcher) is not delivered at all.
 */
export type WatchFilter = (event: WatchEvent) => boolean;

/** A `watchAll` subscriber. */
interface AllWatcher {
  readonly handler: WatchHandler;
  readonly wants: WatchFilter | undefined;
}

/** A secondary index: the values an object is filed under. */
export type IndexFunc<T extends KubeObject = KubeObject> = (obj: T) => readonly string[];

/**
 * The store's immer: auto-freeze off, because `commit` deep-freezes what a recipe made new (and
 * stops at the frozen parts it shares), which is cheaper than immer's freeze pass.
 */
const immer = new Immer({ autoFreeze: false });

/** Suffix alphabet of `generateName` (apimachinery pkg/util/rand `alphanums`). */
export const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
/** apiserver `names.SimpleNameGenerator`: `maxNameLength=63`, `randomLength=5`. */
const MAX_GENERATED_BASE = 58;
const RANDOM_LENGTH = 5;

/**
 * A secondary index: value → the keys filed under it. A value with one key (most: events by
 * involved object, pods by claim) holds the key itself, a Set only from the second key on.
 */
interface Index {
  readonly fn: IndexFunc;
  readonly map: Map<string, string | Set<string>>;
  /** Whether the objects are filed (a lazy index is built at its first query, then kept). */
  built: boolean;
}

/** Per-kind storage and indexes. */
class KindTable {
  readonly objects = new Map<string, KubeObject>();
  readonly indexes = new Map<string, Index>();
  /** `indexes`' values, for the loops of every write. */
  readonly indexList: Index[] = [];
  /** Writes waiting to expire, for a kind stored with a TTL (Events). */
  expiry?: ExpiryQueue;
  /** The loop timer at `expiry`'s oldest due write. */
  expiryTimer?: QueuedEvent;
}

/** Objects by kind, with writes, indexes and watches. */
export class ObjectStore {
  private readonly tables = new Map<string, KindTable>();
  private readonly emitter = new EventEmitter();
  /** Watch events written but not yet delivered. */
  private readonly pending = new Fifo<WatchEvent>();
  /** `watchAll` subscribers, in subscription order. */
  private allWatchers: readonly AllWatcher[] = [];
  private resourceVersion = 0;
  /** Counts writes (creates, updates, deletes) for benchmarks and tests. */
  writes = 0;

  constructor(
    readonly kinds: KindRegistry,
    readonly loop: EventLoop,
    private readonly rng: Rng,
  ) {}

  private table(kind: string): KindTable {
    let t = this.tables.get(kind);
    if (!t) {
      t = new KindTable();
      this.tables.set(kind, t);
    }
    return t;
  }

  /** One object, or undefined. */
  get<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    return this.tables.get(kind)?.objects.get(objectKey(namespace, name)) as T | undefined;
  }

  /** One object by its store key (`namespace/name`, or the name of a cluster-scoped object), or undefined. */
  getByKey<T extends KubeObject = KubeObject>(kind: string, key: string): T | undefined {
    return this.tables.get(kind)?.objects.get(key) as T | undefined;
  }

  /** All objects of a kind (optionally one namespace), sorted by key as the API server lists them. */
  list<T extends KubeObject = KubeObject>(kind: string, namespace?: string): T[] {
    const out: T[] = [];
    for (const obj of this.values<T>(kind)) {
      if (namespace === undefined || obj.metadata.namespace === namespace) out.push(obj);
    }
    return out.sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  }

  /** Iterates a kind in insertion order (cheap; for controllers that do not need sorting). */
  values<T extends KubeObject = KubeObject>(kind: string): IterableIterator<T> {
    return (this.tables.get(kind)?.objects.values() ?? new Map<string, T>().values()) as IterableIterator<T>;
  }

  /** Number of stored objects of a kind. */
  count(kind: string): number {
    return this.tables.get(kind)?.objects.size ?? 0;
  }

  /**
   * Adds a secondary index on a kind (e.g. pods by `spec.nodeName`). Indexes existing objects, or
   * with `lazy`, none until the index is first queried (writes skip an index nobody has asked).
   */
  addIndex<T extends KubeObject>(kind: string, name: string, fn: IndexFunc<T>, options?: { readonly lazy?: boolean }): void {
    const t = this.table(kind);
    if (t.indexes.has(name)) return;
    const index: Index = { fn: fn as IndexFunc, map: new Map(), built: false };
    t.indexes.set(name, index);
    if (!options?.lazy) this.build(t, index);
  }

  /** Files every stored object of `t` in `index` and keeps it filed from then on. */
  private build(t: KindTable, index: Index): void {
    if (index.built) return;
    index.built = true;
    t.indexList.push(index);
    for (const [key, obj] of t.objects) fileIndex(index, key, obj);
  }

  /** The named index of a kind, built now if it was added lazily and never asked. */
  private index(kind: string, name: string): { t: KindTable; index: Index } | undefined {
    const t = this.tables.get(kind);
    const index = t?.indexes.get(name);
    if (!t || !index) return undefined;
    this.build(t, index);
    return { t, index };
  }

  /** Objects filed under `value` in the named index, in key order. */
  byIndex<T extends KubeObject = KubeObject>(kind: string, name: string, value: string): T[] {
    const found = this.index(kind, name);
    if (!found) throw new Error(`no index ${name} on ${kind}`);
    const { t, index } = found;
    const keys = index.map.get(value);
    if (keys === undefined) return [];
    if (typeof keys === 'string') return [t.objects.get(keys) as T];
    return [...keys]
      .sort(compareKeys)
      .map((key) => t.objects.get(key) as T);
  }

  /** How many objects are filed under `value` (O(1)). */
  countByIndex(kind: string, name: string, value: string): number {
    const keys = this.index(kind, name)?.index.map.get(value);
    return keys === undefined ? 0 : typeof keys === 'string' ? 1 : keys.size;
  }

  /** Name for `generateName`: base (truncated to 58) plus 5 random characters. */
  generateName(base: string): string {
    const trimmed = base.length > MAX_GENERATED_BASE ? base.slice(0, MAX_GENERATED_BASE) : base;
    return trimmed + this.rng.string(NAME_SUFFIX_ALPHABET, RANDOM_LENGTH);
  }

  /** A new uid from the store's stream. */
  newUid(): string {
    return this.rng.uuid();
  }

  private nextResourceVersion(): string {
    this.resourceVersion++;
    return String(this.resourceVersion);
  }

  /**
   * Stores a new object. Fills `name` from `generateName`, `uid`, `resourceVersion`,
   * `creationTimestamp` and `generation` (1). Throws AlreadyExists.
   */
  create<T extends KubeObject = KubeObject>(input: NoInfer<T>): T {
    // copyOwn, not `{ ...input, newKey }`: V8 (Node 20) makes a spread copy with added keys several
    // times slower (it cannot share the copied shape).
    return this.insert(copyOwn(input, { metadata: copyOwn(input.metadata) }) as T);
  }

  /**
   * `create` for an object its caller built for the store and hands over (an Event from the
   * recorder): the same checks and stamps, written into `obj` and its `metadata` instead of into
   * copies. The caller must not keep or reuse either.
   */
  createOwned<T extends KubeObject = KubeObject>(obj: T): T {
    return this.insert(obj);
  }

  /** Names, checks, stamps and stores `obj`, a fresh object with a fresh `metadata` (both mutated). */
  private insert<T extends KubeObject>(obj: T): T {
    const metadata = obj.metadata as { -readonly [K in keyof KubeObject['metadata']]: KubeObject['metadata'][K] };
    let name = metadata.name;
    if (!name && metadata.generateName) {
      // Retry on the rare collision, as the API server's caller does.
      do name = this.generateName(metadata.generateName);
      while (this.get(obj.kind, metadata.namespace, name));
    }
    if (!name) throw errors.badRequest('resource name may not be empty');
    const t = this.table(obj.kind);
    const key = objectKey(metadata.namespace, name);
    if (t.objects.has(key)) {
      const info = this.kinds.get(obj.kind);
      throw errors.alreadyExists(info?.resource ?? obj.kind, info?.group ?? '', name);
    }
    metadata.name = name;
    metadata.uid ??= this.newUid();
    metadata.resourceVersion = this.nextResourceVersion();
    metadata.creationTimestamp ??= this.loop.clock.rfc3339();
    if (hasGeneration(obj) || this.kinds.get(obj.kind)?.customResource) metadata.generation = 1;
    deepFreeze(obj);
    t.objects.set(key, obj);
    for (const index of t.indexList) fileIndex(index, key, obj);
    if (t.expiry) this.leaseWrite(t, obj.kind, key, metadata.resourceVersion);
    this.emit('ADDED', key, obj);
    return obj;
  }

  /**
   * Updates one object with an immer recipe. Bumps `resourceVersion`, and `generation` when the
   * spec changed. Returns the stored object (the same one if the recipe changed nothing).
   * Throws NotFound.
   */
  update<T extends KubeObject>(kind: string, namespace: string | undefined, name: string, recipe: (draft: Draft<T>) => void): T {
    const t = this.tables.get(kind);
    const key = objectKey(namespace, name);
    const old = t?.objects.get(key) as T | undefined;
    if (!t || !old) throw this.notFound(kind, name);
    return this.commit(t, key, old, immer.produce(old, recipe));
  }

  /**
   * Replaces one object with `next`, a full plain object (the API server's update path): parts
   * equal to the stored ones are shared with it (`shareStructure`), the rest is frozen. Stamps
   * like `update`; returns the stored object itself when nothing changed. Throws NotFound.
   */
  replace<T extends KubeObject>(kind: string, namespace: string | undefined, name: string, next: T): T {
    const t = this.tables.get(kind);
    const key = objectKey(namespace, name);
    const old = t?.objects.get(key) as T | undefined;
    if (!t || !old) throw this.notFound(kind, name);
    return this.commit(t, key, old, shareStructure(old, next) as T);
  }

  /**
   * Stores `next`, which its caller built from the stored object `old` (a subresource write): the
   * parts it did not change are `old`'s own (not compared again), the new parts get frozen. Stamps
   * `resourceVersion` only: such a write (`pods/binding`'s GuaranteedUpdate) skips the registry
   * strategy that bumps `generation`. Throws NotFound, or Conflict when `old` is not the stored
   * object any more.
   */
  replaceFrom<T extends KubeObject>(old: T, next: T): T {
    const t = this.tables.get(old.kind);
    const key = objectKey(old.metadata.namespace, old.metadata.name as string);
    const stored = t?.objects.get(key);
    if (!t || !stored) throw this.notFound(old.kind, old.metadata.name as string);
    if (stored !== old) throw errors.conflict(this.kinds.get(old.kind)?.resource ?? old.kind, this.kinds.get(old.kind)?.group ?? '', old.metadata.name as string, OBJECT_MODIFIED);
    return this.commit(t, key, old, next, false);
  }

  private notFound(kind: string, name: string): Error {
    const info = this.kinds.get(kind);
    return errors.notFound(info?.resource ?? kind, info?.group ?? '', name);
  }

  /**
   * Stores `changed` (parts shared with `old` frozen, new parts not yet) in place of `old`, stamping
   * metadata; `strategy` false for a write that bypasses the registry strategy (no generation bump).
   */
  private commit<T extends KubeObject>(t: KindTable, key: string, old: T, changed: T, strategy = true): T {
    if (changed === old) return old;
    const specChanged = strategy && (changed as KubeObject).spec !== (old as KubeObject).spec;
    const meta = changed.metadata;
    // Stamp metadata with one shallow copy; freeze what is new (shared stored parts are frozen already).
    const metadata: { -readonly [K in keyof KubeObject['metadata']]: KubeObject['metadata'][K] } = copyOwn(meta);
    metadata.resourceVersion = this.nextResourceVersion();
    if (specChanged && meta.generation !== undefined) metadata.generation = meta.generation + 1;
    // A new top-level object (immer's, or a subresource's) takes the metadata in place; a frozen one
    // (structural sharing's) is copied.
    let top = changed as { metadata: KubeObject['metadata'] };
    if (Object.isFrozen(top)) top = copyOwn(top, { metadata });
    else top.metadata = metadata;
    const next = deepFreeze(top) as T;
    t.objects.set(key, next);
    for (const index of t.indexList) refileIndex(index, key, old, next);
    if (t.expiry) this.leaseWrite(t, next.kind, key, metadata.resourceVersion);
    this.emit('MODIFIED', key, next, old);
    return next;
  }

  /**
   * Stores `kind` with a TTL: each object is deleted (a DELETED watch event) `ttlMs` after its
   * last write, as the API server's lease on Events (`--event-ttl`). Applies to later writes.
   */
  expireAfterWrite(kind: string, ttlMs: number): void {
    this.table(kind).expiry = new ExpiryQueue(ttlMs);
  }

  /** Queues a write of a kind with a TTL and arms the kind's timer if none is. */
  private leaseWrite(t: KindTable, kind: string, key: string, resourceVersion: string): void {
    const expiry = t.expiry as ExpiryQueue;
    expiry.push(key, resourceVersion, this.loop.clock.now());
    if (t.expiryTimer === undefined) this.armExpiry(t, kind);
  }

  private armExpiry(t: KindTable, kind: string): void {
    const due = t.expiry?.nextDue();
    t.expiryTimer = due === undefined ? undefined : this.loop.scheduleAt(due, 'apiserver/ttl', () => this.expire(t, kind));
  }

  /** Deletes the objects whose last write is due to expire now, then re-arms. */
  private expire(t: KindTable, kind: string): void {
    (t.expiry as ExpiryQueue).takeDue(this.loop.clock.now(), (key, resourceVersion) => {
      const obj = t.objects.get(key);
      // A later write of the same object renewed its lease: that write is queued too.
      if (obj?.metadata.resourceVersion === resourceVersion) this.removeKey(t, key, obj);
    });
    this.armExpiry(t, kind);
  }

  /** Removes an object for good. Returns the removed object, or undefined if absent. */
  remove<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    const t = this.tables.get(kind);
    const key = objectKey(namespace, name);
    const old = t?.objects.get(key) as T | undefined;
    if (!t || !old) return undefined;
    this.removeKey(t, key, old);
    return old;
  }

  private removeKey(t: KindTable, key: string, old: KubeObject): void {
    t.objects.delete(key);
    for (const index of t.indexList) unfileIndex(index, key, old);
    this.emit('DELETED', key, old);
  }

  /** Subscribes to one kind's watch events. Returns the unsubscribe function. */
  watch<T extends KubeObject = KubeObject>(kind: string, handler: WatchHandler<T>): () => void {
    this.emitter.on(kind, handler as WatchHandler);
    return () => this.emitter.off(kind, handler as WatchHandler);
  }

  /**
   * Subscribes to every kind, after the kind's own watchers; `wants`, if given, picks the events
   * `handler` gets (the garbage collector skips writes that touch no owner reference).
   */
  watchAll(handler: WatchHandler, wants?: WatchFilter): () => void {
    const w: AllWatcher = { handler, wants };
    // Copied on change: a delivery in progress keeps iterating the list it started with.
    this.allWatchers = [...this.allWatchers, w];
    return () => {
      this.allWatchers = this.allWatchers.filter((x) => x !== w);
    };
  }

  private emit(type: WatchEventType, key: string, object: KubeObject, old?: KubeObject): void {
    this.writes++;
    this.loop.recordWrite(type, object.kind, key, this.resourceVersion);
    const event: WatchEvent = old ? { type, key, object, old } : { type, key, object };
    const kind = object.kind;
    if (this.emitter.listenerCount(kind) === 0 && !this.anyWants(event)) return;
    // One delivery task per event, in write order; the tasks share one function that takes the
    // next pending event (zero-delay tasks run in the order they were scheduled).
    this.pending.push(event);
    this.loop.schedule(0, 'watch', this.deliverNext);
  }

  /** Delivers the oldest pending watch event to the kind's watchers, then to `watchAll`'s. */
  private readonly deliverNext = (): void => {
    const event = this.pending.shift() as WatchEvent;
    this.emitter.emit(event.object.kind, event);
    const all = this.allWatchers;
    for (let i = 0; i < all.length; i++) {
      const w = all[i];
      if (w.wants === undefined || w.wants(event)) w.handler(event);
    }
  };

  private anyWants(event: WatchEvent): boolean {
    const all = this.allWatchers;
    for (let i = 0; i < all.length; i++) {
      const w = all[i];
      if (w.wants === undefined || w.wants(event)) return true;
    }
    return false;
  }
}

/**
 * Kinds whose registry strategy sets `metadata.generation` (1 on create, +1 on a spec change):
 * the workloads, pods (1.33), the policy and networking objects, and PriorityClasses (generation 1
 * for good: they have no spec). Services, nodes, volumes, claims and namespaces have a spec but no
 * generation.
 * @see kubernetes pkg/registry/<group>/<kind>/strategy.go (PrepareForCreate)
 */
const GENERATION_KINDS = new Set(['Pod', 'ReplicationController', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'PodDisruptionBudget', 'Ingress', 'NetworkPolicy', 'PriorityClass']);

function hasGeneration(obj: KubeObject): boolean {
  return GENERATION_KINDS.has(obj.kind);
}

/** Whether the registry strategy of `kind` keeps `metadata.generation` (a custom resource's does too). */
export function kindHasGeneration(kind: string, customResource: boolean): boolean {
  return customResource || GENERATION_KINDS.has(kind);
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function fileIndex(index: Index, key: string, obj: KubeObject): void {
  for (const value of index.fn(obj)) {
    const keys = index.map.get(value);
    if (keys === undefined) index.map.set(value, key);
    else if (typeof keys !== 'string') keys.add(key);
    else if (keys !== key) index.map.set(value, new Set([keys, key]));
  }
}

function unfileIndex(index: Index, key: string, obj: KubeObject): void {
  for (const value of index.fn(obj)) {
    const keys = index.map.get(value);
    if (keys === undefined) continue;
    if (typeof keys === 'string') {
      if (keys === key) index.map.delete(value);
      continue;
    }
    keys.delete(key);
    if (keys.size === 1) index.map.set(value, keys.values().next().value as string);
    else if (keys.size === 0) index.map.delete(value);
  }
}

function refileIndex(index: Index, key: string, old: KubeObject, next: KubeObject): void {
  const before = index.fn(old);
  const after = index.fn(next);
  if (before.length === after.length && before.every((v, i) => v === after[i])) return;
  unfileIndex(index, key, old);
  fileIndex(index, key, next);
}
