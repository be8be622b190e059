/**
 * Attach/detach event messages (`generateVolumeMsg`: `<prefix> for volume "<name>" <suffix>`).
 * @see kubernetes pkg/volume/util/operationexecutor/operation_executor.go;
 *      pkg/controller/volume/attachdetach/reconciler/reconciler.go reportMultiAttachError
 */

/** `fmt.Sprintf("%v for volume %q %v", prefix, volumeName, suffix)`. */
export function generateVolumeMsg(prefix: string, volumeName: string, suffix: string): string {
  return `${prefix} for volume ${JSON.stringify(volumeName)} ${suffix}`;
}

/** `SuccessfulAttachVolume` (the raw message keeps its trailing space). */
export function attachSucceeded(volumeName: string): string {
  return generateVolumeMsg('AttachVolume.Attach succeeded', volumeName, '');
}

/** `FailedAttachVolume` for an attach error: `<simple msg> : <err>`. */
export function attachFailed(volumeName: string, err: string): string {
  return `${generateVolumeMsg('AttachVolume.Attach failed', volumeName, '')}: ${err}`;
}

/** The EBS CSI driver's ControllerPublishVolume error around an EC2 error. */
export function csiAttachError(volumeId: string, instanceId: string, ec2Error: string): string {
  const inner = `could not attach volume ${JSON.stringify(volumeId)} to node ${JSON.stringify(instanceId)}: ${ec2Error}`;
  return `rpc error: code = Internal desc = Could not attach volume ${JSON.stringify(volumeId)} to node ${JSON.stringify(instanceId)}: ${inner}`;
}

/** csi_attacher `waitForVolumeAttachmentInternal`: the attachment did not become attached within `csiTimeout`. */
export function attachTimedOut(driver: string, volumeHandle: string): string {
  return `timed out waiting for external-attacher of ${driver} CSI driver to attach volume ${volumeHandle}`;
}

/** Multi-Attach suffix when the volume is attached elsewhere but no pod there wants it. */
export const EXCLUSIVELY_ATTACHED = "Volume is already exclusively attached to one node and can't be attached to another";

/** Multi-Attach suffix naming the pods (same namespace) and counting the others. */
export function alreadyUsedBy(localPods: readonly string[], otherNamespaceCount: number): string {
  if (localPods.length === 0) return `Volume is already used by ${otherNamespaceCount} pod(s) in different namespaces`;
  const base = `Volume is already used by pod(s) ${localPods.join(', ')}`;
  return otherNamespaceCount > 0 ? `${base} and ${otherNamespaceCount} pod(s) in different namespaces` : base;
}

/** The whole Multi-Attach message. */
export function multiAttachError(volumeName: string, suffix: string): string {
  return generateVolumeMsg('Multi-Attach error', volumeName, suffix);
}
