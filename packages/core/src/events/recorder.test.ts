import { describe, expect, it } from 'vitest';
import { CoreCluster } from '../cluster/core-cluster.js';
import { MAX_LRU_CACHE_ENTRIES } from './correlator.js';
import { DEFAULT_EVENT_TTL_MS } from '../store/expiry.js';
import type { CoreEvent } from './recorder.js';

describe('EventRecorder', () => {
  it('writes a v1 Event with source, involved object and timestamps', () => {
    const core = new CoreCluster();
    const pod = core.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'default' }, spec: {} });
    core.recorder.event(pod, 'Normal', 'Scheduled', 'Successfully assigned default/web-0 to n1', 'default-scheduler');
    const [e] = core.recorder.eventsFor(pod);
    expect(e.kind).toBe('Event');
    expect(e.metadata.name).toMatch(/^web-0\.[0-9a-f]+$/);
    expect(e.involvedObject).toMatchObject({ kind: 'Pod', name: 'web-0', namespace: 'default', uid: pod.metadata.uid });
    expect(e).toMatchObject({ type: 'Normal', reason: 'Scheduled', count: 1, source: { component: 'default-scheduler' } });
    expect(e.firstTimestamp).toBe('2026-01-01T00:00:00Z');
  });

  it('aggregates repeats into count and lastTimestamp', () => {
    const core = new CoreCluster();
    const pvc = core.store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: {} });
    for (let i = 0; i < 3; i++) {
      core.recorder.event(pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding', 'persistentvolume-controller');
      core.loop.advance('15s');
    }
    core.recorder.event(pvc, 'Warning', 'ProvisioningFailed', 'storageclass.storage.k8s.io "fast" not found', 'persistentvolume-controller');
    const events = core.recorder.eventsFor(pvc);
    expect(events.map((e: CoreEvent) => [e.reason, e.count])).toEqual([
      ['WaitForFirstConsumer', 3],
      ['ProvisioningFailed', 1],
    ]);
    expect(events[0].firstTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(events[0].lastTimestamp).toBe('2026-01-01T00:00:30Z');
  });

  it('remembers the last 4096 distinct events like client-go; an older repeat starts a new Event', () => {
    const core = new CoreCluster();
    const pod = core.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'default' }, spec: {} });
    const say = (i: number) => core.recorder.event(pod, 'Normal', 'Pulled', `message ${i}`, 'kubelet', 'n1');
    say(0);
    for (let i = 1; i <= MAX_LRU_CACHE_ENTRIES; i++) say(i);
    say(MAX_LRU_CACHE_ENTRIES); // still remembered: aggregated
    say(0); // forgotten: a second Event with count 1
    const byMessage = (m: string) => core.recorder.eventsFor(pod).filter((e) => e.message === m).map((e) => e.count);
    expect(byMessage(`message ${MAX_LRU_CACHE_ENTRIES}`)).toEqual([2]);
    expect(byMessage('message 0')).toEqual([1, 1]);
  });

  it('with --event-ttl, an Event is deleted that long after its last write; a repeat after that starts a new Event', () => {
    const core = new CoreCluster({ eventTtlMs: DEFAULT_EVENT_TTL_MS });
    const pvc = core.store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: {} });
    const wait = () => core.recorder.event(pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding', 'persistentvolume-controller');
    wait();
    core.loop.advance('30m');
    wait();
    // The repeat at 30 min renewed the lease: still there at 1h, gone at 1h30m.
    core.loop.advance('30m');
    expect(core.recorder.eventsFor(pvc).map((e) => e.count)).toEqual([2]);
    core.loop.advance('30m');
    expect(core.recorder.eventsFor(pvc)).toEqual([]);
    expect(core.store.list('Event')).toEqual([]);
    wait();
    expect(core.recorder.eventsFor(pvc).map((e) => [e.count, e.firstTimestamp])).toEqual([[1, '2026-01-01T01:30:00Z']]);
  });

  it('CoreOptions.eventTtlMs sets the TTL; unset, Events are kept', () => {
    const core = new CoreCluster({ eventTtlMs: 60_000 });
    const pod = core.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: {} });
    core.recorder.event(pod, 'Normal', 'Scheduled', 'x', 'default-scheduler');
    core.loop.advance('59s');
    expect(core.recorder.eventsFor(pod)).toHaveLength(1);
    core.loop.advance('1s');
    expect(core.recorder.eventsFor(pod)).toHaveLength(0);
    const keeps = new CoreCluster();
    const p2 = keeps.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: {} });
    keeps.recorder.event(p2, 'Normal', 'Scheduled', 'x', 'default-scheduler');
    keeps.loop.advance('24h');
    expect(keeps.recorder.eventsFor(p2)).toHaveLength(1);
  });
});
