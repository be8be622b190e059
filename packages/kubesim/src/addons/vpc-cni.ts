/**
 * The `vpc-cni` EKS add-on (Amazon VPC CNI plugin for Kubernetes) for Kubernetes 1.33: the
 * `aws-node` ServiceAccount, the `amazon-vpc-cni` ConfigMap and the `aws-node` DaemonSet in
 * `kube-system` (init container `aws-vpc-cni-init`, containers `aws-node` and
 * `aws-eks-nodeagent`, on the host network of every node).
 *
 * Not modelled: the `aws-node` ClusterRole and ClusterRoleBinding (kubesim has no RBAC), the
 * ENIConfig, PolicyEndpoint and CNINode CRDs (kubesim does not serve them), and the `CLUSTER_NAME`,
 * `CLUSTER_ENDPOINT` and `VPC_ID` variables EKS adds to the `aws-node` container (the add-on
 * context carries no cluster name, endpoint or VPC id).
 *
 * @see `kubectl describe daemonset aws-node` of an EKS managed add-on at v1.21.1-eksbuild.5
 *   (images, labels, probes, env, args, mounts, volumes); a `kubectl get pod aws-node-… -o yaml`
 *   of the v1.18.1-eksbuild.3 add-on (securityContext, imagePullPolicy, tolerations, grace period)
 * @see aws/amazon-vpc-cni-k8s charts/aws-vpc-cni (values.yaml: updateStrategy, affinity;
 *   templates/configmap.yaml: `amazon-vpc-cni`)
 */
import type { ImageBehaviour, ImageProgram, KubeObject } from '@kubesim/core';
import { type AddonContext, type AddonDefinition, linuxNodeAffinity } from './addon.js';
import { daemonImage } from './daemon-image.js';

/**
 * The add-on version: the build whose EKS-created DaemonSet the manifests transcribe. The AWS
 * docs listed v1.20.1-eksbuild.3 as the latest for 1.33 in mid-2025; which build
 * `create-addon` picks by default on 1.33 today was not verified.
 */
export const VPC_CNI_VERSION = 'v1.21.1-eksbuild.5';
/** The network policy agent image tag that add-on build runs. */
export const NETWORK_POLICY_AGENT_VERSION = 'v1.3.1-eksbuild.1';
/** ipamd's gRPC health port, which `/app/grpc-health-probe -addr=:50051` checks. */
export const IPAMD_GRPC_PORT = 50051;

/** The upstream release, without the EKS build suffix (`v1.21.1`). */
const UPSTREAM = VPC_CNI_VERSION.replace(/-eksbuild\..*$/, '');

/** The labels the aws-vpc-cni chart puts on the objects it renders (EKS installs it with Helm). */
const CHART_LABELS = {
  'app.kubernetes.io/instance': 'aws-vpc-cni',
  'app.kubernetes.io/managed-by': 'Helm',
  'app.kubernetes.io/name': 'aws-node',
  'app.kubernetes.io/version': UPSTREAM,
  'helm.sh/chart': `aws-vpc-cni-${UPSTREAM.slice(1)}`,
  'k8s-app': 'aws-node',
};

/** The probe command of the `aws-node` container. */
const GRPC_PROBE = ['/app/grpc-health-probe', `-addr=:${IPAMD_GRPC_PORT}`, '-connect-timeout=5s', '-rpc-timeout=5s'];

/** The `aws-node` container's environment, in the order EKS sets it (cluster-specific entries left out). */
const AWS_NODE_ENV: readonly (readonly [string, string])[] = [
  ['ADDITIONAL_ENI_TAGS', '{}'],
  ['ANNOTATE_POD_IP', 'false'],
  ['AWS_VPC_CNI_NODE_PORT_SUPPORT', 'true'],
  ['AWS_VPC_ENI_MTU', '9001'],
  ['AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG', 'false'],
  ['AWS_VPC_K8S_CNI_EXTERNALSNAT', 'false'],
  ['AWS_VPC_K8S_CNI_LOGLEVEL', 'DEBUG'],
  ['AWS_VPC_K8S_CNI_LOG_FILE', '/host/var/log/aws-routed-eni/ipamd.log'],
  ['AWS_VPC_K8S_CNI_RANDOMIZESNAT', 'prng'],
  ['AWS_VPC_K8S_CNI_VETHPREFIX', 'eni'],
  ['AWS_VPC_K8S_PLUGIN_LOG_FILE', '/var/log/aws-routed-eni/plugin.log'],
  ['AWS_VPC_K8S_PLUGIN_LOG_LEVEL', 'DEBUG'],
  ['DISABLE_INTROSPECTION', 'false'],
  ['DISABLE_METRICS', 'false'],
  ['DISABLE_NETWORK_RESOURCE_PROVISIONING', 'false'],
  ['ENABLE_IMDS_ONLY_MODE', 'false'],
  ['ENABLE_IPv4', 'true'],
  ['ENABLE_IPv6', 'false'],
  ['ENABLE_MULTI_NIC', 'false'],
  ['ENABLE_POD_ENI', 'false'],
  ['ENABLE_PREFIX_DELEGATION', 'false'],
  ['ENABLE_SUBNET_DISCOVERY', 'true'],
  ['NETWORK_POLICY_ENFORCING_MODE', 'standard'],
  ['VPC_CNI_VERSION', UPSTREAM],
  ['WARM_ENI_TARGET', '1'],
  ['WARM_PREFIX_TARGET', '1'],
];

