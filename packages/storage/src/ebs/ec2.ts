/**
 * The EC2 volume API model: volumes, attachments and snapshots with their states, latencies,
 * zone pinning, single attach, io1/io2 Multi-Attach and attach limits. Every volume carries a
 * VolumeFilesystem that lives exactly as long as the volume.
 *
 * Design: calls validate and change state synchronously (`creating`, `attaching`, `detaching`);
 * the completing transition is an event on the loop after a latency drawn from the `ebs` RNG
 * stream. Listeners hear every completed transition, so controllers react without polling.
 * Tags of volumes and snapshots change through CreateTags/DeleteTags (all-or-nothing, 50 per
 * resource) and are listed by DescribeTags; DescribeAvailabilityZones lists the cloud's zones.
 * @see AWS EC2 API reference (CreateVolume, AttachVolume, DetachVolume, DeleteVolume, CreateSnapshot,
 *      CreateTags, DeleteTags, DescribeTags, DescribeAvailabilityZones)
 */
import { type CloudProvider, type CoreCluster, type InstanceInfo, type Rng, VolumeFilesystem } from '@kubesim/core';
import { DEFAULT_LATENCIES, DEVICE_PREFIX, type EbsLatencies, MODIFICATION_COOLDOWN_MS, MULTI_ATTACH } from './defaults.js';
import { ec2Errors } from './errors.js';
import type { EbsFaults, Ec2Operation } from './faults.js';
import { type Ec2Filter, matchSnapshot, matchVolume, wildcard } from './filters.js';
import { checkMultiAttach, checkPerformance, checkSize, checkVolumeType } from './validation.js';
import type { EbsAttachment, EbsSnapshot, EbsVolume, EbsVolumeModification, Tag } from './volume.js';

/** CreateVolume input (EC2 API member names). */
export interface CreateVolumeInput {
  readonly AvailabilityZone: string;
  readonly Size?: number;
  readonly VolumeType?: string;
  readonly Iops?: number;
  readonly Throughput?: number;
  readonly Encrypted?: boolean;
  readonly KmsKeyId?: string;
  readonly SnapshotId?: string;
  readonly MultiAttachEnabled?: boolean;
  readonly TagSpecifications?: readonly { readonly ResourceType?: string; readonly Tags: readonly Tag[] }[];
}

/** `vol-` and 8 or 17 hex digits. */
const VOLUME_ID = /^vol-[0-9a-f]{8}([0-9a-f]{9})?$/;
/** `snap-` and 8 or 17 hex digits. */
const SNAPSHOT_ID = /^snap-[0-9a-f]{8}([0-9a-f]{9})?$/;
/** User tags one resource may carry. */
const MAX_TAGS_PER_RESOURCE = 50;

/** The resource types the model tags (`TagDescription.ResourceType`). */
export type TaggableResourceType = 'volume' | 'snapshot';

/** A tag of CreateTags (Value required) or DeleteTags (without Value the key goes whatever its value). */
export interface TagInput {
  readonly Key: string;
  readonly Value?: string;
}

/** DescribeTags' `TagDescription`, members in the EC2 service model's order. */
export interface TagDescription {
  readonly Key: string;
  readonly ResourceId: string;
  readonly ResourceType: TaggableResourceType;
  readonly Value: string;
}

/** DescribeAvailabilityZones' `AvailabilityZone`, members in the EC2 service model's order. */
export interface AvailabilityZone {
  readonly OptInStatus: 'opt-in-not-required';
  readonly Messages: readonly { readonly Message: string }[];
  readonly RegionName: string;
  readonly ZoneName: string;
  readonly ZoneId: string;
  readonly GroupName: string;
  readonly NetworkBorderGroup: string;
  readonly ZoneType: 'availability-zone';
  readonly State: 'available';
}

/**
 * The short form of a region in zone ids: the area, the first letter of each further word
 * (`southeast` → `se`), the number: us-east-1 → use1, eu-west-1 → euw1, ap-southeast-2 → apse2.
 */
export function regionAbbreviation(region: string): string {
  const [area = '', ...words] = region.split('-');
  const number = words.pop() ?? '';
  const letters = words.map((w) => {
    const compound = /^(north|south)(east|west)$/.exec(w);
    return compound ? compound[1][0] + compound[2][0] : w[0];
  });
  return `${area}${letters.join('')}${number}`;
}

