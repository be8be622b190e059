/**
 * Test fixtures of the scheduler package: builders, an EKS-shaped test cluster, a fake PV binder.
 */
export {
  eksNodeName,
  makeCSINode,
  makeNode,
  makePod,
  makePV,
  makePVC,
  makeReplicaSet,
  makeStorageClass,
  NodeBuilder,
  PodBuilder,
  regionOf,
} from './builders.js';
export { addNodes, eventMessages, getPod, type NodeGroup, newCluster, ZONES } from './cluster.js';
export { type FakeBinderOptions, installFakeBinder } from './fake-binder.js';
export { type PluginHarness, pluginHarness } from './plugin-harness.js';
