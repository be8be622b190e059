import { describe, expect, it } from 'vitest';
import { fitErrorMessage } from './fit-error.js';
import { newStatus, type Status } from './status.js';

const m = (entries: [string, Status][]) => new Map(entries);

describe('FitError.Error()', () => {
  it('1 histogram sorted with sort.Strings, PostFilter suffix', () => {
    const msg = fitErrorMessage({
      numAllNodes: 3,
      preFilterMsg: '',
      nodeToStatus: m([
        ['n1', newStatus('UnschedulableAndUnresolvable', "node(s) didn't match Pod's node affinity/selector")],
        ['n2', newStatus('UnschedulableAndUnresolvable', "node(s) didn't match Pod's node affinity/selector")],
        ['n3', newStatus('UnschedulableAndUnresolvable', 'node(s) had volume node affinity conflict')],
      ]),
      postFilterMsg: 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    });
    expect(msg).toBe(
      "0/3 nodes are available: 1 node(s) had volume node affinity conflict, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });
  it('2 sort is bytewise on the whole "count reason" string (10 sorts before 2)', () => {
    const entries: [string, Status][] = [];
    for (let i = 0; i < 10; i++) entries.push([`a${i}`, newStatus('Unschedulable', 'Insufficient cpu')]);
    entries.push(['b0', newStatus('Unschedulable', 'Insufficient memory')], ['b1', newStatus('Unschedulable', 'Insufficient memory')]);
    expect(fitErrorMessage({ numAllNodes: 12, preFilterMsg: '', nodeToStatus: m(entries), postFilterMsg: '' })).toBe(
      '0/12 nodes are available: 10 Insufficient cpu, 2 Insufficient memory.',
    );
  });
  it('3 PreFilter message replaces the histogram', () => {
    const st = newStatus('UnschedulableAndUnresolvable', 'pod has unbound immediate PersistentVolumeClaims');
    expect(
      fitErrorMessage({
        numAllNodes: 4,
        preFilterMsg: 'pod has unbound immediate PersistentVolumeClaims',
        nodeToStatus: m([['n', st]]),
        postFilterMsg: 'preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
      }),
    ).toBe(
      '0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    );
  });
  it('4 a node with several reasons counts each', () => {
    const msg = fitErrorMessage({
      numAllNodes: 1,
      preFilterMsg: '',
      nodeToStatus: m([['n', newStatus('Unschedulable', 'Insufficient cpu', 'Insufficient memory')]]),
      postFilterMsg: '',
    });
    expect(msg).toBe('0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.');
  });
});
