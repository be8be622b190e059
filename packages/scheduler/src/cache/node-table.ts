/**
 * The numbers of every NodeInfo as typed arrays indexed by `NodeInfo.id` (a struct of arrays),
 * so batched Filter and Score read a few dense columns instead of chasing each node's objects.
 *
 * @remarks A kubesim addition: upstream reads NodeInfo fields node by node. The NodeInfo stays the
 * source of truth; it writes its new values here whenever they change, so a column always holds
 * exactly the number the NodeInfo field holds. Columns are replaced when the table grows: read
 * them afresh in each call, never keep one.
 */

/** How many of the latest `NodeTable.touch` calls the table remembers (`touchLog`). */
export const TOUCH_LOG = 1 << 14;

/** `flags` bit: `spec.unschedulable`. */
export const FLAG_UNSCHEDULABLE = 1;
/** `flags` bit: the node has taints. */
export const FLAG_TAINTED = 2;
/** `flags` bit: the node has the `kubernetes.io/hostname` label. */
export const FLAG_HOSTNAME = 4;

/** A CSI driver's columns (replaced when the table grows). */
export interface DriverColumns {
  limit: Int32Array;
  attached: Int32Array;
}

/** Per-node columns. */
export class NodeTable {
  allocMilliCPU = new Float64Array(0);
  allocMemory = new Float64Array(0);
  allocEphemeralStorage = new Float64Array(0);
  allocPods = new Float64Array(0);
  reqMilliCPU = new Float64Array(0);
  reqMemory = new Float64Array(0);
  reqEphemeralStorage = new Float64Array(0);
  nonZeroMilliCPU = new Float64Array(0);
  nonZeroMemory = new Float64Array(0);
  numPods = new Int32Array(0);
  /** `FLAG_*` bits. */
  flags = new Uint8Array(0);
  /** Index of the node's zone in `zones`, -1 without a zone label. */
  zone = new Int32Array(0);
  /** Rank of the node's name among the listed nodes (set when the node list is built). */
  nameRank = new Int32Array(0);
  /**
   * A stamp that changes whenever any allocatable or requested column of the id is written (from
   * one counter for all ids, never 0): what a memo of per-node scores compares with.
   */
  generation = new Int32Array(0);
  private lastGeneration = 0;
  /** The node list (`SchedulerCache.nodeList`) the `listPos` and `zonePrefix` columns describe. */
  listed: readonly unknown[] = [];
  /** The ids of `listed`, in its order. */
  listedIds: Int32Array = new Int32Array(0);
  /** Position of each id in `listed`, -1 for an id not in it. */
  listPos = new Int32Array(0);
  /**
   * Per zone index z, at `z * (listed.length + 1) + p`: how many of the first p listed nodes are
   * in zone z (a window's count per zone in O(1)).
   */
  zonePrefix = new Int32Array(0);
  /** Whether every listed node has a zone and the hostname label. */
  listedAllZoned = false;
  /** Zone label values seen so far; `zone` indexes it. */
  readonly zones: string[] = [];
  private readonly zoneIndex = new Map<string, number>();
  /** Number of ids with `FLAG_UNSCHEDULABLE` (plugins skip their pass when none has it). */
  numUnschedulable = 0;
  /** Number of ids with `FLAG_TAINTED`. */
  numTainted = 0;

  /** The ids given a new generation, in order: the last `TOUCH_LOG` of them, at `touches % TOUCH_LOG`. */
  readonly touchLog = new Int32Array(TOUCH_LOG);
  /** How many times an id was given a new generation. */
  touches = 0;
  /** Changes whenever `setListed` records a node list. */
  listedVersion = 0;

  /** Gives `id` a new generation (its resource columns were written). */
  touch(id: number): void {
    let g = (this.lastGeneration + 1) | 0;
    if (g === 0) g = 1;
    this.lastGeneration = g;
    this.generation[id] = g;
    this.touchLog[this.touches % TOUCH_LOG] = id;
    this.touches++;
  }

  /** Sets the flags of `id`, keeping the flag counts. */
  setFlags(id: number, flags: number): void {
    const old = this.flags[id];
    this.numUnschedulable += (flags & FLAG_UNSCHEDULABLE) - (old & FLAG_UNSCHEDULABLE);
    this.numTainted += ((flags & FLAG_TAINTED) - (old & FLAG_TAINTED)) / FLAG_TAINTED;
    this.flags[id] = flags;
  }

