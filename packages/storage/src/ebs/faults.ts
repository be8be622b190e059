/**
 * Fault injection for the EBS model: API errors, latency overrides, attachments that never
 * complete, slow detaches.
 */
import type { EbsLatencies, LatencyRange } from './defaults.js';
import { Ec2Error } from './errors.js';

/** EC2 operations the model serves. */
export type Ec2Operation =
  | 'CreateVolume'
  | 'DeleteVolume'
  | 'DescribeVolumes'
  | 'AttachVolume'
  | 'DetachVolume'
  | 'ModifyVolume'
  | 'DescribeVolumesModifications'
  | 'CreateSnapshot'
  | 'DeleteSnapshot'
  | 'DescribeSnapshots'
  | 'CreateTags'
  | 'DeleteTags'
  | 'DescribeTags'
  | 'DescribeAvailabilityZones';

interface PendingError {
  readonly code: string;
  readonly message: string;
  remaining: number;
}

/** Faults the EBS model consults on every call and transition. */
export class EbsFaults {
  private readonly errors = new Map<Ec2Operation, PendingError[]>();
  private readonly latency = new Map<keyof EbsLatencies, LatencyRange>();
  private readonly stuck = new Set<string>();
  private stuckAll = false;
  private readonly slowDetachMs = new Map<string, number>();
  private slowDetachAllMs = 0;

  /** The next `count` calls of `operation` fail with `code: message` (count Infinity = until cleared). */
  failNext(operation: Ec2Operation, code: string, message: string, count = 1): void {
    const list = this.errors.get(operation) ?? [];
    list.push({ code, message, remaining: count });
    this.errors.set(operation, list);
  }

  /** Overrides one latency range. */
  setLatency(kind: keyof EbsLatencies, range: LatencyRange): void {
    this.latency.set(kind, range);
  }

  /** Attachments of `volumeId` (all volumes when omitted) stay `attaching` until unstuck. */
  stuckAttach(volumeId?: string): void {
    if (volumeId) this.stuck.add(volumeId);
    else this.stuckAll = true;
  }

  /** Ends `stuckAttach`. */
  unstickAttach(volumeId?: string): void {
    if (volumeId) this.stuck.delete(volumeId);
    else {
      this.stuckAll = false;
      this.stuck.clear();
    }
  }

  /** Adds `extraMs` to every detach of `volumeId` (all volumes when omitted). */
  slowDetach(extraMs: number, volumeId?: string): void {
    if (volumeId) this.slowDetachMs.set(volumeId, extraMs);
    else this.slowDetachAllMs = extraMs;
  }

  /** Removes every fault. */
  clear(): void {
    this.errors.clear();
    this.latency.clear();
    this.unstickAttach();
    this.slowDetachMs.clear();
    this.slowDetachAllMs = 0;
  }

  /** Throws the injected error of `operation`, if any (consuming one). */
  check(operation: Ec2Operation): void {
    const list = this.errors.get(operation);
    const next = list?.[0];
    if (!list || !next) return;
    next.remaining--;
    if (next.remaining <= 0) list.shift();
    throw new Ec2Error(next.code, next.message);
  }

  /** The latency range override of a transition, if any. */
  latencyFor(kind: keyof EbsLatencies): LatencyRange | undefined {
    return this.latency.get(kind);
  }

  /** Whether an attachment of the volume must stay `attaching`. */
  isAttachStuck(volumeId: string): boolean {
    return this.stuckAll || this.stuck.has(volumeId);
  }

  /** Extra detach latency of a volume. */
  extraDetachMs(volumeId: string): number {
    return this.slowDetachMs.get(volumeId) ?? this.slowDetachAllMs;
  }
}
