/**
 * The kubelet side of EFS volumes (`efs.csi.aws.com`): no attach, mounted at once everywhere;
 * every pod sees the same shared filesystem.
 * @see aws-efs-csi-driver pkg/driver/node.go NodePublishVolume
 */
import type { KubeletVolumePlugin, VolumeContext } from '@kubesim/core';
import { EFS_CSI_DRIVER } from '../constants.js';
import type { EfsModel } from '../provisioners/efs-provisioner.js';

function efsHandle(ctx: VolumeContext): string | undefined {
  if (ctx.volume.csi?.driver === EFS_CSI_DRIVER) return ctx.volume.csi.volumeAttributes?.volumeHandle ?? ctx.volume.name;
  if (ctx.pv?.spec?.csi?.driver === EFS_CSI_DRIVER) return ctx.pv.spec.csi.volumeHandle;
  return undefined;
}

/** Creates the EFS kubelet plugin. */
export function newEfsVolumePlugin(efs: EfsModel): KubeletVolumePlugin {
  return {
    name: `kubernetes.io/csi:${EFS_CSI_DRIVER}`,
    attachable: false,
    canSupport: (ctx) => efsHandle(ctx) !== undefined,
    setUp(ctx) {
      const handle = efsHandle(ctx);
      if (!handle) return { state: 'failed', message: 'not an EFS volume' };
      return { state: 'ready', fs: efs.filesystem(handle), readOnly: ctx.volume.persistentVolumeClaim?.readOnly ?? false };
    },
    tearDown() {},
  };
}
