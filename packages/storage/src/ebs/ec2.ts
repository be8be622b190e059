/**
 * The EC2 volume API model: volumes, attachments and snapshots with their states, latencies,
 * zone pinning, single attach, io1/io2 Multi-Attach and attach limits. Every volume carries a
 * VolumeFilesystem that lives exactly as long as the volume.
 *
 * Design: calls validate and change state synchronously (`creating`, `attaching`, `detaching`);
 * the completing transition is an event on the loop after a latency drawn from the `ebs` RNG
 * stream. Listeners hear every completed transition, so controllers react without polling.
 * @see AWS EC2 API reference (CreateVolume, AttachVolume, DetachVolume, DeleteVolume, CreateSnapshot)
 */
import { type CloudProvider, type CoreCluster, type InstanceInfo, type Rng, VolumeFilesystem } from '@kubesim/core';
import { DEFAULT_LATENCIES, DEVICE_PREFIX, type EbsLatencies, MODIFICATION_COOLDOWN_MS, MULTI_ATTACH } from './defaults.js';
import { ec2Errors } from './errors.js';
import type { EbsFaults, Ec2Operation } from './faults.js';
import { type Ec2Filter, matchSnapshot, matchVolume } from './filters.js';
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

/** A listener of completed transitions. */
export type Ec2ChangeHandler = (volumeId: string) => void;

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
  readonly accountId = '123456789012';

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
    if (!/^vol-[0-9a-f]{8}([0-9a-f]{9})?$/.test(volumeId)) throw ec2Errors.malformedVolumeId(volumeId);
    const v = this.vols.get(volumeId);
    if (!v) throw ec2Errors.volumeNotFound(volumeId);
    return v;
  }

  private checkZone(zone: string): void {
    const zones = this.cloud().zones;
    const known = zones.length > 0 ? zones.includes(zone) : zone.startsWith(this.cloud().region);
    if (!known) throw ec2Errors.invalidZone(zone);
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
}
