import { describe, expect, it } from 'vitest';
import { schedulingCauses } from './scheduling-causes.js';

describe('causes named from FailedScheduling messages', () => {
  it('volume node affinity conflict and a zone selector mismatch', () => {
    const m = "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had volume node affinity conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.";
    expect(schedulingCauses(m)).toEqual(['volume-node-affinity', 'node-selector-mismatch']);
  });

  it('the EBS attach limit', () => {
    expect(schedulingCauses('0/1 nodes are available: 1 node(s) exceed max volume count.')).toEqual(['volume-limit']);
  });

  it('an unreachable node is named by its taint', () => {
    expect(schedulingCauses('0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }.')).toEqual(['node-not-ready', 'node-taint']);
  });

  it('a pod waiting for the victims of its preemption', () => {
    const m = '0/3 nodes are available: 3 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node.';
    expect(schedulingCauses(m)).toEqual(['insufficient-resources', 'preemption-pending']);
  });

  it('an unknown reason is still named unschedulable', () => {
    expect(schedulingCauses('0/1 nodes are available: 1 something new.')).toEqual(['unschedulable']);
  });
});
