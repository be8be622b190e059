/**
 * Event reasons and source components of the workload controllers (ReplicaSet, Deployment,
 * StatefulSet), in one `as const` table. Message formatters live beside the code that emits them.
 * @see kubernetes pkg/controller/controller_utils.go, pkg/controller/deployment/sync.go,
 * pkg/controller/statefulset/stateful_pod_control.go, stateful_set_control.go
 */

/** Event reasons, exactly as upstream spells them. */
export const WorkloadReasons = {
  /** controller_utils.go `SuccessfulCreatePodReason`; also StatefulSet `Successful` + `Create`. */
  SuccessfulCreate: 'SuccessfulCreate',
  /** controller_utils.go `SuccessfulDeletePodReason`; also StatefulSet `Successful` + `Delete`. */
  SuccessfulDelete: 'SuccessfulDelete',
  /** controller_utils.go `FailedCreatePodReason`. */
  FailedCreate: 'FailedCreate',
  /** controller_utils.go `FailedDeletePodReason`. */
  FailedDelete: 'FailedDelete',
  /** deployment/sync.go `scaleReplicaSetAndRecordEvent`. */
  ScalingReplicaSet: 'ScalingReplicaSet',
  /** deployment_controller.go: a Deployment whose selector selects everything. */
  SelectingAll: 'SelectingAll',
  /** stateful_set_control.go `processReplica` for a Failed pod. */
  RecreatingFailedPod: 'RecreatingFailedPod',
  /** stateful_set_control.go `processReplica` for a Succeeded pod. */
  RecreatingTerminatedPod: 'RecreatingTerminatedPod',
} as const;

/** Event source components (`--controllers` names with `-controller`). */
export const WorkloadComponents = {
  replicaSet: 'replicaset-controller',
  deployment: 'deployment-controller',
  statefulSet: 'statefulset-controller',
  endpoints: 'endpoint-controller',
} as const;

/** Deployment condition reasons (deployment/util/deployment_util.go). */
export const DeploymentConditionReasons = {
  NewReplicaSetCreated: 'NewReplicaSetCreated',
  FoundNewReplicaSet: 'FoundNewReplicaSet',
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  NewReplicaSetAvailable: 'NewReplicaSetAvailable',
  ProgressDeadlineExceeded: 'ProgressDeadlineExceeded',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
  DeploymentPaused: 'DeploymentPaused',
  DeploymentResumed: 'DeploymentResumed',
} as const;
