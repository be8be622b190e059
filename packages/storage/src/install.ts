/**
 * `installStorage(core)`: the EBS and EFS cloud models, the provisioners, the PV controller,
 * protection and expansion controllers, the attach/detach controller, the storage admission
 * plugins and the kubelet volume plugins, wired into one core cluster.
 */
import type { CloudProvider, CoreCluster, InstanceInfo, InstanceState, KubeObject } from '@kubesim/core';
import { AttachDetachController } from './attach-detach/attach-detach-controller.js';
import { NodeBackedCloud } from './cloud/node-backed-cloud.js';
import { EBS_CSI_DRIVER, IN_TREE_EBS_PROVISIONER, LABEL } from './constants.js';
import { DEFAULT_LATENCIES, type EbsLatencies } from './ebs/defaults.js';
import { Ec2Model } from './ebs/ec2.js';
import { EbsFaults } from './ebs/faults.js';
import { newEbsVolumePlugin } from './kubelet/ebs-plugin.js';
import { newEfsVolumePlugin } from './kubelet/efs-plugin.js';
import { registerStorageAdmission } from './provisioners/admission.js';
import { EbsProvisioner } from './provisioners/ebs-provisioner.js';
import { EfsModel, EfsProvisioner } from './provisioners/efs-provisioner.js';
import { registerCsiDrivers } from './provisioners/csi-driver.js';
import { ExternalProvisioner } from './provisioners/external-provisioner.js';
import { Expander } from './pv-controller/expander.js';
import { ProtectionControllers } from './pv-controller/protection.js';
import { PersistentVolumeController } from './pv-controller/pv-controller.js';

/** Options of `installStorage`. */
export interface StorageOptions {
  /** EBS transition latencies (defaults: reference §8). */
  readonly latencies?: Partial<EbsLatencies>;
  /** Region for Node-derived instances when core has no cloud model (default us-east-1). */
  readonly region?: string;
  /** A cloud provider to use instead of `core.cloud` (tests). */
  readonly cloud?: CloudProvider;
  /**
   * The EBS CSI driver's `--k8s-tag-cluster-id`: volumes it creates are also tagged
   * `kubernetes.io/cluster/<id>: owned`, `Name: <id>-dynamic-<pv>` and `KubernetesCluster: <id>`.
   * Unset (the driver's default), they are not.
   */
  readonly kubernetesClusterId?: string;
}

/** The installed storage stack. */
export interface Storage {
  /** The EC2 volume API model. */
  readonly ec2: Ec2Model;
  /** EBS fault injection (API errors and latency, stuck attach, slow detach). */
  readonly faults: EbsFaults;
  /** EFS file systems. */
  readonly efs: EfsModel;
  readonly pvController: PersistentVolumeController;
  readonly attachDetach: AttachDetachController;
  readonly externalProvisioner: ExternalProvisioner;
  /** The cloud provider in use (core.cloud, the option, or one derived from Node objects). */
  cloud(): CloudProvider;
  /** Tell storage an instance changed state (terminated instances lose their attachments). */
  instanceStateChanged(instance: InstanceInfo, previous: InstanceState): void;
}

/** Index of nodes by zone label. */
const NODES_BY_ZONE = 'storage.node.zone';

/** Registers the whole storage stack into a core cluster. */
export function installStorage(core: CoreCluster, options: StorageOptions = {}): Storage {
  const nodeCloud = new NodeBackedCloud(core, options.region ?? 'us-east-1');
  const cloud = (): CloudProvider => options.cloud ?? core.cloud ?? nodeCloud;
  const faults = new EbsFaults();
  const ec2 = new Ec2Model(core, cloud, faults, { ...DEFAULT_LATENCIES, ...options.latencies });
  const efs = new EfsModel();
  core.store.addIndex<KubeObject>('Node', NODES_BY_ZONE, (n) => {
    const z = n.metadata.labels?.[LABEL.zone];
    return z ? [z] : [];
  });
  const zonesWithNodes = () => cloud().zones.filter((z) => core.store.countByIndex('Node', NODES_BY_ZONE, z) > 0);
  const ebsProvisioner = new EbsProvisioner(ec2, core.rng.fork('provisioner'), zonesWithNodes, options.kubernetesClusterId);
  const efsProvisioner = new EfsProvisioner(efs, core.rng.fork('efs'));
  const provisioners = [ebsProvisioner, efsProvisioner];
  registerStorageAdmission(core);
  registerCsiDrivers(core);
  const pvController = new PersistentVolumeController(core, (name) =>
    name === IN_TREE_EBS_PROVISIONER ? { driver: EBS_CSI_DRIVER, migrated: true } : { driver: name, migrated: false },
  );
  new ProtectionControllers(core);
  new Expander(core, provisioners);
  const externalProvisioner = new ExternalProvisioner(core, provisioners);
  const attachDetach = new AttachDetachController(core, ec2, cloud);
  core.volumes.register(newEbsVolumePlugin(core, ec2));
  core.volumes.register(newEfsVolumePlugin(efs));
  const instanceStateChanged = (instance: InstanceInfo, _previous: InstanceState) => {
    if (instance.state === 'terminated') ec2.instanceTerminated(instance.instanceId);
  };
  (options.cloud ?? core.cloud)?.onInstanceState(instanceStateChanged);
  return { ec2, faults, efs, pvController, attachDetach, externalProvisioner, cloud, instanceStateChanged };
}
