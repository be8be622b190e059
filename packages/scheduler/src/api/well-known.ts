/**
 * Well-known label keys, annotations, taints and driver names the scheduler reads or writes.
 * @see k8s.io/api core/v1/well_known_labels.go, well_known_taints.go; component-helpers storage/volume
 */

/** `kubernetes.io/hostname`. */
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
/** `topology.kubernetes.io/zone`. */
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';
/** `topology.kubernetes.io/region`. */
export const LABEL_TOPOLOGY_REGION = 'topology.kubernetes.io/region';
/** Deprecated `failure-domain.beta.kubernetes.io/zone`. */
export const LABEL_FAILURE_DOMAIN_BETA_ZONE = 'failure-domain.beta.kubernetes.io/zone';
/** Deprecated `failure-domain.beta.kubernetes.io/region`. */
export const LABEL_FAILURE_DOMAIN_BETA_REGION = 'failure-domain.beta.kubernetes.io/region';
/** `node.kubernetes.io/instance-type`. */
export const LABEL_INSTANCE_TYPE = 'node.kubernetes.io/instance-type';
/** EBS CSI driver topology key (ebs-csi pkg/driver/driver.go ZoneTopologyKey). */
export const LABEL_EBS_CSI_ZONE = 'topology.ebs.csi.aws.com/zone';
/** `node.kubernetes.io/unschedulable` taint key (well_known_taints.go TaintNodeUnschedulable). */
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
/** PVC annotation written by the scheduler (volume.AnnSelectedNode). */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** PV/PVC annotation set when a controller bound them (volume.AnnBoundByController). */
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** EBS CSI driver name. */
export const EBS_CSI_DRIVER = 'ebs.csi.aws.com';
/** The in-tree EBS provisioner (migrated to ebs.csi.aws.com, csi-translation-lib aws_ebs.go). */
export const IN_TREE_EBS_PLUGIN = 'kubernetes.io/aws-ebs';
/** Provisioner of classes that only bind static PVs (volume.NotSupportedProvisioner). */
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
/** The default scheduler's profile name (v1.DefaultSchedulerName). */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
