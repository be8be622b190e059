/**
 * PV controller event message formatters.
 * @see kubernetes pkg/controller/volume/persistentvolume/pv_controller.go
 */

/** `FailedBinding` for a claim without class and without a matching volume. */
export const NO_VOLUME_NO_CLASS = 'no persistent volumes available for this claim and no storage class is set';
/** `WaitForFirstConsumer`. */
export const WAIT_FOR_FIRST_CONSUMER = 'waiting for first consumer to be created before binding';
/** `ClaimLost` when `spec.volumeName` was cleared. */
export const CLAIM_LOST_REFERENCE = 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!';
/** `ClaimLost` when the PV is gone. */
export const CLAIM_LOST_VOLUME = 'Bound claim has lost its PersistentVolume. Data on the volume is lost!';
/** `VolumeFailedRecycle` for a `Recycle` volume whose plugin has no recycler (everything but NFS and hostPath). */
export const NO_RECYCLER = 'No recycler plugin found for the volume!';
/** `ClaimMisbound`. */
export const CLAIM_MISBOUND = 'Two claims are bound to the same volume, this one is bound incorrectly';

/** `WaitForPodScheduled`: one pod or several. */
export function waitForPodScheduled(podNames: readonly string[]): string {
  return podNames.length > 1 ? `waiting for pods ${podNames.join(',')} to be scheduled` : `waiting for pod ${podNames[0]} to be scheduled`;
}

/** `ExternalProvisioning` (the 1.28+ wording). */
export function externalProvisioning(provisioner: string): string {
  return `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;
}

/** `VolumeMismatch` for a claim pre-bound to a volume that cannot serve it. */
export function cannotBindToRequested(volumeName: string, reason: string): string {
  return `Cannot bind to requested volume ${JSON.stringify(volumeName)}: ${reason}`;
}

/** `FailedBinding` for a claim pre-bound to a volume bound elsewhere. */
export function alreadyBoundElsewhere(volumeName: string): string {
  return `volume ${JSON.stringify(volumeName)} already bound to a different claim.`;
}

/** `ProvisioningFailed` when the class does not exist. */
export function classNotFound(name: string): string {
  return `storageclass.storage.k8s.io ${JSON.stringify(name)} not found`;
}
