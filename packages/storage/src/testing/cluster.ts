/**
 * A test cluster: a CoreCluster with storage installed, a fake cloud and nodes created from
 * `(name, zone)` pairs, plus helpers to read events.
 */
import { CoreCluster, type CoreEvent, type KubeObject } from '@kubesim/core';
import type { Node } from '../api-types.js';
import { installStorage, type Storage, type StorageOptions } from '../install.js';
import { FakeCloud } from './fake-cloud.js';
import { instanceIdFor, makeNode } from './fixtures.js';

/** A node spec for `newStorageCluster`. */
export interface TestNode {
  readonly name: string;
  readonly zone: string;
  readonly instanceType?: string;
}

/** What tests work with. */
export interface StorageTestCluster {
  readonly core: CoreCluster;
  readonly storage: Storage;
  readonly cloud: FakeCloud;
  /** Instance id of a node. */
  instanceOf(nodeName: string): string;
  /** Events about an object as `<Type> <Reason> <message>` lines, oldest first. */
  events(obj: KubeObject | undefined): string[];
  /** Every event of a reason. */
  eventsByReason(reason: string): CoreEvent[];
  /** Advances virtual time. */
  advance(d: number | string): void;
}

/** The default nodes: two in us-east-1a, one in us-east-1b. */
export const DEFAULT_TEST_NODES: readonly TestNode[] = [
  { name: 'ip-10-0-1-23.ec2.internal', zone: 'us-east-1a' },
  { name: 'ip-10-0-1-24.ec2.internal', zone: 'us-east-1a' },
  { name: 'ip-10-0-2-31.ec2.internal', zone: 'us-east-1b' },
];

/** Builds a cluster with storage installed and the given nodes. */
export function newStorageCluster(nodes: readonly TestNode[] = DEFAULT_TEST_NODES, options: StorageOptions & { seed?: number } = {}): StorageTestCluster {
  const core = new CoreCluster({ seed: options.seed ?? 1 });
  const cloud = new FakeCloud();
  const ids = new Map<string, string>();
  nodes.forEach((n, i) => {
    const id = instanceIdFor(0xabc000 + i);
    ids.set(n.name, id);
    cloud.add({ instanceId: id, nodeName: n.name, zone: n.zone, instanceType: n.instanceType ?? 'm5.large' });
    core.store.create<Node>(makeNode(n.name, n.zone, id, n.instanceType).obj());
  });
  const storage = installStorage(core, { ...options, cloud: options.cloud ?? cloud });
  core.loop.settle();
  return {
    core,
    storage,
    cloud,
    instanceOf: (name) => ids.get(name) ?? '',
    events: (obj) =>
      obj ? core.recorder.eventsFor(obj).map((e) => `${e.type} ${e.reason} ${e.message}`) : [],
    eventsByReason: (reason) => core.store.list<CoreEvent>('Event').filter((e) => e.reason === reason),
    advance: (d) => core.loop.advance(d),
  };
}
