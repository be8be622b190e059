/**
 * The kubelet side of EBS volumes (CSI `ebs.csi.aws.com`, and in-tree `awsElasticBlockStore`
 * through CSI migration, inline or via a PV): wait until the attach/detach controller reports
 * the volume in `node.status.volumesAttached`, then mount the volume's filesystem.
 * @see kubernetes pkg/volume/csi/csi_attacher.go WaitForAttach, csi_mounter.go SetUp
 */
import type { CoreCluster, KubeletVolumePlugin, VolumeContext, VolumeSetUpResult } from '@kubesim/core';
import type { Node } from '../api-types.js';
import { csiUniqueVolumeName, EBS_CSI_DRIVER } from '../constants.js';
import type { Ec2Model } from '../ebs/ec2.js';
import { volumeIdFromInTree } from '../provisioners/ebs-provisioner.js';

/** The EBS volume id and read-only flag behind a pod volume, if it is an EBS volume. */
export function ebsVolumeOf(ctx: VolumeContext): { volumeId: string; readOnly: boolean } | undefined {
  const inline = ctx.volume.awsElasticBlockStore;
  if (inline?.volumeID) return { volumeId: volumeIdFromInTree(inline.volumeID), readOnly: inline.readOnly ?? false };
  if (!ctx.volume.persistentVolumeClaim || !ctx.pv) return undefined;
  const claimReadOnly = ctx.volume.persistentVolumeClaim.readOnly ?? false;
  const spec = ctx.pv.spec;
  if (spec?.csi?.driver === EBS_CSI_DRIVER) return { volumeId: spec.csi.volumeHandle, readOnly: claimReadOnly || (spec.csi.readOnly ?? false) };
  const ebs = spec?.awsElasticBlockStore;
  if (ebs?.volumeID) return { volumeId: volumeIdFromInTree(ebs.volumeID), readOnly: claimReadOnly || (ebs.readOnly ?? false) };
  return undefined;
}

/** Creates the EBS kubelet plugin. */
export function newEbsVolumePlugin(core: CoreCluster, ec2: Ec2Model): KubeletVolumePlugin {
  return {
    name: `kubernetes.io/csi:${EBS_CSI_DRIVER}`,
    attachable: true,
    canSupport: (ctx) => ebsVolumeOf(ctx) !== undefined,
    getVolumeName(ctx) {
      const ebs = ebsVolumeOf(ctx);
      return ebs ? csiUniqueVolumeName(EBS_CSI_DRIVER, ebs.volumeId) : undefined;
    },
    setUp(ctx): VolumeSetUpResult {
      const ebs = ebsVolumeOf(ctx);
      if (!ebs) return { state: 'failed', message: 'not an EBS volume' };
      const unique = csiUniqueVolumeName(EBS_CSI_DRIVER, ebs.volumeId);
      const node = core.store.get<Node>('Node', undefined, ctx.nodeName);
      const attached = node?.status?.volumesAttached?.some((v) => v.name === unique) ?? false;
      const volume = ec2.volume(ebs.volumeId);
      if (!attached || !volume) return { state: 'waiting', reason: 'unattached' };
      // NodeStageVolume formats a blank device (mkfs.ext4 -F -m0) over its whole size, and grows a
      // file system smaller than its device (a volume restored from a snapshot into a larger size).
      const deviceBytes = volume.sizeGiB * 2 ** 30;
      if (volume.fs.deviceBytes === undefined) volume.fs.deviceBytes = volume.fs.formattedBytes = deviceBytes;
      else if (volume.fs.deviceBytes < deviceBytes) volume.fs.deviceBytes = deviceBytes;
      return { state: 'ready', fs: volume.fs, readOnly: ebs.readOnly };
    },
    tearDown() {},
  };
}