/**
 * A zone's id, `<region abbreviation>-az<N>` with N from the zone letter (us-east-1a → use1-az1).
 * AWS maps names to ids per account; the simulated account maps them in letter order.
 */
export function zoneId(region: string, zone: string): string {
  const letter = zone.slice(-1);
  return `${regionAbbreviation(region)}-az${letter.charCodeAt(0) - 'a'.charCodeAt(0) + 1}`;
}

/** The values a tag description has for a DescribeTags filter name (none for unsupported names). */
function tagDescriptionValues(d: TagDescription, name: string): readonly string[] {
  switch (name) {
    case 'key':
      return [d.Key];
    case 'value':
      return [d.Value];
    case 'resource-id':
      return [d.ResourceId];
    case 'resource-type':
      return [d.ResourceType];
    default:
      return [];
  }
}

/** Whether a tag description passes every DescribeTags filter (filters AND, values OR). */
function matchTagDescription(d: TagDescription, filters: readonly Ec2Filter[]): boolean {
  return filters.every((f) => f.Values.some((p) => tagDescriptionValues(d, f.Name).some((v) => wildcard(p, v))));
}

/** `aws:` keys (any case) belong to AWS. */
function checkTagKeys(tags: readonly TagInput[]): void {
  const reserved = tags.find((t) => /^aws:/i.test(t.Key));
  if (reserved) throw ec2Errors.reservedTagKey(reserved.Key);
}

/** Sets or overwrites one tag in place (a new key goes last). */
function putTag(tags: Tag[], key: string, value: string): void {
  const i = tags.findIndex((t) => t.Key === key);
  if (i >= 0) tags[i] = { Key: key, Value: value };
  else tags.push({ Key: key, Value: value });
}

/** Removes in place every tag DeleteTags names (every tag when `doomed` is undefined). */
function dropTags(tags: Tag[], doomed: readonly TagInput[] | undefined): void {
  const keep = tags.filter((t) => doomed !== undefined && !doomed.some((d) => d.Key === t.Key && (d.Value === undefined || d.Value === t.Value)));
  tags.splice(0, tags.length, ...keep);
}

/** A tagged resource: its id, type and (live) tag list. */
interface Taggable {
  readonly id: string;
  readonly type: TaggableResourceType;
  readonly tags: Tag[];
}

/** A listener of completed transitions. */
export type Ec2ChangeHandler = (volumeId: string) => void;

/** The simulated AWS account's id (EC2 `OwnerId`, ARNs). */
export const AWS_ACCOUNT_ID = '123456789012';

/** The EC2 volume API of one simulated region. */
export class Ec2Model {
  private readonly vols = new Map<string, EbsVolume>();
  private readonly snaps = new Map<string, EbsSnapshot>();
  /** The latest ModifyVolume of each volume. */
  private readonly mods = new Map<string, EbsVolumeModification>();
  /** Volume ids by attached instance id. */
  private readonly byInstance = new Map<string, Set<string>>();
  private readonly listeners: Ec2ChangeHandler[] = [];
  /** Volume and snapshot ids. */
  private readonly rng: Rng;
  /** Transition latencies (a separate stream, so timing draws never shift ids). */
  private readonly latencyRng: Rng;
  /** Account id printed as `OwnerId`. */
  readonly accountId = AWS_ACCOUNT_ID;

  constructor(
    private readonly core: CoreCluster,
    private readonly cloud: () => CloudProvider,
    readonly faults: EbsFaults,
    private readonly latencies: EbsLatencies = DEFAULT_LATENCIES,
  ) {
    this.rng = core.rng.fork('ebs');
    this.latencyRng = core.rng.fork('ebs-latency');
  }

  /** EC2 wire timestamp of a virtual instant (`2026-01-01T00:00:05.123Z`). */
  readonly formatTime = (ms: number): string => {
    const base = this.core.clock.rfc3339(ms - (ms % 1000));
    return `${base.replace(/Z$/, '')}.${String(ms % 1000).padStart(3, '0')}Z`;
  };

  /** Subscribes to completed transitions. */
  onChange(handler: Ec2ChangeHandler): void {
    this.listeners.push(handler);
  }

