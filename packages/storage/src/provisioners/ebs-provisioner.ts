/**
 * The EBS CSI driver's controller service for `ebs.csi.aws.com` classes and, through CSI
 * migration, `kubernetes.io/aws-ebs` classes (whose PVs keep the in-tree `awsElasticBlockStore`
 * source `aws://<zone>/vol-…`).
 * @see ebs-csi pkg/driver/controller.go CreateVolume/DeleteVolume; csi-translation-lib aws_ebs.go
 */
import type { Rng } from '@kubesim/core';
import type { PersistentVolume } from '../api-types.js';
import { ANN, EBS_CSI_DRIVER, IN_TREE_EBS_PROVISIONER, LABEL } from '../constants.js';
import { clusterIdTags, mergeTags } from '../ebs/cluster-tags.js';
import { Ec2Error } from '../ebs/errors.js';
import type { Ec2Model } from '../ebs/ec2.js';
import { GIB, roundUpGiB } from '../util/quantity.js';
import { ProvisionError, parseEbsParameters, rpcError, requestedIops } from './parameters.js';
import type { ProvisionRequest, ProvisionedVolume, VolumeProvisioner } from './provisioner.js';
import { allowedZones } from './storage-class.js';

/** The volume id in an EBS PV source (`aws://us-east-1a/vol-…` or `vol-…`). */
export function ebsVolumeIdOf(pv: PersistentVolume): string | undefined {
  const spec = pv.spec;
  if (spec?.csi?.driver === EBS_CSI_DRIVER) return spec.csi.volumeHandle;
  const id = spec?.awsElasticBlockStore?.volumeID;
  return id ? volumeIdFromInTree(id) : undefined;
}

/** `aws://us-east-1a/vol-…` → `vol-…`. */
export function volumeIdFromInTree(id: string): string {
  const slash = id.lastIndexOf('/');
  return slash >= 0 ? id.slice(slash + 1) : id;
}

/**
 * Access modes the driver accepts: RWO/RWOP (SINGLE_NODE_WRITER); RWX only as a Block volume of
 * type io2 (Multi-Attach). Returns whether Multi-Attach is needed.
 * @see ebs-csi pkg/driver/controller.go isValidVolumeCapabilities, pkg/cloud/cloud.go CreateDisk
 */
function checkVolumeCapabilities(req: ProvisionRequest, type: string): boolean {
  const modes = req.claim.spec?.accessModes ?? [];
  if (modes.includes('ReadOnlyMany')) throw rpcError('InvalidArgument', 'Volume capabilities not supported');
  if (!modes.includes('ReadWriteMany')) return false;
  if ((req.claim.spec?.volumeMode ?? 'Filesystem') !== 'Block') throw rpcError('InvalidArgument', 'Volume capabilities not supported');
  if (type !== 'io2') throw rpcError('InvalidArgument', 'CreateDisk: multi-attach is only supported for io2 volumes');
  return true;
}

/** The EBS provisioner. */
export class EbsProvisioner implements VolumeProvisioner {
  readonly names = [EBS_CSI_DRIVER, IN_TREE_EBS_PROVISIONER];
  readonly driver = EBS_CSI_DRIVER;
  readonly restoresSnapshots = true;
  /** `storage.kubernetes.io/csiProvisionerIdentity`: `<start ms>-<rand>-ebs.csi.aws.com`. */
  readonly identity: string;

  constructor(
    private readonly ec2: Ec2Model,
    private readonly rng: Rng,
    private readonly zonesWithNodes: () => readonly string[],
    /** The driver's `--k8s-tag-cluster-id` (the EKS add-on passes the cluster's name). */
    private readonly clusterId?: string,
  ) {
    this.identity = `${1700000000000 + rng.int(0, 99999999)}-${rng.int(1000, 9999)}-${EBS_CSI_DRIVER}`;
  }

  private chooseZone(req: ProvisionRequest): string {
    const allowed = allowedZones(req.storageClass);
    const nodeZone = req.selectedNode?.metadata.labels?.[LABEL.zone];
    if (nodeZone) {
      if (allowed && !allowed.includes(nodeZone)) {
        throw rpcError('InvalidArgument', `topology requirement not satisfied: zone ${nodeZone} is not allowed`);
      }
      return nodeZone;
    }
    const candidates = (allowed ?? this.zonesWithNodes()).filter((z) => !allowed || allowed.includes(z));
    if (candidates.length === 0) throw rpcError('Internal', `Could not create volume ${JSON.stringify(req.pvName)}: no zone available`);
    return this.rng.pick([...candidates].sort());
  }

