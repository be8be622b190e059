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

/** Event reasons of the DaemonSet controller (daemon_controller.go). */
export const DaemonSetReasons = {
  /** Warning `Found failed daemon pod %s/%s on node %s, will try to kill it`. */
  FailedDaemonPod: 'FailedDaemonPod',
  /** Warning `This daemon set is selecting all pods. A non-empty selector is required.` */
  SelectingAll: 'SelectingAll',
} as const;

/** Event source components (`--controllers` names with `-controller`). */
export const WorkloadComponents = {
  replicaSet: 'replicaset-controller',
  deployment: 'deployment-controller',
  statefulSet: 'statefulset-controller',
  daemonSet: 'daemonset-controller',
  endpoints: 'endpoint-controller',
  job: 'job-controller',
  /** cronjob_controllerv2.go `NewControllerV2` recorder. */
  cronJob: 'cronjob-controller',
  /** The disruption controller's recorder is `controllermanager` (disruption.go). */
  disruption: 'controllermanager',
  /** ephemeral/controller.go's recorder. */
  ephemeralVolume: 'ephemeral_volume',
} as const;

/** The ephemeral volume controller's event and texts (pkg/controller/volume/ephemeral/controller.go). */
export const EphemeralVolumeMessages = {
  /** events.FailedBinding, on the pod. */
  reason: 'FailedBinding',
  failed: (volume: string, err: string) => `ephemeral volume ${volume}: ${err}`,
  createFailed: (claim: string, err: string) => `create PVC ${claim}: ${err}`,
} as const;