  /** One volume record (undefined once deleted). */
  volume(volumeId: string): Readonly<EbsVolume> | undefined {
    return this.vols.get(volumeId);
  }

  /** Every volume, by id. */
  volumes(): readonly EbsVolume[] {
    return [...this.vols.values()].sort((a, b) => (a.volumeId < b.volumeId ? -1 : 1));
  }

  /** Volume ids attached (in any attachment state) to an instance. */
  attachedTo(instanceId: string): readonly string[] {
    return [...(this.byInstance.get(instanceId) ?? [])].sort();
  }

  private draw(kind: keyof EbsLatencies): number {
    const [lo, hi] = this.faults.latencyFor(kind) ?? this.latencies[kind];
    return this.latencyRng.int(lo, hi);
  }

  private later(kind: keyof EbsLatencies, label: string, run: () => void, extraMs = 0): void {
    this.core.loop.schedule(this.draw(kind) + extraMs, `ebs/${label}`, run);
  }

  private changed(volumeId: string): void {
    for (const l of this.listeners) l(volumeId);
  }

  private begin(op: Ec2Operation): void {
    this.faults.check(op);
  }

  private mustVolume(volumeId: string): EbsVolume {
    if (!VOLUME_ID.test(volumeId)) throw ec2Errors.malformedVolumeId(volumeId);
    const v = this.vols.get(volumeId);
    if (!v) throw ec2Errors.volumeNotFound(volumeId);
    return v;
  }

  /** Whether the region has the zone (any name in the region while the cloud lists none). */
  private isZone(zone: string): boolean {
    const zones = this.cloud().zones;
    return zones.length > 0 ? zones.includes(zone) : zone.startsWith(this.cloud().region);
  }

  private checkZone(zone: string): void {
    if (!this.isZone(zone)) throw ec2Errors.invalidZone(zone);
  }

  /** CreateVolume: validates, stores the volume `creating`, completes to `available` later. */
  createVolume(input: CreateVolumeInput): EbsVolume {
    this.begin('CreateVolume');
    this.checkZone(input.AvailabilityZone);
    const type = checkVolumeType(input.VolumeType ?? 'gp2');
    const snapshot = input.SnapshotId ? this.snaps.get(input.SnapshotId) : undefined;
    if (input.SnapshotId && !snapshot) throw ec2Errors.snapshotNotFound(input.SnapshotId);
    const size = input.Size ?? snapshot?.volumeSizeGiB;
    if (size === undefined) throw ec2Errors.missingSize();
    checkSize(type, size);
    if (snapshot && size < snapshot.volumeSizeGiB) throw ec2Errors.tooSmall(size, snapshot.volumeSizeGiB);
    const perf = checkPerformance(type, size, input.Iops, input.Throughput);
    checkMultiAttach(type, input.MultiAttachEnabled ?? false);
    const tags = (input.TagSpecifications ?? []).flatMap((s) => s.Tags.map((t) => ({ Key: t.Key, Value: t.Value })));
    const volume: EbsVolume = {
      volumeId: `vol-${this.rng.hex(17)}`,
      zone: input.AvailabilityZone,
      sizeGiB: size,
      volumeType: type,
      ...perf,
      encrypted: input.Encrypted ?? snapshot?.encrypted ?? false,
      ...(input.KmsKeyId || input.Encrypted ? { kmsKeyId: input.KmsKeyId ?? `arn:aws:kms:${this.cloud().region}:${this.accountId}:key/aws-ebs-default` } : {}),
      snapshotId: input.SnapshotId ?? '',
      state: 'creating',
      createTimeMs: this.core.clock.now(),
      tags,
      multiAttachEnabled: input.MultiAttachEnabled ?? false,
      attachments: [],
      fs: snapshot ? snapshot.fs.clone() : new VolumeFilesystem(),
    };
    this.vols.set(volume.volumeId, volume);
    this.core.loop.record('ebs', `CreateVolume ${volume.volumeId} ${type} ${size}GiB ${volume.zone}`);
    this.later('createMs', `create ${volume.volumeId}`, () => {
      if (volume.state !== 'creating') return;
      volume.state = 'available';
      this.changed(volume.volumeId);
    });
    return volume;
  }

