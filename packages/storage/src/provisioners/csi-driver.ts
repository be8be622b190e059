/**
 * The CSIDriver object of the EBS CSI driver, as the EKS add-on installs it (the driver's Helm
 * chart `csidriver.yaml`, with the API server's defaults filled in): attach required, no pod info
 * on mount, `fsGroupPolicy: File`, persistent volumes only.
 *
 * Design: created through the API (defaulted, validated) with a uid from its own RNG stream, so
 * adding it shifts no later uid or generated name.
 * @see aws-ebs-csi-driver charts/aws-ebs-csi-driver/templates/csidriver.yaml
 */
import type { CoreCluster, KubeObject } from '@kubesim/core';
import { EBS_CSI_DRIVER } from '../constants.js';

/** The EBS CSIDriver manifest. */
export function ebsCsiDriver(): KubeObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'CSIDriver',
    metadata: { name: EBS_CSI_DRIVER, labels: { 'app.kubernetes.io/name': 'aws-ebs-csi-driver', 'app.kubernetes.io/component': 'csi-driver' } },
    spec: {
      attachRequired: true,
      fsGroupPolicy: 'File',
      podInfoOnMount: false,
      requiresRepublish: false,
      seLinuxMount: false,
      storageCapacity: false,
      volumeLifecycleModes: ['Persistent'],
    },
  } as KubeObject;
}

/** Registers the EBS CSIDriver unless it exists. */
export function registerCsiDrivers(core: CoreCluster): void {
  if (core.api.get('CSIDriver', undefined, EBS_CSI_DRIVER)) return;
  const prepared = core.api.create<KubeObject>(ebsCsiDriver(), { dryRun: true });
  core.store.create<KubeObject>({ ...prepared, metadata: { ...prepared.metadata, uid: core.rng.fork('csidriver').uuid() } });
}
