/**
 * Timing and size constants of the Job controller.
 * @see kubernetes pkg/controller/job/job_controller.go (package vars), indexed_job_utils.go
 */

/** `syncJobBatchPeriod`: pod events and status updates sync the Job this much later (1 s). */
export const SYNC_JOB_BATCH_PERIOD_MS = 1000;
/** `DefaultJobPodFailureBackOff`: first delay before re-creating after a pod failure (10 s). */
export const DEFAULT_JOB_POD_FAILURE_BACKOFF_MS = 10_000;
/**
 * `MaxJobPodFailureBackOff`: the doubling delay's cap. 10 minutes in the 1.33 controller code
 * (the docs still say six minutes, the pre-1.28 `MaxJobBackOff` of 360 s).
 */
export const MAX_JOB_POD_FAILURE_BACKOFF_MS = 10 * 60_000;
/** `MaxPodCreateDeletePerSync`. */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;
/** `batch.JobTrackingFinalizer`: on every pod until the controller has counted it. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
/** `batch.JobCompletionIndexAnnotation` (also the label of the same name, PodIndexLabel GA in 1.32). */
export const JOB_COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
/** `completionIndexEnvName`. */
export const COMPLETION_INDEX_ENV_NAME = 'JOB_COMPLETION_INDEX';
/** `names.MaxGeneratedNameLength` (63 − 5 random characters). */
export const MAX_GENERATED_NAME_LENGTH = 58;
/** `batch.JobIndexFailureCountAnnotation`: failures of the pod's index so far (backoffLimitPerIndex). */
export const JOB_INDEX_FAILURE_COUNT_ANNOTATION = 'batch.kubernetes.io/job-index-failure-count';
/** `batch.JobIndexIgnoredFailureCountAnnotation`: failures of the index an Ignore rule did not count. */
export const JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION = 'batch.kubernetes.io/job-index-ignored-failure-count';
