/**
 * Test helpers of the workload controllers: fixture builders and a fake scheduler/kubelet.
 */
export {
  CronJobBuilder,
  DaemonSetBuilder,
  DeploymentBuilder,
  JobBuilder,
  NodeBuilder,
  makeDaemonSet,
  makeDeployment,
  makeCronJob,
  makeJob,
  makeNode,
  makePod,
  makeReplicaSet,
  makeService,
  makeStatefulSet,
  PodBuilder,
  ReplicaSetBuilder,
  ServiceBuilder,
  StatefulSetBuilder,
} from './builders.js';
export { createError } from './create-error.js';
export { FakeKubelet, type FakeKubeletOptions } from './fake-kubelet.js';
