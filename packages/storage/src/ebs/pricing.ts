/**
 * A simple EBS price model: $/GiB-month per type plus provisioned IOPS and throughput.
 * Provenance: AWS EBS pricing page, us-east-1 list prices (2024): gp2 $0.10, gp3 $0.08 + $0.005
 * per IOPS over 3000 + $0.04 per MiB/s over 125, io1/io2 $0.125 + $0.065 per provisioned IOPS,
 * st1 $0.045, sc1 $0.015, standard (magnetic) $0.05.
 */
import type { VolumeType } from './defaults.js';
import type { EbsVolume } from './volume.js';

/** $/GiB-month by type (us-east-1). */
export const PRICE_PER_GIB_MONTH: Readonly<Record<VolumeType, number>> = {
  gp2: 0.1,
  gp3: 0.08,
  io1: 0.125,
  io2: 0.125,
  st1: 0.045,
  sc1: 0.015,
  standard: 0.05,
};

/** Monthly list price of a volume in USD. */
export function monthlyPrice(v: Pick<EbsVolume, 'volumeType' | 'sizeGiB' | 'iops' | 'throughput'>): number {
  let price = PRICE_PER_GIB_MONTH[v.volumeType] * v.sizeGiB;
  if (v.volumeType === 'io1' || v.volumeType === 'io2') price += 0.065 * (v.iops ?? 0);
  if (v.volumeType === 'gp3') {
    price += 0.005 * Math.max(0, (v.iops ?? 3000) - 3000);
    price += 0.04 * Math.max(0, (v.throughput ?? 125) - 125);
  }
  return Math.round(price * 100) / 100;
}
