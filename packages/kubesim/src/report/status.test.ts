import { describe, expect, it } from 'vitest';
import { nodeClasses, nodeStatusLabel, podClasses, podTone } from './status.js';
import { makeNode, makePod } from './testing/builders.js';

describe('podTone', () => {
  it.each([
    ['Running', 'running'],
    ['ContainerCreating', 'waiting'],
    ['Pending', 'waiting'],
    ['PodInitializing', 'waiting'],
    ['Init:0/1', 'waiting'],
    ['Init:CrashLoopBackOff', 'failed'],
    ['Terminating', 'terminating'],
    ['CrashLoopBackOff', 'failed'],
    ['Error', 'failed'],
    ['ImagePullBackOff', 'failed'],
    ['ExitCode:137', 'failed'],
    ['Completed', 'done'],
    ['Unknown', 'other'],
  ])('%s is %s', (status, tone) => {
    expect(podTone(status)).toBe(tone);
  });

  it('adds stuck to a stuck pod only', () => {
    expect(podClasses(makePod('a', { status: 'ContainerCreating', stuck: true }))).toBe('pod pod-waiting stuck');
    expect(podClasses(makePod('a', { status: 'ContainerCreating' }))).toBe('pod pod-waiting');
  });
});

describe('node status', () => {
  it.each([
    [{ ready: 'True' as const }, 'Ready', 'node'],
    [{ ready: 'False' as const }, 'NotReady', 'node node-notready'],
    [{ ready: 'Unknown' as const }, 'Unknown', 'node node-unknown'],
    [{ ready: 'True' as const, unschedulable: true }, 'Ready,SchedulingDisabled', 'node node-cordoned'],
    [{ ready: 'Unknown' as const, unschedulable: true }, 'Unknown,SchedulingDisabled', 'node node-unknown node-cordoned'],
  ])('%o prints %s', (over, label, classes) => {
    const node = makeNode('n', 'i-1', over);
    expect(nodeStatusLabel(node)).toBe(label);
    expect(nodeClasses(node)).toBe(classes);
  });
});
