/**
 * Generic ephemeral volumes: the claim a pod's `ephemeral` volume stands for, named
 * `<pod>-<volume>` and owned (controller) by the pod.
 * @see kubernetes staging/src/k8s.io/component-helpers/storage/ephemeral/ephemeral.go
 */
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';

/** `VolumeClaimName`: `<pod name>-<volume name>`. */
export function ephemeralClaimName(pod: { readonly metadata?: { readonly name?: string } }, volume: { readonly name: string }): string {
  return `${pod.metadata?.name ?? ''}-${volume.name}`;
}

/** The claim behind a pod volume: a `persistentVolumeClaim`'s, an `ephemeral` volume's, or none. */
export function podVolumeClaimName(
  pod: { readonly metadata?: { readonly name?: string } },
  volume: { readonly name: string; readonly persistentVolumeClaim?: { readonly claimName: string }; readonly ephemeral?: unknown },
): string | undefined {
  if (volume.persistentVolumeClaim) return volume.persistentVolumeClaim.claimName;
  return volume.ephemeral ? ephemeralClaimName(pod, volume) : undefined;
}

/** `VolumeIsForPod`: undefined when `pvc` was created for `pod` (same namespace, pod its controller), else the error. */
export function volumeIsForPod(pod: Pod, pvc: PersistentVolumeClaim): string | undefined {
  const ns = pod.metadata?.namespace ?? 'default';
  const owned = pvc.metadata?.ownerReferences?.some((r) => r.controller === true && r.uid === pod.metadata?.uid);
  if ((pvc.metadata?.namespace ?? 'default') === ns && owned) return undefined;
  return `PVC ${pvc.metadata?.namespace}/${pvc.metadata?.name} was not created for pod ${ns}/${pod.metadata?.name} (pod is not owner)`;
}
