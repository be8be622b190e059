import { describe, expect, it } from 'vitest';
import { CoreCluster } from '../../cluster/core-cluster.js';
import { ApiServer } from '../server.js';
import { StrategyRegistry } from '../strategy.js';
import { claimManifest, deploymentManifest, podManifest, serviceManifest, statefulSetManifest, storageClassManifest, volumeManifest } from '../validation/testing.js';
import { DEFAULT_TOLERATION_SECONDS, defaultTolerationSecondsPlugin } from './default-toleration-seconds.js';
import { defaultImagePullPolicy } from './pod-spec.js';

const POD_SPEC_DEFAULTS = {
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};
const CONTAINER_DEFAULTS = { terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' };

describe('defaults (1.33 API server)', () => {
  it.each([
    ['errm/randserver', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['registry:5000/team/app', 'Always'],
    ['registry:5000/team/app:v2', 'IfNotPresent'],
    ['app@sha256:abc', 'IfNotPresent'],
  ])('imagePullPolicy of %s is %s', (image, policy) => {
    expect(defaultImagePullPolicy(image)).toBe(policy);
  });

  it('deployment: replicas, strategy, history, deadline and the template pod spec', () => {
    const d = new CoreCluster().api.create(deploymentManifest());
    expect(d.spec).toEqual({
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { ...POD_SPEC_DEFAULTS, containers: [{ name: 'app', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent', ...CONTAINER_DEFAULTS }] },
      },
    });
  });

  it('pod templates: serviceAccount is the v1 alias of serviceAccountName (read when the name is empty, written from it, dropped when empty)', () => {
    const core = new CoreCluster();
    const withAlias = deploymentManifest('a');
    withAlias.spec.template.spec.serviceAccount = 'builder';
    expect(core.api.create(withAlias).spec).toMatchObject({ template: { spec: { serviceAccountName: 'builder', serviceAccount: 'builder' } } });
    const both = deploymentManifest('b');
    Object.assign(both.spec.template.spec, { serviceAccountName: 'new', serviceAccount: 'old' });
    expect(core.api.create(both).spec).toMatchObject({ template: { spec: { serviceAccountName: 'new', serviceAccount: 'new' } } });
    const empty = deploymentManifest('c');
    empty.spec.template.spec.serviceAccount = '';
    const spec = (core.api.create(empty).spec as { template: { spec: Record<string, unknown> } }).template.spec;
    expect('serviceAccount' in spec).toBe(false);
    expect('serviceAccountName' in spec).toBe(false);
  });

  it('projected and downwardAPI volumes: defaultMode 420, token expiry 3600, fieldRef apiVersion v1', () => {
    const m = deploymentManifest();
    m.spec.template.spec.volumes = [
      { name: 'p', projected: { sources: [{ serviceAccountToken: { path: 't' } }, { downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name' } }] } }] } },
      { name: 'd', downwardAPI: { items: [{ path: 'l', fieldRef: { fieldPath: 'metadata.labels' } }] } },
    ];
    const vols = (new CoreCluster().api.create(m).spec as { template: { spec: { volumes: unknown[] } } }).template.spec.volumes;
    expect(vols).toEqual([
      {
        name: 'p',
        projected: {
          defaultMode: 420,
          sources: [{ serviceAccountToken: { path: 't', expirationSeconds: 3600 } }, { downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name', apiVersion: 'v1' } }] } }],
        },
      },
      { name: 'd', downwardAPI: { defaultMode: 420, items: [{ path: 'l', fieldRef: { fieldPath: 'metadata.labels', apiVersion: 'v1' } }] } },
    ]);
  });

  it('deployment with Recreate gets no rollingUpdate', () => {
    const m = deploymentManifest();
    m.spec.strategy = { type: 'Recreate' };
    expect(new CoreCluster().api.create(m).spec).toMatchObject({ strategy: { type: 'Recreate' } });
    expect((new CoreCluster().api.create(m).spec as { strategy: object }).strategy).not.toHaveProperty('rollingUpdate');
  });

  it('statefulset: policies, partition, retention, claim templates', () => {
    const s = new CoreCluster().api.create(statefulSetManifest()).spec as Record<string, unknown>;
    expect(s).toMatchObject({
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      volumeClaimTemplates: [
        { apiVersion: 'v1', kind: 'PersistentVolumeClaim', spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' } },
      ],
    });
  });

  it('pod: spec and container defaults, ports TCP, enableServiceLinks', () => {
    const m = podManifest();
    m.spec.containers[0].ports = [{ containerPort: 80 }];
    const p = new CoreCluster().api.create(m).spec as Record<string, unknown>;
    expect(p).toMatchObject({ ...POD_SPEC_DEFAULTS, enableServiceLinks: true });
    // The ServiceAccount admission plugin then adds the token volume and its mount.
    const [token] = p.volumes as { name: string }[];
    expect(token.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const tokenMount = { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: token.name, readOnly: true };
    expect(p.containers).toEqual([
      { name: 'app', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 80, protocol: 'TCP' }], ...CONTAINER_DEFAULTS, volumeMounts: [tokenMount] },
    ]);
  });

  it('service: type, affinity, protocol, targetPort and families', () => {
    const s = new CoreCluster().api.create(serviceManifest()).spec;
    expect(s).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    });
  });

  it('storage: claim volumeMode, volume reclaim policy, class reclaim and binding mode', () => {
    const c = new CoreCluster();
    expect(c.api.create(claimManifest()).spec).toMatchObject({ volumeMode: 'Filesystem' });
    expect(c.api.create(volumeManifest()).spec).toMatchObject({ persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
    expect(c.api.create(storageClassManifest())).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
  });

  it('namespace: phase Active, kubernetes finalizer and the name label', () => {
    const ns = new CoreCluster().api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    expect(ns.status).toEqual({ phase: 'Active' });
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
  });

  it('DefaultTolerationSeconds adds not-ready and unreachable tolerations unless present', () => {
    const c = new CoreCluster();
    c.api.registerAdmission(defaultTolerationSecondsPlugin);
    const bare = c.api.create(podManifest('bare')).spec as { tolerations: unknown[] };
    expect(bare.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    const own = podManifest('own');
    own.spec.tolerations = [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 }];
    const tolerations = (c.api.create(own).spec as { tolerations: { key: string; tolerationSeconds: number }[] }).tolerations;
    expect(tolerations.map((t) => [t.key, t.tolerationSeconds])).toEqual([
      ['node.kubernetes.io/unreachable', 5],
      ['node.kubernetes.io/not-ready', 300],
    ]);
  });

  it('a bare ApiServer without strategies stores objects as given', () => {
    const c = new CoreCluster();
    const bare = new ApiServer(c.store, new StrategyRegistry());
    const created = bare.create(storageClassManifest('raw'));
    expect(created).not.toHaveProperty('reclaimPolicy');
  });
});
