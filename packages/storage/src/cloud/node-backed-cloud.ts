/**
 * A CloudProvider read from Node objects (`spec.providerID aws:///<zone>/<i-…>`, zone and
 * instance-type labels), used when core's cloud model is not installed.
 */
import {
  type CloudProvider,
  type CoreCluster,
  INSTANCE_TYPES,
  type InstanceInfo,
  type InstanceStateHandler,
  type InstanceTypeInfo,
  type KubeObject,
} from '@kubesim/core';
import type { Node } from '../api-types.js';
import { LABEL } from '../constants.js';
import { fallbackInstanceType } from './instance-types.js';

/** Index of nodes by the instance id in their providerID. */
export const NODES_BY_INSTANCE = 'storage.providerID.instance';

/** `aws:///us-east-1a/i-0123…` → `{ zone, instanceId }`. */
export function parseProviderID(providerID: string | undefined): { zone: string; instanceId: string } | undefined {
  const m = /^aws:\/\/\/([^/]+)\/(i-[0-9a-f]+)$/.exec(providerID ?? '');
  return m ? { zone: m[1], instanceId: m[2] } : undefined;
}

/** Instances derived from the Node objects of a cluster. */
export class NodeBackedCloud implements CloudProvider {
  constructor(
    private readonly core: CoreCluster,
    readonly region = 'us-east-1',
  ) {
    core.store.addIndex<KubeObject>('Node', NODES_BY_INSTANCE, (n) => {
      const p = parseProviderID((n as unknown as Node).spec?.providerID);
      return p ? [p.instanceId] : [];
    });
  }

  get zones(): readonly string[] {
    const zones = new Set<string>();
    for (const n of this.core.store.values<KubeObject>('Node')) {
      const z = (n as unknown as Node).metadata?.labels?.[LABEL.zone];
      if (z) zones.add(z);
    }
    return [...zones].sort();
  }

  instances(): readonly InstanceInfo[] {
    const out: InstanceInfo[] = [];
    for (const n of this.core.store.list<KubeObject>('Node')) {
      const info = this.toInstance(n as unknown as Node);
      if (info) out.push(info);
    }
    return out;
  }

  getInstance(instanceId: string): InstanceInfo | undefined {
    const [node] = this.core.store.byIndex<KubeObject>('Node', NODES_BY_INSTANCE, instanceId);
    return node ? this.toInstance(node as unknown as Node) : undefined;
  }

  instanceForNode(nodeName: string): InstanceInfo | undefined {
    const node = this.core.store.get<KubeObject>('Node', undefined, nodeName);
    return node ? this.toInstance(node as unknown as Node) : undefined;
  }

  instanceType(name: string): InstanceTypeInfo | undefined {
    return INSTANCE_TYPES.get(name) ?? fallbackInstanceType(name);
  }

  onInstanceState(_handler: InstanceStateHandler): () => void {
    return () => {};
  }

  private toInstance(node: Node): InstanceInfo | undefined {
    const p = parseProviderID(node.spec?.providerID);
    if (!p) return undefined;
    const labels = node.metadata?.labels ?? {};
    const ip = /^ip-(\d+)-(\d+)-(\d+)-(\d+)/.exec(node.metadata?.name ?? '');
    return {
      instanceId: p.instanceId,
      nodeName: node.metadata?.name ?? '',
      zone: labels[LABEL.zone] ?? p.zone,
      instanceType: labels[LABEL.instanceType] ?? 'm5.large',
      state: 'running',
      privateIp: ip ? `${ip[1]}.${ip[2]}.${ip[3]}.${ip[4]}` : '10.0.0.1',
      launchTimeMs: this.core.clock.parse(node.metadata?.creationTimestamp ?? this.core.clock.rfc3339(0)),
    };
  }
}
