/**
 * The allocation order of the API server's bitmap allocators (service IPs, node ports): a random
 * start in the dynamic band and a scan forward round it, then the same in the static band below it,
 * which is kept for values users ask for.
 * @see kubernetes pkg/registry/core/service/allocator/bitmap.go (randomScanStrategyWithOffset)
 */
import type { Rng } from '../../sim/rng.js';

/**
 * The first offset in `[0, size)` that `isFree` accepts, scanning `[staticBand, size)` from a
 * random start first, then `[0, staticBand)`; undefined when every offset is taken.
 */
export function randomScanWithOffset(rng: Rng, size: number, staticBand: number, isFree: (offset: number) => boolean): number | undefined {
  const bands: [number, number][] = [
    [staticBand, size],
    [0, staticBand],
  ];
  for (const [lo, hi] of bands) {
    const n = hi - lo;
    if (n <= 0) continue;
    const start = rng.int(0, n - 1);
    for (let i = 0; i < n; i++) {
      const off = lo + ((start + i) % n);
      if (isFree(off)) return off;
    }
  }
  return undefined;
}
