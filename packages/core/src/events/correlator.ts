/**
 * The event correlator's memory of recent events (client-go's `eventLogger` LRU): which stored
 * Event a repeat of the same event (same source, object, type, reason and message) aggregates into.
 *
 * Design: entries are filed per involved object (its uid, whose string hash V8 keeps) and found by
 * comparing the few fields, instead of hashing one long joined key per event; one Map keeps the
 * recency order for the LRU bound.
 * @see client-go tools/record/events_cache.go (eventLogger, getEventKey, maxLruCacheEntries)
 */

/** client-go `maxLruCacheEntries`: how many distinct events the correlator remembers. */
export const MAX_LRU_CACHE_ENTRIES = 4096;

/** What identifies an event for aggregation (`getEventKey`), besides its object. */
export interface EventIdentity {
  readonly component: string;
  readonly host: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly type: string;
  readonly reason: string;
  readonly message: string;
}

interface Entry extends EventIdentity {
  readonly objectKey: string;
  readonly eventName: string;
  /** Neighbours in the recency list (`older` toward the least recently used end). */
  older: Entry | undefined;
  newer: Entry | undefined;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function same(e: EventIdentity, id: EventIdentity): boolean {
  return (
    e.reason === id.reason &&
    e.message === id.message &&
    e.component === id.component &&
    e.host === id.host &&
    e.type === id.type &&
    e.kind === id.kind &&
    e.namespace === id.namespace &&
    e.name === id.name
  );
}

/**
 * Recent events by object, bounded like client-go's LRU.
 * @remarks The recency order is a doubly linked list through the entries: touching and evicting
 * are O(1). (A `Map` used as the list was not: after many deletions at its front, V8 walks the
 * deleted slots to find the first live key.)
 */
export class EventCache {
  private readonly byObject = new Map<string, Entry | Entry[]>();
  /** Least and most recently used entries. */
  private oldest: Entry | undefined;
  private newest: Entry | undefined;
  private size = 0;

  constructor(private readonly maxEntries = MAX_LRU_CACHE_ENTRIES) {}

  /** The stored Event name a repeat of `id` about `objectKey` aggregates into; marks it recently used. */
  get(objectKey: string, id: EventIdentity): string | undefined {
    const found = this.byObject.get(objectKey);
    if (found === undefined) return undefined;
    if (!Array.isArray(found)) return same(found, id) ? this.touch(found).eventName : undefined;
    for (const e of found) if (same(e, id)) return this.touch(e).eventName;
    return undefined;
  }

  /** Remembers a new Event, forgetting the least recently used one beyond the bound. */
  add(objectKey: string, id: EventIdentity, eventName: string): void {
    let entry: Entry;
    if (this.size >= this.maxEntries && this.oldest !== undefined) {
      // At the bound the least recently used entry goes: its object becomes the new entry (an
      // entry lives for thousands of events, long enough to be copied into the old generation;
      // reusing it spares the young GC that copy and the old generation the garbage).
      entry = this.oldest;
      this.forget(entry);
      const e = entry as Mutable<Entry>;
      e.component = id.component;
      e.host = id.host;
      e.kind = id.kind;
      e.namespace = id.namespace;
      e.name = id.name;
      e.type = id.type;
      e.reason = id.reason;
      e.message = id.message;
      e.objectKey = objectKey;
      e.eventName = eventName;
    } else {
      // Spelled out: a spread that adds keys is slow in V8.
      entry = {
        component: id.component,
        host: id.host,
        kind: id.kind,
        namespace: id.namespace,
        name: id.name,
        type: id.type,
        reason: id.reason,
        message: id.message,
        objectKey,
        eventName,
        older: undefined,
        newer: undefined,
      };
    }
    // Most objects have one remembered event: kept bare, an array only from the second on.
    const found = this.byObject.get(objectKey);
    if (found === undefined) this.byObject.set(objectKey, entry);
    else if (Array.isArray(found)) found.push(entry);
    else this.byObject.set(objectKey, [found, entry]);
    this.link(entry);
    this.size++;
    if (this.size > this.maxEntries) this.forget(this.oldest as Entry);
  }

  /** Moves `e` to the most recently used end. */
  private touch(e: Entry): Entry {
    if (e !== this.newest) {
      this.unlink(e);
      this.link(e);
    }
    return e;
  }

  private link(e: Entry): void {
    e.older = this.newest;
    e.newer = undefined;
    if (this.newest) this.newest.newer = e;
    else this.oldest = e;
    this.newest = e;
  }

  private unlink(e: Entry): void {
    if (e.older) e.older.newer = e.newer;
    else this.oldest = e.newer;
    if (e.newer) e.newer.older = e.older;
    else this.newest = e.older;
    e.older = undefined;
    e.newer = undefined;
  }

  private forget(entry: Entry): void {
    this.unlink(entry);
    this.size--;
    const found = this.byObject.get(entry.objectKey);
    if (found === entry) {
      this.byObject.delete(entry.objectKey);
      return;
    }
    if (!Array.isArray(found)) return;
    const i = found.indexOf(entry);
    if (i >= 0) found.splice(i, 1);
    if (found.length === 1) this.byObject.set(entry.objectKey, found[0]);
  }
}
