/**
 * Storage benchmark: a StatefulSet of 1,000 replicas with WaitForFirstConsumer claims across 300
 * nodes reaches all Running (provisioning, binding, attach, mount for every pod). Reported: wall
 * time, wall ms per pod, virtual time; the reference is the same 1,000 pods without volumes (a
 * Deployment) in the same process, so the ratio is the cost storage adds per pod.
 * Target: ≤ 2 s wall.
 */
import { createCluster } from 'kubesim';
import { type BenchResult, onceMs, round } from './harness.js';

const REPLICAS = 1000;
const NODES_PER_ZONE = 100;

function cluster() {
  return createCluster({
    seed: 11,
    nodes: ['us-east-1a', 'us-east-1b', 'us-east-1c'].map((zone) => ({ zone, count: NODES_PER_ZONE, instanceType: 'm5.2xlarge' })),
  });
}

const STORAGE_CLASS = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: { name: gp3 }
provisioner: ebs.csi.aws.com
volumeBindingMode: WaitForFirstConsumer
parameters: { type: gp3 }
`;

function statefulSet(): { wallMs: number; virtualMs: number } {
  const c = cluster();
  c.kubectl('apply -f -', { stdin: STORAGE_CLASS });
  c.apply({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db' },
    spec: {
      replicas: REPLICAS,
      serviceName: 'db',
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'busybox', command: ['sleep', 'infinity'], volumeMounts: [{ name: 'data', mountPath: '/data' }] }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'gp3', resources: { requests: { storage: '1Gi' } } } }],
    },
  });
  const start = c.now();
  const running = () => (c.get('StatefulSet', 'db')?.status as { readyReplicas?: number } | undefined)?.readyReplicas === REPLICAS;
  const wallMs = onceMs(() => {
    if (!c.core.loop.runUntil(running, { timeout: '6h' })) throw new Error('StatefulSet did not become ready');
  });
  return { wallMs, virtualMs: c.now() - start };
}

function deployment(): number {
  const c = cluster();
  c.apply({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: REPLICAS,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'busybox', command: ['sleep', 'infinity'] }] } },
    },
  });
  const ready = () => (c.get('Deployment', 'web')?.status as { readyReplicas?: number } | undefined)?.readyReplicas === REPLICAS;
  return onceMs(() => {
    if (!c.core.loop.runUntil(ready, { timeout: '6h' })) throw new Error('Deployment did not become ready');
  });
}

/** Runs the storage benchmark. */
export function run(): BenchResult[] {
  deployment(); // warm-up
  const reference = deployment();
  const { wallMs, virtualMs } = statefulSet();
  return [
    {
      bench: 'statefulset-1000-wffc-300-nodes',
      value: round(wallMs, 0),
      unit: 'ms wall',
      reference: round(reference, 0),
      ratio: round(wallMs / reference, 2),
      target: 'all 1,000 pods Running in <= 2 s wall',
      pass: wallMs <= 2000,
      wallMsPerPod: round(wallMs / REPLICAS, 3),
      virtualSeconds: round(virtualMs / 1000, 1),
    },
  ];
}
