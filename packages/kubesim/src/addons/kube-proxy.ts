/**
 * The `kube-proxy` EKS add-on for Kubernetes 1.33: the `kube-proxy` ServiceAccount, the
 * `kube-proxy` ConfigMap (its kubeconfig), the `kube-proxy-config` ConfigMap (its
 * KubeProxyConfiguration, iptables mode) and the `kube-proxy` DaemonSet on the host network of
 * every node. Its ClusterRoleBinding to `system:node-proxier` is not modelled (kubesim has no RBAC).
 *
 * @see an EKS `kube-proxy` DaemonSet (`kubectl get ds kube-proxy -o yaml`, v1.28.1-minimal-eksbuild.1):
 *   labels, command, env, resources, affinity, tolerations, mounts, volumes, updateStrategy
 * @see https://docs.aws.amazon.com/eks/latest/userguide/managing-kube-proxy.html (versions)
 * @see EKS best practices guide, "Running kube-proxy in IPVS mode" (the tail of `kube-proxy-config`)
 */
import type { KubeObject } from '@kubesim/core';
import { type AddonContext, type AddonDefinition, linuxNodeAffinity } from './addon.js';
import { daemonImage } from './daemon-image.js';

/** The add-on version for 1.33 (the AWS docs' table, with 1.34 at v1.34.1-eksbuild.2). */
export const KUBE_PROXY_VERSION = 'v1.33.5-eksbuild.2';
/** Its image tag: on 1.33 EKS ships the minimal (distroless, no shell) image of the same build. */
export const KUBE_PROXY_IMAGE_TAG = 'v1.33.5-minimal-eksbuild.2';

/** The command EKS runs (`$(NODE_NAME)` is expanded by the kubelet from the container's env). */
export const KUBE_PROXY_COMMAND = ['kube-proxy', '--v=2', '--config=/var/lib/kube-proxy-config/config', '--hostname-override=$(NODE_NAME)'];

/**
 * The KubeProxyConfiguration in `kube-proxy-config`. Everything from `iptables:` down is as the
 * EKS best practices guide shows it; the lines above are as an older EKS cluster's ConfigMap had
 * them, without the fields later releases dropped (`resourceContainer`, `conntrack.max`): those
 * lines are recalled, not checked against a 1.33 cluster.
 */
export const KUBE_PROXY_CONFIG = `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
clientConnection:
  acceptContentTypes: ""
  burst: 10
  contentType: application/vnd.kubernetes.protobuf
  kubeconfig: /var/lib/kube-proxy/kubeconfig
  qps: 5
clusterCIDR: ""
configSyncPeriod: 15m0s
conntrack:
  maxPerCore: 32768
  min: 131072
  tcpCloseWaitTimeout: 1h0m0s
  tcpEstablishedTimeout: 24h0m0s
enableProfiling: false
healthzBindAddress: 0.0.0.0:10256
hostnameOverride: ""
iptables:
  masqueradeAll: false
  masqueradeBit: 14
  minSyncPeriod: 0s
  syncPeriod: 30s
ipvs:
  excludeCIDRs: null
  minSyncPeriod: 0s
  scheduler: ""
  syncPeriod: 30s
kind: KubeProxyConfiguration
metricsBindAddress: 0.0.0.0:10249
mode: "iptables"
nodePortAddresses: null
oomScoreAdj: -998
portRange: ""
udpIdleTimeout: 250ms`;

/**
 * The kubeconfig in the `kube-proxy` ConfigMap: the cluster's endpoint, the pod's service account
 * token and CA. Recalled, not checked.
 */
export function kubeProxyKubeconfig(endpoint: string): string {
  return `kind: Config
apiVersion: v1
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: ${endpoint}
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token`;
}

const LABELS = { 'eks.amazonaws.com/component': 'kube-proxy', 'k8s-app': 'kube-proxy' };

function manifests(ctx: AddonContext): KubeObject[] {
  const meta = (name: string) => ({ name, namespace: 'kube-system', labels: LABELS });
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('kube-proxy') },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('kube-proxy'), data: { kubeconfig: kubeProxyKubeconfig(ctx.endpoint) } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('kube-proxy-config'), data: { config: KUBE_PROXY_CONFIG } },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: meta('kube-proxy'),
      spec: {
        revisionHistoryLimit: 10,
        selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '10%' } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-proxy' } },
          spec: {
            affinity: linuxNodeAffinity({ key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] }),
            containers: [
              {
                name: 'kube-proxy',
                image: `${ctx.registry}/eks/kube-proxy:${KUBE_PROXY_IMAGE_TAG}`,
                imagePullPolicy: 'IfNotPresent',
                command: KUBE_PROXY_COMMAND,
                env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
                resources: { requests: { cpu: '100m' } },
                securityContext: { privileged: true },
                terminationMessagePath: '/dev/termination-log',
                terminationMessagePolicy: 'File',
                volumeMounts: [
                  { mountPath: '/var/log', name: 'varlog' },
                  { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
                  { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
                  { mountPath: '/var/lib/kube-proxy/', name: 'kubeconfig' },
                  { mountPath: '/var/lib/kube-proxy-config/', name: 'config' },
                ],
              },
            ],
            dnsPolicy: 'ClusterFirst',
            hostNetwork: true,
            priorityClassName: 'system-node-critical',
            restartPolicy: 'Always',
            schedulerName: 'default-scheduler',
            securityContext: {},
            serviceAccountName: 'kube-proxy',
            terminationGracePeriodSeconds: 30,
            tolerations: [{ operator: 'Exists' }],
            volumes: [
              { name: 'varlog', hostPath: { path: '/var/log', type: '' } },
              { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
              { name: 'lib-modules', hostPath: { path: '/lib/modules', type: '' } },
              { name: 'kubeconfig', configMap: { name: 'kube-proxy', defaultMode: 420 } },
              { name: 'config', configMap: { name: 'kube-proxy-config', defaultMode: 420 } },
            ],
          },
        },
      },
    },
  ] as KubeObject[];
}

/** The `kube-proxy` add-on. */
export const KUBE_PROXY: AddonDefinition = {
  name: 'kube-proxy',
  version: KUBE_PROXY_VERSION,
  manifests,
  images: (ctx) => [
    [
      `${ctx.registry}/eks/kube-proxy`,
      daemonImage({
        // Compressed size: recalled, not checked. Its klog start-up lines are not modelled (not verified).
        // Its /healthz (:10256) and /metrics (:10249) answers are not modelled: no probe uses them.
        sizeBytes: 32_000_000,
      }),
    ],
  ],
};
