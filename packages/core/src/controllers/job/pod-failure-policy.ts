/**
 * `spec.podFailurePolicy`: matching a failed pod against the rules, in order. The first rule whose
 * `onExitCodes` (a terminated, non-zero container exit code, containers before init containers)
 * or `onPodConditions` (a condition of that type and status) matches decides the action: FailJob
 * (with the Job's failure message), Ignore (not counted against the limits), Count or FailIndex.
 * A rule with an unknown action or operator is skipped.
 * @see kubernetes pkg/controller/job/pod_failure_policy.go
 */
import type { Job, PodFailurePolicy, PodFailurePolicyOnExitCodesRequirement, PodFailurePolicyOnPodConditionsPattern } from 'kubernetes-types/batch/v1';
import type { ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { JobMessages } from '../events.js';
import { isPodFailed } from './job-utils.js';

/** `batch.PodFailurePolicyAction`. */
export type PodFailurePolicyAction = 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';

/** What `matchPodFailurePolicy` learned about one failed pod. */
export interface PodFailurePolicyMatch {
  /** The Job failure message, when a FailJob rule matched. */
  readonly failJobMessage?: string;
  /** Whether the failure counts against backoffLimit and backoffLimitPerIndex (false for Ignore). */
  readonly countFailed: boolean;
  /** The action of the matching rule, if any. */
  readonly action?: PodFailurePolicyAction;
}

const NO_MATCH: PodFailurePolicyMatch = Object.freeze({ countFailed: true });

/**
 * `matchPodFailurePolicy`: the first rule matching `failedPod` decides.
 * @remarks FailIndex applies because JobBackoffLimitPerIndex is on in 1.33; like upstream, the
 *   caller only asks about pods it considers failed.
 */
export function matchPodFailurePolicy(policy: PodFailurePolicy | undefined, failedPod: Pod): PodFailurePolicyMatch {
  if (!policy) return NO_MATCH;
  const namespace = failedPod.metadata?.namespace ?? '';
  const name = failedPod.metadata?.name ?? '';
  for (const [index, rule] of (policy.rules ?? []).entries()) {
    if (rule.onExitCodes) {
      const status = matchOnExitCodes(failedPod, rule.onExitCodes);
      if (!status) continue;
      const exitCode = status.state?.terminated?.exitCode ?? 0;
      const match = actionMatch(rule.action, () => JobMessages.podFailurePolicyExitCode(status.name, namespace, name, exitCode, rule.action, index));
      if (match) return match;
    } else if (rule.onPodConditions) {
      const condition = matchOnPodConditions(failedPod, rule.onPodConditions);
      if (!condition) continue;
      const match = actionMatch(rule.action, () => JobMessages.podFailurePolicyCondition(namespace, name, condition.type, rule.action, index));
      if (match) return match;
    }
  }
  return NO_MATCH;
}

/** The `switch podFailurePolicyRule.Action` of `matchPodFailurePolicy`; undefined skips the rule. */
function actionMatch(action: string, failJobMessage: () => string): PodFailurePolicyMatch | undefined {
  switch (action) {
    case 'Ignore':
      return { countFailed: false, action };
    case 'FailIndex':
    case 'Count':
      return { countFailed: true, action };
    case 'FailJob':
      return { failJobMessage: failJobMessage(), countFailed: true, action };
    default:
      return undefined;
  }
}

/** `matchOnExitCodes`: a matching terminated container, else a matching init container. */
function matchOnExitCodes(pod: Pod, requirement: PodFailurePolicyOnExitCodesRequirement): ContainerStatus | undefined {
  return getMatchingContainerFromList(pod.status?.containerStatuses, requirement) ?? getMatchingContainerFromList(pod.status?.initContainerStatuses, requirement);
}

/** `matchOnPodConditions`: the first pod condition equal in type and status to a pattern. */
function matchOnPodConditions(pod: Pod, patterns: readonly PodFailurePolicyOnPodConditionsPattern[]): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => patterns.some((p) => c.type === p.type && c.status === p.status));
}

/** `getMatchingContainerFromList`: terminated, of the named container if any, exit code not 0 and matching. */
function getMatchingContainerFromList(statuses: readonly ContainerStatus[] | undefined, requirement: PodFailurePolicyOnExitCodesRequirement): ContainerStatus | undefined {
  return statuses?.find((s) => {
    const terminated = s.state?.terminated;
    // A container still terminating has no exit code to match.
    if (!terminated) return false;
    if (requirement.containerName !== undefined && requirement.containerName !== s.name) return false;
    return terminated.exitCode !== 0 && isOnExitCodesOperatorMatching(terminated.exitCode, requirement);
  });
}

/** `isOnExitCodesOperatorMatching`: In / NotIn; an unknown operator never matches. */
function isOnExitCodesOperatorMatching(exitCode: number, requirement: PodFailurePolicyOnExitCodesRequirement): boolean {
  switch (requirement.operator) {
    case 'In':
      return requirement.values.includes(exitCode);
    case 'NotIn':
      return !requirement.values.includes(exitCode);
    default:
      return false;
  }
}

/** `getFailJobMessage`: the message of the first failed pod matching a FailJob rule. */
export function getFailJobMessage(job: Job, pods: readonly Pod[]): string | undefined {
  const policy = job.spec?.podFailurePolicy;
  if (!policy) return undefined;
  for (const p of pods) {
    if (!isPodFailed(p, job)) continue;
    const { failJobMessage } = matchPodFailurePolicy(policy, p);
    if (failJobMessage !== undefined) return failJobMessage;
  }
  return undefined;
}

/** `nonIgnoredFailedPodsCount`: the failed pods no Ignore rule matched. */
export function nonIgnoredFailedPodsCount(job: Job, failedPods: readonly Pod[]): number {
  const policy = job.spec?.podFailurePolicy;
  if (!policy) return failedPods.length;
  return failedPods.filter((p) => matchPodFailurePolicy(policy, p).countFailed).length;
}
