/**
 * CreateVolume parameter rules: type, size range, IOPS and throughput, Multi-Attach opt-in.
 * @see AWS EC2 API reference CreateVolume; EBS volume types docs
 */
import { GP3_THROUGHPUT, IOPS_RULES, MULTI_ATTACH, SIZE_RANGE_GIB, VOLUME_TYPES, type VolumeType } from './defaults.js';
import { ec2Errors } from './errors.js';

/** Checked CreateVolume performance settings. */
export interface VolumePerformance {
  readonly iops?: number;
  readonly throughput?: number;
}

/** Validates the type name. Throws InvalidParameterValue. */
export function checkVolumeType(type: string): VolumeType {
  if (!(VOLUME_TYPES as readonly string[]).includes(type)) throw ec2Errors.invalidType(type);
  return type as VolumeType;
}

/** Validates the size against the type's range. */
export function checkSize(type: VolumeType, sizeGiB: number): void {
  const [min, max] = SIZE_RANGE_GIB[type];
  if (sizeGiB < min) throw ec2Errors.tooSmall(sizeGiB, min);
  if (sizeGiB > max) throw ec2Errors.tooLarge(sizeGiB, max);
}

/** gp2 baseline: 3 IOPS/GiB, at least 100, at most 16000. */
export function gp2Iops(sizeGiB: number): number {
  const r = IOPS_RULES.gp2;
  return Math.min(r.max, Math.max(r.min, r.perGiB * sizeGiB));
}

/** Validates IOPS and throughput for the type and size; returns what the volume will report. */
export function checkPerformance(
  type: VolumeType,
  sizeGiB: number,
  iops: number | undefined,
  throughput: number | undefined,
): VolumePerformance {
  if (throughput !== undefined && type !== 'gp3') throw ec2Errors.throughputNotSupported(type);
  switch (type) {
    case 'gp2':
      if (iops !== undefined) throw ec2Errors.iopsNotSupported(type);
      return { iops: gp2Iops(sizeGiB) };
    case 'gp3': {
      const r = IOPS_RULES.gp3;
      const value = iops ?? r.baseline;
      if (value < r.min || value > r.max) throw ec2Errors.iopsRange(value, r.min, r.max);
      if (iops !== undefined && iops > r.baseline && iops / sizeGiB > r.maxPerGiB) throw ec2Errors.iopsRatio(iops / sizeGiB, r.maxPerGiB);
      const t = throughput ?? GP3_THROUGHPUT.baseline;
      if (t < GP3_THROUGHPUT.min || t > GP3_THROUGHPUT.max) throw ec2Errors.throughputRange(t, GP3_THROUGHPUT.min, GP3_THROUGHPUT.max);
      return { iops: value, throughput: t };
    }
    case 'io1':
    case 'io2': {
      const r = IOPS_RULES[type];
      if (iops === undefined) throw ec2Errors.iopsRequired(type);
      if (iops < r.min || iops > r.max) throw ec2Errors.iopsRange(iops, r.min, r.max);
      if (iops / sizeGiB > r.maxPerGiB) throw ec2Errors.iopsRatio(iops / sizeGiB, r.maxPerGiB);
      return { iops };
    }
    default:
      if (iops !== undefined) throw ec2Errors.iopsNotSupported(type);
      return {};
  }
}

/** Multi-Attach is an io1/io2 opt-in. */
export function checkMultiAttach(type: VolumeType, enabled: boolean): void {
  if (enabled && !MULTI_ATTACH.types.includes(type)) throw ec2Errors.multiAttachType();
}
