/**
 * The EBS CSI driver's dynamic-provisioning example (examples/kubernetes/dynamic-provisioning):
 * pod `app` runs `while true; do echo $(date -u) >> /data/out.txt; sleep 5; done` on a claim of
 * a WaitForFirstConsumer class. Its file grows by one dated line every 5 s of virtual time, and
 * the lines survive the pod: a new pod on the same claim appends after them.
 */
import type { KubeObject } from '@kubesim/core';
import { describe, expect, it } from 'vitest';
import { createCluster } from 'kubesim';
import { applyYaml, kubectlOk, mustGet } from './helpers.js';

const STORAGE_CLASS = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: ebs-sc
provisioner: ebs.csi.aws.com
volumeBindingMode: WaitForFirstConsumer
`;

const CLAIM = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ebs-claim
spec:
  accessModes:
    - ReadWriteOnce
  storageClassName: ebs-sc
  resources:
    requests:
      storage: 4Gi
`;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: centos
    command: ["/bin/sh"]
    args: ["-c", "while true; do echo $(date -u) >> /data/out.txt; sleep 5; done"]
    volumeMounts:
    - name: persistent-storage
      mountPath: /data
  volumes:
  - name: persistent-storage
    persistentVolumeClaim:
      claimName: ebs-claim
`;

/** `echo $(date -u)`: the unquoted substitution is split into words, so `Jan  1` loses its padding. */
const DATE_LINE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [1-3]?\d \d\d:\d\d:\d\d UTC \d{4}$/;

/** Epoch seconds of a `date -u` line (`Thu Jan 1 00:00:42 UTC 2026`). */
function seconds(line: string): number {
  return Date.parse(line.replace(/^\w+ (\w+) +(\d+) (\S+) UTC (\d+)$/, '$1 $2 $4 $3 UTC')) / 1000;
}

function startedAt(cluster: ReturnType<typeof createCluster>): number {
  const pod = mustGet(cluster, 'Pod', 'app') as KubeObject & { status: { containerStatuses: { state: { running: { startedAt: string } } }[] } };
  return Date.parse(pod.status.containerStatuses[0].state.running.startedAt) / 1000;
}

describe('the EBS CSI dynamic provisioning example', () => {
  it('appends `date -u` to /data/out.txt every 5 s from the container start, and a new pod on the claim carries on after the old lines', () => {
    const cluster = createCluster({ seed: 3 });
    applyYaml(cluster, STORAGE_CLASS);
    applyYaml(cluster, CLAIM);
    applyYaml(cluster, POD);
    kubectlOk(cluster, 'wait --for=condition=Ready pod/app --timeout=5m');
    const start = startedAt(cluster);
    cluster.advance('12s');
    const lines = kubectlOk(cluster, 'exec app -- cat /data/out.txt').trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(line).toMatch(DATE_LINE);
    expect(lines.map(seconds)).toEqual(lines.map((_, i) => start + 5 * i));
    expect(kubectlOk(cluster, 'get pod app -o jsonpath={.status.phase}')).toBe('Running');
    expect(kubectlOk(cluster, 'logs app')).toBe('');

    kubectlOk(cluster, 'delete pod app');
    applyYaml(cluster, POD);
    kubectlOk(cluster, 'wait --for=condition=Ready pod/app --timeout=5m');
    const restart = startedAt(cluster);
    cluster.advance('6s');
    const after = kubectlOk(cluster, 'exec app -- cat /data/out.txt').trim().split('\n');
    expect(after.slice(0, lines.length)).toEqual(lines.slice(0, lines.length));
    const added = after.slice(lines.length).map(seconds);
    // The old pod wrote until it was stopped; the new one starts at its own start, every 5 s.
    const fromNew = added.filter((s) => s >= restart);
    expect(fromNew).toEqual([restart, restart + 5]);
  });
});
