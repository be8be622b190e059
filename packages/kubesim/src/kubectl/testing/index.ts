/**
 * Test fixtures of the kubectl emulation (builders shaped like real 1.33 / EKS objects).
 */
export {
  type KubectlHarness,
  type LimitRangeItemFixture,
  makeBoundPvc,
  makeDeployment,
  makeHarness,
  makeHeadlessService,
  makeLimitRange,
  makeNode,
  makeProvisionedPv,
  makeReplicaSetFor,
  makeResourceQuota,
  makeStatefulSet,
  makeStorageClass,
  PodBuilder,
  type ResourceQuotaFixture,
} from './fixtures.js';
export { CHAPTER_NODE, chapterStatefulSet, claimUid, MANIFESTS } from './chapter.js';