/** The `aws-eks-nodeagent` container's arguments. */
const NODE_AGENT_ARGS = [
  '--enable-ipv6=false',
  '--enable-network-policy=false',
  '--enable-cloudwatch-logs=false',
  '--enable-policy-event-logs=false',
  '--log-file=/var/log/aws-routed-eni/network-policy-agent.log',
  '--metrics-bind-addr=:8162',
  '--health-probe-bind-addr=:8163',
  '--conntrack-cache-cleanup-period=300',
  '--log-level=debug',
];

const fieldEnv = (name: string, fieldPath: string) => ({ name, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } });

function manifests(ctx: AddonContext): KubeObject[] {
  const meta = (name: string) => ({ name, namespace: 'kube-system', labels: CHART_LABELS });
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('aws-node') },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('amazon-vpc-cni'), data: { 'enable-windows-ipam': 'false', 'enable-network-policy-controller': 'false' } },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: meta('aws-node'),
      spec: {
        revisionHistoryLimit: 10,
        selector: { matchLabels: { 'k8s-app': 'aws-node' } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } },
        template: {
          metadata: { labels: { 'app.kubernetes.io/instance': 'aws-vpc-cni', 'app.kubernetes.io/name': 'aws-node', 'k8s-app': 'aws-node' } },
          spec: {
            // The chart's compute type exclusion as of v1.15; later charts may exclude more (recalled, not checked).
            affinity: linuxNodeAffinity({ key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] }),
            initContainers: [
              {
                name: 'aws-vpc-cni-init',
                image: `${ctx.registry}/amazon-k8s-cni-init:${VPC_CNI_VERSION}`,
                imagePullPolicy: 'IfNotPresent',
                env: [
                  { name: 'DISABLE_TCP_EARLY_DEMUX', value: 'false' },
                  { name: 'ENABLE_IPv6', value: 'false' },
                ],
                resources: { requests: { cpu: '25m' } },
                securityContext: { privileged: true },
                terminationMessagePath: '/dev/termination-log',
                terminationMessagePolicy: 'File',
                volumeMounts: [{ mountPath: '/host/opt/cni/bin', name: 'cni-bin-dir' }],
              },
            ],
            containers: [
              {
                name: 'aws-node',
                image: `${ctx.registry}/amazon-k8s-cni:${VPC_CNI_VERSION}`,
                imagePullPolicy: 'IfNotPresent',
                env: [...AWS_NODE_ENV.map(([name, value]) => ({ name, value })), fieldEnv('MY_NODE_NAME', 'spec.nodeName'), fieldEnv('MY_POD_NAME', 'metadata.name')],
                livenessProbe: { exec: { command: GRPC_PROBE }, failureThreshold: 3, initialDelaySeconds: 60, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 10 },
                ports: [{ containerPort: 61678, name: 'metrics', protocol: 'TCP' }],
                readinessProbe: { exec: { command: GRPC_PROBE }, failureThreshold: 3, initialDelaySeconds: 1, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 10 },
                resources: { requests: { cpu: '25m' } },
                securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
                terminationMessagePath: '/dev/termination-log',
                terminationMessagePolicy: 'File',
                volumeMounts: [
                  { mountPath: '/host/opt/cni/bin', name: 'cni-bin-dir' },
                  { mountPath: '/host/etc/cni/net.d', name: 'cni-net-dir' },
                  { mountPath: '/host/var/log/aws-routed-eni', name: 'log-dir' },
                  { mountPath: '/var/run/aws-node', name: 'run-dir' },
                  { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
                ],
              },
              {
                name: 'aws-eks-nodeagent',
                image: `${ctx.registry}/amazon/aws-network-policy-agent:${NETWORK_POLICY_AGENT_VERSION}`,
                imagePullPolicy: 'IfNotPresent',
                args: NODE_AGENT_ARGS,
                env: [fieldEnv('MY_NODE_NAME', 'spec.nodeName')],
                ports: [{ containerPort: 8162, name: 'agentmetrics', protocol: 'TCP' }],
                resources: { requests: { cpu: '25m' } },
                securityContext: { capabilities: { add: ['NET_ADMIN'] }, privileged: true },
                terminationMessagePath: '/dev/termination-log',
                terminationMessagePolicy: 'File',
                volumeMounts: [
                  { mountPath: '/host/opt/cni/bin', name: 'cni-bin-dir' },
                  { mountPath: '/sys/fs/bpf', name: 'bpf-pin-path' },
                  { mountPath: '/var/log/aws-routed-eni', name: 'log-dir' },
                  { mountPath: '/var/run/aws-node', name: 'run-dir' },
                ],
              },
            ],
            dnsPolicy: 'ClusterFirst',
            hostNetwork: true,
            priorityClassName: 'system-node-critical',
            restartPolicy: 'Always',
            schedulerName: 'default-scheduler',
            securityContext: {},
            serviceAccountName: 'aws-node',
            terminationGracePeriodSeconds: 10,
            tolerations: [{ operator: 'Exists' }],
            volumes: [
              { name: 'bpf-pin-path', hostPath: { path: '/sys/fs/bpf', type: '' } },
              { name: 'cni-bin-dir', hostPath: { path: '/opt/cni/bin', type: '' } },
              { name: 'cni-net-dir', hostPath: { path: '/etc/cni/net.d', type: '' } },
              { name: 'log-dir', hostPath: { path: '/var/log/aws-routed-eni', type: 'DirectoryOrCreate' } },
              { name: 'run-dir', hostPath: { path: '/var/run/aws-node', type: 'DirectoryOrCreate' } },
              { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
            ],
          },
        },
      },
    },
  ] as KubeObject[];
}

