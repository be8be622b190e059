/**
 * Per-node memo of what depends only on a pod's requests and the node's resource columns: the
 * two resource scores (NodeResourcesFit's LeastAllocated and NodeResourcesBalancedAllocation) and
 * NodeResourcesFit's Filter verdict, for one pod request class, each valid while the node's
 * `NodeTable.generation` is the one it was computed at.
 *
 * @remarks A kubesim addition (speed, in the spirit of the scheduler's old equivalence cache):
 * both scores depend only on the pod's requests and the node's allocatable and requested sums,
 * and between two pods of a Deployment few of the sampled nodes changed. Four divisions per node
 * become two loads.
 */
import type { NodeTable } from '../cache/node-table.js';
import type { Resource } from '../framework/pod-info.js';

/** Memoized scores of one request class, by node id. */
export class ResourceScoreMemo {
  /** `NodeTable.generation` each entry (fits and both scores) was computed at (0: never). */
  readonly generation: Int32Array;
  /** Both scores are integers from 0 to MaxNodeScore (100): a byte each keeps the memo small. */
  readonly leastAllocated: Uint8Array;
  readonly balanced: Uint8Array;
  /** Whether the pod's requests fit the node (1) or not (0). */
  readonly fits: Uint8Array;
  /**
   * `NodeTable.touches` and `listedVersion` when every listed node's entry was last brought up to
   * date (`syncResourceMemo`); -1: never.
   */
  syncedTouches = -1;
  syncedListed = -1;
  /** Listed nodes whose entry says the requests do not fit (kept while the list is `syncedListed`). */
  unfitListed = 0;

  constructor(
    readonly requests: Resource,
    readonly nonZero: Resource,
    capacity: number,
  ) {
    this.generation = new Int32Array(capacity);
    this.leastAllocated = new Uint8Array(capacity);
    this.balanced = new Uint8Array(capacity);
    this.fits = new Uint8Array(capacity);
  }

  /** Whether every listed node's entry is up to date: synced, and no node written since (the Score fusion then reads them unchecked). */
  isSyncedWith(t: NodeTable): boolean {
    return this.syncedListed === t.listedVersion && this.syncedTouches === t.touches;
  }

  /** Whether this memo is for a pod with these requests. */
  isFor(requests: Resource, nonZero: Resource): boolean {
    const r = this.requests;
    const z = this.nonZero;
    return (
      (r === requests || (r.milliCPU === requests.milliCPU && r.memory === requests.memory && r.ephemeralStorage === requests.ephemeralStorage)) &&
      (z === nonZero || (z.milliCPU === nonZero.milliCPU && z.memory === nonZero.memory))
    );
  }
}

/** How many request classes are remembered (most recently used kept). */
const MAX_CLASSES = 4;

/** The memos of the last few request classes. */
class ResourceScoreMemos {
  private readonly memos: ResourceScoreMemo[] = [];

  /** The memo for a pod's requests over `table`'s ids (most recently used first; a new one when the table grew). */
  get(requests: Resource, nonZero: Resource, table: NodeTable): ResourceScoreMemo {
    const memos = this.memos;
    const first = memos[0];
    if (first !== undefined && first.isFor(requests, nonZero) && first.generation.length >= table.capacity) return first;
    const i = memos.findIndex((m) => m.isFor(requests, nonZero));
    let m = i >= 0 ? memos[i] : undefined;
    if (i >= 0) memos.splice(i, 1);
    if (m === undefined || m.generation.length < table.capacity) m = new ResourceScoreMemo(requests, nonZero, table.capacity);
    memos.unshift(m);
    if (memos.length > MAX_CLASSES) memos.pop();
    return m;
  }
}

/** One set of memos per node table: NodeResourcesFit's Filter and the default Score fusion share it. */
const memosByTable = new WeakMap<NodeTable, ResourceScoreMemos>();

/** The memo for a pod's requests over `table` (shared by every reader of that table). */
export function resourceScoreMemo(requests: Resource, nonZero: Resource, table: NodeTable): ResourceScoreMemo {
  let memos = memosByTable.get(table);
  if (!memos) {
    memos = new ResourceScoreMemos();
    memosByTable.set(table, memos);
  }
  return memos.get(requests, nonZero, table);
}