  /** DescribeVolumes: by ids (NotFound for an unknown one) and filters, sorted by id. */
  describeVolumes(input: { VolumeIds?: readonly string[]; Filters?: readonly Ec2Filter[] } = {}): EbsVolume[] {
    this.begin('DescribeVolumes');
    const base = input.VolumeIds?.length ? input.VolumeIds.map((id) => this.mustVolume(id)) : this.volumes();
    return base.filter((v) => matchVolume(v, input.Filters ?? []));
  }

  /** DeleteVolume: only `available` volumes; the data is gone for good. */
  deleteVolume(volumeId: string): void {
    this.begin('DeleteVolume');
    const v = this.mustVolume(volumeId);
    if (v.attachments.length > 0) throw ec2Errors.volumeInUseDelete(volumeId, v.attachments[0].instanceId);
    if (v.state !== 'available') throw ec2Errors.incorrectState(volumeId, 'available');
    v.state = 'deleting';
    this.core.loop.record('ebs', `DeleteVolume ${volumeId}`);
    this.later('deleteMs', `delete ${volumeId}`, () => {
      v.state = 'deleted';
      this.vols.delete(volumeId);
      this.changed(volumeId);
    });
  }

  private instance(instanceId: string): InstanceInfo {
    const inst = this.cloud().getInstance(instanceId);
    if (!inst || inst.state === 'terminated') throw ec2Errors.instanceNotFound(instanceId);
    return inst;
  }

  private nextDevice(instanceId: string): string {
    const used = new Set<string>();
    for (const id of this.byInstance.get(instanceId) ?? []) {
      for (const a of this.vols.get(id)?.attachments ?? []) if (a.instanceId === instanceId) used.add(a.device);
    }
    for (const first of 'bc') {
      for (const second of 'abcdefghijklmnopqrstuvwxyz') {
        const name = `${DEVICE_PREFIX}${first}${second}`;
        if (!used.has(name)) return name;
      }
    }
    throw ec2Errors.attachmentLimit();
  }

  /** AttachVolume: zone, single-attach (or Multi-Attach) and attach-limit rules; `attaching` then `attached`. */
  attachVolume(input: { VolumeId: string; InstanceId: string; Device?: string }): EbsAttachment {
    this.begin('AttachVolume');
    const v = this.mustVolume(input.VolumeId);
    const inst = this.instance(input.InstanceId);
    if (v.state !== 'available' && v.state !== 'in-use') throw ec2Errors.incorrectState(v.volumeId, 'available');
    if (inst.zone !== v.zone) throw ec2Errors.zoneMismatch(v.volumeId, inst.instanceId);
    if (v.attachments.some((a) => a.instanceId === inst.instanceId)) throw ec2Errors.volumeInUse(v.volumeId);
    if (v.attachments.length > 0) {
      if (!v.multiAttachEnabled) throw ec2Errors.volumeInUse(v.volumeId);
      if (v.attachments.length >= MULTI_ATTACH.maxInstances) throw ec2Errors.multiAttachLimit(v.volumeId);
    }
    const typeInfo = this.cloud().instanceType(inst.instanceType);
    if (v.multiAttachEnabled && typeInfo && !typeInfo.nitro) throw ec2Errors.multiAttachNitro(inst.instanceId);
    const limit = typeInfo?.ebsAttachLimit ?? Number.POSITIVE_INFINITY;
    if ((this.byInstance.get(inst.instanceId)?.size ?? 0) >= limit) throw ec2Errors.attachmentLimit();
    const device = input.Device ?? this.nextDevice(inst.instanceId);
    const attachment: EbsAttachment = {
      volumeId: v.volumeId,
      instanceId: inst.instanceId,
      device,
      state: 'attaching',
      attachTimeMs: this.core.clock.now(),
    };
    v.attachments = [...v.attachments, attachment];
    v.state = 'in-use';
    this.index(inst.instanceId).add(v.volumeId);
    this.core.loop.record('ebs', `AttachVolume ${v.volumeId} ${inst.instanceId} ${device}`);
    this.scheduleAttachDone(v, attachment);
    return attachment;
  }

