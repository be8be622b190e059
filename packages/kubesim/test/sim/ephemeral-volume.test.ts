/**
 * Generic ephemeral volumes with EBS: the ephemeral volume controller creates the pod's claim
 * `<pod>-<volume>` from the template, it is provisioned in the pod's zone (WaitForFirstConsumer),
 * mounted, and goes away with the pod (and its EBS volume with the claim, reclaim Delete).
 */
import type { KubeObject } from '@kubesim/core';
import { describe, expect, it } from 'vitest';
import { createCluster } from 'kubesim';
import { applyYaml, claim, GP3_WFFC_CLASS, kubectlOk, mustGet, volumeIdOfPv } from './helpers.js';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: scratch
spec:
  containers:
  - name: app
    image: busybox
    command: [sleep, infinity]
    volumeMounts:
    - mountPath: /scratch
      name: work
  volumes:
  - name: work
    ephemeral:
      volumeClaimTemplate:
        metadata:
          labels:
            type: scratch
        spec:
          accessModes: [ReadWriteOnce]
          storageClassName: gp3
          resources:
            requests:
              storage: 4Gi
`;

describe('generic ephemeral volumes', () => {
  it('the pod gets its own claim, provisioned and mounted; both go with the pod, the EBS volume too', () => {
    const c = createCluster({ seed: 8 });
    applyYaml(c, GP3_WFFC_CLASS);
    applyYaml(c, POD);
    kubectlOk(c, 'wait --for=condition=Ready pod/scratch --timeout=5m');
    const pod = mustGet(c, 'Pod', 'scratch');
    const claim = mustGet(c, 'PersistentVolumeClaim', 'scratch-work') as KubeObject & { spec: { resources: { requests: { storage: string } } }; status: { phase: string } };
    expect(claim.metadata.labels).toEqual({ type: 'scratch' });
    expect(claim.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Pod', name: 'scratch', uid: pod.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(claim.status.phase).toBe('Bound');
    expect(claim.spec.resources.requests.storage).toBe('4Gi');
    kubectlOk(c, 'exec scratch -- sh -c "echo temp > /scratch/x && cat /scratch/x"');
    expect(kubectlOk(c, 'describe pvc scratch-work')).toMatch(/Used By: +scratch\n/);
    expect(kubectlOk(c, 'describe pod scratch')).toMatch(
      / {2}work:\n {4}Type: +EphemeralVolume \(an inline specification for a volume that gets created and deleted with the pod\)\n {4}StorageClass: +gp3\n {4}Volume: +\n {4}Labels: +type=scratch\n {4}Annotations: +<none>\n {4}Capacity: +\n {4}Access Modes: +\n/,
    );
    const pvName = (claim.spec as unknown as { volumeName: string }).volumeName;
    const volumeId = volumeIdOfPv(mustGet(c, 'PersistentVolume', pvName));
    kubectlOk(c, 'delete pod scratch');
    c.advance('2m');
    expect(c.get('PersistentVolumeClaim', 'scratch-work')).toBeUndefined();
    expect(c.get('PersistentVolume', pvName)).toBeUndefined();
    expect(c.aws(`ec2 describe-volumes --volume-ids ${volumeId}`).stderr).toContain('InvalidVolume.NotFound');
  });

  it('a claim of that name the pod does not own blocks it: FailedBinding, the scheduler says why', () => {
    const c = createCluster({ seed: 8 });
    applyYaml(c, GP3_WFFC_CLASS);
    applyYaml(c, claim('scratch-work', 'gp3'));
    applyYaml(c, POD);
    c.advance('30s');
    const pod = mustGet(c, 'Pod', 'scratch');
    const events = c.events(pod).map((e) => `${e.type} ${e.reason} (${e.source.component}): ${e.message}`);
    expect(events).toContain('Warning FailedBinding (ephemeral_volume): ephemeral volume work: PVC default/scratch-work was not created for pod default/scratch (pod is not owner)');
    expect(events.some((e) => e.startsWith('Warning FailedScheduling (default-scheduler): 0/3 nodes are available: PVC default/scratch-work was not created for pod default/scratch (pod is not owner).'))).toBe(true);
    expect((pod.status as { phase: string }).phase).toBe('Pending');
  });
});
