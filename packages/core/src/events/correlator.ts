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
}

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

/** Recent events by object, bounded like client-go's LRU. */
export class EventCache {
  private readonly byObject = new Map<string, Entry[]>();
  /** Every entry, least recently used first. */
  private readonly recency = new Map<Entry, true>();

  constructor(private readonly maxEntries = MAX_LRU_CACHE_ENTRIES) {}

  /** The stored Event name a repeat of `id` about `objectKey` aggregates into; marks it recently used. */
  get(objectKey: string, id: EventIdentity): string | undefined {
    const list = this.byObject.get(objectKey);
    if (!list) return undefined;
    for (const e of list) {
      if (!same(e, id)) continue;
      this.recency.delete(e);
      this.recency.set(e, true);
      return e.eventName;
    }
    return undefined;
  }

  /** Remembers a new Event, forgetting the least recently used one beyond the bound. */
  add(objectKey: string, id: EventIdentity, eventName: string): void {
    // Spelled out: a spread that adds keys is slow in V8.
    const entry: Entry = {
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
    };
    const list = this.byObject.get(objectKey);
    if (list) list.push(entry);
    else this.byObject.set(objectKey, [entry]);
    this.recency.set(entry, true);
    if (this.recency.size > this.maxEntries) this.forget(this.recency.keys().next().value as Entry);
  }

  private forget(entry: Entry): void {
    this.recency.delete(entry);
    const list = this.byObject.get(entry.objectKey);
    if (!list) return;
    const i = list.indexOf(entry);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.byObject.delete(entry.objectKey);
  }
}
