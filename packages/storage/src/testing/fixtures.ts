/**
 * Fixture builders for storage tests: EKS-shaped nodes, pods already bound to nodes, claims,
 * volumes and classes.
 */
import type { KubeObject } from '@kubesim/core';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../api-types.js';
import { LABEL } from '../constants.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
// biome-ignore lint/suspicious/noExplicitAny: builders assemble loosely typed manifests
type Loose = Record<string, any>;

/** Base builder: `obj()` returns a deep copy. */
class Builder<T extends KubeObject> {
  protected o: Loose;
  constructor(o: Loose) {
    this.o = o;
  }
  /** Sets a label. */
  label(k: string, v: string): this {
    this.o.metadata.labels = { ...this.o.metadata.labels, [k]: v };
    return this;
  }
  /** Sets an annotation. */
  annotate(k: string, v: string): this {
    this.o.metadata.annotations = { ...this.o.metadata.annotations, [k]: v };
    return this;
  }
  /** Namespace. */
  ns(namespace: string): this {
    this.o.metadata.namespace = namespace;
    return this;
  }
  /** The built object. */
  obj(): Mutable<T> {
    return structuredClone(this.o) as Mutable<T>;
  }
}

/** `i-` + 17 hex derived from a small number. */
export function instanceIdFor(n: number): string {
  return `i-${n.toString(16).padStart(17, '0')}`;
}

/** An EKS node: `ip-10-0-<zone>-<n>.ec2.internal` style. */
export class NodeBuilder extends Builder<Node> {
  constructor(name: string, zone = 'us-east-1a', instanceId = 'i-0123456789abcdef0', instanceType = 'm5.large') {
    super({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        labels: {
          [LABEL.zone]: zone,
          [LABEL.ebsCsiZone]: zone,
          [LABEL.betaZone]: zone,
          'topology.kubernetes.io/region': zone.slice(0, -1),
          [LABEL.instanceType]: instanceType,
          'kubernetes.io/hostname': name,
        },
      },
      spec: { providerID: `aws:///${zone}/${instanceId}` },
      status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }] },
    });
  }
  /** Ready condition status. */
  ready(status: 'True' | 'False' | 'Unknown'): this {
    this.o.status.conditions = [{ type: 'Ready', status }];
    return this;
  }
  /** Adds a taint. */
  taint(key: string, value: string, effect: string): this {
    this.o.spec.taints = [...(this.o.spec.taints ?? []), { key, value, effect }];
    return this;
  }
}

/** A node builder. */
export function makeNode(name: string, zone?: string, instanceId?: string, instanceType?: string): NodeBuilder {
  return new NodeBuilder(name, zone, instanceId, instanceType);
}

/** A running pod on a node. */
export class PodBuilder extends Builder<Pod> {
  constructor(name: string) {
    super({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default' },
      spec: { containers: [{ name: 'app', image: 'errm/randserver' }], volumes: [] },
      status: { phase: 'Running', containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: 'errm/randserver', imageID: '', state: { running: {} } }] },
    });
  }
  /** `spec.nodeName`. */
  node(nodeName: string): this {
    this.o.spec.nodeName = nodeName;
    return this;
  }
  /** Adds a PVC volume. */
  pvc(claimName: string, volumeName = 'data'): this {
    this.o.spec.volumes.push({ name: volumeName, persistentVolumeClaim: { claimName } });
    return this;
  }
  /** Adds an inline awsElasticBlockStore volume. */
  ebs(volumeID: string, volumeName = 'data'): this {
    this.o.spec.volumes.push({ name: volumeName, awsElasticBlockStore: { volumeID, fsType: 'ext4' } });
    return this;
  }
  /** The chapter's randserver container with a read-only root and the volume `data` at /data. */
  randserver(): this {
    this.o.spec.containers = [
      {
        name: 'randserver',
        image: 'errm/randserver',
        securityContext: { readOnlyRootFilesystem: true },
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
      },
    ];
    return this;
  }
  /** Drops the status (a fresh pod for a real kubelet to run). */
  noStatus(): this {
    delete this.o.status;
    return this;
  }
  /** Phase (and container state to match). */
  phase(phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed'): this {
    this.o.status.phase = phase;
    if (phase !== 'Running') this.o.status.containerStatuses = [];
    return this;
  }
}

/** A pod builder. */
export function makePod(name: string): PodBuilder {
  return new PodBuilder(name);
}

