/**
 * Fixture builders for kubectl tests: objects shaped like a real Kubernetes 1.33 / EKS cluster
 * (nodes with the EKS and legacy zone labels, pods with status, conditions and container
 * statuses, claims and volumes as dynamic provisioning leaves them). Objects go straight into the
 * store, so tests need no controllers.
 */
import { CoreCluster, type KubeObject, type MutableObject } from '@kubesim/core';
import { splitShellWords } from '../../cli/shell-words.js';
import type { KubectlContext, KubectlResult } from '../context.js';
import { memoryFiles } from '../local-files.js';
import { runKubectl } from '../run.js';

type Obj = Record<string, unknown> & KubeObject;

/** A cluster kernel plus a kubectl bound to it. */
export interface KubectlHarness {
  readonly core: CoreCluster;
  readonly ctx: KubectlContext;
  /** Runs one command line (without `kubectl`). */
  kubectl(line: string, stdin?: string): KubectlResult;
  /** Stores an object (status included) after the kind's defaulting, bypassing validation. */
  put<T extends KubeObject>(obj: T): T;
}

/** A fresh harness; `hooks` are merged into the context. */
export function makeHarness(hooks: Partial<KubectlContext> = {}, files: Record<string, string> = {}): KubectlHarness {
  const core = new CoreCluster({ seed: 7 });
  const ctx: KubectlContext = { core, files: memoryFiles(files), ...hooks };
  return {
    core,
    ctx,
    kubectl: (line, stdin) => runKubectl(ctx, splitShellWords(line), { stdin }),
    put: (obj) => {
      // Stored objects look like the API server's: run the kind's defaulting first.
      const copy = structuredClone(obj) as unknown as MutableObject;
      core.strategies.get(obj.kind).defaults?.(copy);
      return core.store.create(copy as unknown as typeof obj);
    },
  };
}

/** An EKS worker node (`ip-10-0-…ec2.internal`) in `zone`, Ready. */
export function makeNode(name: string, zone = 'us-east-1a', instanceType = 'm5.large'): Obj {
  const region = zone.slice(0, -1);
  const ip = name.replace(/^ip-/, '').replace(/\.ec2\.internal$/, '').replaceAll('-', '.');
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/instance-type': instanceType,
        'beta.kubernetes.io/os': 'linux',
        'eks.amazonaws.com/nodegroup': 'default',
        'failure-domain.beta.kubernetes.io/region': region,
        'failure-domain.beta.kubernetes.io/zone': zone,
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'node.kubernetes.io/instance-type': instanceType,
        'topology.kubernetes.io/region': region,
        'topology.kubernetes.io/zone': zone,
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: { providerID: `aws:///${zone}/i-0123456789abcdef0` },
    status: {
      conditions: [
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' },
      ],
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
        { type: 'InternalDNS', address: name },
      ],
      capacity: { cpu: '2', 'ephemeral-storage': '20959212Ki', memory: '7910348Ki', pods: '29' },
      allocatable: { cpu: '1930m', 'ephemeral-storage': '18242267924', memory: '7220172Ki', pods: '29' },
      nodeInfo: {
        architecture: 'amd64',
        containerRuntimeVersion: 'containerd://1.7.27',
        kernelVersion: '6.1.134-152.225.amzn2023.x86_64',
        kubeProxyVersion: 'v1.33.0-eks-802817d',
        kubeletVersion: 'v1.33.0-eks-802817d',
        operatingSystem: 'linux',
        osImage: 'Amazon Linux 2023.7.20250512',
        machineID: 'ec2a1b2c3d4e5f60718293a4b5c6d7e8',
        systemUUID: 'ec2a1b2c-3d4e-5f60-7182-93a4b5c6d7e8',
        bootID: '0d7f3f9e-1c2b-4a5d-8e6f-7a8b9c0d1e2f',
      },
    },
  };
}

