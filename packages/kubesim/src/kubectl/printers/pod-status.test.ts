import { describe, expect, it } from 'vitest';
import type { Pod } from '../types.js';
import { podReady, podRestarts, podStatusReason } from './pod-status.js';

const pod = (status: Record<string, unknown>, extra: Record<string, unknown> = {}): Pod =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ...extra }, spec: { containers: [{ name: 'c' }] }, status }) as unknown as Pod;

describe('podStatusReason (printPod)', () => {
  it('waiting and terminated reasons win over the phase', () => {
    expect(podStatusReason(pod({ phase: 'Running', containerStatuses: [{ name: 'c', state: { waiting: { reason: 'CrashLoopBackOff' } } }] }))).toBe('CrashLoopBackOff');
    expect(podStatusReason(pod({ phase: 'Succeeded', containerStatuses: [{ name: 'c', state: { terminated: { reason: 'Completed', exitCode: 0 } } }] }))).toBe('Completed');
    expect(podStatusReason(pod({ phase: 'Failed', containerStatuses: [{ name: 'c', state: { terminated: { exitCode: 2 } } }] }))).toBe('ExitCode:2');
  });

  it('pending without container statuses prints Pending; status.reason (Evicted) wins', () => {
    expect(podStatusReason(pod({ phase: 'Pending' }))).toBe('Pending');
    expect(podStatusReason(pod({ phase: 'Failed', reason: 'Evicted' }))).toBe('Evicted');
  });

  it('Terminating when being deleted, unless finished; Unknown for NodeLost', () => {
    expect(podStatusReason(pod({ phase: 'Running' }, { deletionTimestamp: '2026-01-01T00:00:00Z' }))).toBe('Terminating');
    expect(podStatusReason(pod({ phase: 'Succeeded' }, { deletionTimestamp: '2026-01-01T00:00:00Z' }))).toBe('Succeeded');
    expect(podStatusReason(pod({ phase: 'Running', reason: 'NodeLost' }, { deletionTimestamp: '2026-01-01T00:00:00Z' }))).toBe('Unknown');
  });

  it('init containers: Init:0/1 and Init:Error', () => {
    const p = (s: unknown) => ({ ...pod({ phase: 'Pending', initContainerStatuses: [s] }), spec: { containers: [{ name: 'c' }], initContainers: [{ name: 'i' }] } }) as unknown as Pod;
    expect(podStatusReason(p({ name: 'i', state: { running: {} } }))).toBe('Init:0/1');
    expect(podStatusReason(p({ name: 'i', state: { terminated: { exitCode: 1, reason: 'Error' } } }))).toBe('Init:Error');
  });
});

describe('READY and RESTARTS columns', () => {
  it('ready over total', () => {
    expect(podReady(pod({ containerStatuses: [{ name: 'c', ready: false }] }))).toBe('0/1');
  });

  it('restarts with the age of the last termination', () => {
    const parse = (ts: string) => (ts === '2026-01-01T00:05:00Z' ? 5 * 60_000 : 0);
    const p = pod({ containerStatuses: [{ name: 'c', restartCount: 2, lastState: { terminated: { finishedAt: '2026-01-01T00:05:00Z' } } }] });
    expect(podRestarts(p, 10 * 60_000, parse)).toBe('2 (5m ago)');
    expect(podRestarts(pod({ containerStatuses: [{ name: 'c', restartCount: 0 }] }), 0, parse)).toBe('0');
  });
});
