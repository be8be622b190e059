/**
 * Composition: installs the workloads (cloud, nodes, kubelets, controllers), storage and the
 * scheduler into one kernel, and wires the faces (kubectl, aws) and the faults API to them.
 * Order matters only for registration: storage registers kubelet volume plugins and admission
 * plugins before any user object exists; the scheduler watches from the start.
 */
import { type CoreCluster, type Faults, installWorkloads, type Workloads } from '@kubesim/core';
import { installScheduler, type Scheduler } from '@kubesim/scheduler';
import { type EbsFaults, installSnapshotController, installStorage, type SnapshotStack, type Storage } from '@kubesim/storage';
import { installAddons } from './addons/install-addons.js';
import type { AwsContext } from './aws/index.js';
import { diskFiles } from './disk-files.js';
import type { KubectlContext } from './kubectl/index.js';
import { eksIdentity, kubeconfigOf } from './kubectl/kubeconfig.js';
import { memoryFiles } from './kubectl/local-files.js';
import type { ResolvedClusterOptions } from './options.js';

/** The fault knobs of a cluster: node/zone/kubelet faults plus EBS API faults. */
export interface ClusterFaults extends Faults {
  /** EBS API errors, latency, stuck attach, slow detach. */
  readonly ebs: EbsFaults;
}

/** Handles of every installed part. */
export interface Components {
  readonly core: CoreCluster;
  readonly workloads: Workloads;
  readonly storage: Storage;
  readonly scheduler: Scheduler;
  readonly kubectlContext: KubectlContext;
  readonly awsContext: AwsContext;
  readonly faults: ClusterFaults;
  /** The `snapshot-controller` add-on, when installed. */
  readonly snapshots?: SnapshotStack;
}

/** Installs everything into `core`. */
export function compose(core: CoreCluster, options: ResolvedClusterOptions): Components {
  const workloads = installWorkloads(core, { region: options.region, zones: options.zones, nodes: options.nodes });
  // The EKS add-on runs the EBS CSI driver with `--k8s-tag-cluster-id=<cluster name>`; without it the driver has none.
  const kubernetesClusterId = options.addons.includes('aws-ebs-csi-driver') ? options.name : undefined;
  const storage = installStorage(core, { region: options.region, cloud: workloads.cloud, kubernetesClusterId });
  const scheduler = installScheduler(core);
  const snapshots = options.addons.includes('snapshot-controller') ? installSnapshotController(core, storage.ec2, { kubernetesClusterId }) : undefined;
  installAddons(core, workloads, options, options.addons);
  const kubectlContext: KubectlContext = {
    core,
    exec: (ns, pod, container, argv, stdin) => workloads.exec(ns, pod, container, argv, stdin),
    logs: (ns, pod, container, opts) => workloads.logs(ns, pod, container, opts),
    attach: (ns, pod, container, stdin) => workloads.attachStdin(ns, pod, container, stdin),
    http: (ns, pod, port, path) => workloads.http(ns, pod, port, path),
    files: options.files !== undefined ? memoryFiles(options.files) : diskFiles(options.cwd ?? process.cwd()),
    clusterName: options.name,
  };
  const nodeOf = (instanceId: string) => {
    const info = workloads.cloud.getInstance(instanceId);
    if (!info) throw new Error(`instance ${instanceId} not found`);
    return info.nodeName;
  };
  const awsContext: AwsContext = {
    ec2: storage.ec2,
    cloud: workloads.cloud,
    clock: core.clock,
    advance: (ms) => core.loop.advance(ms),
    instances: {
      stop: (id) => workloads.faults.stopInstance(nodeOf(id)),
      start: (id) => workloads.faults.startInstance(nodeOf(id)),
      terminate: (id) => workloads.faults.terminateInstance(nodeOf(id)),
    },
    eks: { identity: () => eksIdentity(core, options.name), kubeconfig: () => kubeconfigOf(kubectlContext) },
  };
  const faults: ClusterFaults = Object.assign(Object.create(null) as object, workloads.faults, { ebs: storage.faults });
  return { core, workloads, storage, scheduler, kubectlContext, awsContext, faults, ...(snapshots ? { snapshots } : {}) };
}
