/**
 * The event recorder: `v1 Event` objects with reason, message, type, source component and
 * involved object, aggregated like client-go's correlator: a repeat of the same event bumps
 * `count` and `lastTimestamp` instead of writing a new object.
 * @see client-go tools/record/event.go, events_cache.go
 */
import type { ObjectReference } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/object.js';
import type { ObjectStore } from '../store/store.js';
import { EventCache } from './correlator.js';

/** Index of events by the uid of the object they are about. */
export const EVENTS_BY_INVOLVED_UID = 'involvedObject.uid';

/** `Normal` or `Warning`. */
export type EventType = 'Normal' | 'Warning';

/** A stored v1 Event. */
export interface CoreEvent extends KubeObject {
  readonly involvedObject: ObjectReference;
  readonly reason: string;
  readonly message: string;
  readonly type: EventType;
  readonly count: number;
  readonly firstTimestamp: string;
  readonly lastTimestamp: string;
  readonly source: { readonly component: string; readonly host?: string };
  readonly reportingComponent: string;
  readonly reportingInstance: string;
}

/** `v1.ObjectReference` to an object. */
export function getReference(obj: KubeObject): ObjectReference {
  return {
    kind: obj.kind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name,
    uid: obj.metadata.uid,
    apiVersion: obj.apiVersion,
    resourceVersion: obj.metadata.resourceVersion,
  };
}

/** Writes and aggregates events. One recorder serves every component (named per call). */
export class EventRecorder {
  /** Recent events and the stored Event each aggregates into. */
  private readonly seen = new EventCache();
  /** `sourceOf`'s objects. */
  private readonly sources = new Map<string, { readonly component: string }>();
  private seq = 0;
  private lastEpochMs = Number.NaN;
  /** Unix nanoseconds of `lastEpochMs` as two 32-bit halves (exact; a double is not beyond 2^53). */
  private nanosHigh = 0;
  private nanosLow = 0;
  /** When false, events are not stored (benchmarks of pure scheduling may turn them off). */
  enabled = true;

  constructor(private readonly store: ObjectStore) {
    // Lazy: only describe and diagnose ask for an object's events; a run without them files none.
    store.addIndex<CoreEvent>('Event', EVENTS_BY_INVOLVED_UID, (e) => [e.involvedObject.uid ?? ''], { lazy: true });
  }

  /**
   * Records an event about `obj` from `component` (`kubelet`, `default-scheduler`, …).
   * @param host for kubelet events, the node name
   */
  event(obj: KubeObject, type: EventType, reason: string, message: string, component: string, host?: string): void {
    if (!this.enabled) return;
    const clock = this.store.loop.clock;
    const now = clock.rfc3339();
    const namespace = obj.metadata.namespace || 'default';
    const objectKey = obj.metadata.uid ?? `${obj.kind}/${namespace}/${obj.metadata.name}`;
    const id = { component, host: host ?? '', kind: obj.kind, namespace, name: obj.metadata.name ?? '', type, reason, message };
    const existing = this.seen.get(objectKey, id);
    if (existing && this.store.get('Event', namespace, existing)) {
      this.store.update<CoreEvent>('Event', namespace, existing, (d) => {
        d.count += 1;
        d.lastTimestamp = now;
      });
      return;
    }
    // client-go names events `<name>.<hex unix nanos>`; virtual nanos plus a sequence keep them unique.
    const name = `${obj.metadata.name}.${this.nanosHex(clock.startEpochMs + clock.now(), this.seq++)}`;
    this.seen.add(objectKey, id, name);
    this.store.loop.recordEvent(type, reason, obj.kind, obj.metadata.name as string, message);
    const event: CoreEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: getReference(obj),
      reason,
      message,
      type,
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
      source: host ? { component, host } : this.sourceOf(component),
      reportingComponent: component,
      reportingInstance: host ?? '',
    };
    this.store.createOwned(event);
  }

  /** The frozen `source` of a component's events without a host (one per component, shared by its events). */
  private sourceOf(component: string): { readonly component: string } {
    let source = this.sources.get(component);
    if (source === undefined) {
      source = Object.freeze({ component });
      this.sources.set(component, source);
    }
    return source;
  }

  /** `epochMs` in Unix nanoseconds plus `extra`, in lowercase hex (no BigInt per event: events come in bursts). */
  private nanosHex(epochMs: number, extra: number): string {
    if (epochMs !== this.lastEpochMs) {
      this.lastEpochMs = epochMs;
      const nanos = BigInt(epochMs) * 1_000_000n;
      this.nanosHigh = Number(nanos >> 32n);
      this.nanosLow = Number(nanos & 0xffffffffn);
    }
    const low = this.nanosLow + extra;
    const high = this.nanosHigh + Math.floor(low / 0x100000000);
    const lowHex = (low % 0x100000000).toString(16);
    return high === 0 ? lowHex : high.toString(16) + lowHex.padStart(8, '0');
  }

  /** Events about one object, oldest first (by first timestamp, then name). */
  eventsFor(obj: KubeObject): CoreEvent[] {
    return this.store
      .byIndex<CoreEvent>('Event', EVENTS_BY_INVOLVED_UID, obj.metadata.uid ?? '')
      .sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!));
  }
}
