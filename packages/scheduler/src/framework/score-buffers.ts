/**
 * Reusable score buffers: one growable `Float64Array` per slot (the totals and each Score
 * plugin's column), handed out as views of the requested length, so a Score run allocates no
 * per-node arrays.
 */

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
