import { CoreCluster } from '@kubesim/core';
import { describe, expect, it } from 'vitest';
import { newPodInfo } from '../framework/pod-info.js';
import { makePod } from '../testing/index.js';
import { backoffDuration, SchedulingQueue } from './scheduling-queue.js';

describe('SchedulingQueue', () => {
  it('1 backoff doubles from 1s to a 10s cap', () => {
    expect([1, 2, 3, 4, 5, 6].map(backoffDuration)).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });
  it('2 activeQ pops by priority then arrival', () => {
    const core = new CoreCluster();
    const q = new SchedulingQueue(core.loop, () => {});
    q.add(newPodInfo(makePod('low-1').obj()));
    q.add(newPodInfo(makePod('high').priority(1000).obj()));
    q.add(newPodInfo(makePod('low-2').obj()));
    expect([q.pop(), q.pop(), q.pop()].map((x) => x?.pi.pod.metadata.name)).toEqual(['high', 'low-1', 'low-2']);
  });
  it('3 a move event only moves pods rejected by a concerned plugin, into backoff while backing off', () => {
    const core = new CoreCluster();
    const q = new SchedulingQueue(core.loop, () => {});
    q.add(newPodInfo(makePod('a').obj()));
    q.add(newPodInfo(makePod('b').obj()));
    const a = q.pop();
    const b = q.pop();
    if (!a || !b) throw new Error('empty');
    q.addUnschedulable(a, new Set(['NodeAffinity']), false);
    q.addUnschedulable(b, new Set(['VolumeBinding']), false);
    q.moveAll(new Set(['VolumeBinding']));
    expect(q.whereIs('default/a')).toBe('unschedulable');
    expect(q.whereIs('default/b')).toBe('backoff');
    core.loop.advance('1s');
    expect(q.whereIs('default/b')).toBe('active');
  });
  it('4 a move event during the attempt sends the failed pod to backoff', () => {
    const core = new CoreCluster();
    const q = new SchedulingQueue(core.loop, () => {});
    q.add(newPodInfo(makePod('a').obj()));
    const a = q.pop();
    if (!a) throw new Error('empty');
    q.moveAll(undefined);
    q.addUnschedulable(a, new Set(['NodeAffinity']), false);
    expect(q.whereIs('default/a')).toBe('backoff');
  });
});
