/**
 * Node lists for the batch extension points (`filterNodes`, `scoreNodes`): positions in a node
 * list with the nodes' ids and the cache's node table, so a plugin reads node `i`'s numbers at
 * `ids[i]` in the table's columns without touching the NodeInfo, and a batch is narrowed by
 * moving integers, not objects.
 */
import type { NodeInfo } from '../cache/node-info.js';
import type { NodeTable } from '../cache/node-table.js';

/** `count` nodes of `list`, their ids and the table holding their numbers. */
export interface NodeBatch {
  /** The node list the batch points into. */
  readonly list: readonly NodeInfo[];
  /** Position in `list` of each node of the batch (only the first `count` entries count). */
  readonly index: Int32Array;
  /** `NodeInfo.id` of each node of the batch, aligned with `index`. */
  readonly ids: Int32Array;
  readonly count: number;
  readonly table: NodeTable;
}

/** Node `i` of a batch. */
export function batchNode(batch: NodeBatch, i: number): NodeInfo {
  return batch.list[batch.index[i]];
}

/** The batch's nodes in `into` (its length set to the batch's count), which is returned. */
export function batchNodes(batch: NodeBatch, into: NodeInfo[] = []): NodeInfo[] {
  const { list, index, count } = batch;
  into.length = count;
  for (let i = 0; i < count; i++) into[i] = list[index[i]];
  return into;
}

/** A reusable NodeBatch, filled node by node. */
export class NodeBatchBuffer implements NodeBatch {
  list: readonly NodeInfo[] = [];
  index = new Int32Array(64);
  ids = new Int32Array(64);
  count = 0;

  constructor(public table: NodeTable) {}

  /** Empties the batch and makes room for `capacity` nodes of `list`. */
  reset(list: readonly NodeInfo[], table: NodeTable, capacity: number): this {
    this.list = list;
    this.table = table;
    this.count = 0;
    if (this.ids.length < capacity) {
      const size = Math.max(capacity, 2 * this.ids.length);
      this.index = new Int32Array(size);
      this.ids = new Int32Array(size);
    }
    return this;
  }

  /** Appends the node at `position` of `list` (room must have been made by `reset`). */
  push(position: number, id: number): void {
    this.index[this.count] = position;
    this.ids[this.count] = id;
    this.count++;
  }

  /**
   * Appends the `count` nodes of `list` from position `first` on, wrapping round its end (room
   * must have been made by `reset`); `ids` are the ids of `list`.
   */
  pushRange(first: number, count: number, ids: Int32Array): void {
    const n = this.list.length;
    const index = this.index;
    let at = this.count;
    for (let j = first; j < first + count; j++) index[at++] = j < n ? j : j - n;
    const head = Math.min(count, n - first);
    this.ids.set(ids.subarray(first, first + head), this.count);
    if (head < count) this.ids.set(ids.subarray(0, count - head), this.count + head);
    this.count += count;
  }
}

let identity = new Int32Array(0);

/** A batch of exactly `nodes` (ids given, or read from the NodeInfos). */
export function batchOf(nodes: readonly NodeInfo[], table: NodeTable, ids?: Int32Array): NodeBatch {
  if (identity.length < nodes.length) identity = Int32Array.from({ length: Math.max(nodes.length, 2 * identity.length) }, (_, i) => i);
  return { list: nodes, index: identity, ids: ids ?? Int32Array.from(nodes, (ni) => ni.id), count: nodes.length, table };
}
