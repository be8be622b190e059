/**
 * Fixture builders for scheduler tests: EKS-shaped Nodes and CSINodes, Pods, PVCs, PVs,
 * StorageClasses and ReplicaSets, as plain objects ready for `core.store.create`.
 */
import type { OwnerReference } from '@kubesim/core';
import type {
  CSINode,
  LabelSelector,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  PodAffinityTerm,
  PodSpec,
  StorageClass,
  Taint,
  Toleration,
  TopologySpreadConstraint,
} from '../api/types.js';
import {
  EBS_CSI_DRIVER,
  LABEL_EBS_CSI_ZONE,
  LABEL_FAILURE_DOMAIN_BETA_REGION,
  LABEL_FAILURE_DOMAIN_BETA_ZONE,
  LABEL_HOSTNAME,
  LABEL_INSTANCE_TYPE,
  LABEL_TOPOLOGY_REGION,
  LABEL_TOPOLOGY_ZONE,
} from '../api/well-known.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The EKS-style node name for a private IP (`ip-10-0-1-23.ec2.internal`). */
export function eksNodeName(subnet: number, host: number): string {
  return `ip-10-0-${subnet}-${host}.ec2.internal`;
}

/** Region of an AWS zone name (`us-east-1a` → `us-east-1`). */
export function regionOf(zone: string): string {
  return zone.replace(/[a-z]$/, '');
}

/** Builds a Node shaped like an EKS m5.large node. */
export class NodeBuilder {
  private labels: Record<string, string> = {};
  private allocatable: Record<string, string> = { cpu: '1930m', memory: '7220Mi', pods: '29', 'ephemeral-storage': '18242267924' };
  private taints: Taint[] = [];
  private unschedulable = false;

  constructor(private readonly name: string) {
    this.zone('us-east-1a');
    this.labels[LABEL_HOSTNAME] = name;
    this.labels[LABEL_INSTANCE_TYPE] = 'm5.large';
    this.labels['kubernetes.io/os'] = 'linux';
    this.labels['kubernetes.io/arch'] = 'amd64';
  }

  /** Sets every zone/region label. */
  zone(zone: string): this {
    const region = regionOf(zone);
    Object.assign(this.labels, {
      [LABEL_TOPOLOGY_ZONE]: zone,
      [LABEL_TOPOLOGY_REGION]: region,
      [LABEL_FAILURE_DOMAIN_BETA_ZONE]: zone,
      [LABEL_FAILURE_DOMAIN_BETA_REGION]: region,
      [LABEL_EBS_CSI_ZONE]: zone,
    });
    return this;
  }

  label(key: string, value: string): this {
    this.labels[key] = value;
    return this;
  }

  /** Removes a label. */
  withoutLabel(key: string): this {
    delete this.labels[key];
    return this;
  }

  capacity(cpu: string, memory: string, pods: number): this {
    this.allocatable = { ...this.allocatable, cpu, memory, pods: String(pods) };
    return this;
  }

  taint(key: string, value: string, effect: string): this {
    this.taints.push({ key, value, effect });
    return this;
  }

  cordon(): this {
    this.unschedulable = true;
    return this;
  }

  obj(): Node {
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: this.name, labels: { ...this.labels } },
      spec: {
        ...(this.unschedulable ? { unschedulable: true } : {}),
        ...(this.taints.length > 0 ? { taints: [...this.taints] } : {}),
      },
      status: {
        allocatable: { ...this.allocatable },
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    };
  }
}

/** `new NodeBuilder(name)`. */
export function makeNode(name: string): NodeBuilder {
  return new NodeBuilder(name);
}

/** A CSINode with the EBS driver and its attach limit. */
export function makeCSINode(nodeName: string, count: number, driver = EBS_CSI_DRIVER): CSINode {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'CSINode',
    metadata: { name: nodeName },
    spec: { drivers: [{ name: driver, nodeID: `i-${nodeName.length.toString(16).padStart(17, '0')}`, allocatable: { count } }] },
  };
}

/** Builds a Pod. */
export class PodBuilder {
  private readonly meta: Mutable<Pod['metadata']>;
  private readonly spec: Mutable<PodSpec>;

  constructor(name: string) {
    this.meta = { name, namespace: 'default', labels: {} };
    this.spec = { containers: [{ name: 'app', resources: { requests: {} } }] };
  }

  namespace(ns: string): this {
    this.meta.namespace = ns;
    return this;
  }

  label(key: string, value: string): this {
    this.meta.labels = { ...this.meta.labels, [key]: value };
    return this;
  }

  req(cpu?: string, memory?: string): this {
    const requests: Record<string, string> = {};
    if (cpu) requests.cpu = cpu;
    if (memory) requests.memory = memory;
    this.spec.containers = [{ name: 'app', resources: { requests } }];
    return this;
  }

  nodeSelector(sel: Record<string, string>): this {
    this.spec.nodeSelector = sel;
    return this;
  }

  nodeName(name: string): this {
    this.spec.nodeName = name;
    return this;
  }

  schedulerName(name: string): this {
    this.spec.schedulerName = name;
    return this;
  }

  priority(p: number): this {
    this.spec.priority = p;
    return this;
  }

