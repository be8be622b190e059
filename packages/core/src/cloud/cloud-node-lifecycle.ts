/**
 * The AWS cloud controller manager's node lifecycle: deletes the Node of a terminated instance
 * once the node is not Ready, and taints the node of a stopped instance with
 * `node.cloudprovider.kubernetes.io/shutdown:NoSchedule` (removed when it runs again).
 *
 * Design: reacts to instance state changes and to Node Ready transitions instead of polling
 * every node every 5s; the action runs one monitor period after the trigger.
 * @see kubernetes/cloud-provider controllers/nodelifecycle/node_lifecycle_controller.go
 */
import type { Node, Taint } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/object.js';
import type { CoreCluster } from '../cluster/core-cluster.js';
import { CLOUD_NODE_MONITOR_PERIOD_MS, TAINT_NODE_SHUTDOWN } from './defaults.js';
import type { Ec2Cloud } from './ec2-cloud.js';

type NodeObject = Node & KubeObject;

function isReady(node: Node | undefined): boolean {
  return node?.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

/** Runs the cloud node lifecycle over the cluster. */
export class CloudNodeLifecycleController {
  constructor(
    private readonly core: CoreCluster,
    private readonly cloud: Ec2Cloud,
  ) {
    cloud.onInstanceState((instance) => this.later(instance.nodeName));
    core.store.watch<NodeObject>('Node', (e) => {
      if (e.type === 'MODIFIED' && isReady(e.old) !== isReady(e.object)) this.later(e.object.metadata.name ?? '');
    });
  }

  private later(nodeName: string): void {
    this.core.loop.schedule(CLOUD_NODE_MONITOR_PERIOD_MS, `cloud-node-lifecycle/${nodeName}`, () => this.sync(nodeName));
  }

  /** One monitor pass over a node. */
  sync(nodeName: string): void {
    const node = this.core.store.get<NodeObject>('Node', undefined, nodeName);
    const instance = this.cloud.instanceForNode(nodeName);
    if (!node || !instance) return;
    const taints = node.spec?.taints ?? [];
    const hasShutdown = taints.some((t) => t.key === TAINT_NODE_SHUTDOWN);
    if (isReady(node)) {
      if (hasShutdown && instance.state === 'running') this.setShutdownTaint(nodeName, false);
      return;
    }
    if (instance.state === 'terminated') {
      this.core.loop.record('cloud', `deleting node ${nodeName}: instance ${instance.instanceId} terminated`);
      this.core.api.delete('Node', undefined, nodeName);
      return;
    }
    const shutdown = instance.state === 'stopped' || instance.state === 'stopping';
    if (shutdown !== hasShutdown) this.setShutdownTaint(nodeName, shutdown);
  }

  private setShutdownTaint(nodeName: string, on: boolean): void {
    this.core.api.updateWith<NodeObject>('Node', undefined, nodeName, (d) => {
      if (!d.spec) d.spec = {};
      const rest = (d.spec.taints ?? []).filter((t) => t.key !== TAINT_NODE_SHUTDOWN);
      const taint: Taint = { key: TAINT_NODE_SHUTDOWN, effect: 'NoSchedule' };
      const next = on ? [...rest, taint] : rest;
      if (next.length) d.spec.taints = next;
      else delete d.spec.taints;
    });
  }
}