  create(req: ProvisionRequest): ProvisionedVolume {
    const inTree = req.storageClass.provisioner === IN_TREE_EBS_PROVISIONER;
    const params = parseEbsParameters(req.storageClass.parameters, inTree);
    const multiAttach = checkVolumeCapabilities(req, params.type);
    const sizeGiB = Math.max(1, roundUpGiB(req.requestBytes || 100 * GIB));
    let iops: number | undefined;
    try {
      iops = requestedIops(params, sizeGiB);
    } catch (e) {
      if (!(e instanceof ProvisionError)) throw e;
      throw rpcError('Internal', `Could not create volume ${JSON.stringify(req.pvName)}: ${e.message}`);
    }
    const zone = this.chooseZone(req);
    // The class's tags are added last and win over the driver's own of the same key.
    const tags = mergeTags([
      { Key: 'CSIVolumeName', Value: req.pvName },
      { Key: 'ebs.csi.aws.com/cluster', Value: 'true' },
      ...clusterIdTags(this.clusterId, req.pvName, 'volume'),
      { Key: 'kubernetes.io/created-for/pv/name', Value: req.pvName },
      { Key: 'kubernetes.io/created-for/pvc/name', Value: req.claim.metadata.name ?? '' },
      { Key: 'kubernetes.io/created-for/pvc/namespace', Value: req.claim.metadata.namespace ?? '' },
      ...params.tags,
    ]);
    try {
      const v = this.ec2.createVolume({
        AvailabilityZone: zone,
        Size: sizeGiB,
        VolumeType: params.type,
        Iops: iops,
        Throughput: params.type === 'gp3' ? params.throughput : undefined,
        Encrypted: params.encrypted,
        KmsKeyId: params.kmsKeyId,
        MultiAttachEnabled: multiAttach || undefined,
        SnapshotId: req.snapshotId,
        TagSpecifications: [{ ResourceType: 'volume', Tags: tags }],
      });
      return { handle: v.volumeId, sizeGiB, zone };
    } catch (e) {
      if (e instanceof Ec2Error) {
        const desc = `Could not create volume ${JSON.stringify(req.pvName)}: could not create volume in EC2: ${e.toString()}`;
        throw rpcError(e.code.startsWith('InvalidParameter') ? 'InvalidArgument' : 'Internal', desc);
      }
      throw e;
    }
  }

  isReady(handle: string): boolean {
    return this.ec2.volume(handle)?.state === 'available';
  }

  pvParts(req: ProvisionRequest, vol: ProvisionedVolume): ReturnType<VolumeProvisioner['pvParts']> {
    const inTree = req.storageClass.provisioner === IN_TREE_EBS_PROVISIONER;
    const params = parseEbsParameters(req.storageClass.parameters, inTree);
    const nodeAffinity = {
      required: { nodeSelectorTerms: [{ matchExpressions: [{ key: LABEL.zone, operator: 'In', values: [vol.zone ?? ''] }] }] },
    };
    if (inTree) {
      return {
        spec: { awsElasticBlockStore: { volumeID: `aws://${vol.zone}/${vol.handle}`, fsType: params.fsType }, nodeAffinity },
        annotations: { [ANN.provisionedBy]: IN_TREE_EBS_PROVISIONER, [ANN.migratedTo]: EBS_CSI_DRIVER },
      };
    }
    return {
      spec: {
        csi: {
          driver: EBS_CSI_DRIVER,
          volumeHandle: vol.handle,
          fsType: params.fsType,
          volumeAttributes: { 'storage.kubernetes.io/csiProvisionerIdentity': this.identity },
        },
        nodeAffinity,
      },
      annotations: { [ANN.provisionedBy]: EBS_CSI_DRIVER },
    };
  }

  deleteVolume(pv: PersistentVolume): 'done' | 'retry' {
    const id = ebsVolumeIdOf(pv);
    if (!id) return 'done';
    const v = this.ec2.volume(id);
    if (!v || v.state === 'deleting' || v.state === 'deleted') return 'done';
    if (v.attachments.length > 0 || v.state !== 'available') return 'retry';
    this.ec2.deleteVolume(id);
    return 'done';
  }

  expand(pv: PersistentVolume, sizeGiB: number): boolean {
    const id = ebsVolumeIdOf(pv);
    const v = id ? this.ec2.volume(id) : undefined;
    if (!id || !v) return false;
    if (v.sizeGiB >= sizeGiB) return true;
    // The driver waits out a modification in flight (its size applies once it is optimizing).
    const m = this.ec2.modification(id);
    if (m?.state === 'modifying' && m.targetSize >= sizeGiB) return false;
    // Throws EC2's error, e.g. a second modification within six hours.
    this.ec2.modifyVolume({ VolumeId: id, Size: sizeGiB });
    return false;
  }
}
