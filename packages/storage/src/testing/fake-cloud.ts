/**
 * A small in-memory CloudProvider for storage tests: instances added by hand, state changes
 * delivered to subscribers.
 */
import type { CloudProvider, InstanceInfo, InstanceState, InstanceStateHandler, InstanceTypeInfo } from '@kubesim/core';
import { fallbackInstanceType } from '../cloud/instance-types.js';

/** A fake cloud: instances and a catalogue row per type. */
export class FakeCloud implements CloudProvider {
  private readonly list: InstanceInfo[] = [];
  private readonly handlers: InstanceStateHandler[] = [];
  /** Catalogue overrides by type name. */
  readonly types = new Map<string, InstanceTypeInfo>();

  constructor(
    readonly region = 'us-east-1',
    readonly zones: readonly string[] = ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  ) {}

  /** Adds a running instance. */
  add(instance: Omit<InstanceInfo, 'state' | 'launchTimeMs' | 'privateIp'> & Partial<InstanceInfo>): InstanceInfo {
    const info: InstanceInfo = { state: 'running', launchTimeMs: 0, privateIp: '10.0.1.23', ...instance };
    this.list.push(info);
    return info;
  }

  /** Changes an instance's state and notifies subscribers. */
  setState(instanceId: string, state: InstanceState): void {
    const i = this.list.findIndex((x) => x.instanceId === instanceId);
    if (i < 0) return;
    const previous = this.list[i].state;
    this.list[i] = { ...this.list[i], state };
    for (const h of this.handlers) h(this.list[i], previous);
  }

  instances(): readonly InstanceInfo[] {
    return this.list;
  }

  getInstance(instanceId: string): InstanceInfo | undefined {
    return this.list.find((x) => x.instanceId === instanceId);
  }

  instanceForNode(nodeName: string): InstanceInfo | undefined {
    return this.list.find((x) => x.nodeName === nodeName && x.state !== 'terminated');
  }

  instanceType(name: string): InstanceTypeInfo | undefined {
    return this.types.get(name) ?? fallbackInstanceType(name);
  }

  onInstanceState(handler: InstanceStateHandler): () => void {
    this.handlers.push(handler);
    return () => {
      const i = this.handlers.indexOf(handler);
      if (i >= 0) this.handlers.splice(i, 1);
    };
  }
}
