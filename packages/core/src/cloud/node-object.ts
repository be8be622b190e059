/**
 * The Node and CSINode objects an EKS node registers: name, providerID, labels, annotations,
 * capacity/allocatable, nodeInfo, addresses and conditions.
 * @see kubernetes pkg/kubelet/kubelet_node_status.go, pkg/kubelet/nodestatus/setters.go
 * @see kubernetes/cloud-provider-aws pkg/providers/v1/aws.go (labels, providerID)
 */
import type { Node, NodeCondition } from 'kubernetes-types/core/v1';
import type { CSINode } from 'kubernetes-types/storage/v1';
import type { Rng } from '../sim/rng.js';
import {
  CONTAINER_RUNTIME_VERSION,
  EPHEMERAL_STORAGE_CAPACITY_KI,
  KERNEL_VERSION,
  KUBELET_VERSION,
  OS_IMAGE,
} from './defaults.js';
import { nodeResources } from './instance-types.js';
import type { InstanceInfo, InstanceTypeInfo } from './provider.js';

/** The EBS CSI driver name. */
export const EBS_CSI_DRIVER = 'ebs.csi.aws.com';
/** Zone label the EBS CSI driver reports as a topology key (ebs-csi pkg/driver/node.go `ZoneTopologyKey`). */
export const EBS_CSI_ZONE_LABEL = 'topology.ebs.csi.aws.com/zone';
/** Topology keys of the EBS CSI node plugin, sorted as the CSINode stores them. */
export const EBS_CSI_TOPOLOGY_KEYS = ['kubernetes.io/os', EBS_CSI_ZONE_LABEL, 'topology.kubernetes.io/zone'] as const;
/** Annotation telling the attach/detach controller it manages this node's volumes. */
export const CONTROLLER_MANAGED_ATTACH_DETACH = 'volumes.kubernetes.io/controller-managed-attach-detach';

/** Well-known node labels (k8s.io/api/core/v1 well_known_labels.go). */
export const NodeLabels = {
  hostname: 'kubernetes.io/hostname',
  os: 'kubernetes.io/os',
  arch: 'kubernetes.io/arch',
  zone: 'topology.kubernetes.io/zone',
  region: 'topology.kubernetes.io/region',
  zoneBeta: 'failure-domain.beta.kubernetes.io/zone',
  regionBeta: 'failure-domain.beta.kubernetes.io/region',
  instanceType: 'node.kubernetes.io/instance-type',
  instanceTypeBeta: 'beta.kubernetes.io/instance-type',
  osBeta: 'beta.kubernetes.io/os',
  archBeta: 'beta.kubernetes.io/arch',
} as const;

/** Kubelet's node condition reasons and messages (pkg/kubelet/nodestatus/setters.go). */
export const NodeConditionTexts = {
  MemoryPressure: { reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  DiskPressure: { reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  PIDPressure: { reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  Ready: { reason: 'KubeletReady', message: 'kubelet is posting ready status' },
} as const;

/** The four conditions a healthy kubelet posts, with one heartbeat/transition time. */
export function healthyConditions(nowTs: string, transitionTs: string = nowTs): NodeCondition[] {
  return (['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'] as const).map((type) => ({
    type,
    status: type === 'Ready' ? 'True' : 'False',
    lastHeartbeatTime: nowTs,
    lastTransitionTime: transitionTs,
    reason: NodeConditionTexts[type].reason,
    message: NodeConditionTexts[type].message,
  }));
}

/** The Node object the kubelet registers for an instance. */
export function buildNode(instance: InstanceInfo, type: InstanceTypeInfo, region: string, nowTs: string, rng: Rng): Node {
  const { capacity, allocatable } = nodeResources(type, EPHEMERAL_STORAGE_CAPACITY_KI);
  const name = instance.nodeName;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        [NodeLabels.archBeta]: 'amd64',
        [NodeLabels.instanceTypeBeta]: instance.instanceType,
        [NodeLabels.osBeta]: 'linux',
        [NodeLabels.regionBeta]: region,
        [NodeLabels.zoneBeta]: instance.zone,
        [NodeLabels.arch]: 'amd64',
        [NodeLabels.hostname]: name,
        [NodeLabels.os]: 'linux',
        [NodeLabels.instanceType]: instance.instanceType,
        [EBS_CSI_ZONE_LABEL]: instance.zone,
        [NodeLabels.region]: region,
        [NodeLabels.zone]: instance.zone,
      },
      annotations: {
        'alpha.kubernetes.io/provided-node-ip': instance.privateIp,
        'csi.volume.kubernetes.io/nodeid': JSON.stringify({ [EBS_CSI_DRIVER]: instance.instanceId }),
        'node.alpha.kubernetes.io/ttl': '0',
        [CONTROLLER_MANAGED_ATTACH_DETACH]: 'true',
      },
    },
    spec: { providerID: `aws:///${instance.zone}/${instance.instanceId}` },
    status: {
      capacity: { ...capacity },
      allocatable: { ...allocatable },
      conditions: healthyConditions(nowTs),
      addresses: [
        { type: 'InternalIP', address: instance.privateIp },
        { type: 'InternalDNS', address: name },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: rng.uuid(),
        containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
        kernelVersion: KERNEL_VERSION,
        // DisableNodeKubeProxyVersion (default on since 1.31): the kubelet leaves it empty.
        kubeProxyVersion: '',
        kubeletVersion: KUBELET_VERSION,
        machineID: `ec2${rng.hex(29)}`,
        operatingSystem: 'linux',
        osImage: OS_IMAGE,
        systemUUID: `ec2${rng.hex(5)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`,
      },
    },
  };
}

/** The CSINode the EBS CSI node plugin registers (allocatable count = the attach limit). */
export function buildCsiNode(instance: InstanceInfo, type: InstanceTypeInfo, node: Node): CSINode {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'CSINode',
    metadata: {
      name: instance.nodeName,
      annotations: { 'storage.alpha.kubernetes.io/migrated-plugins': 'kubernetes.io/aws-ebs' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: instance.nodeName, uid: node.metadata?.uid ?? '' }],
    },
    spec: {
      drivers: [
        {
          name: EBS_CSI_DRIVER,
          nodeID: instance.instanceId,
          allocatable: { count: type.ebsAttachLimit },
          topologyKeys: [...EBS_CSI_TOPOLOGY_KEYS],
        },
      ],
    },
  };
}