  private scheduleAttachDone(v: EbsVolume, attachment: EbsAttachment): void {
    this.later('attachMs', `attach ${v.volumeId}`, () => {
      if (attachment.state !== 'attaching') return;
      if (this.faults.isAttachStuck(v.volumeId)) {
        this.scheduleAttachDone(v, attachment);
        return;
      }
      attachment.state = 'attached';
      this.changed(v.volumeId);
    });
  }

  private index(instanceId: string): Set<string> {
    let set = this.byInstance.get(instanceId);
    if (!set) {
      set = new Set();
      this.byInstance.set(instanceId, set);
    }
    return set;
  }

  /** DetachVolume: `detaching`, then the attachment is gone and the volume `available` again. */
  detachVolume(input: { VolumeId: string; InstanceId?: string; Force?: boolean }): EbsAttachment {
    this.begin('DetachVolume');
    const v = this.mustVolume(input.VolumeId);
    if (v.attachments.length === 0) throw ec2Errors.notAttached(v.volumeId);
    const attachment = input.InstanceId
      ? v.attachments.find((a) => a.instanceId === input.InstanceId)
      : v.attachments.length === 1
        ? v.attachments[0]
        : undefined;
    if (!attachment) throw ec2Errors.attachmentNotFound(v.volumeId, input.InstanceId ?? '');
    if (attachment.state === 'detaching') return attachment;
    attachment.state = 'detaching';
    this.core.loop.record('ebs', `DetachVolume ${v.volumeId} ${attachment.instanceId}`);
    const extra = input.Force ? 0 : this.faults.extraDetachMs(v.volumeId);
    this.later('detachMs', `detach ${v.volumeId}`, () => this.finishDetach(v, attachment), extra);
    return attachment;
  }

  private finishDetach(v: EbsVolume, attachment: EbsAttachment): void {
    if (!v.attachments.includes(attachment)) return;
    attachment.state = 'detached';
    v.attachments = v.attachments.filter((a) => a !== attachment);
    this.byInstance.get(attachment.instanceId)?.delete(v.volumeId);
    if (v.attachments.length === 0 && v.state === 'in-use') v.state = 'available';
    this.changed(v.volumeId);
  }

  /** An instance was terminated: its attachments end at once (the data volumes survive). */
  instanceTerminated(instanceId: string): void {
    for (const id of this.attachedTo(instanceId)) {
      const v = this.vols.get(id);
      const a = v?.attachments.find((x) => x.instanceId === instanceId);
      if (v && a) this.finishDetach(v, a);
    }
  }

  /**
   * ModifyVolume: size only grows, IOPS and throughput re-checked; one modification per volume
   * every six hours (`VolumeModificationRateExceeded`). `modifying` for a latency, then the new
   * size and performance apply and it is `optimizing`, then `completed`. Returns the record.
   */
  modifyVolume(input: { VolumeId: string; Size?: number; VolumeType?: string; Iops?: number; Throughput?: number }): Readonly<EbsVolumeModification> {
    this.begin('ModifyVolume');
    const v = this.mustVolume(input.VolumeId);
    const previous = this.mods.get(v.volumeId);
    if (previous && this.core.clock.now() - previous.startTimeMs < MODIFICATION_COOLDOWN_MS) throw ec2Errors.modificationRate();
    const size = input.Size ?? v.sizeGiB;
    if (size < v.sizeGiB) throw ec2Errors.shrink();
    const type = input.VolumeType === undefined ? v.volumeType : checkVolumeType(input.VolumeType);
    checkSize(type, size);
    // The volume keeps its provisioned IOPS and throughput unless the type changes (then the new
    // type's defaults, or what the call gives); gp2's IOPS follow its size.
    const keep = type === v.volumeType;
    const iops = input.Iops ?? (keep && type !== 'gp2' ? v.iops : undefined);
    const throughput = input.Throughput ?? (keep && type === 'gp3' ? v.throughput : undefined);
    const perf = checkPerformance(type, size, iops, throughput);
    const mod: EbsVolumeModification = {
      volumeId: v.volumeId,
      state: 'modifying',
      targetSize: size,
      targetIops: perf.iops,
      targetVolumeType: type,
      targetThroughput: perf.throughput,
      targetMultiAttachEnabled: v.multiAttachEnabled,
      originalSize: v.sizeGiB,
      originalIops: v.iops,
      originalVolumeType: v.volumeType,
      originalThroughput: v.throughput,
      originalMultiAttachEnabled: v.multiAttachEnabled,
      progress: 0,
      startTimeMs: this.core.clock.now(),
    };
    this.mods.set(v.volumeId, mod);
    this.later('modifyMs', `modify ${v.volumeId}`, () => {
      // The new size is usable from `optimizing` on.
      v.sizeGiB = size;
      v.volumeType = type;
      v.iops = perf.iops;
      v.throughput = perf.throughput;
      mod.state = 'optimizing';
      this.changed(v.volumeId);
      this.later('optimizeMs', `optimize ${v.volumeId}`, () => {
        mod.state = 'completed';
        mod.progress = 100;
        mod.endTimeMs = this.core.clock.now();
      });
    });
    return mod;
  }