  requiredNodeAffinity(key: string, operator: string, values: string[]): this {
    const a = this.spec.affinity ?? {};
    this.spec.affinity = {
      ...a,
      nodeAffinity: { ...a.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key, operator, values }] }] } },
    };
    return this;
  }

  preferredNodeAffinity(weight: number, key: string, values: string[]): this {
    const a = this.spec.affinity ?? {};
    const prev = a.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    this.spec.affinity = {
      ...a,
      nodeAffinity: {
        ...a.nodeAffinity,
        preferredDuringSchedulingIgnoredDuringExecution: [...prev, { weight, preference: { matchExpressions: [{ key, operator: 'In', values }] } }],
      },
    };
    return this;
  }

  podAntiAffinity(term: PodAffinityTerm): this {
    const a = this.spec.affinity ?? {};
    const prev = a.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
    this.spec.affinity = { ...a, podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [...prev, term] } };
    return this;
  }

  podAffinity(term: PodAffinityTerm): this {
    const a = this.spec.affinity ?? {};
    const prev = a.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
    this.spec.affinity = { ...a, podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [...prev, term] } };
    return this;
  }

  toleration(t: Toleration): this {
    this.spec.tolerations = [...(this.spec.tolerations ?? []), t];
    return this;
  }

  spread(c: TopologySpreadConstraint): this {
    this.spec.topologySpreadConstraints = [...(this.spec.topologySpreadConstraints ?? []), c];
    return this;
  }

  pvc(claimName: string, volumeName = claimName): this {
    this.spec.volumes = [...(this.spec.volumes ?? []), { name: volumeName, persistentVolumeClaim: { claimName } }];
    return this;
  }

  ebs(volumeID: string): this {
    this.spec.volumes = [...(this.spec.volumes ?? []), { name: volumeID, awsElasticBlockStore: { volumeID } }];
    return this;
  }

  owner(kind: string, name: string, uid: string, apiVersion = 'apps/v1'): this {
    const ref: OwnerReference = { apiVersion, kind, name, uid, controller: true, blockOwnerDeletion: true };
    this.meta.ownerReferences = [ref];
    return this;
  }

  obj(): Pod {
    const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: this.meta, spec: this.spec, status: { phase: 'Pending' } };
    return structuredClone(pod);
  }
}

/** `new PodBuilder(name)`. */
export function makePod(name: string): PodBuilder {
  return new PodBuilder(name);
}

/** A ReplicaSet owning pods with `labels`. */
export function makeReplicaSet(name: string, labels: Record<string, string>, namespace = 'default') {
  const selector: LabelSelector = { matchLabels: labels };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace, labels },
    spec: { replicas: 3, selector, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } },
  };
}

/** A PVC. */
export function makePVC(
  name: string,
  o: { className?: string | null; size?: string; modes?: string[]; volumeName?: string; bound?: boolean; namespace?: string } = {},
): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: o.namespace ?? 'default' },
    spec: {
      accessModes: o.modes ?? ['ReadWriteOnce'],
      resources: { requests: { storage: o.size ?? '1Gi' } },
      volumeMode: 'Filesystem',
      ...(o.className !== null ? { storageClassName: o.className ?? 'gp2' } : {}),
      ...(o.volumeName ? { volumeName: o.volumeName } : {}),
    },
    status: { phase: o.bound ? 'Bound' : 'Pending' },
  };
}

/** A PV, optionally pinned to a zone by CSI nodeAffinity (and/or zone labels). */
export function makePV(
  name: string,
  o: { className?: string; size?: string; zone?: string; zoneKey?: string; zoneLabels?: boolean; claim?: { name: string; namespace?: string; uid?: string }; phase?: string; modes?: string[] } = {},
): PersistentVolume {
  const labels: Record<string, string> = {};
  if (o.zone && o.zoneLabels) {
    labels[LABEL_TOPOLOGY_ZONE] = o.zone;
    labels[LABEL_TOPOLOGY_REGION] = regionOf(o.zone);
  }
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, labels },
    spec: {
      accessModes: o.modes ?? ['ReadWriteOnce'],
      capacity: { storage: o.size ?? '1Gi' },
      storageClassName: o.className ?? 'gp2',
      volumeMode: 'Filesystem',
      csi: { driver: EBS_CSI_DRIVER, volumeHandle: `vol-${name.replace(/[^0-9a-f]/g, '').padEnd(17, '0').slice(0, 17)}` },
      ...(o.zone
        ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: o.zoneKey ?? LABEL_TOPOLOGY_ZONE, operator: 'In', values: [o.zone] }] }] } } }
        : {}),
      ...(o.claim ? { claimRef: { kind: 'PersistentVolumeClaim', namespace: o.claim.namespace ?? 'default', name: o.claim.name, ...(o.claim.uid ? { uid: o.claim.uid } : {}) } } : {}),
    },
    status: { phase: o.phase ?? (o.claim ? 'Bound' : 'Available') },
  };
}

/** A StorageClass (EBS CSI by default). */
export function makeStorageClass(
  name: string,
  o: { provisioner?: string; wffc?: boolean; zones?: string[]; zoneKey?: string } = {},
): StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name },
    provisioner: o.provisioner ?? EBS_CSI_DRIVER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: o.wffc ? 'WaitForFirstConsumer' : 'Immediate',
    ...(o.zones ? { allowedTopologies: [{ matchLabelExpressions: [{ key: o.zoneKey ?? LABEL_TOPOLOGY_ZONE, values: o.zones }] }] } : {}),
  };
}
