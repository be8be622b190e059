/**
 * The pod graceful-deletion rule of the API server: pods on a node that are not terminal are
 * deleted gracefully (requested grace, else `terminationGracePeriodSeconds`, default 30); pods
 * never scheduled and terminal pods go at once.
 * @see kubernetes pkg/registry/core/pod/strategy.go CheckGracefulDelete
 */
import type { KubeObject } from '../api/object.js';
import { DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS } from './defaults.js';
import type { PodObject } from './objects.js';

/** Grace period in seconds of a pod delete (0 = immediate). */
export function podGracePeriodSeconds(obj: KubeObject, requested: number | undefined): number {
  const pod = obj as PodObject;
  if (!pod.spec?.nodeName) return 0;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return 0;
  const grace = requested ?? pod.spec.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  // A negative request means "use the default"; 1.x clients turn 0-without-force into 1, the API takes 0 as immediate.
  return grace < 0 ? (pod.spec.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS) : grace;
}