/** Fluent pod builder: `new PodBuilder('web-0').labels({app:'web'}).running('node-1', '10.0.1.5').obj()`. */
export class PodBuilder {
  private readonly o: { metadata: Record<string, unknown>; spec: Record<string, unknown>; status: Record<string, unknown> };
  constructor(name: string, namespace = 'default') {
    this.o = {
      metadata: { name, namespace, labels: {} },
      spec: {
        containers: [{ name: 'randserver', image: 'errm/randserver', volumeMounts: [] as unknown[], securityContext: { readOnlyRootFilesystem: true } }],
        volumes: [] as unknown[],
        serviceAccountName: 'default',
        priority: 0,
        tolerations: [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
          { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        ],
      },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    };
  }

  labels(labels: Record<string, string>): this {
    this.o.metadata.labels = labels;
    return this;
  }

  owner(kind: string, name: string, uid: string, apiVersion = 'apps/v1'): this {
    this.o.metadata.ownerReferences = [{ apiVersion, kind, name, uid, controller: true, blockOwnerDeletion: true }];
    return this;
  }

  /** Mounts a claim at /data as volume `data`. */
  pvc(claimName: string, volumeName = 'data'): this {
    (this.o.spec.volumes as unknown[]).push({ name: volumeName, persistentVolumeClaim: { claimName } });
    this.mount(volumeName);
    return this;
  }

  /** Mounts an emptyDir at /data as volume `data`. */
  emptyDir(volumeName = 'data'): this {
    (this.o.spec.volumes as unknown[]).push({ name: volumeName, emptyDir: {} });
    this.mount(volumeName);
    return this;
  }

  /** Adds a volume (mounted nowhere). */
  volume(v: Record<string, unknown>): this {
    (this.o.spec.volumes as unknown[]).push(v);
    return this;
  }

  private mount(name: string): void {
    const c = (this.o.spec.containers as { volumeMounts: unknown[] }[])[0];
    c.volumeMounts.push({ name, mountPath: '/data' });
  }

  /** Scheduled and running on `node` since `startedAt`, ready. */
  running(node: string, podIP: string, hostIP = '10.0.1.10', startedAt = '2026-01-01T00:00:00Z'): this {
    this.o.spec.nodeName = node;
    this.o.status = {
      phase: 'Running',
      qosClass: 'BestEffort',
      hostIP,
      hostIPs: [{ ip: hostIP }],
      podIP,
      podIPs: [{ ip: podIP }],
      startTime: startedAt,
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: startedAt })),
      containerStatuses: [
        {
          name: 'randserver',
          ready: true,
          started: true,
          restartCount: 0,
          image: 'docker.io/errm/randserver:latest',
          imageID: 'docker.io/errm/randserver@sha256:1b4ec8b6b8d1ff7e0e5b9d2b2c3f7e1d4f6a8b9c0d1e2f3a4b5c6d7e8f9a0b1c',
          containerID: 'containerd://4f5e6d7c8b9a0f1e2d3c4b5a69788766554433221100ffeeddccbbaa99887766',
          state: { running: { startedAt } },
          lastState: {},
        },
      ],
    };
    return this;
  }

  /** Scheduled on `node`, waiting for its volume (`ContainerCreating`). */
  containerCreating(node: string, hostIP = '10.0.1.10', startedAt = '2026-01-01T00:00:00Z'): this {
    this.o.spec.nodeName = node;
    this.o.status = {
      phase: 'Pending',
      qosClass: 'BestEffort',
      hostIP,
      startTime: startedAt,
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'False', lastTransitionTime: startedAt },
        { type: 'Initialized', status: 'True', lastTransitionTime: startedAt },
        { type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [randserver]', lastTransitionTime: startedAt },
        { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [randserver]', lastTransitionTime: startedAt },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: startedAt },
      ],
      containerStatuses: [
        { name: 'randserver', ready: false, started: false, restartCount: 0, image: 'errm/randserver', imageID: '', state: { waiting: { reason: 'ContainerCreating' } }, lastState: {} },
      ],
    };
    return this;
  }

  obj(): Obj {
    return { apiVersion: 'v1', kind: 'Pod', ...structuredClone(this.o) } as Obj;
  }
}

/** The chapter's `general-purpose` class (fixture 05), default. */
export function makeStorageClass(name = 'general-purpose', isDefault = true, type = 'gp2'): Obj {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name, ...(isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}) },
    provisioner: 'kubernetes.io/aws-ebs',
    parameters: { type },
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
  };
}

/** A claim bound to `pvc-<uid>` as the PV controller leaves it after provisioning. */
export function makeBoundPvc(name: string, uid: string, labels: Record<string, string> = {}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name,
      namespace: 'default',
      uid,
      labels,
      annotations: {
        'pv.kubernetes.io/bind-completed': 'yes',
        'pv.kubernetes.io/bound-by-controller': 'yes',
        'volume.beta.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com',
        'volume.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com',
      },
      finalizers: ['kubernetes.io/pvc-protection'],
    },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
      storageClassName: 'general-purpose',
      volumeMode: 'Filesystem',
      volumeName: `pvc-${uid}`,
    },
    status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } },
  };
}

/** The PV dynamic provisioning creates for a claim (in-tree source kept by CSI migration). */
export function makeProvisionedPv(claim: string, uid: string, volumeId: string, zone = 'us-east-1a'): Obj {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name: `pvc-${uid}`,
      labels: { 'topology.kubernetes.io/region': zone.slice(0, -1), 'topology.kubernetes.io/zone': zone },
      annotations: { 'kubernetes.io/createdby': 'aws-ebs-dynamic-provisioner', 'pv.kubernetes.io/bound-by-controller': 'yes', 'pv.kubernetes.io/provisioned-by': 'kubernetes.io/aws-ebs' },
      finalizers: ['kubernetes.io/pv-protection'],
    },
    spec: {
      accessModes: ['ReadWriteOnce'],
      awsElasticBlockStore: { fsType: 'ext4', volumeID: `aws://${zone}/${volumeId}` },
      capacity: { storage: '1Gi' },
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: claim, namespace: 'default', uid },
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: 'topology.kubernetes.io/zone', operator: 'In', values: [zone] },
                { key: 'topology.kubernetes.io/region', operator: 'In', values: [zone.slice(0, -1)] },
              ],
            },
          ],
        },
      },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'general-purpose',
      volumeMode: 'Filesystem',
    },
    status: { phase: 'Bound' },
  };
}

