/**
 * Invariants: checkers with stable ids that read a cluster (API objects and the EC2 model) and
 * return structured violations. Kept apart from the simulation, as TigerBeetle keeps its checkers.
 */
import type { Cluster } from '../../cluster.js';

/** One broken rule, with enough to find it. */
export interface Violation {
  /** The invariant's id. */
  readonly invariant: string;
  /** Virtual ms when it was seen. */
  readonly atMs: number;
  readonly message: string;
  /** Objects involved (`pod/default/web-0`, `volume/vol-…`). */
  readonly objects: readonly string[];
  /** For liveness violations: the causes `diagnose` named for the stuck pods (`multi-attach`, …). */
  readonly causes?: readonly string[];
}

/** A checker. Stateless ones ignore `state`; stateful ones (data loss) keep what they saw. */
export interface Invariant {
  readonly id: string;
  readonly description: string;
  check(cluster: Cluster): Violation[];
}

/** Builds a violation at the cluster's current instant. */
export function violation(cluster: Cluster, invariant: string, message: string, objects: readonly string[], causes?: readonly string[]): Violation {
  return causes ? { invariant, atMs: cluster.now(), message, objects, causes } : { invariant, atMs: cluster.now(), message, objects };
}