/** Go's `flag` package: the value of `-name=v`, `--name=v` or `-name v` in `args`. */
function flagValue(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(args[i]);
    if (m?.[1] !== name) continue;
    return m[2] ?? args[i + 1];
  }
  return undefined;
}

/**
 * `grpc-health-probe` against ipamd: it logs with Go's `log` package (no flags, to stderr).
 * SERVING on the ipamd port (exit 0); any other address refuses the connection, which the
 * probe reports as a connect timeout (exit 2); no `-addr` is an argument error (exit 1).
 * @see grpc-ecosystem/grpc-health-probe main.go
 */
export const GRPC_HEALTH_PROBE: ImageProgram = (args) => {
  const addr = flagValue(args, 'addr') ?? '';
  if (addr === '') return { stdout: '', stderr: 'error: -addr not specified\n', exitCode: 1 };
  if (addr.endsWith(`:${IPAMD_GRPC_PORT}`)) return { stdout: '', stderr: 'status: SERVING\n', exitCode: 0 };
  const timeout = flagValue(args, 'connect-timeout') ?? '1s';
  return { stdout: '', stderr: `timeout: failed to connect service ${JSON.stringify(addr)} within ${timeout}\n`, exitCode: 2 };
};

/**
 * `aws-vpc-cni-init`: copies the CNI binaries to the host and sets the kernel settings, then
 * exits 0 (about a second, as an add-on pod's init container status shows).
 */
const INIT_IMAGE: ImageBehaviour = {
  // Compressed size: recalled, not checked.
  sizeBytes: 60_000_000,
  start: () => ({ kind: 'exit', exitCode: 0, afterMs: 1000 }),
};

/** The `vpc-cni` add-on. */
export const VPC_CNI: AddonDefinition = {
  name: 'vpc-cni',
  version: VPC_CNI_VERSION,
  manifests,
  images: (ctx) => [
    [`${ctx.registry}/amazon-k8s-cni-init`, INIT_IMAGE],
    // Compressed sizes: recalled, not checked. Their start-up log lines are not modelled (not verified).
    [`${ctx.registry}/amazon-k8s-cni`, daemonImage({ sizeBytes: 47_000_000, programs: { 'grpc-health-probe': GRPC_HEALTH_PROBE } })],
    [`${ctx.registry}/amazon/aws-network-policy-agent`, daemonImage({ sizeBytes: 38_000_000 })],
  ],
};