/** A Deployment with its status as the controller reports a finished rollout. */
export function makeDeployment(name: string, replicas: number, ready = replicas): Obj {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', generation: 1, annotations: { 'deployment.kubernetes.io/revision': '1' } },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      template: { metadata: { labels }, spec: { containers: [{ name: 'randserver', image: 'errm/randserver', volumeMounts: [{ name: 'data', mountPath: '/data' }] }], volumes: [{ name: 'data', emptyDir: {} }] } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: 1,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: ready,
      availableReplicas: ready,
      ...(replicas - ready > 0 ? { unavailableReplicas: replicas - ready } : {}),
      conditions: [
        { type: 'Available', status: ready >= replicas ? 'True' : 'False', reason: ready >= replicas ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable' },
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
      ],
    },
  };
}

/** The chapter's StatefulSet (fixture 10) with a finished rollout status. */
export function makeStatefulSet(name = 'randserver', replicas = 3, ready = replicas): Obj {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: 'default', generation: 1 },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      serviceName: name,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      template: { metadata: { labels }, spec: { containers: [{ name: 'randserver', image: 'errm/randserver', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] } },
      volumeClaimTemplates: [
        { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'general-purpose', resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' } },
      ],
    },
    status: {
      observedGeneration: 1,
      replicas,
      readyReplicas: ready,
      currentReplicas: replicas,
      updatedReplicas: replicas,
      availableReplicas: ready,
      currentRevision: `${name}-7d9c8b6f5`,
      updateRevision: `${name}-7d9c8b6f5`,
      collisionCount: 0,
    },
  };
}

/** The chapter's headless Service (fixture 09). */
export function makeHeadlessService(name = 'randserver'): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      clusterIP: 'None',
      clusterIPs: ['None'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'web', port: 80, protocol: 'TCP', targetPort: 3000 }],
      selector: { app: name },
      sessionAffinity: 'None',
      type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster',
    },
    status: { loadBalancer: {} },
  };
}

/** The ReplicaSet a Deployment controller creates for `hash`, with its status. */
export function makeReplicaSetFor(d: KubeObject, hash: string, replicas = 1): Obj {
  const labels = { app: d.metadata.name ?? '', 'pod-template-hash': hash };
  const tmpl = structuredClone((d.spec as { template: { metadata: Record<string, unknown>; spec: unknown } }).template);
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: 'default',
      labels,
      annotations: { 'deployment.kubernetes.io/desired-replicas': String(replicas), 'deployment.kubernetes.io/max-replicas': String(replicas + 1), 'deployment.kubernetes.io/revision': '1' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name ?? '', uid: d.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    spec: { replicas, selector: { matchLabels: labels }, template: { ...tmpl, metadata: { labels } } },
    status: { replicas, readyReplicas: replicas, availableReplicas: replicas, fullyLabeledReplicas: replicas, observedGeneration: 1 },
  };
}

/** What `makeResourceQuota` fills in: the scopes, and the status as the quota controller writes it. */
export interface ResourceQuotaFixture {
  readonly namespace?: string;
  readonly scopes?: readonly string[];
  /** `status.hard` (and `spec.hard`, which the controller copies into it). */
  readonly hard: Readonly<Record<string, string>>;
  /** `status.used`; a resource left out has no used value yet. */
  readonly used?: Readonly<Record<string, string>>;
}

/** A ResourceQuota with the status the quota controller writes (hard copied from the spec, used). */
export function makeResourceQuota(name: string, f: ResourceQuotaFixture): Obj {
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name, namespace: f.namespace ?? 'default' },
    spec: { hard: { ...f.hard }, ...(f.scopes ? { scopes: [...f.scopes] } : {}) },
    status: { hard: { ...f.hard }, used: { ...(f.used ?? {}) } },
  };
}

/** One `spec.limits` item of `makeLimitRange` (resource lists as quantity strings). */
export interface LimitRangeItemFixture {
  readonly type: string;
  readonly max?: Readonly<Record<string, string>>;
  readonly min?: Readonly<Record<string, string>>;
  readonly default?: Readonly<Record<string, string>>;
  readonly defaultRequest?: Readonly<Record<string, string>>;
  readonly maxLimitRequestRatio?: Readonly<Record<string, string>>;
}

/** A LimitRange of `limits` in `namespace` (the API server's defaulting runs when it is `put`). */
export function makeLimitRange(name: string, limits: readonly LimitRangeItemFixture[], namespace = 'default'): Obj {
  return {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name, namespace },
    spec: { limits: limits.map((item) => structuredClone(item)) },
  };
}
