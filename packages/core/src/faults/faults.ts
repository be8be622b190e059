/**
 * Node and zone faults: stop, start and terminate the instance behind a node, take a whole zone
 * off the network, crash and restart a kubelet without losing the instance.
 *
 * Design: every fault goes through the same paths as the real event: the EC2 model for instance
 * calls (so latencies and states match `aws ec2 describe-instances`), the node agents' silence
 * reasons for kubelet outages (so overlapping faults heal only when all are lifted).
 * @see AWS EC2 StopInstances/StartInstances/TerminateInstances; kubernetes node failure docs
 */
import type { Ec2Cloud } from '../cloud/ec2-cloud.js';
import type { InstanceInfo } from '../cloud/provider.js';
import type { NodeAgents } from '../kubelet/node-agents.js';

/** The faults a test or demo can inject. */
export interface Faults {
  /** `aws ec2 stop-instances` on the node's instance. */
  stopInstance(nodeName: string): InstanceInfo;
  /** `aws ec2 start-instances` on the node's instance. */
  startInstance(nodeName: string): InstanceInfo;
  /** `aws ec2 terminate-instances` on the node's instance. */
  terminateInstance(nodeName: string): InstanceInfo;
  /** Every kubelet in the zone goes silent (network partition); instances keep running. */
  zoneOutage(zone: string): void;
  /** Ends a zone outage. */
  zoneRecover(zone: string): void;
  /** The kubelet process dies; containers keep running, the node stops posting status. */
  kubeletCrash(nodeName: string): void;
  /** The kubelet comes back. */
  kubeletRestart(nodeName: string): void;
}

/** Builds the faults API over the cloud model and the node agents. */
export function createFaults(cloud: Ec2Cloud, agents: NodeAgents): Faults {
  const instanceOf = (nodeName: string): InstanceInfo => {
    const instance = cloud.instanceForNode(nodeName);
    if (!instance) throw new Error(`no instance backs node ${JSON.stringify(nodeName)}`);
    return instance;
  };
  const nodesIn = (zone: string): string[] => {
    if (!cloud.zones.includes(zone)) throw new Error(`unknown zone ${JSON.stringify(zone)}`);
    return cloud
      .instances()
      .filter((i) => i.zone === zone)
      .map((i) => i.nodeName)
      .sort();
  };
  return {
    stopInstance: (nodeName) => cloud.stop(instanceOf(nodeName).instanceId),
    startInstance: (nodeName) => cloud.start(instanceOf(nodeName).instanceId),
    terminateInstance: (nodeName) => cloud.terminate(instanceOf(nodeName).instanceId),
    zoneOutage: (zone) => {
      for (const n of nodesIn(zone)) agents.silence(n, 'zone');
    },
    zoneRecover: (zone) => {
      for (const n of nodesIn(zone)) agents.unsilence(n, 'zone');
    },
    kubeletCrash: (nodeName) => {
      instanceOf(nodeName);
      agents.silence(nodeName, 'crash');
    },
    kubeletRestart: (nodeName) => {
      instanceOf(nodeName);
      agents.unsilence(nodeName, 'crash');
    },
  };
}