  /** The latest modification of a volume, if any. */
  modification(volumeId: string): Readonly<EbsVolumeModification> | undefined {
    return this.mods.get(volumeId);
  }

  /**
   * DescribeVolumesModifications: the latest modification of each volume asked for (a volume
   * never modified is `InvalidVolumeModification.NotFound`), or of every modified volume.
   */
  describeVolumesModifications(input: { VolumeIds?: readonly string[] } = {}): EbsVolumeModification[] {
    this.begin('DescribeVolumesModifications');
    if (!input.VolumeIds?.length) return [...this.mods.values()].sort((a, b) => (a.volumeId < b.volumeId ? -1 : 1));
    return input.VolumeIds.map((id) => {
      this.mustVolume(id);
      const m = this.mods.get(id);
      if (!m) throw ec2Errors.modificationNotFound(id);
      return m;
    });
  }

  /** CreateSnapshot: copies the volume's data now; `pending` then `completed`. */
  createSnapshot(input: { VolumeId: string; Description?: string; TagSpecifications?: CreateVolumeInput['TagSpecifications'] }): EbsSnapshot {
    this.begin('CreateSnapshot');
    const v = this.mustVolume(input.VolumeId);
    const snap: EbsSnapshot = {
      snapshotId: `snap-${this.rng.hex(17)}`,
      volumeId: v.volumeId,
      volumeSizeGiB: v.sizeGiB,
      description: input.Description ?? '',
      state: 'pending',
      startTimeMs: this.core.clock.now(),
      encrypted: v.encrypted,
      tags: (input.TagSpecifications ?? []).flatMap((s) => s.Tags.map((t) => ({ Key: t.Key, Value: t.Value }))),
      fs: v.fs.clone(),
    };
    this.snaps.set(snap.snapshotId, snap);
    this.later('snapshotMs', `snapshot ${snap.snapshotId}`, () => {
      snap.state = 'completed';
    });
    return snap;
  }

  /** One snapshot record (undefined once deleted). */
  snapshot(snapshotId: string): Readonly<EbsSnapshot> | undefined {
    return this.snaps.get(snapshotId);
  }

  /** DeleteSnapshot: the snapshot and its data are gone at once (`InvalidSnapshot.NotFound` if unknown). */
  deleteSnapshot(snapshotId: string): void {
    this.begin('DeleteSnapshot');
    if (!this.snaps.delete(snapshotId)) throw ec2Errors.snapshotNotFound(snapshotId);
    this.core.loop.record('ebs', `DeleteSnapshot ${snapshotId}`);
  }

  /** DescribeSnapshots by ids and filters, sorted by id. */
  describeSnapshots(input: { SnapshotIds?: readonly string[]; Filters?: readonly Ec2Filter[] } = {}): EbsSnapshot[] {
    this.begin('DescribeSnapshots');
    const base = input.SnapshotIds?.length
      ? input.SnapshotIds.map((id) => {
          const s = this.snaps.get(id);
          if (!s) throw ec2Errors.snapshotNotFound(id);
          return s;
        })
      : [...this.snaps.values()].sort((a, b) => (a.snapshotId < b.snapshotId ? -1 : 1));
    return base.filter((s) => matchSnapshot(s, input.Filters ?? []));
  }

