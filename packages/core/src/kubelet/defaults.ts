/**
 * Kubelet timings and defaults, each with its provenance.
 */

/** Pod `terminationGracePeriodSeconds` default (k8s.io/api core/v1 types.go `DefaultTerminationGracePeriodSeconds`). */
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
/** Node lease renew interval (kubelet `nodeLeaseDurationSeconds` 40 × 0.25 = 10s, pkg/kubelet/kubelet.go). */
export const NODE_LEASE_RENEW_MS = 10_000;
/** Kubelet `nodeStatusUpdateFrequency` (10s): changed node status is posted on this period. */
export const NODE_STATUS_UPDATE_MS = 10_000;
/** Kubelet `nodeStatusReportFrequency` (5m): unchanged status (heartbeat) is posted this often. */
export const NODE_STATUS_REPORT_MS = 300_000;
/** Crash-loop back-off start (pkg/kubelet/kubelet.go `backOffPeriod` = 10s). */
export const BACKOFF_INITIAL_MS = 10_000;
/** Crash-loop back-off cap (pkg/kubelet/kubelet.go `MaxContainerBackOff` = 300s). */
export const BACKOFF_MAX_MS = 300_000;
/** A container that ran this long resets its back-off (flowcontrol backoff GC at 2 × max). */
export const BACKOFF_RESET_MS = 2 * BACKOFF_MAX_MS;
/** PLEG relist period: the kubelet notices a container exit within 1s (pkg/kubelet/kubelet.go `plegRelistPeriod`). */
export const PLEG_RELIST_MS = 1_000;
/** `podAttachAndMountTimeout` (2m03s, pkg/kubelet/volumemanager/volume_manager.go). */
export const POD_ATTACH_AND_MOUNT_TIMEOUT_MS = 123_000;
/**
 * Periodic resync of a running pod (kubelet `--sync-frequency`, 1m): the volume manager reprocesses
 * the pod's volumes then, which is when an in-use volume's file system is grown. Upstream adds up
 * to 50% jitter; modelled as one period after the claim asks for it.
 */
export const POD_SYNC_PERIOD_MS = 60_000;
/** Retry of a pod waiting for volumes (volume manager reconciler + pod worker resync, coarsened). */
export const VOLUME_WAIT_RETRY_MS = 2_000;
/** Image pull time the first time on a node (modelled: small registry image). */
export const FIRST_PULL_MS = { min: 1_000, max: 3_000 } as const;
/** `imagePullPolicy: Always` when the image is cached: only the manifest is checked (modelled). */
export const CACHED_PULL_MS = { min: 200, max: 900 } as const;
/** Create + start of a container after its image is there (modelled, containerd). */
export const CONTAINER_START_MS = { min: 50, max: 300 } as const;
/** Cluster DNS Service IP on EKS (kube-dns in 10.100.0.0/16, EKS default service CIDR). */
export const CLUSTER_DNS_IP = '10.100.0.10';
/** Failed volume operation retry start (pkg/util/goroutinemap/exponentialbackoff `initialDurationBeforeRetry`). */
export const MOUNT_RETRY_INITIAL_MS = 500;
/** Failed volume operation retry cap (exponentialbackoff `maxDurationBeforeRetry` = 2m2s). */
export const MOUNT_RETRY_MAX_MS = 122_000;
/** A killed container's minimal stop window (pkg/kubelet/kuberuntime/kuberuntime_manager.go `minimumGracePeriodInSeconds`). */
export const MINIMUM_GRACE_PERIOD_SECONDS = 2;
/** Probe `periodSeconds` when unset (pkg/apis/core/v1/defaults.go `SetDefaults_Probe`; the API defaults it already). */
export const DEFAULT_PROBE_PERIOD_SECONDS = 10;
/** Probe `timeoutSeconds` when unset (`SetDefaults_Probe`). */
export const DEFAULT_PROBE_TIMEOUT_SECONDS = 1;
/** Probe `successThreshold` when unset (`SetDefaults_Probe`). */
export const DEFAULT_PROBE_SUCCESS_THRESHOLD = 1;
/** Probe `failureThreshold` when unset (`SetDefaults_Probe`). */
export const DEFAULT_PROBE_FAILURE_THRESHOLD = 3;
/** What an exec probe keeps of the command's output (pkg/probe/exec/exec.go `maxReadLength`, 10 KiB). */
export const EXEC_PROBE_MAX_OUTPUT_BYTES = 10 * 1024;
