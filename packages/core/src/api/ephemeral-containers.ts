/**
 * The `pods/ephemeralcontainers` subresource: the only way to add an ephemeral container to a pod
 * (a plain pod update may not change `spec.ephemeralContainers`, and a pod may not be created with
 * any). A write through it keeps everything of the stored pod but its ephemeral containers, then
 * validates the whole pod and that no existing ephemeral container was changed or removed.
 * The patch kubectl debug sends is a strategic merge patch (`spec.ephemeralContainers` merges by
 * name). Admission plugins do not run on this subresource in kubesim.
 * @see kubernetes pkg/registry/core/pod/strategy.go (podEphemeralContainersStrategy,
 *   dropNonEphemeralContainerUpdates), pkg/registry/core/pod/storage/storage.go
 *   (EphemeralContainersREST), pkg/apis/core/validation/validation.go
 *   (ValidatePodEphemeralContainersUpdate)
 */
import { cloneData } from './clone.js';
import type { KubeObject } from './object.js';
import type { MutableObject } from './strategy.js';

/**
 * `dropNonEphemeralContainerUpdates`: the stored pod with `input`'s ephemeral containers, the
 * stored metadata (`ResetObjectMetaForStatus`) and status.
 */
export function dropNonEphemeralContainerUpdates(input: MutableObject, old: KubeObject): MutableObject {
  const obj = cloneData(old) as unknown as MutableObject;
  const ephemeral = input.spec?.ephemeralContainers;
  obj.spec = { ...obj.spec };
  if (ephemeral === undefined || ephemeral === null) delete obj.spec.ephemeralContainers;
  else obj.spec.ephemeralContainers = cloneData(ephemeral);
  // The client's resourceVersion is its precondition.
  if (input.metadata?.resourceVersion) obj.metadata = { ...obj.metadata, resourceVersion: input.metadata.resourceVersion };
  return obj;
}