/** Event reasons of the disruption controller (disruption.go). */
export const DisruptionReasons = {
  /** Normal `No matching pods found`, or Warning `Failed to get pods: …`. */
  NoPods: 'NoPods',
  CalculateExpectedPodCountFailed: 'CalculateExpectedPodCountFailed',
  UnmanagedPods: 'UnmanagedPods',
  /** On a pod in `disruptedPods` that was not deleted within `DeletionTimeout`. */
  NotDeleted: 'NotDeleted',
  /** On a pod that several PDBs select. */
  MultiplePodDisruptionBudgets: 'MultiplePodDisruptionBudgets',
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

/** Event reasons of the Job controller (job_controller.go). */
export const JobReasons = {
  /** Normal `Job completed` (recordJobFinished). */
  Completed: 'Completed',
  /** Warning `Too many succeeded pods running after completion count reached`. */
  TooManySucceededPods: 'TooManySucceededPods',
  /** Normal `Job suspended`. */
  Suspended: 'Suspended',
  /** Normal `Job resumed`. */
  Resumed: 'Resumed',
} as const;

/** Job condition reasons (batch/v1 types.go `JobReason*`); a failed Job's Warning event uses the same reason. */
export const JobConditionReasons = {
  BackoffLimitExceeded: 'BackoffLimitExceeded',
  DeadlineExceeded: 'DeadlineExceeded',
  CompletionsReached: 'CompletionsReached',
  JobSuspended: 'JobSuspended',
  JobResumed: 'JobResumed',
  /** A failed pod matched a FailJob rule of `spec.podFailurePolicy`. */
  PodFailurePolicy: 'PodFailurePolicy',
  /** More failed indexes than `spec.maxFailedIndexes` (backoffLimitPerIndex). */
  MaxFailedIndexesExceeded: 'MaxFailedIndexesExceeded',
  /** Every index finished and at least one failed (backoffLimitPerIndex). */
  FailedIndexes: 'FailedIndexes',
  /** `spec.successPolicy` was met (SuccessCriteriaMet, then Complete). */
  SuccessPolicy: 'SuccessPolicy',
} as const;

/** Job condition and event messages (job_controller.go). */
export const JobMessages = {
  backoffLimitExceeded: 'Job has reached the specified backoff limit',
  deadlineExceeded: 'Job was active longer than specified deadline',
  completionsReached: 'Reached expected number of succeeded pods',
  completed: 'Job completed',
  tooManySucceededPods: 'Too many succeeded pods running after completion count reached',
  suspended: 'Job suspended',
  resumed: 'Job resumed',
  maxFailedIndexesExceeded: 'Job has exceeded the specified maximal number of failed indexes',
  failedIndexes: 'Job has failed indexes',
  /** FailJob rule matched by a container's exit code (pod_failure_policy.go `matchPodFailurePolicy`). */
  podFailurePolicyExitCode: (container: string, namespace: string, pod: string, exitCode: number, action: string, index: number) =>
    `Container ${container} for pod ${namespace}/${pod} failed with exit code ${exitCode} matching ${action} rule at index ${index}`,
  /** FailJob rule matched by a pod condition (pod_failure_policy.go `matchPodFailurePolicy`). */
  podFailurePolicyCondition: (namespace: string, pod: string, condition: string, action: string, index: number) =>
    `Pod ${namespace}/${pod} has condition ${condition} matching ${action} rule at index ${index}`,
  /** success_policy.go `matchSuccessPolicy`. */
  successPolicyMatched: (index: number) => `Matched rules at index ${index}`,
} as const;

/** Event reasons of the CronJob controller (cronjob_controllerv2.go, utils.go). */
export const CronJobReasons = {
  /** Normal `Created job <name>`. */
  SuccessfulCreate: 'SuccessfulCreate',
  /** Warning `Error creating job: <err>`. */
  FailedCreate: 'FailedCreate',
  /** Normal `Deleted job <name>` (Replace, history limits). */
  SuccessfulDelete: 'SuccessfulDelete',
  /** Warning `Deleted job: <err>`. */
  FailedDelete: 'FailedDelete',
  /** Normal `Saw completed job: <name>, condition: <Complete|Failed>`. */
  SawCompletedJob: 'SawCompletedJob',
  /** Normal: Forbid and a Job is still active. */
  JobAlreadyActive: 'JobAlreadyActive',
  /** Warning: the most recent schedule is older than startingDeadlineSeconds. */
  MissSchedule: 'MissSchedule',
  /** Warning: more than 100 schedules missed. */
  TooManyMissedTimes: 'TooManyMissedTimes',
  /** Warning: an unfinished Job it controls is not in `status.active`. */
  UnexpectedJob: 'UnexpectedJob',
  /** Normal: a Job of `status.active` no longer exists. */
  MissingJob: 'MissingJob',
  /** Warning: `spec.timeZone` does not load. */
  UnknownTimeZone: 'UnknownTimeZone',
  /** Warning: `cron.ParseStandard` failed. */
  UnparseableSchedule: 'UnparseableSchedule',
  /** Warning: the schedule never fires twice a second apart (`59 23 31 2 *`). */
  InvalidSchedule: 'InvalidSchedule',
  /** Warning: `TZ`/`CRON_TZ` in the schedule. */
  UnsupportedSchedule: 'UnsupportedSchedule',
} as const;

/** CronJob controller event messages (cronjob_controllerv2.go, utils.go). */
export const CronJobMessages = {
  created: (job: string) => `Created job ${job}`,
  failedCreate: (err: string) => `Error creating job: ${err}`,
  deleted: (job: string) => `Deleted job ${job}`,
  failedDelete: (err: string) => `Deleted job: ${err}`,
  sawCompleted: (job: string, condition: string) => `Saw completed job: ${job}, condition: ${condition}`,
  jobAlreadyActive: 'Not starting job because prior execution is running and concurrency policy is Forbid',
  /** The time as Go's `time.RFC1123Z` in UTC. */
  missSchedule: (rfc1123z: string) => `Missed scheduled time to start a job: ${rfc1123z}`,
  tooManyMissed: 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
  unexpectedJob: (job: string) => `Saw a job that the controller did not create or forgot: ${job}`,
  missingJob: (job: string) => `Active job went missing: ${job}`,
  unknownTimeZone: (tz: string, err: string) => `invalid timeZone: ${JSON.stringify(tz)}: ${err}`,
  unparseableSchedule: (schedule: string, err: string) => `unparseable schedule: ${JSON.stringify(schedule)} : ${err}`,
  invalidSchedule: (schedule: string, err: string) => `invalid schedule: ${schedule} : ${err}`,
  unsupportedSchedule: (schedule: string) =>
    `CRON_TZ or TZ used in schedule ${JSON.stringify(schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
  /** mostRecentScheduleTime's error. */
  lessThanOneSecond: 'time difference between two schedules is less than 1 second',
} as const;
