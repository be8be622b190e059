/**
 * The EFS CSI driver (`efs.csi.aws.com`): regional file systems, one access point per claim,
 * ReadWriteMany, mountable from every zone, no attach.
 * @see aws-efs-csi-driver pkg/driver/controller.go (provisioningMode efs-ap)
 */
import { type Rng, VolumeFilesystem } from '@kubesim/core';
import type { PersistentVolume } from '../api-types.js';
import { ANN, EFS_CSI_DRIVER } from '../constants.js';
import { rpcError } from './parameters.js';
import type { ProvisionRequest, ProvisionedVolume, VolumeProvisioner } from './provisioner.js';

/** EFS file systems and their access points' data. */
export class EfsModel {
  private readonly data = new Map<string, VolumeFilesystem>();

  /** The shared filesystem behind a volume handle (`fs-…::fsap-…` or `fs-…`), created on first use. */
  filesystem(handle: string): VolumeFilesystem {
    let fs = this.data.get(handle);
    if (!fs) {
      fs = new VolumeFilesystem();
      this.data.set(handle, fs);
    }
    return fs;
  }

  /** Forgets a volume's data (access point deleted). */
  delete(handle: string): void {
    this.data.delete(handle);
  }

  /** Whether a handle has data. */
  has(handle: string): boolean {
    return this.data.has(handle);
  }
}

/** The EFS provisioner. */
export class EfsProvisioner implements VolumeProvisioner {
  readonly names = [EFS_CSI_DRIVER];
  readonly driver = EFS_CSI_DRIVER;

  constructor(
    readonly efs: EfsModel,
    private readonly rng: Rng,
  ) {}

  create(req: ProvisionRequest): ProvisionedVolume {
    const params = req.storageClass.parameters ?? {};
    for (const key of Object.keys(params).sort()) {
      if (!['provisioningMode', 'fileSystemId', 'directoryPerms', 'gidRangeStart', 'gidRangeEnd', 'basePath', 'subPathPattern', 'ensureUniqueDirectory', 'uid', 'gid', 'reuseAccessPoint', 'az'].includes(key) && !key.startsWith('csi.storage.k8s.io/')) {
        throw rpcError('InvalidArgument', `Invalid parameter key ${key} for CreateVolume`);
      }
    }
    if (params.provisioningMode !== undefined && params.provisioningMode !== 'efs-ap') {
      throw rpcError('InvalidArgument', `Provisioning mode ${params.provisioningMode} is not supported.`);
    }
    const fsId = params.fileSystemId ?? `fs-${this.rng.hex(17)}`;
    const handle = `${fsId}::fsap-${this.rng.hex(17)}`;
    this.efs.filesystem(handle);
    return { handle, sizeGiB: Math.max(1, Math.ceil(req.requestBytes / 2 ** 30)) };
  }

  isReady(_handle: string): boolean {
    return true;
  }

  pvParts(_req: ProvisionRequest, vol: ProvisionedVolume): ReturnType<VolumeProvisioner['pvParts']> {
    return {
      spec: { csi: { driver: EFS_CSI_DRIVER, volumeHandle: vol.handle } },
      annotations: { [ANN.provisionedBy]: EFS_CSI_DRIVER },
    };
  }

  deleteVolume(pv: PersistentVolume): 'done' | 'retry' {
    const handle = pv.spec?.csi?.volumeHandle;
    if (handle) this.efs.delete(handle);
    return 'done';
  }
}
