/**
 * The external-provisioner's restore check: a claim whose `dataSource` is a VolumeSnapshot gets
 * the snapshot's handle once the snapshot is bound to its content, ready, of this class's driver
 * and not larger than the request; otherwise a ProvisionError with the provisioner's text (the
 * caller reports `ProvisioningFailed` and retries with backoff).
 * @see external-provisioner pkg/controller/controller.go (getSnapshotSource, prepareProvision)
 */
import type { CoreCluster } from '@kubesim/core';
import type { PersistentVolumeClaim, StorageClass } from '../api-types.js';
import { SNAPSHOT_GROUP } from '../constants.js';
import { ProvisionError } from '../provisioners/parameters.js';
import { parseBytes } from '../util/quantity.js';
import { RESTORE_MSG } from './messages.js';
import { SNAPSHOT_KIND, type VolumeSnapshot, type VolumeSnapshotContent } from './types.js';

/** The VolumeSnapshot a claim restores from, if its `dataSource` names one. */
export function snapshotDataSource(claim: PersistentVolumeClaim): string | undefined {
  const ds = claim.spec?.dataSource;
  return ds?.kind === SNAPSHOT_KIND.snapshot && ds.apiGroup === SNAPSHOT_GROUP ? ds.name : undefined;
}

function check(core: CoreCluster, claim: PersistentVolumeClaim, sc: StorageClass, name: string): string {
  const ns = claim.metadata.namespace;
  if (!core.kinds.get(SNAPSHOT_KIND.snapshot)) throw new Error(RESTORE_MSG.getSnapshot(name, RESTORE_MSG.resourceNotServed(name)));
  const snapshot = core.store.get<VolumeSnapshot>(SNAPSHOT_KIND.snapshot, ns, name);
  if (!snapshot) throw new Error(RESTORE_MSG.getSnapshot(name, RESTORE_MSG.snapshotNotFound(name)));
  if (snapshot.metadata.deletionTimestamp) throw new Error(RESTORE_MSG.beingDeleted(name));
  const contentName = snapshot.status?.boundVolumeSnapshotContentName;
  if (!contentName) throw new Error(RESTORE_MSG.notBound(name));
  const content = core.store.get<VolumeSnapshotContent>(SNAPSHOT_KIND.content, undefined, contentName);
  const ref = content?.spec.volumeSnapshotRef;
  if (!content || ref?.uid !== snapshot.metadata.uid || ref?.namespace !== ns || ref?.name !== name) throw new Error(RESTORE_MSG.notBound(name));
  if (content.spec.driver !== sc.provisioner) throw new Error(RESTORE_MSG.notBound(name));
  if (snapshot.status?.readyToUse !== true) throw new Error(RESTORE_MSG.notReady(name));
  const handle = content.status?.snapshotHandle;
  if (!handle) throw new Error(RESTORE_MSG.handleNotAvailable(name));
  const restoreSize = snapshot.status?.restoreSize;
  if (restoreSize !== undefined) {
    const requested = parseBytes(claim.spec?.resources?.requests?.storage as string | undefined) ?? 0;
    const size = parseBytes(restoreSize) ?? 0;
    if (requested < size) throw new Error(RESTORE_MSG.tooSmall(requested, size, name));
  }
  return handle;
}

/**
 * `getSnapshotSource` wrapped as `prepareProvision` reports it: the EBS snapshot id to create the
 * volume from, or a ProvisionError `error getting handle for DataSource Type VolumeSnapshot by Name …`.
 */
export function getSnapshotSource(core: CoreCluster, claim: PersistentVolumeClaim, sc: StorageClass, name: string): string {
  try {
    return check(core, claim, sc, name);
  } catch (e) {
    throw new ProvisionError(RESTORE_MSG.dataSourceHandle(SNAPSHOT_KIND.snapshot, name, (e as Error).message));
  }
}
