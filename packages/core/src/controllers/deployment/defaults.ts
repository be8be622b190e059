/**
 * Defaults of apps/v1 Deployments, applied by the controller where the API left a field absent.
 * @see kubernetes pkg/apis/apps/v1/defaults.go (SetDefaults_Deployment)
 */

/** `spec.replicas` default. */
export const DEFAULT_REPLICAS = 1;
/** `rollingUpdate.maxSurge` / `maxUnavailable` default (defaults.go). */
export const DEFAULT_MAX_SURGE = '25%';
export const DEFAULT_MAX_UNAVAILABLE = '25%';
/** `spec.revisionHistoryLimit` default (apps/v1). */
export const DEFAULT_REVISION_HISTORY_LIMIT = 10;
/** `spec.progressDeadlineSeconds` default (apps/v1). */
export const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;
