import { describe, expect, it } from 'vitest';
import { monthlyPrice } from './pricing.js';

describe('EBS price model (us-east-1 list prices)', () => {
  it.each([
    ['gp2 100 GiB', { volumeType: 'gp2', sizeGiB: 100 }, 10],
    ['gp3 100 GiB baseline', { volumeType: 'gp3', sizeGiB: 100, iops: 3000, throughput: 125 }, 8],
    ['gp3 with 6000 IOPS and 250 MiB/s', { volumeType: 'gp3', sizeGiB: 100, iops: 6000, throughput: 250 }, 8 + 15 + 5],
    ['io1 100 GiB 5000 IOPS', { volumeType: 'io1', sizeGiB: 100, iops: 5000 }, 12.5 + 325],
    ['sc1 500 GiB', { volumeType: 'sc1', sizeGiB: 500 }, 7.5],
  ] as const)('%s', (_name, v, usd) => {
    expect(monthlyPrice(v)).toBeCloseTo(usd, 2);
  });
});
