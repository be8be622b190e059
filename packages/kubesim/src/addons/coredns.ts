/**
 * The `coredns` EKS add-on for Kubernetes 1.33: the `kube-dns` Service at the cluster DNS address,
 * the `coredns` ServiceAccount, ConfigMap (Corefile) and Deployment of two replicas spread over
 * zones and hosts. Its ClusterRole and binding are not modelled (kubesim has no RBAC).
 * @see eksctl pkg/addons/default/assets/coredns-1.33.json (the manifest EKS installs)
 */
import { createHash } from 'node:crypto';
import type { KubeObject } from '@kubesim/core';
import { type AddonContext, type AddonDefinition, linuxNodeAffinity } from './addon.js';
import { daemonImage } from './daemon-image.js';

/** The add-on version EKS installs by default on 1.33. */
export const COREDNS_VERSION = 'v1.12.4-eksbuild.1';
/** The cluster DNS address on EKS (the kubelet's `clusterDNS` for the 10.100.0.0/16 service range). */
export const KUBE_DNS_IP = '10.100.0.10';

/** The Corefile EKS ships. */
export const COREFILE = `.:53 {
    errors
    health {
        lameduck 5s
      }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
      pods insecure
      fallthrough in-addr.arpa ip6.arpa
    }
    prometheus :9153
    forward . /etc/resolv.conf
    cache 30
    loop
    reload
    loadbalance
}
`;

const SELECTOR = { 'eks.amazonaws.com/component': 'coredns', 'k8s-app': 'kube-dns' };

function manifests(ctx: AddonContext): KubeObject[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'coredns', namespace: 'kube-system', labels: SELECTOR },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'coredns', namespace: 'kube-system', labels: SELECTOR },
      data: { Corefile: COREFILE },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
        labels: { 'eks.amazonaws.com/component': 'kube-dns', 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      },
      spec: {
        clusterIP: KUBE_DNS_IP,
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
        selector: { 'k8s-app': 'kube-dns' },
        sessionAffinity: 'None',
        type: 'ClusterIP',
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'coredns', namespace: 'kube-system', labels: { ...SELECTOR, 'kubernetes.io/name': 'CoreDNS' } },
      spec: {
        progressDeadlineSeconds: 600,
        replicas: 2,
        revisionHistoryLimit: 10,
        selector: { matchLabels: SELECTOR },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
        template: {
          metadata: { labels: SELECTOR },
          spec: {
            affinity: {
              ...linuxNodeAffinity(),
              podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                  {
                    weight: 100,
                    podAffinityTerm: {
                      labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] },
                      topologyKey: 'kubernetes.io/hostname',
                    },
                  },
                ],
              },
            },
            containers: [
              {
                name: 'coredns',
                image: `${ctx.registry}/eks/coredns:${COREDNS_VERSION}`,
                imagePullPolicy: 'IfNotPresent',
                args: ['-conf', '/etc/coredns/Corefile'],
                livenessProbe: { failureThreshold: 5, httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 5 },
                ports: [
                  { containerPort: 53, name: 'dns', protocol: 'UDP' },
                  { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                  { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
                ],
                readinessProbe: { failureThreshold: 3, httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
                resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
                securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
                terminationMessagePath: '/dev/termination-log',
                terminationMessagePolicy: 'File',
                volumeMounts: [{ mountPath: '/etc/coredns', name: 'config-volume', readOnly: true }],
              },
            ],
            dnsPolicy: 'Default',
            priorityClassName: 'system-cluster-critical',
            restartPolicy: 'Always',
            schedulerName: 'default-scheduler',
            securityContext: {},
            serviceAccountName: 'coredns',
            terminationGracePeriodSeconds: 30,
            tolerations: [
              { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
              { key: 'CriticalAddonsOnly', operator: 'Exists' },
            ],
            topologySpreadConstraints: [{ labelSelector: { matchLabels: { 'k8s-app': 'kube-dns' } }, maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' }],
            volumes: [{ name: 'config-volume', configMap: { name: 'coredns', defaultMode: 420, items: [{ key: 'Corefile', path: 'Corefile' }] } }],
          },
        },
      },
    },
  ] as KubeObject[];
}

/**
 * CoreDNS's start-up lines with the EKS Corefile: the server block, `plugin/reload`'s SHA-512 of
 * the Corefile, then the version banner (its build line, Go version and commit, is left out).
 * @see coredns plugin/reload/setup.go, coremain/run.go showVersion
 */
const START_LOG = ['.:53', `[INFO] plugin/reload: Running configuration SHA512 = ${createHash('sha512').update(COREFILE).digest('hex')}`, `CoreDNS-${COREDNS_VERSION.replace(/^v|-eksbuild.*$/g, '')}`];

/** The `coredns` add-on. */
export const COREDNS: AddonDefinition = {
  name: 'coredns',
  version: COREDNS_VERSION,
  manifests,
  images: (ctx) => [
    [
      `${ctx.registry}/eks/coredns`,
      daemonImage({
        sizeBytes: 24_300_000,
        startLog: START_LOG,
        // `health` answers `OK` on :8080/health, `ready` on :8181/ready; `prometheus` serves :9153/metrics.
        serves: { 8080: { '/health': { status: 200, body: 'OK' } }, 8181: { '/ready': { status: 200, body: 'OK' } }, 9153: { '/metrics': { status: 200, body: '' } } },
        // `health { lameduck 5s }`: on SIGTERM it keeps answering for 5 s, then exits.
        sigtermExitMs: 5000,
      }),
    ],
  ],
};
