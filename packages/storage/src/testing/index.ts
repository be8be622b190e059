/** Test helpers of @kubesim/storage (fixture builders, fake cloud, test cluster). */
export { FakeCloud } from './fake-cloud.js';
export {
  ClaimBuilder,
  ClassBuilder,
  instanceIdFor,
  makeClaim,
  makeClass,
  makeNode,
  makePod,
  makeVolume,
  NodeBuilder,
  PodBuilder,
  VolumeBuilder,
} from './fixtures.js';
export { DEFAULT_TEST_NODES, newStorageCluster, type StorageTestCluster, type TestNode } from './cluster.js';
export { makeSnapshot, makeSnapshotClass } from './snapshots.js';
