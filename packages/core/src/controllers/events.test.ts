import { describe, expect, it } from 'vitest';
import { progressedMessage, timedOutMessage } from './deployment/progress.js';
import { scalingMessage } from './deployment/sync.js';
import { DeploymentConditionReasons, WorkloadComponents, WorkloadReasons } from './events.js';
import { createdPodMessage, deletedPodMessage, failedCreateMessage } from './replicaset/pod-control.js';
import { recreatingFailedMessage, recreatingTerminatedMessage } from './statefulset/stateful-set-control.js';
import { claimEventMessage, claimFailedMessage, podEventMessage, podEventReason, podFailedMessage } from './statefulset/stateful-pod-control.js';
import type { StatefulSetObject } from './statefulset/stateful-set-utils.js';

/** Texts copied from /work/shared/reference/kubernetes-semantics.md §1.5, §1.6 and Appendix A3. */
describe('workload event texts match the reference', () => {
  it('ReplicaSet (§1.6, controller_utils.go)', () => {
    expect(WorkloadReasons.SuccessfulCreate).toBe('SuccessfulCreate');
    expect(WorkloadReasons.SuccessfulDelete).toBe('SuccessfulDelete');
    expect(WorkloadReasons.FailedCreate).toBe('FailedCreate');
    expect(createdPodMessage('web-7c5ddbdf54-x2k9p')).toBe('Created pod: web-7c5ddbdf54-x2k9p');
    expect(deletedPodMessage('web-7c5ddbdf54-x2k9p')).toBe('Deleted pod: web-7c5ddbdf54-x2k9p');
    expect(failedCreateMessage('boom')).toBe('Error creating: boom');
    expect(WorkloadComponents.replicaSet).toBe('replicaset-controller');
  });

  it('Deployment (§1.6, 1.31+ wording)', () => {
    expect(WorkloadReasons.ScalingReplicaSet).toBe('ScalingReplicaSet');
    expect(scalingMessage('up', 'web-7c5ddbdf54', 0, 1)).toBe('Scaled up replica set web-7c5ddbdf54 from 0 to 1');
    expect(scalingMessage('down', 'web-7c5ddbdf54', 1, 0)).toBe('Scaled down replica set web-7c5ddbdf54 from 1 to 0');
    expect(timedOutMessage('web-7c5ddbdf54')).toBe('ReplicaSet "web-7c5ddbdf54" has timed out progressing.');
    expect(progressedMessage('web-7c5ddbdf54')).toBe('ReplicaSet "web-7c5ddbdf54" has successfully progressed.');
    expect(DeploymentConditionReasons.ProgressDeadlineExceeded).toBe('ProgressDeadlineExceeded');
    expect(Object.values(DeploymentConditionReasons)).toEqual(
      expect.arrayContaining([
        'NewReplicaSetCreated',
        'FoundNewReplicaSet',
        'ReplicaSetUpdated',
        'NewReplicaSetAvailable',
        'MinimumReplicasAvailable',
        'MinimumReplicasUnavailable',
      ]),
    );
    expect(WorkloadComponents.deployment).toBe('deployment-controller');
  });

  it('StatefulSet (§1.5, A3)', () => {
    expect(podEventReason('create', true)).toBe('SuccessfulCreate');
    expect(podEventReason('delete', true)).toBe('SuccessfulDelete');
    expect(podEventReason('create', false)).toBe('FailedCreate');
    expect(claimEventMessage('create', 'data-randserver-0', 'randserver-0', 'randserver')).toBe(
      'create Claim data-randserver-0 Pod randserver-0 in StatefulSet randserver success',
    );
    expect(podEventMessage('create', 'randserver-0', 'randserver')).toBe('create Pod randserver-0 in StatefulSet randserver successful');
    expect(podEventMessage('delete', 'randserver-1', 'randserver')).toBe('delete Pod randserver-1 in StatefulSet randserver successful');
    expect(podFailedMessage('create', 'web-0', 'web', 'x')).toBe('create Pod web-0 in StatefulSet web failed error: x');
    expect(claimFailedMessage('create', 'data-web-0', 'web-0', 'web', 'x')).toBe('create Claim data-web-0 for Pod web-0 in StatefulSet web failed error: x');
    const set = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web', namespace: 'default' } } as StatefulSetObject;
    expect(WorkloadReasons.RecreatingFailedPod).toBe('RecreatingFailedPod');
    expect(recreatingFailedMessage(set, 'web-0')).toBe('StatefulSet default/web is recreating failed Pod web-0');
    expect(recreatingTerminatedMessage(set, 'web-0')).toBe('StatefulSet default/web is recreating terminated Pod web-0');
    expect(WorkloadComponents.statefulSet).toBe('statefulset-controller');
  });
});
