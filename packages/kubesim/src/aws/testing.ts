/**
 * A context for `aws` command tests: a core cluster with storage installed, three EKS-shaped
 * instances (two in us-east-1a, one in us-east-1b) and lifecycle hooks that flip instance state.
 */
import { type CloudProvider, CoreCluster, type InstanceInfo, type InstanceState, type InstanceStateHandler } from '@kubesim/core';
import { installStorage, type Storage } from '@kubesim/storage';
import type { AwsContext, AwsResult } from './context.js';
import { runAws } from './run-aws.js';
import { splitShellWords } from '../cli/shell-words.js';

/** Instances of the test context. */
export const TEST_INSTANCES: readonly InstanceInfo[] = [
  { instanceId: 'i-0123456789abcdef0', nodeName: 'ip-10-0-1-23.ec2.internal', zone: 'us-east-1a', instanceType: 'm5.large', state: 'running', privateIp: '10.0.1.23', launchTimeMs: 0 },
  { instanceId: 'i-0123456789abcdef1', nodeName: 'ip-10-0-1-24.ec2.internal', zone: 'us-east-1a', instanceType: 'm5.large', state: 'running', privateIp: '10.0.1.24', launchTimeMs: 0 },
  { instanceId: 'i-0fedcba9876543210', nodeName: 'ip-10-0-2-31.ec2.internal', zone: 'us-east-1b', instanceType: 'm5.large', state: 'running', privateIp: '10.0.2.31', launchTimeMs: 0 },
];

class TestCloud implements CloudProvider {
  readonly region = 'us-east-1';
  readonly zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
  readonly list: InstanceInfo[] = TEST_INSTANCES.map((i) => ({ ...i }));
  private readonly handlers: InstanceStateHandler[] = [];
  instances(): readonly InstanceInfo[] {
    return this.list;
  }
  getInstance(id: string): InstanceInfo | undefined {
    return this.list.find((i) => i.instanceId === id);
  }
  instanceForNode(name: string): InstanceInfo | undefined {
    return this.list.find((i) => i.nodeName === name);
  }
  instanceType(name: string) {
    return { name, vcpu: 2, memoryMiB: 8192, nitro: true, maxPods: 29, ebsAttachLimit: 26 };
  }
  onInstanceState(handler: InstanceStateHandler): () => void {
    this.handlers.push(handler);
    return () => {};
  }
  set(id: string, state: InstanceState): void {
    const i = this.list.findIndex((x) => x.instanceId === id);
    const previous = this.list[i].state;
    this.list[i] = { ...this.list[i], state };
    for (const h of this.handlers) h(this.list[i], previous);
  }
}

/** The test context and a runner taking one command line. */
export interface AwsTestContext {
  readonly core: CoreCluster;
  readonly storage: Storage;
  readonly ctx: AwsContext;
  aws(line: string): AwsResult;
}

/** Builds the test context. */
export function newAwsTestContext(seed = 1): AwsTestContext {
  const core = new CoreCluster({ seed });
  const cloud = new TestCloud();
  const storage = installStorage(core, { cloud });
  const ctx: AwsContext = {
    ec2: storage.ec2,
    cloud,
    clock: core.clock,
    advance: (ms) => core.loop.advance(ms),
    instances: {
      stop: (id) => cloud.set(id, 'stopping'),
      start: (id) => cloud.set(id, 'pending'),
      terminate: (id) => cloud.set(id, 'shutting-down'),
    },
  };
  return { core, storage, ctx, aws: (line) => runAws(ctx, splitShellWords(line)) };
}
