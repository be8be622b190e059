/**
 * Defaults of the fuzz runner's phases.
 */

/** Virtual minutes after the manifests are applied before the first command: provisioning, attach and image pull settle within 2 min in kubesim's latency model. */
export const SETUP_MINUTES = 2;

/**
 * Virtual minutes between the heal and the liveness check (the bound T). Covers the slowest
 * recovery kubesim models: 5 min NoExecute toleration (DefaultTolerationSeconds admission) + 6 min
 * attach/detach force-detach (reconciler maxWaitForUnmountDuration) + attach and start.
 */
export const HEAL_MINUTES = 20;
