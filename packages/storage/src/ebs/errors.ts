/**
 * EC2 API errors with their codes and texts, as the AWS CLI and the EBS CSI driver show them.
 * Texts of ZoneMismatch, VolumeInUse (attach), NotFound and too-small come from reference §7/§8;
 * the others (IncorrectState, Malformed, limits, IOPS/throughput ranges) are UNVERIFIED wording
 * and live only here so they can change in one place.
 * @see AWS EC2 API reference "Error codes"; reference §8
 */

/** An EC2 API error: `code` (e.g. `InvalidVolume.NotFound`) and message. */
export class Ec2Error extends Error {
  override readonly name = 'Ec2Error';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** `<code>: <message>` as the driver wraps it. */
  override toString(): string {
    return `${this.code}: ${this.message}`;
  }
}

/** Constructors of the EC2 errors the model raises. */
export const ec2Errors = {
  volumeNotFound: (id: string) => new Ec2Error('InvalidVolume.NotFound', `The volume '${id}' does not exist.`),
  malformedVolumeId: (id: string) => new Ec2Error('InvalidVolumeID.Malformed', `Invalid id: "${id}" (expecting "vol-...")`),
  snapshotNotFound: (id: string) => new Ec2Error('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`),
  instanceNotFound: (id: string) => new Ec2Error('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`),
  zoneMismatch: (vol: string, inst: string) =>
    new Ec2Error('InvalidVolume.ZoneMismatch', `The volume '${vol}' is not in the same availability zone as instance '${inst}'`),
  volumeInUse: (vol: string) => new Ec2Error('VolumeInUse', `${vol} is already attached to an instance`),
  volumeInUseDelete: (vol: string, inst: string) => new Ec2Error('VolumeInUse', `Volume ${vol} is currently attached to ${inst}`),
  incorrectState: (vol: string, state: string) =>
    new Ec2Error('IncorrectState', `The volume '${vol}' is not in the '${state}' state.`),
  notAttached: (vol: string) => new Ec2Error('IncorrectState', `Volume '${vol}' is in the 'available' state.`),
  attachmentNotFound: (vol: string, inst: string) =>
    new Ec2Error('InvalidAttachment.NotFound', `The volume '${vol}' is not attached to instance '${inst}'.`),
  invalidZone: (zone: string) =>
    new Ec2Error('InvalidParameterValue', `Invalid availability zone: [${zone}]`),
  invalidType: (type: string) =>
    new Ec2Error(
      'InvalidParameterValue',
      `Value (${type}) for parameter volumeType is invalid. Valid values: standard | io1 | io2 | gp2 | sc1 | st1 | gp3`,
    ),
  tooSmall: (size: number, min: number) =>
    new Ec2Error('InvalidParameterValue', `Volume of ${size}GiB is too small; minimum is ${min}GiB.`),
  tooLarge: (size: number, max: number) =>
    new Ec2Error('InvalidParameterValue', `Volume of ${size}GiB is too large; maximum is ${max}GiB.`),
  missingSize: () =>
    new Ec2Error('MissingParameter', 'The request must contain the parameter size or snapshotId'),
  iopsNotSupported: (type: string) =>
    new Ec2Error('InvalidParameterCombination', `The parameter iops is not supported for ${type} volumes.`),
  iopsRequired: (type: string) =>
    new Ec2Error('MissingParameter', `The request must contain the parameter iops for ${type} volumes.`),
  iopsRatio: (ratio: number, max: number) =>
    new Ec2Error('InvalidParameterValue', `Iops to volume size ratio of ${ratio.toFixed(6)} is too high; maximum is ${max}`),
  iopsRange: (iops: number, min: number, max: number) =>
    new Ec2Error(
      'InvalidParameterValue',
      `Volume iops of ${iops} is ${iops < min ? 'too low; minimum is' : 'too high; maximum is'} ${iops < min ? min : max}.`,
    ),
  throughputNotSupported: (type: string) =>
    new Ec2Error('InvalidParameterCombination', `The parameter throughput is not supported for ${type} volumes.`),
  throughputRange: (t: number, min: number, max: number) =>
    new Ec2Error(
      'InvalidParameterValue',
      `Throughput of ${t}MiB/s is ${t < min ? 'too low; minimum is' : 'too high; maximum is'} ${t < min ? min : max}MiB/s.`,
    ),
  multiAttachType: () =>
    new Ec2Error(
      'InvalidParameterCombination',
      'The parameter multiAttachEnabled is only supported with io1 and io2 volumes.',
    ),
  multiAttachLimit: (vol: string) =>
    new Ec2Error('VolumeInUse', `${vol} is already attached to the maximum number of instances (16)`),
  multiAttachNitro: (inst: string) =>
    new Ec2Error('UnsupportedOperation', `Instance '${inst}' does not support Multi-Attach enabled volumes.`),
  attachmentLimit: () => new Ec2Error('AttachmentLimitExceeded', 'Attachment limit exceeded'),
  deviceInUse: (device: string) =>
    new Ec2Error('InvalidParameterValue', `Invalid value '${device}' for unixDevice. Attachment point ${device} is already in use`),
  shrink: () => new Ec2Error('InvalidParameterValue', 'New size cannot be smaller than existing size'),
  modificationRate: () =>
    new Ec2Error(
      'VolumeModificationRateExceeded',
      "You've reached the maximum modification rate per volume limit. Wait at least 6 hours between modifications per EBS volume.",
    ),
  modificationNotFound: (vol: string) => new Ec2Error('InvalidVolumeModification.NotFound', `Modification for volume '${vol}' does not exist.`),
  // Tag and zone texts as EC2 emulators that copy real responses word them (moto for InvalidID,
  // TagLimitExceeded and the null value; the `aws:` key as another's tests do); not checked here
  // against AWS itself.
  /** CreateTags/DeleteTags: a resource id of no kind the model tags, or malformed. */
  invalidId: (id: string) => new Ec2Error('InvalidID', `The ID '${id}' is not valid`),
  reservedTagKey: (key: string) =>
    new Ec2Error('InvalidParameterValue', `Value ( ${key} ) for parameter key is invalid. Tag keys starting with 'aws:' are reserved for internal use`),
  tagValueNull: () => new Ec2Error('InvalidParameterValue', 'Tag value cannot be null. Use empty string instead.'),
  tagLimit: () => new Ec2Error('TagLimitExceeded', 'The maximum number of Tags for a resource has been reached.'),
  zoneNotFound: (zone: string) => new Ec2Error('InvalidParameterValue', `The zone '${zone}' does not exist.`),
};
