/**
 * Options of `createCluster`, with the defaults of the public contract.
 */
import { INSTANCE_TYPES, parseDuration } from '@kubesim/core';
import { DEFAULT_CLUSTER_NAME } from './kubectl/kubeconfig.js';

/** A group of identical nodes in one zone. */
export interface NodeGroupOptions {
  readonly zone: string;
  /** Number of nodes (default 1). */
  readonly count?: number;
  /** EC2 instance type (default `m5.large`). */
  readonly instanceType?: string;
}

/** EKS add-ons a cluster can run, by their EKS names. */
export const ADDONS = ['coredns', 'snapshot-controller', 'aws-ebs-csi-driver', 'vpc-cni', 'kube-proxy'] as const;
/**
 * One add-on name: `coredns` (the kube-dns Service and CoreDNS Deployment in `kube-system`),
 * `snapshot-controller` (the VolumeSnapshot CRDs and controller),
 * `aws-ebs-csi-driver` (the EBS CSI driver's `ebs-csi-controller` Deployment and `ebs-csi-node` DaemonSet).
 * `vpc-cni` (the `aws-node` DaemonSet), `kube-proxy` (the `kube-proxy` DaemonSet and its ConfigMaps).
 */
export type Addon = (typeof ADDONS)[number];

/** `createCluster` options. */
export interface ClusterOptions {
  /** Seed of every random stream (default 1). */
  readonly seed?: number;
  /**
   * The EKS cluster's name (default `kubesim`): the kubeconfig's context, cluster and user are its
   * ARN, as `aws eks update-kubeconfig` names them.
   */
  readonly name?: string;
  /** AWS region (default `us-east-1`). */
  readonly region?: string;
  /** Availability zones (default `<region>a`, `b`, `c`). */
  readonly zones?: readonly string[];
  /** Node groups (default one m5.large in every zone). */
  readonly nodes?: readonly NodeGroupOptions[];
  /** RFC 3339 instant of virtual time zero (default 2026-01-01T00:00:00Z). */
  readonly startInstant?: string;
  /**
   * kube-apiserver `--event-ttl` (`'1h'` is upstream's default, or ms): each Event is deleted
   * this long after its last write. Unset, Events are kept for the whole run.
   */
  readonly eventTtl?: string | number;
  /**
   * EKS add-ons to install (default none). `vpc-cni`, `kube-proxy`, `coredns` and
   * `aws-ebs-csi-driver` create the objects those EKS add-ons put into `kube-system` and run their
   * pods: the cluster starts once they are ready, so virtual time has moved on by then.
   * `snapshot-controller` serves the VolumeSnapshot kinds and runs the snapshot-controller with
   * the EBS CSI driver's csi-snapshotter.
   */
  readonly addons?: readonly Addon[];
  /**
   * The workstation kubectl reads (`-f FILE`, `--from-file`, `--patch-file`) and `kubectl cp`
   * writes: path → text, a hermetic set of files (relative paths are relative to `/`). Unset,
   * kubectl uses the real disk, relative paths from `cwd`.
   */
  readonly files?: Readonly<Record<string, string>>;
  /** The directory relative paths start from on the real disk (default `process.cwd()`); not with `files`. */
  readonly cwd?: string;
}

/** The options with every default filled in. */
export interface ResolvedClusterOptions {
  readonly seed: number;
  readonly name: string;
  readonly region: string;
  readonly zones: readonly string[];
  readonly nodes: readonly Required<NodeGroupOptions>[];
  readonly startInstant?: string;
  /** `eventTtl` in ms, when set. */
  readonly eventTtlMs?: number;
  /** Add-ons, de-duplicated in the order given. */
  readonly addons: readonly Addon[];
  /** The hermetic workstation's files, when given. */
  readonly files?: Readonly<Record<string, string>>;
  /** Where relative paths start on the real disk (without `files`). */
  readonly cwd?: string;
}

/** Default instance type of a node group. */
export const DEFAULT_INSTANCE_TYPE = 'm5.large';
/** Default region. */
export const DEFAULT_REGION = 'us-east-1';

/** Fills defaults and checks the options; throws a clear error for a zone outside the region's list. */
export function resolveClusterOptions(options: ClusterOptions = {}): ResolvedClusterOptions {
  const region = options.region ?? DEFAULT_REGION;
  // An AWS region name: area, optional `gov`, direction, number (us-east-1, us-gov-west-1, ap-southeast-2).
  if (!/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/.test(region)) throw new Error(`createCluster: ${JSON.stringify(region)} is not an AWS region name (like us-east-1)`);
  const zones = options.zones ?? [`${region}a`, `${region}b`, `${region}c`];
  if (zones.length === 0) throw new Error('createCluster: zones must not be empty');
  for (const [i, zone] of zones.entries()) {
    if (!new RegExp(`^${region}[a-z]$`).test(zone)) throw new Error(`createCluster: zone ${JSON.stringify(zone)} is not an availability zone of region ${JSON.stringify(region)} (like ${region}a)`);
    if (zones.indexOf(zone) !== i) throw new Error(`createCluster: zone ${JSON.stringify(zone)} is listed twice`);
  }
  const groups: readonly NodeGroupOptions[] = options.nodes ?? zones.map((zone) => ({ zone }));
  const nodes = groups.map((g) => ({
    zone: g.zone,
    count: g.count ?? 1,
    instanceType: g.instanceType ?? DEFAULT_INSTANCE_TYPE,
  }));
  for (const g of nodes) {
    if (!zones.includes(g.zone)) {
      throw new Error(`createCluster: node group zone ${JSON.stringify(g.zone)} is not one of the cluster zones ${JSON.stringify(zones)}`);
    }
    if (!Number.isInteger(g.count) || g.count < 0) throw new Error(`createCluster: node count must be a non-negative integer, got ${g.count}`);
    if (!INSTANCE_TYPES.has(g.instanceType)) {
      throw new Error(`createCluster: unknown instance type ${JSON.stringify(g.instanceType)}; known types: ${[...INSTANCE_TYPES.keys()].sort().join(', ')}`);
    }
  }
  const name = options.name ?? DEFAULT_CLUSTER_NAME;
  // EKS CreateCluster: alphanumerics, hyphens and underscores, starting with an alphanumeric, at most 100.
  if (typeof name !== 'string' || !/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/.test(name)) {
    throw new Error(`createCluster: name ${JSON.stringify(name)} is not an EKS cluster name (1-100 letters, digits, hyphens and underscores, starting with a letter or digit)`);
  }
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new Error(`createCluster: seed must be an integer, got ${seed}`);
  const eventTtlMs = options.eventTtl === undefined ? undefined : parseDuration(options.eventTtl);
  const addons = [...new Set(options.addons ?? [])];
  for (const a of addons) {
    if (!(ADDONS as readonly string[]).includes(a)) throw new Error(`createCluster: unknown add-on ${JSON.stringify(a)}; known add-ons: ${JSON.stringify(ADDONS)}`);
  }
  if (options.files !== undefined && options.cwd !== undefined) throw new Error('createCluster: cwd is for the real disk; it cannot be used with files');
  for (const [path, text] of Object.entries(options.files ?? {})) {
    if (typeof text !== 'string') throw new Error(`createCluster: files[${JSON.stringify(path)}] must be a string`);
  }
  return {
    seed,
    name,
    region,
    zones,
    nodes,
    startInstant: options.startInstant,
    ...(eventTtlMs === undefined ? {} : { eventTtlMs }),
    addons,
    ...(options.files === undefined ? {} : { files: options.files }),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  };
}
