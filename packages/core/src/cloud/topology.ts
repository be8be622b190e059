/**
 * Cluster topology options (region, zones, node groups) and their normalisation.
 */
import { DEFAULT_INSTANCE_TYPE, DEFAULT_REGION, DEFAULT_ZONES } from './defaults.js';
import { INSTANCE_TYPES } from './instance-types.js';

/** One group of identical nodes in a zone. */
export interface NodeGroupOptions {
  readonly zone: string;
  /** Number of nodes (default 1). */
  readonly count?: number;
  /** EC2 instance type (default `m5.large`). */
  readonly instanceType?: string;
}

/** Topology part of `createCluster` options. */
export interface TopologyOptions {
  readonly region?: string;
  readonly zones?: readonly string[];
  /** Default: one `m5.large` in every zone. */
  readonly nodes?: readonly NodeGroupOptions[];
}

/** Topology with every default filled in. */
export interface Topology {
  readonly region: string;
  readonly zones: readonly string[];
  readonly nodes: ReadonlyArray<Required<NodeGroupOptions>>;
}

/**
 * Fills defaults and checks the options.
 * @throws Error naming an unknown zone or instance type.
 */
export function normalizeTopology(options: TopologyOptions = {}): Topology {
  const region = options.region ?? DEFAULT_REGION;
  const zones = options.zones ?? (region === DEFAULT_REGION ? DEFAULT_ZONES : ['a', 'b', 'c'].map((s) => region + s));
  const groups: readonly NodeGroupOptions[] = options.nodes ?? zones.map((zone) => ({ zone }));
  const nodes = groups.map((g) => {
    const instanceType = g.instanceType ?? DEFAULT_INSTANCE_TYPE;
    if (!zones.includes(g.zone)) throw new Error(`node group zone ${JSON.stringify(g.zone)} is not one of the cluster's zones [${zones.join(' ')}]`);
    if (!INSTANCE_TYPES.has(instanceType)) throw new Error(`unknown instance type ${JSON.stringify(instanceType)}`);
    return { zone: g.zone, count: g.count ?? 1, instanceType };
  });
  return { region, zones: [...zones], nodes };
}
