/**
 * Installs the VolumeSnapshot CRDs into a cluster's API server: the three kinds (names, short
 * names, scope, status subresource) and their validation on create and update.
 * @see external-snapshotter client/config/crd/snapshot.storage.k8s.io_*.yaml
 */
import type { CoreCluster, KindInfo, MutableObject } from '@kubesim/core';
import { SNAPSHOT_GROUP } from '../constants.js';
import { SNAPSHOT_KIND } from './types.js';
import { validateVolumeSnapshot, validateVolumeSnapshotClass, validateVolumeSnapshotContent } from './validation.js';

const crd = (kind: string, resource: string, shortNames: string[], namespaced: boolean, statusSubresource: boolean): KindInfo => ({
  kind,
  group: SNAPSHOT_GROUP,
  version: 'v1',
  resource,
  singular: kind.toLowerCase(),
  shortNames,
  namespaced,
  customResource: { statusSubresource },
});

/** The kinds the CRDs define (`names` and `scope` of each CRD). */
export const SNAPSHOT_KINDS: readonly KindInfo[] = [
  crd(SNAPSHOT_KIND.class, 'volumesnapshotclasses', ['vsclass', 'vsclasses'], false, false),
  crd(SNAPSHOT_KIND.content, 'volumesnapshotcontents', ['vsc', 'vscs'], false, true),
  crd(SNAPSHOT_KIND.snapshot, 'volumesnapshots', ['vs'], true, true),
];

/** Registers the kinds and their create/update validation. */
export function registerSnapshotApi(core: CoreCluster): void {
  for (const info of SNAPSHOT_KINDS) core.kinds.register(info);
  core.strategies.register(SNAPSHOT_KIND.class, {
    validate: (obj: MutableObject) => validateVolumeSnapshotClass(obj),
    validateUpdate: (obj: MutableObject) => validateVolumeSnapshotClass(obj).filter((e) => !e.field.startsWith('metadata.')),
  });
  core.strategies.register(SNAPSHOT_KIND.snapshot, {
    validate: (obj) => validateVolumeSnapshot(obj),
    validateUpdate: (obj, old) => validateVolumeSnapshot(obj, old),
  });
  core.strategies.register(SNAPSHOT_KIND.content, {
    validate: (obj) => validateVolumeSnapshotContent(obj),
    validateUpdate: (obj, old) => validateVolumeSnapshotContent(obj, old),
  });
}
