/**
 * Node lists for the batch extension points (`filterNodes`, `scoreNodes`): the NodeInfos with
 * their ids and the cache's node table, so a plugin reads node `i`'s numbers at `ids[i]` in the
 * table's columns without touching the NodeInfo.
 */
import type { NodeInfo } from '../cache/node-info.js';
import type { NodeTable } from '../cache/node-table.js';

/** `count` nodes, their ids and the table holding their numbers. */
export interface NodeBatch {
  /** The nodes; only the first `count` entries belong to the batch. */
  readonly nodes: readonly NodeInfo[];
  /** `NodeInfo.id` of each node, aligned with `nodes` (also only the first `count`). */
  readonly ids: Int32Array;
  readonly count: number;
  readonly table: NodeTable;
}

/** A reusable NodeBatch, filled node by node. */
export class NodeBatchBuffer implements NodeBatch {
  readonly nodes: NodeInfo[] = [];
  ids = new Int32Array(64);
  count = 0;

  constructor(public table: NodeTable) {}

  /** Empties the batch and makes room for `capacity` nodes of `table`. */
  reset(table: NodeTable, capacity: number): this {
    this.table = table;
    this.count = 0;
    if (this.ids.length < capacity) this.ids = new Int32Array(Math.max(capacity, 2 * this.ids.length));
    return this;
  }

  /** Appends a node (room must have been made by `reset`). */
  push(ni: NodeInfo, id: number): void {
    this.nodes[this.count] = ni;
    this.ids[this.count] = id;
    this.count++;
  }

  /** `nodes` cut to exactly the batch (until the next `reset`). */
  exactNodes(): readonly NodeInfo[] {
    this.nodes.length = this.count;
    return this.nodes;
  }
}

/** A batch of exactly `nodes`, reading each node's id. */
export function batchOf(nodes: readonly NodeInfo[], table: NodeTable): NodeBatch {
  return { nodes, ids: Int32Array.from(nodes, (ni) => ni.id), count: nodes.length, table };
}
