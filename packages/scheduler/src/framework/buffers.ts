/**
 * Reusable per-cycle buffers of the framework: Score columns (one growable `Float64Array` per
 * slot, the totals and each Score plugin's column, handed out as views of the requested length)
 * and the Filter candidate lists, so a cycle allocates no per-node arrays.
 */
import type { NodeInfo } from '../cache/node-info.js';

/** Growable per-slot `Float64Array` buffers. */
export class ScoreBuffers {
  private readonly buffers: Float64Array[] = [];
  private readonly views: Float64Array[] = [];

  /** A view of slot `slot`'s buffer of exactly `length` entries (contents unspecified). */
  view(slot: number, length: number): Float64Array {
    const v = this.views[slot];
    if (v !== undefined && v.length === length) return v;
    let b = this.buffers[slot];
    if (b === undefined || b.length < length) {
      b = new Float64Array(Math.max(length, 2 * (b?.length ?? 0), 64));
      this.buffers[slot] = b;
    }
    const view = b.subarray(0, length);
    this.views[slot] = view;
    return view;
  }
}

/** Candidate nodes of a batched Filter run, their positions and the plugins' fit flags. */
export class FilterBuffers {
  readonly nodes: NodeInfo[] = [];
  positions = new Int32Array(64);
  fits = new Uint8Array(64);

  /** Makes room for `count` candidates. */
  reserve(count: number): this {
    if (this.positions.length < count) {
      const size = Math.max(count, 2 * this.positions.length);
      this.positions = new Int32Array(size);
      this.fits = new Uint8Array(size);
    }
    return this;
  }
}
