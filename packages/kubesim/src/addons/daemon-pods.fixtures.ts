/**
 * Test helper for the node add-ons' DaemonSets (kube-proxy, aws-node): one ready pod per node, on
 * the node's IP (hostNetwork), as `kubectl get pods -o wide` lists them.
 */
import type { KubeObject } from '@kubesim/core';
import type { Node } from 'kubernetes-types/core/v1';
import { expect } from 'vitest';
import type { Cluster } from '../index.js';

/**
 * Asserts that the cluster's 3 nodes each run one pod of `kube-system` named `<prefix>-xxxxx`,
 * `ready` (e.g. `1/1`), Running with no restarts, whose IP is its node's InternalIP.
 */
export function expectOneHostNetworkPodPerNode(c: Cluster, prefix: string, ready: string): void {
  const internalIps = new Map(
    c.list<KubeObject & Node>('Node').map((n) => [n.metadata.name as string, n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address as string]),
  );
  expect(internalIps.size).toBe(3);
  const rows = c.kubectl('get pods -n kube-system -o wide --no-headers').stdout.trim().split('\n');
  expect(rows).toHaveLength(3);
  const seen = new Set<string>();
  for (const row of rows) {
    const [name, readyColumn, status, restarts, , ip, node] = row.split(/\s+/);
    expect(name).toMatch(new RegExp(`^${prefix}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect([readyColumn, status, restarts]).toEqual([ready, 'Running', '0']);
    expect(ip).toBe(internalIps.get(node));
    seen.add(node);
  }
  expect([...seen].sort()).toEqual([...internalIps.keys()].sort());
}
