import type { KubeObject } from '@kubesim/core';
import { describe, expect, it } from 'vitest';
import { newStorageCluster } from '../testing/index.js';

describe('the EBS CSIDriver object', () => {
  it('exists from the start with the chart\'s fields and the API defaults', () => {
    const t = newStorageCluster();
    const driver = t.core.store.get<KubeObject & { spec: unknown }>('CSIDriver', undefined, 'ebs.csi.aws.com');
    expect(driver?.spec).toEqual({
      attachRequired: true,
      fsGroupPolicy: 'File',
      podInfoOnMount: false,
      requiresRepublish: false,
      seLinuxMount: false,
      storageCapacity: false,
      volumeLifecycleModes: ['Persistent'],
    });
    expect(driver?.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'aws-ebs-csi-driver', 'app.kubernetes.io/component': 'csi-driver' });
  });
});