  /** The volume or snapshot behind a CreateTags/DeleteTags resource id: InvalidID for any other id, NotFound if unknown. */
  private taggable(id: string): Taggable {
    if (VOLUME_ID.test(id)) {
      const v = this.vols.get(id);
      if (!v) throw ec2Errors.volumeNotFound(id);
      return { id, type: 'volume', tags: v.tags };
    }
    if (SNAPSHOT_ID.test(id)) {
      const s = this.snaps.get(id);
      if (!s) throw ec2Errors.snapshotNotFound(id);
      return { id, type: 'snapshot', tags: s.tags };
    }
    throw ec2Errors.invalidId(id);
  }

  /**
   * CreateTags: adds or overwrites tags on volumes and snapshots. Every value, key, resource and
   * the 50-tag limit is checked before any resource changes (all-or-nothing).
   */
  createTags(input: { Resources: readonly string[]; Tags: readonly TagInput[] }): void {
    this.begin('CreateTags');
    if (input.Tags.some((t) => t.Value === undefined)) throw ec2Errors.tagValueNull();
    checkTagKeys(input.Tags);
    const targets = input.Resources.map((id) => this.taggable(id));
    for (const r of targets) {
      const keys = new Set([...r.tags.map((t) => t.Key), ...input.Tags.map((t) => t.Key)]);
      if (keys.size > MAX_TAGS_PER_RESOURCE) throw ec2Errors.tagLimit();
    }
    for (const r of targets) for (const t of input.Tags) putTag(r.tags, t.Key, t.Value ?? '');
    this.core.loop.record('ebs', `CreateTags ${input.Resources.join(',')} ${input.Tags.map((t) => `${t.Key}=${t.Value}`).join(',')}`);
  }

  /**
   * DeleteTags: without `Tags` every tag of the resources goes; a tag with a Value goes only when
   * the value matches, one without a Value whatever its value. Unknown keys are no error.
   */
  deleteTags(input: { Resources: readonly string[]; Tags?: readonly TagInput[] }): void {
    this.begin('DeleteTags');
    checkTagKeys(input.Tags ?? []);
    const targets = input.Resources.map((id) => this.taggable(id));
    for (const r of targets) dropTags(r.tags, input.Tags);
    const named = input.Tags ? ` ${input.Tags.map((t) => (t.Value === undefined ? t.Key : `${t.Key}=${t.Value}`)).join(',')}` : '';
    this.core.loop.record('ebs', `DeleteTags ${input.Resources.join(',')}${named}`);
  }

  /** DescribeTags: every tag of every volume and snapshot passing the filters, by resource id then key. */
  describeTags(input: { Filters?: readonly Ec2Filter[] } = {}): TagDescription[] {
    this.begin('DescribeTags');
    const resources: Taggable[] = [
      ...[...this.vols.values()].map((v): Taggable => ({ id: v.volumeId, type: 'volume', tags: v.tags })),
      ...[...this.snaps.values()].map((s): Taggable => ({ id: s.snapshotId, type: 'snapshot', tags: s.tags })),
    ];
    const all = resources.flatMap((r) => r.tags.map((t): TagDescription => ({ Key: t.Key, ResourceId: r.id, ResourceType: r.type, Value: t.Value })));
    all.sort((a, b) => (a.ResourceId !== b.ResourceId ? (a.ResourceId < b.ResourceId ? -1 : 1) : a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0));
    return all.filter((d) => matchTagDescription(d, input.Filters ?? []));
  }

  /** DescribeAvailabilityZones: the region's zones by name (`InvalidParameterValue` for an unknown one). */
  describeAvailabilityZones(input: { ZoneNames?: readonly string[] } = {}): AvailabilityZone[] {
    this.begin('DescribeAvailabilityZones');
    const unknown = input.ZoneNames?.find((z) => !this.isZone(z));
    if (unknown !== undefined) throw ec2Errors.zoneNotFound(unknown);
    const names = input.ZoneNames?.length ? [...new Set(input.ZoneNames)] : [...this.cloud().zones];
    const region = this.cloud().region;
    return names.sort().map((zone) => ({
      OptInStatus: 'opt-in-not-required',
      Messages: [],
      RegionName: region,
      ZoneName: zone,
      ZoneId: zoneId(region, zone),
      GroupName: `${region}-zg-1`,
      NetworkBorderGroup: region,
      ZoneType: 'availability-zone',
      State: 'available',
    }));
  }
}