/** A claim. */
export class ClaimBuilder extends Builder<PersistentVolumeClaim> {
  constructor(name: string) {
    super({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name, namespace: 'default' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
  }
  /** Storage class name (`null` leaves it absent). */
  storageClass(name: string | null): this {
    if (name === null) delete this.o.spec.storageClassName;
    else this.o.spec.storageClassName = name;
    return this;
  }
  /** Request size. */
  size(q: string): this {
    this.o.spec.resources.requests.storage = q;
    return this;
  }
  /** Access modes. */
  modes(...modes: string[]): this {
    this.o.spec.accessModes = modes;
    return this;
  }
  /** Pre-binds to a volume. */
  volumeName(name: string): this {
    this.o.spec.volumeName = name;
    return this;
  }
  /** Label selector (matchLabels). */
  selector(labels: Record<string, string>): this {
    this.o.spec.selector = { matchLabels: labels };
    return this;
  }
  /** volumeMode. */
  volumeMode(mode: 'Filesystem' | 'Block'): this {
    this.o.spec.volumeMode = mode;
    return this;
  }
}

/** A claim builder (1Gi RWO, no class set). */
export function makeClaim(name: string): ClaimBuilder {
  return new ClaimBuilder(name);
}

/** A static PV. */
export class VolumeBuilder extends Builder<PersistentVolume> {
  constructor(name: string) {
    super({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name },
      spec: {
        accessModes: ['ReadWriteOnce'],
        capacity: { storage: '1Gi' },
        persistentVolumeReclaimPolicy: 'Retain',
        storageClassName: '',
        awsElasticBlockStore: { volumeID: 'aws://us-east-1a/vol-0123456789abcdef0', fsType: 'ext4' },
      },
    });
  }
  /** Capacity. */
  capacity(q: string): this {
    this.o.spec.capacity = { storage: q };
    return this;
  }
  /** Class. */
  storageClass(name: string): this {
    this.o.spec.storageClassName = name;
    return this;
  }
  /** Access modes. */
  modes(...modes: string[]): this {
    this.o.spec.accessModes = modes;
    return this;
  }
  /** Pre-bound claimRef (uid optional). */
  claimRef(namespace: string, name: string, uid?: string): this {
    this.o.spec.claimRef = { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace, name, ...(uid ? { uid } : {}) };
    return this;
  }
  /** The EBS volume id. */
  ebs(volumeId: string, zone = 'us-east-1a'): this {
    this.o.spec.awsElasticBlockStore = { volumeID: `aws://${zone}/${volumeId}`, fsType: 'ext4' };
    return this;
  }
  /** Reclaim policy. */
  reclaim(policy: 'Retain' | 'Delete' | 'Recycle'): this {
    this.o.spec.persistentVolumeReclaimPolicy = policy;
    return this;
  }
  /** volumeMode. */
  volumeMode(mode: 'Filesystem' | 'Block'): this {
    this.o.spec.volumeMode = mode;
    return this;
  }
}

/** A PV builder (1Gi RWO, class "", Retain). */
export function makeVolume(name: string): VolumeBuilder {
  return new VolumeBuilder(name);
}

/** A StorageClass. */
export class ClassBuilder extends Builder<StorageClass> {
  constructor(name: string, provisioner: string) {
    super({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner, reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
  }
  /** Parameters. */
  params(p: Record<string, string>): this {
    this.o.parameters = p;
    return this;
  }
  /** Binding mode. */
  mode(m: 'Immediate' | 'WaitForFirstConsumer'): this {
    this.o.volumeBindingMode = m;
    return this;
  }
  /** Marks it the default class. */
  isDefault(): this {
    return this.annotate('storageclass.kubernetes.io/is-default-class', 'true');
  }
  /** Reclaim policy. */
  reclaim(p: 'Retain' | 'Delete'): this {
    this.o.reclaimPolicy = p;
    return this;
  }
  /** allowVolumeExpansion. */
  expandable(): this {
    this.o.allowVolumeExpansion = true;
    return this;
  }
  /** allowedTopologies on zones. */
  zones(...zones: string[]): this {
    this.o.allowedTopologies = [{ matchLabelExpressions: [{ key: LABEL.zone, values: zones }] }];
    return this;
  }
}

/** A StorageClass builder (Immediate, Delete). */
export function makeClass(name: string, provisioner = 'ebs.csi.aws.com'): ClassBuilder {
  return new ClassBuilder(name, provisioner);
}
