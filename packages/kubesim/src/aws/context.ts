/**
 * What the AWS CLI emulation needs from a cluster: the EBS model, the cloud's instances, the
 * clock, and hooks for instance lifecycle (wired by the cluster to core's faults API).
 */
import type { CloudProvider } from '@kubesim/core';
import type { Ec2Model } from '@kubesim/storage';
import type { EksCluster } from './eks.js';

/** Instance lifecycle actions `stop-instances`, `start-instances` and `terminate-instances` call. */
export interface InstanceLifecycleHooks {
  stop(instanceId: string, force: boolean): void;
  start(instanceId: string): void;
  terminate(instanceId: string): void;
}

/** The cluster as the `aws` command sees it. */
export interface AwsContext {
  readonly ec2: Ec2Model;
  /** The cloud model (a function when it may be replaced after the context is built). */
  readonly cloud: CloudProvider | (() => CloudProvider);
  /** Formats virtual ms as RFC 3339 (`2026-01-01T00:00:05Z`). */
  readonly clock: { rfc3339(ms?: number): string };
  readonly instances?: InstanceLifecycleHooks;
  /** Runs the cluster `ms` of virtual time forward (`aws ec2 wait` sleeps between its polls). */
  readonly advance?: (ms: number) => void;
  /** The EKS cluster (`aws eks`); without it no cluster exists. */
  readonly eks?: EksCluster;
}

/** What a command prints and its exit status. */
export interface AwsResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** The cloud provider of a context. */
export function cloudOf(ctx: AwsContext): CloudProvider {
  return typeof ctx.cloud === 'function' ? ctx.cloud() : ctx.cloud;
}

/**
 * Timestamps as AWS CLI v2 prints them (`datetime.isoformat()` of the parsed wire value):
 * `2026-01-01T00:00:05.123000+00:00`, or without fraction when the milliseconds are zero.
 */
export function cliTime(ctx: AwsContext, ms: number): string {
  const base = ctx.clock.rfc3339(ms - (ms % 1000)).replace(/Z$/, '');
  return ms % 1000 === 0 ? `${base}+00:00` : `${base}.${String(ms % 1000).padStart(3, '0')}000+00:00`;
}
