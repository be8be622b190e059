/**
 * StorageClass parameters of the EBS CSI driver, validated as the driver's CreateVolume does, and
 * the IOPS it asks EC2 for (`capIOPS`). In-tree `kubernetes.io/aws-ebs` classes are translated
 * first (csi-translation-lib: `fsType` → `csi.storage.k8s.io/fstype`, type default gp2).
 * @see ebs-csi pkg/driver/controller.go CreateVolume, pkg/cloud/cloud.go capIOPS;
 *      kubernetes staging/src/k8s.io/csi-translation-lib/plugins/aws_ebs.go
 */
import { IOPS_RULES, type VolumeType } from '../ebs/defaults.js';
import type { Tag } from '../ebs/volume.js';

/** A provisioning error already in the CSI `rpc error` form. */
export class ProvisionError extends Error {
  override readonly name = 'ProvisionError';
}

/** `rpc error: code = <code> desc = <desc>` (grpc status error text). */
export function rpcError(code: 'InvalidArgument' | 'Internal' | 'NotFound' | 'AlreadyExists', desc: string): ProvisionError {
  return new ProvisionError(`rpc error: code = ${code} desc = ${desc}`);
}

/** Parsed EBS class parameters. */
export interface EbsParameters {
  readonly type: VolumeType | string;
  readonly iops?: number;
  readonly iopsPerGB?: number;
  readonly allowAutoIOPSPerGBIncrease: boolean;
  readonly throughput?: number;
  readonly encrypted: boolean;
  readonly kmsKeyId?: string;
  readonly fsType: string;
  readonly tags: readonly Tag[];
}

/** Default type of CSI classes (ebs-csi docs/parameters.md) and of in-tree ones (storage-classes.md). */
export const DEFAULT_TYPE = { csi: 'gp3', inTree: 'gp2' } as const;
/** Default filesystem (ebs-csi `defaultFsType`). */
export const DEFAULT_FS_TYPE = 'ext4';

/** In-tree key names after translation to the CSI driver's keys. */
function translateInTree(params: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    const lower = k.toLowerCase();
    if (lower === 'fstype') out['csi.storage.k8s.io/fstype'] = v;
    else if (lower === 'zone' || lower === 'zones') continue;
    else out[k] = v;
  }
  return out;
}

function parseIntParam(name: string, value: string): number {
  if (!/^-?\d+$/.test(value.trim())) {
    throw rpcError('InvalidArgument', `Could not parse invalid ${name}: strconv.Atoi: parsing ${JSON.stringify(value)}: invalid syntax`);
  }
  return Number(value);
}

/** Parses and validates class parameters like the driver; throws ProvisionError with its texts. */
export function parseEbsParameters(params: Readonly<Record<string, string>> = {}, inTree = false): EbsParameters {
  const source = inTree ? translateInTree(params) : params;
  let type: string = inTree ? DEFAULT_TYPE.inTree : DEFAULT_TYPE.csi;
  let iops: number | undefined;
  let iopsPerGB: number | undefined;
  let allowAutoIOPSPerGBIncrease = false;
  let throughput: number | undefined;
  let encrypted = false;
  let kmsKeyId: string | undefined;
  let fsType = DEFAULT_FS_TYPE;
  const tags: Tag[] = [];
  for (const key of Object.keys(source).sort()) {
    const value = source[key];
    const lower = key.toLowerCase();
    if (lower === 'csi.storage.k8s.io/fstype' || lower === 'fstype') fsType = value;
    else if (lower.startsWith('csi.storage.k8s.io/')) continue;
    else if (lower === 'type') type = value.toLowerCase();
    else if (lower === 'iopspergb') iopsPerGB = parseIntParam('iopsPerGB', value);
    else if (lower === 'allowautoiopspergbincrease') allowAutoIOPSPerGBIncrease = value === 'true';
    else if (lower === 'iops') iops = parseIntParam('iops', value);
    else if (lower === 'throughput') throughput = parseIntParam('throughput', value);
    else if (lower === 'encrypted') encrypted = value === 'true';
    else if (lower === 'kmskeyid') kmsKeyId = value;
    else if (['blocksize', 'inodesize', 'bytesperinode', 'numberofinodes', 'ext4bigalloc', 'ext4clustersize', 'blockexpress', 'allowautoiopsincreaseonmodify', 'volumeinitializationrate'].includes(lower)) continue;
    else if (lower.startsWith('tagspecification_')) {
      const eq = value.indexOf('=');
      tags.push({ Key: eq < 0 ? value : value.slice(0, eq), Value: eq < 0 ? '' : value.slice(eq + 1) });
    } else throw rpcError('InvalidArgument', `Invalid parameter key ${key} for CreateVolume`);
  }
  if (iops !== undefined && iopsPerGB !== undefined && iops > 0 && iopsPerGB > 0) {
    throw rpcError('InvalidArgument', 'invalid StorageClass parameters; specify either IOPS or IOPSPerGb, not both');
  }
  if (!['ext2', 'ext3', 'ext4', 'xfs'].includes(fsType)) {
    throw rpcError('InvalidArgument', `Volume capability not supported: invalid fstype ${fsType}`);
  }
  return { type, iops, iopsPerGB, allowAutoIOPSPerGBIncrease, throughput, encrypted, kmsKeyId, fsType, tags };
}

/**
 * The IOPS the driver requests for a volume (`capIOPS`): undefined for gp2/st1/sc1/standard and
 * for gp3 without a request; raised to the minimum only with allowAutoIOPSPerGBIncrease; capped
 * at the type's maximum and per-GiB ratio. Throws a bare ProvisionError (CreateDisk's error,
 * which the driver wraps as `Could not create volume …`).
 */
export function requestedIops(p: EbsParameters, sizeGiB: number): number | undefined {
  const rules =
    p.type === 'io1' ? IOPS_RULES.io1 : p.type === 'io2' ? IOPS_RULES.io2 : p.type === 'gp3' ? IOPS_RULES.gp3 : undefined;
  if (!rules) return undefined;
  const wanted = p.iops ?? (p.iopsPerGB !== undefined ? p.iopsPerGB * sizeGiB : undefined);
  if (wanted === undefined || wanted === 0) return p.type === 'gp3' ? undefined : capMin(0, rules.min, p);
  let iops = capMin(wanted, rules.min, p);
  if (iops > rules.max) iops = rules.max;
  const perGiBCap = rules.maxPerGiB * sizeGiB;
  if (iops > perGiBCap && perGiBCap >= rules.min) iops = perGiBCap;
  return iops;
}

function capMin(iops: number, min: number, p: EbsParameters): number {
  if (iops >= min) return iops;
  if (p.allowAutoIOPSPerGBIncrease) return min;
  throw new ProvisionError(`invalid IOPS: ${iops} is too low, it must be at least ${min}`);
}
