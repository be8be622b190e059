/**
 * Message texts of the snapshot-controller, csi-snapshotter and the external-provisioner's restore
 * path, as their Go format strings build them. `%q` of an error is rendered by `goQuote`.
 * @see external-snapshotter pkg/common-controller/snapshot_controller.go, snapshot_controller_base.go,
 *      pkg/sidecar-controller/snapshot_controller.go; external-provisioner pkg/controller/controller.go
 */
import { SNAPSHOT_GROUP } from '../constants.js';

/** Go's `%q` of a string (ASCII texts). */
export const goQuote = (s: string): string => JSON.stringify(s);

/** snapshot-controller texts (common-controller). */
export const SNAPSHOT_MSG = {
  creatingSnapshot: (key: string) => `Waiting for a snapshot ${key} to be created by the CSI driver.`,
  snapshotCreated: (key: string) => `Snapshot ${key} was successfully created by the CSI driver.`,
  snapshotReady: (key: string) => `Snapshot ${key} is ready to use.`,
  getClassFailed: (err: string) => `Failed to get snapshot class with error ${err}`,
  setDefaultClassFailed: (err: string) => `Failed to set default snapshot class with error ${err}`,
  contentCreationFailed: (err: string) => `Failed to create snapshot content with error ${err}`,
  /** The class lister's NotFound. */
  classNotFound: (name: string) => `volumesnapshotclass.${SNAPSHOT_GROUP} ${goQuote(name)} not found`,
  noDefaultClass: 'cannot find default snapshot class',
  multipleDefaultClasses: (n: number) => `${n} default snapshot classes were found`,
  pvcNotBound: (pvc: string) => `the PVC ${pvc} is not yet bound to a PV, will not attempt to take a snapshot`,
  pvcNotFound: (pvc: string) => `failed to retrieve PVC ${pvc} from the lister: ${goQuote(`persistentvolumeclaim ${goQuote(pvc)} not found`)}`,
  nonCsiVolume: (ns: string, name: string) => `snapshotting non-CSI volumes is not supported, snapshot:${ns}/${name}`,
  noCsiSource: (pv: string) => `cannot find CSI PersistentVolumeSource for volume ${pv}`,
  createInput: (snapshot: string, err: string) => `failed to get input parameters to create snapshot ${snapshot}: ${goQuote(err)}`,
  /** `newControllerUpdateError`. */
  controllerUpdate: (name: string, message: string) => `snapshot controller failed to update ${name} on API server: ${message}`,
  cannotGetClaim: 'cannot get claim from snapshot',
  claimBeingDeleted: 'cannot add finalizer on claim because it is being deleted',
  contentMissing: 'VolumeSnapshotContent is missing',
  contentMisbound: (content: string) => `VolumeSnapshotContent [${content}] is bound to a different snapshot`,
  deletePending: 'Snapshot is being used to restore a PVC',
} as const;

/** csi-snapshotter texts (sidecar-controller). */
export const SNAPSHOTTER_MSG = {
  creationFailed: (err: string) => `Failed to create snapshot: ${err}`,
  createInput: (content: string, err: string) => `failed to get input parameters to create snapshot for content ${content}: ${goQuote(err)}`,
  takeSnapshot: (volumeHandle: string, err: string) => `failed to take snapshot of the volume ${volumeHandle}: ${goQuote(err)}`,
  deleteFailed: 'Failed to delete snapshot',
} as const;

/** external-provisioner restore texts (getSnapshotSource, prepareProvision). */
export const RESTORE_MSG = {
  wrongApiGroup: (got: string) => `the PVC source does not belong to the right APIGroup. Expected ${SNAPSHOT_GROUP}, Got ${got}`,
  noSnapshotRestore: 'CSI driver does not support snapshot restore: controller CREATE_DELETE_SNAPSHOT capability is not reported',
  noClone: 'CSI driver does not support clone operations: controller CLONE_VOLUME capability is not reported',
  assumingPopulator: 'Assuming an external populator will provision the volume',
  dataSourceHandle: (kind: string, name: string, err: string) => `error getting handle for DataSource Type ${kind} by Name ${name}: ${err}`,
  getSnapshot: (name: string, err: string) => `error getting snapshot ${name} from api server: ${err}`,
  snapshotNotFound: (name: string) => `volumesnapshots.${SNAPSHOT_GROUP} ${goQuote(name)} not found`,
  /** The API server's answer when the VolumeSnapshot CRD is not installed. */
  resourceNotServed: (name: string) => `the server could not find the requested resource (get volumesnapshots.${SNAPSHOT_GROUP} ${name})`,
  beingDeleted: (name: string) => `snapshot ${name} is being deleted`,
  notBound: (name: string) => `snapshot ${name} not bound`,
  notReady: (name: string) => `snapshot ${name} is not Ready`,
  handleNotAvailable: (name: string) => `snapshot handle ${name} is not available`,
  tooSmall: (requested: number, size: number, name: string) =>
    `requested volume size ${requested} is less than the size ${size} for the source snapshot ${name}`,
} as const;
