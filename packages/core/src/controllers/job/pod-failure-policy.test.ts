import type { PodFailurePolicy } from 'kubernetes-types/batch/v1';
import type { ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { matchPodFailurePolicy, type PodFailurePolicyMatch } from './pod-failure-policy.js';

/** A Failed pod `default/mypod` with these container statuses and conditions. */
function failedPod(containers: ContainerStatus[], conditions: PodCondition[] = [], initContainers?: ContainerStatus[]): Pod {
  return {
    metadata: { namespace: 'default', name: 'mypod' },
    status: { phase: 'Failed', containerStatuses: containers, conditions, ...(initContainers ? { initContainerStatuses: initContainers } : {}) },
  };
}
const exited = (name: string, exitCode: number): ContainerStatus =>
  ({ name, state: { terminated: { exitCode } } }) as ContainerStatus;
const disruption = (status = 'True'): PodCondition => ({ type: 'DisruptionTarget', status });
const onExit = (action: string, operator: string, values: number[], containerName?: string) => ({
  action,
  onExitCodes: { operator, values, ...(containerName ? { containerName } : {}) },
});
const onCondition = (action: string, status = 'True') => ({ action, onPodConditions: [{ type: 'DisruptionTarget', status }] });

// Case names from pod_failure_policy_test.go TestMatchPodFailurePolicy.
const cases: [string, PodFailurePolicy | undefined, Pod, PodFailurePolicyMatch][] = [
  [
    'unknown action for rule matching by exit codes - skip rule with unknown action',
    { rules: [onExit('UnknownAction', 'In', [1, 2]), onExit('FailJob', 'In', [2, 3])] },
    failedPod([exited('main-container', 2)]),
    { failJobMessage: 'Container main-container for pod default/mypod failed with exit code 2 matching FailJob rule at index 1', countFailed: true, action: 'FailJob' },
  ],
  [
    'unknown action for rule matching by pod conditions - skip rule with unknown action',
    { rules: [onCondition('UnkonwnAction'), onCondition('Ignore')] },
    failedPod([], [disruption()]),
    { countFailed: false, action: 'Ignore' },
  ],
  [
    'unknown operator - rule with unknown action is skipped for onExitCodes',
    { rules: [onExit('Ignore', 'UnknownOperator', [1, 2]), onExit('FailJob', 'In', [2, 3])] },
    failedPod([exited('main-container', 2)]),
    { failJobMessage: 'Container main-container for pod default/mypod failed with exit code 2 matching FailJob rule at index 1', countFailed: true, action: 'FailJob' },
  ],
  ['no policy rules', undefined, failedPod([exited('', 2)]), { countFailed: true }],
  ['ignore rule matched for exit codes', { rules: [onExit('Ignore', 'In', [1, 2, 3])] }, failedPod([exited('', 2)]), { countFailed: false, action: 'Ignore' }],
  [
    'FailJob rule matched for exit codes',
    { rules: [onExit('FailJob', 'In', [1, 2, 3])] },
    failedPod([exited('main-container', 2)]),
    { failJobMessage: 'Container main-container for pod default/mypod failed with exit code 2 matching FailJob rule at index 0', countFailed: true, action: 'FailJob' },
  ],
  [
    'successful containers are skipped by the rules',
    { rules: [onExit('FailJob', 'NotIn', [111])] },
    failedPod([exited('main-container', 111), exited('suppport-container', 0)], [], [exited('init-container', 0)]),
    { countFailed: true },
  ],
  ['FailIndex rule matched for exit codes; JobBackoffLimitPerIndex enabled', { rules: [onExit('FailIndex', 'In', [1, 2, 3])] }, failedPod([exited('', 2)]), { countFailed: true, action: 'FailIndex' }],
  [
    'pod failure policy with NotIn operator and value 0',
    { rules: [onExit('FailJob', 'NotIn', [0])] },
    failedPod([exited('main-container', 1), exited('suppport-container', 0)]),
    { failJobMessage: 'Container main-container for pod default/mypod failed with exit code 1 matching FailJob rule at index 0', countFailed: true, action: 'FailJob' },
  ],
  [
    'second jobfail rule matched for exit codes',
    { rules: [onExit('Count', 'In', [1, 2, 3]), onExit('FailJob', 'In', [4, 5, 6])] },
    failedPod([exited('main-container', 6)]),
    { failJobMessage: 'Container main-container for pod default/mypod failed with exit code 6 matching FailJob rule at index 1', countFailed: true, action: 'FailJob' },
  ],
  [
    'count rule matched for exit codes',
    { rules: [onExit('Count', 'In', [1, 2, 3])] },
    failedPod([{ name: 'foo' } as ContainerStatus, exited('bar', 2)]),
    { countFailed: true, action: 'Count' },
  ],
  ['FailIndex rule matched for pod conditions; JobBackoffLimitPerIndex enabled', { rules: [onCondition('FailIndex')] }, failedPod([], [disruption()]), { countFailed: true, action: 'FailIndex' }],
  ['ignore rule matched for pod conditions', { rules: [onCondition('Ignore')] }, failedPod([], [disruption()]), { countFailed: false, action: 'Ignore' }],
  ['ignore rule matches by the status=False', { rules: [onCondition('Ignore', 'False')] }, failedPod([], [disruption('False')]), { countFailed: false, action: 'Ignore' }],
  ['ignore rule does not match when the status differs', { rules: [onCondition('Ignore', 'True')] }, failedPod([], [disruption('False')]), { countFailed: true }],
  [
    'FailJob rule matched for pod conditions',
    { rules: [onCondition('FailJob')] },
    failedPod([], [disruption()]),
    { failJobMessage: 'Pod default/mypod has condition DisruptionTarget matching FailJob rule at index 0', countFailed: true, action: 'FailJob' },
  ],
  [
    'exit code of an init container matches when no container does',
    { rules: [onExit('FailJob', 'In', [5])] },
    failedPod([exited('main', 0)], [], [exited('setup', 5)]),
    { failJobMessage: 'Container setup for pod default/mypod failed with exit code 5 matching FailJob rule at index 0', countFailed: true, action: 'FailJob' },
  ],
  ['containerName restricts the exit codes rule to that container', { rules: [onExit('Ignore', 'In', [2], 'other')] }, failedPod([exited('main', 2)]), { countFailed: true }],
];

describe('matchPodFailurePolicy (pod_failure_policy_test.go)', () => {
  for (const [name, policy, pod, want] of cases) {
    it(name, () => {
      expect(matchPodFailurePolicy(policy, pod)).toEqual(want);
    });
  }
});
