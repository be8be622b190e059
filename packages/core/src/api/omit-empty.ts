/**
 * Go's `omitempty` on integer fields: the API server serializes a zero count as no key at all, so
 * a stored status has none (`kubectl get -o jsonpath={.status.readyReplicas}` prints nothing).
 * @see kubernetes staging/src/k8s.io/api/apps/v1/types.go (DeploymentStatus, ReplicaSetStatus,
 *   StatefulSetStatus json tags)
 */

/** Deletes each of `keys` whose value is 0 from `obj` (a status being built). Returns `obj`. */
export function omitZero<T extends object>(obj: T, keys: readonly (keyof T)[]): T {
  for (const k of keys) if (obj[k] === 0) delete obj[k];
  return obj;
}
