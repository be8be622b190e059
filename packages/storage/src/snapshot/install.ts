/**
 * `installSnapshotController(core, ec2)`: the EKS `snapshot-controller` add-on — the VolumeSnapshot
 * CRDs and the snapshot-controller — plus the csi-snapshotter sidecar the EBS CSI driver's
 * controller already runs, over the EC2 model's snapshots.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/csi-snapshot-controller.html
 */
import type { CoreCluster } from '@kubesim/core';
import type { Ec2Model } from '../ebs/ec2.js';
import { registerSnapshotApi } from './api.js';
import { CsiSnapshotter } from './csi-snapshotter.js';
import { EbsSnapshotDriver } from './ebs-snapshots.js';
import { SnapshotController } from './snapshot-controller.js';

/** The installed snapshot stack. */
export interface SnapshotStack {
  readonly snapshotController: SnapshotController;
  readonly snapshotter: CsiSnapshotter;
  readonly driver: EbsSnapshotDriver;
}

/** Registers the snapshot kinds and starts the snapshot-controller and the EBS csi-snapshotter. */
export function installSnapshotController(core: CoreCluster, ec2: Ec2Model, options: { readonly kubernetesClusterId?: string } = {}): SnapshotStack {
  registerSnapshotApi(core);
  const driver = new EbsSnapshotDriver(ec2, core.clock.startEpochMs, options.kubernetesClusterId);
  const snapshotController = new SnapshotController(core);
  const snapshotter = new CsiSnapshotter(core, driver);
  return { snapshotController, snapshotter, driver };
}
