/**
 * Installs the workload controllers into a cluster kernel: ReplicaSet, Deployment, StatefulSet, DaemonSet, Job, CronJob,
 * Endpoints with ClusterIP and NodePort allocation, the service controller (AWS load balancers),
 * the cluster DNS resolver, the resource quota controller, and the per-namespace `default` ServiceAccount and `kube-root-ca.crt`
 * ConfigMap (for the namespaces that exist already too).
 * @remarks Idempotent: a second call on the same kernel returns the controllers already
 * installed. The kubelet and the scheduler are installed elsewhere (`install-workloads.ts`).
 * @see kubernetes cmd/kube-controller-manager/app/controllermanager.go (NewControllerDescriptors)
 */
import type { CoreCluster } from '../cluster/core-cluster.js';
import { DaemonSetsController } from './daemon/daemon-controller.js';
import { DeploymentController } from './deployment/deployment-controller.js';
import { DisruptionController } from './disruption/disruption.js';
import { type ClusterIpAllocator, installClusterIpAllocation } from './endpoints/cluster-ip-allocator.js';
import { EphemeralVolumeController } from './ephemeral/ephemeral-volume-controller.js';
import { CronJobController } from './cronjob/cronjob-controller.js';
import { ClusterDns } from './endpoints/cluster-dns.js';
import { EndpointsController } from './endpoints/endpoints-controller.js';
import { installNodePortAllocation, type NodePortAllocator } from './endpoints/node-port-allocator.js';
import { JobController } from './job/job-controller.js';
import { ReplicaSetController } from './replicaset/replica-set.js';
import { ResourceQuotaController } from './resourcequota/resource-quota-controller.js';
import { ServiceController } from './service/service-controller.js';
import { RootCaCertPublisher } from './serviceaccount/root-ca-cert-publisher.js';
import { ServiceAccountsController } from './serviceaccount/serviceaccounts-controller.js';
import { StatefulSetController } from './statefulset/stateful-set.js';

/** The installed workload controllers. */
export interface Controllers {
  readonly replicaSet: ReplicaSetController;
  readonly deployment: DeploymentController;
  readonly statefulSet: StatefulSetController;
  /** apps/v1 DaemonSets. */
  readonly daemonSet: DaemonSetsController;
  readonly endpoints: EndpointsController;
  /** Claims of generic ephemeral volumes. */
  readonly ephemeralVolumes: EphemeralVolumeController;
  readonly clusterIps: ClusterIpAllocator;
  readonly nodePorts: NodePortAllocator;
  /** The cloud controller manager's service controller (Classic Load Balancers). */
  readonly services: ServiceController;
  /** Resolver the kubelet's `nslookup` uses. */
  readonly dns: ClusterDns;
  /** PodDisruptionBudget status (disruption controller). */
  readonly disruption: DisruptionController;
  /** batch/v1 Jobs. */
  readonly job: JobController;
  /** batch/v1 CronJobs. */
  readonly cronJob: CronJobController;
  /** The `default` ServiceAccount of every namespace. */
  readonly serviceAccounts: ServiceAccountsController;
  /** The `kube-root-ca.crt` ConfigMap of every namespace. */
  readonly rootCaCertPublisher: RootCaCertPublisher;
  /** ResourceQuota status (`status.hard`, `status.used`). */
  readonly resourceQuota: ResourceQuotaController;
}

const installed = new WeakMap<CoreCluster, Controllers>();

/** Installs (once) and returns the workload controllers of `core`. */
export function installControllers(core: CoreCluster): Controllers {
  const existing = installed.get(core);
  if (existing) return existing;
  const controllers: Controllers = {
    clusterIps: installClusterIpAllocation(core),
    nodePorts: installNodePortAllocation(core),
    replicaSet: new ReplicaSetController(core),
    deployment: new DeploymentController(core),
    statefulSet: new StatefulSetController(core),
    daemonSet: new DaemonSetsController(core),
    endpoints: new EndpointsController(core),
    ephemeralVolumes: new EphemeralVolumeController(core),
    services: new ServiceController(core),
    dns: new ClusterDns(core.store),
    disruption: new DisruptionController(core),
    job: new JobController(core),
    cronJob: new CronJobController(core),
    serviceAccounts: new ServiceAccountsController(core),
    rootCaCertPublisher: new RootCaCertPublisher(core),
    resourceQuota: new ResourceQuotaController(core),
  };
  installed.set(core, controllers);
  return controllers;
}
