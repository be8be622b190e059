/**
 * API validation and defaulting of the Job fields the controller's policies read
 * (podFailurePolicy, successPolicy, backoffLimitPerIndex, maxFailedIndexes).
 * @see k/k pkg/apis/batch/validation/validation_test.go, pkg/apis/batch/v1/defaults.go
 */
import type { JobSpec } from 'kubernetes-types/batch/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.js';
import { CoreCluster } from '../../cluster/core-cluster.js';
import { createError, makeJob } from '../testing/index.js';
import type { JobObject } from './job-utils.js';

const cluster = () => new CoreCluster({ seed: 3 });

/** Job `pi` from the builder with extra spec fields. */
const job = (extra: Partial<JobSpec>, b = makeJob().name('pi')): KubeObject => {
  const o = b.obj();
  return { ...o, spec: { ...o.spec, ...extra } } as KubeObject;
};
const indexed = (completions: number) => makeJob().name('pi').indexed().completions(completions);
const exitCodes = (action: string, operator: string, values: number[], containerName?: string) => ({
  rules: [{ action, onExitCodes: { operator, values, ...(containerName ? { containerName } : {}) } }],
});

describe('Job validation of the pod failure policy, success policy and backoff limit per index', () => {
  const cases: [string, KubeObject, string][] = [
    [
      'pod failure policy requires restartPolicy Never',
      job({ podFailurePolicy: exitCodes('FailJob', 'In', [1]) }, makeJob().name('pi').restartPolicy('OnFailure')),
      'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
    ],
    [
      'FailIndex action without backoffLimitPerIndex',
      job({ podFailurePolicy: exitCodes('FailIndex', 'In', [1]) }),
      'spec.podFailurePolicy.rules[0].action: Invalid value: "FailIndex": requires the backoffLimitPerIndex to be set',
    ],
    [
      'unknown action',
      job({ podFailurePolicy: exitCodes('Retry', 'In', [1]) }),
      'spec.podFailurePolicy.rules[0].action: Unsupported value: "Retry": supported values: "Count", "FailIndex", "FailJob", "Ignore"',
    ],
    [
      'missing action',
      job({ podFailurePolicy: exitCodes('', 'In', [1]) }),
      'spec.podFailurePolicy.rules[0].action: Required value: valid values: ["Count" "FailIndex" "FailJob" "Ignore"]',
    ],
    ['exit code 0 with the In operator', job({ podFailurePolicy: exitCodes('FailJob', 'In', [0]) }), 'spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator'],
    [
      'unordered and duplicated exit codes',
      job({ podFailurePolicy: exitCodes('Ignore', 'NotIn', [3, 1, 1]) }),
      '[spec.podFailurePolicy.rules[0].onExitCodes.values[2]: Duplicate value: 1, spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{3, 1, 1}: must be ordered]',
    ],
    ['no exit code values', job({ podFailurePolicy: exitCodes('FailJob', 'In', []) }), 'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{}: at least one value is required'],
    [
      'unknown container name',
      job({ podFailurePolicy: exitCodes('FailJob', 'In', [1], 'other') }),
      'spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: "other": must be one of the container or initContainer names in the pod template',
    ],
    [
      'both onExitCodes and onPodConditions',
      job({ podFailurePolicy: { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [1] }, onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] } }),
      'spec.podFailurePolicy.rules[0]: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported',
    ],
    ['neither onExitCodes nor onPodConditions', job({ podFailurePolicy: { rules: [{ action: 'Ignore' }] } }), 'spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required'],
    [
      'unknown pod condition status',
      job({ podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'Maybe' }] }] } }),
      'spec.podFailurePolicy.rules[0].onPodConditions[0].status: Unsupported value: "Maybe": supported values: "False", "True", "Unknown"',
    ],
    [
      'podReplacementPolicy TerminatingOrFailed with a pod failure policy',
      job({ podFailurePolicy: exitCodes('FailJob', 'In', [1]), podReplacementPolicy: 'TerminatingOrFailed' }),
      'spec.podReplacementPolicy: Unsupported value: "TerminatingOrFailed": supported values: "Failed"',
    ],
    ['backoffLimitPerIndex on a NonIndexed Job', job({ backoffLimitPerIndex: 1 }), 'spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode'],
    [
      'maxFailedIndexes without backoffLimitPerIndex',
      job({ maxFailedIndexes: 1 }, indexed(3)),
      'spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified',
    ],
    [
      'maxFailedIndexes above completions',
      job({ backoffLimitPerIndex: 1, maxFailedIndexes: 4 }, indexed(3)),
      'spec.maxFailedIndexes: Invalid value: 4: must be less than or equal to completions',
    ],
    [
      'successPolicy on a NonIndexed Job',
      job({ successPolicy: { rules: [{ succeededIndexes: '0' }] } }),
      'spec.successPolicy: Invalid value: batch.SuccessPolicy{Rules:[]batch.SuccessPolicyRule{batch.SuccessPolicyRule{SucceededIndexes:(*string)(0xc000010000), SucceededCount:(*int32)(nil)}}}: requires indexed completion mode',
    ],
    ['successPolicy without rules', job({ successPolicy: { rules: [] } }, indexed(3)), 'spec.successPolicy.rules: Required value: at least one rules must be specified when the successPolicy is specified'],
    [
      'successPolicy rule without succeededIndexes or succeededCount',
      job({ successPolicy: { rules: [{}] } }, indexed(3)),
      'spec.successPolicy.rules[0]: Required value: at least one of succeededCount or succeededIndexes must be specified',
    ],
    [
      'succeededIndexes beyond completions',
      job({ successPolicy: { rules: [{ succeededIndexes: '0-5' }] } }, indexed(3)),
      'spec.successPolicy.rules[0].succeededIndexes: Invalid value: "0-5": error parsing succeededIndexes: too large index: "5"',
    ],
    [
      'succeededIndexes not increasing',
      job({ successPolicy: { rules: [{ succeededIndexes: '2,1' }] } }, indexed(3)),
      'spec.successPolicy.rules[0].succeededIndexes: Invalid value: "2,1": error parsing succeededIndexes: non-increasing order, previous: 2, current: 1',
    ],
    [
      'succeededCount above the succeededIndexes',
      job({ successPolicy: { rules: [{ succeededIndexes: '0-1', succeededCount: 3 }] } }, indexed(3)),
      'spec.successPolicy.rules[0].succeededCount: Invalid value: 3: must be less than or equal to 2 (the number of indexes in the specified succeededIndexes field)',
    ],
    [
      'succeededCount above completions',
      job({ successPolicy: { rules: [{ succeededCount: 4 }] } }, indexed(3)),
      'spec.successPolicy.rules[0].succeededCount: Invalid value: 4: must be less than or equal to 3 (the number of specified completions)',
    ],
  ];
  for (const [name, obj, text] of cases) {
    it(name, () => {
      expect(createError(cluster(), obj)).toBe(`Job.batch "pi" is invalid: ${text}`);
    });
  }

  it('a valid Indexed Job with all three is accepted; the pod failure policy is immutable', () => {
    const core = cluster();
    const spec: Partial<JobSpec> = {
      backoffLimitPerIndex: 1,
      maxFailedIndexes: 2,
      podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { containerName: 'main', operator: 'In', values: [1, 2] } }, { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' } as never] }] },
      successPolicy: { rules: [{ succeededIndexes: '0,2', succeededCount: 1 }] },
    };
    expect(createError(core, job(spec, indexed(3)))).toBe('');
    const live = core.store.get<JobObject>('Job', 'default', 'pi') as JobObject;
    // SetDefaults_Job: pattern status True, podReplacementPolicy Failed, backoffLimit MaxInt32.
    expect(live.spec?.podFailurePolicy?.rules[1].onPodConditions?.[0]).toEqual({ type: 'DisruptionTarget', status: 'True' });
    expect(live.spec).toMatchObject({ podReplacementPolicy: 'Failed', backoffLimit: 2147483647 });
    const next = structuredClone(live);
    next.spec = { ...next.spec, podFailurePolicy: { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [3] } }] } } as JobSpec;
    let text = '';
    try {
      core.api.update(next);
    } catch (e) {
      text = (e as Error).message;
    }
    expect(text).toBe(
      'Job.batch "pi" is invalid: spec.podFailurePolicy: Invalid value: batch.PodFailurePolicy{Rules:[]batch.PodFailurePolicyRule{batch.PodFailurePolicyRule{Action:"Ignore", OnExitCodes:(*batch.PodFailurePolicyOnExitCodesRequirement)(0xc000010000), OnPodConditions:[]batch.PodFailurePolicyOnPodConditionsPattern(nil)}}}: field is immutable',
    );
  });
});