  /** Records the node list `listed` (ids in list order): positions, per-zone prefix counts, whether all are zoned. */
  setListed(listed: readonly unknown[], ids: Int32Array): void {
    const n = ids.length;
    this.listed = listed;
    this.listedIds = ids;
    this.listedVersion++;
    if (this.listPos.length < this.capacity) this.listPos = new Int32Array(this.capacity);
    this.listPos.fill(-1);
    const zones = this.zones.length;
    const stride = n + 1;
    const prefix = new Int32Array(zones * stride);
    let allZoned = true;
    for (let p = 0; p < n; p++) {
      const id = ids[p];
      this.listPos[id] = p;
      const z = this.zone[id];
      if (z < 0 || (this.flags[id] & FLAG_HOSTNAME) === 0) allZoned = false;
      for (let q = 0; q < zones; q++) prefix[q * stride + p + 1] = prefix[q * stride + p] + (q === z ? 1 : 0);
    }
    this.zonePrefix = prefix;
    this.listedAllZoned = allZoned;
  }

  /** How many of the `count` listed nodes from position `first` on (wrapping round) are in zone `z`. */
  zoneCountInWindow(z: number, first: number, count: number): number {
    const n = this.listed.length;
    const base = z * (n + 1);
    const p = this.zonePrefix;
    const end = first + count;
    return end <= n ? p[base + end] - p[base + first] : p[base + n] - p[base + first] + p[base + end - n];
  }

  /** Per CSI driver: attach limit by id (-1: no limit) and attachable volumes in use by id. */
  private readonly drivers = new Map<string, DriverColumns>();

  /** Number of ids the columns hold. */
  get capacity(): number {
    return this.flags.length;
  }

  /** The columns of a CSI driver, undefined if no node ever had a limit or volume for it. */
  driver(name: string): DriverColumns | undefined {
    return this.drivers.get(name);
  }

  /** Sets the attach limits of `id` from its CSINode (`limits`: driver → count). */
  setAttachLimits(id: number, limits: ReadonlyMap<string, number>): void {
    for (const c of this.drivers.values()) c.limit[id] = -1;
    for (const [name, count] of limits) this.driverColumns(name).limit[id] = count;
  }

  /** Sets the number of distinct attachable volumes of `driver` in use on `id`. */
  setAttached(id: number, driver: string, count: number): void {
    this.driverColumns(driver).attached[id] = count;
  }

  /** Clears the per-driver numbers of `id` (its NodeInfo is gone or new). */
  clearDrivers(id: number): void {
    for (const c of this.drivers.values()) {
      c.limit[id] = -1;
      c.attached[id] = 0;
    }
  }

  private driverColumns(name: string): DriverColumns {
    let c = this.drivers.get(name);
    if (!c) {
      c = { limit: new Int32Array(this.capacity).fill(-1), attached: new Int32Array(this.capacity) };
      this.drivers.set(name, c);
    }
    return c;
  }

  /** Makes room for `id` (growing every column). */
  ensure(id: number): void {
    if (id < this.capacity) return;
    const size = Math.max(id + 1, 2 * this.capacity, 64);
    this.allocMilliCPU = grow(this.allocMilliCPU, new Float64Array(size));
    this.allocMemory = grow(this.allocMemory, new Float64Array(size));
    this.allocEphemeralStorage = grow(this.allocEphemeralStorage, new Float64Array(size));
    this.allocPods = grow(this.allocPods, new Float64Array(size));
    this.reqMilliCPU = grow(this.reqMilliCPU, new Float64Array(size));
    this.reqMemory = grow(this.reqMemory, new Float64Array(size));
    this.reqEphemeralStorage = grow(this.reqEphemeralStorage, new Float64Array(size));
    this.nonZeroMilliCPU = grow(this.nonZeroMilliCPU, new Float64Array(size));
    this.nonZeroMemory = grow(this.nonZeroMemory, new Float64Array(size));
    this.numPods = grow(this.numPods, new Int32Array(size));
    this.flags = grow(this.flags, new Uint8Array(size));
    this.zone = grow(this.zone, new Int32Array(size));
    this.nameRank = grow(this.nameRank, new Int32Array(size));
    this.generation = grow(this.generation, new Int32Array(size));
    this.listPos = grow(this.listPos, new Int32Array(size).fill(-1));
    for (const c of this.drivers.values()) {
      c.limit = grow(c.limit, new Int32Array(size).fill(-1));
      c.attached = grow(c.attached, new Int32Array(size));
    }
  }

  /** The index of a zone value in `zones` (added on first sight); -1 for undefined. */
  zoneOf(zone: string | undefined): number {
    if (zone === undefined) return -1;
    let i = this.zoneIndex.get(zone);
    if (i === undefined) {
      i = this.zones.length;
      this.zones.push(zone);
      this.zoneIndex.set(zone, i);
    }
    return i;
  }
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
