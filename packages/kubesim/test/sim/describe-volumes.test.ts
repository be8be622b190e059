/**
 * `kubectl describe` of volume sources as kubectl 1.33 prints them: a CSI source's
 * VolumeAttributes four columns right of the other values (every write of
 * printCSIPersistentVolumeAttributesMultiline is prefixed), an inline CSI volume, and a generic
 * ephemeral volume's claim template with the volumeMode the API server defaults.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from 'kubesim';
import { applyYaml, claim, GP3_WFFC_CLASS, kubectlOk, podWithClaim } from './helpers.js';

/** The lines of `text` from the one starting with `from` up to (not including) the one starting with `to`. */
function between(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  return text.slice(start, text.indexOf(to, start));
}

describe('describe: volume sources', () => {
  it('a provisioned EBS PersistentVolume: the CSI source, VolumeAttributes shifted as kubectl prints it', () => {
    const c = createCluster({ seed: 31, zones: ['us-east-1a'], nodes: [{ zone: 'us-east-1a', count: 1 }] });
    applyYaml(c, GP3_WFFC_CLASS);
    applyYaml(c, claim('data', 'gp3', 'ReadWriteOnce'));
    applyYaml(c, podWithClaim('app', 'data'));
    c.advance('2m');
    const pv = kubectlOk(c, 'get pvc data -o jsonpath={.spec.volumeName}');
    const handle = kubectlOk(c, `get pv ${pv} -o jsonpath={.spec.csi.volumeHandle}`);
    const identity = kubectlOk(c, `get pv ${pv} -o jsonpath='{.spec.csi.volumeAttributes.storage\\.kubernetes\\.io/csiProvisionerIdentity}'`);
    expect(identity).toMatch(/^\d{13}-\d{4}-ebs\.csi\.aws\.com$/);
    expect(between(kubectlOk(c, `describe pv ${pv}`), 'Source:', 'Events:')).toBe(
      [
        'Source:',
        '    Type:              CSI (a Container Storage Interface (CSI) volume source)',
        '    Driver:            ebs.csi.aws.com',
        '    FSType:            ext4',
        `    VolumeHandle:      ${handle}`,
        '    ReadOnly:          false',
        `    VolumeAttributes:      storage.kubernetes.io/csiProvisionerIdentity=${identity}`,
        '',
      ].join('\n'),
    );
  });

  it('a pod: an inline CSI volume (each further attribute on its own line) and an ephemeral volume (volumeMode defaulted)', () => {
    const c = createCluster({ seed: 31, zones: ['us-east-1a'], nodes: [{ zone: 'us-east-1a', count: 1 }] });
    applyYaml(
      c,
      `apiVersion: v1
kind: Pod
metadata: { name: app }
spec:
  containers: [{ name: app, image: busybox, command: [sleep, infinity] }]
  volumes:
  - { name: inline, csi: { driver: secrets-store.csi.k8s.io, readOnly: true, volumeAttributes: { secretProviderClass: aws-secrets, a: b } } }
  - { name: scratch, ephemeral: { volumeClaimTemplate: { spec: { accessModes: [ReadWriteOnce], storageClassName: gp3, resources: { requests: { storage: 1Gi } } } } } }
`,
    );
    expect(kubectlOk(c, 'get pod app -o jsonpath={.spec.volumes[1].ephemeral.volumeClaimTemplate.spec.volumeMode}')).toBe('Filesystem');
    expect(between(kubectlOk(c, 'describe pod app'), '  inline:', '  kube-api-access')).toBe(
      [
        '  inline:',
        '    Type:              CSI (a Container Storage Interface (CSI) volume source)',
        '    Driver:            secrets-store.csi.k8s.io',
        '    FSType:            ',
        '    ReadOnly:          true',
        '    VolumeAttributes:      a=b',
        '                           secretProviderClass=aws-secrets',
        '  scratch:',
        '    Type:          EphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)',
        '    StorageClass:  gp3',
        '    Volume:        ',
        '    Labels:        <none>',
        '    Annotations:   <none>',
        '    Capacity:      ',
        '    Access Modes:  ',
        '    VolumeMode:    Filesystem',
        '',
      ].join('\n'),
    );
  });
});
