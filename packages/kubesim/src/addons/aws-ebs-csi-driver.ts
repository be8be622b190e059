/**
 * The `aws-ebs-csi-driver` EKS add-on for Kubernetes 1.33: the workloads of the Amazon EBS CSI
 * driver in `kube-system` — the `ebs-csi-controller-sa` and `ebs-csi-node-sa` ServiceAccounts, the
 * `ebs-csi-controller` Deployment (two replicas of the driver in controller mode with the
 * csi-provisioner, csi-attacher, csi-snapshotter, csi-resizer and livenessprobe sidecars), its
 * PodDisruptionBudget, and the `ebs-csi-node` DaemonSet (the driver in node mode with
 * node-driver-registrar and livenessprobe on every Linux node).
 *
 * What the driver does (provisioning, attaching, CSINode, the `ebs.csi.aws.com` CSIDriver object)
 * kubesim models in its storage package without these pods; this add-on only adds the pods, so
 * `kubectl get pods -n kube-system` looks as it does on EKS. Not modelled: the add-on's
 * ClusterRoles, Roles and their bindings (kubesim has no RBAC), and the CSIDriver object (the
 * storage package creates it).
 *
 * Sources:
 * - The objects are the driver's kustomize base of release v1.56.0 (`deploy/kubernetes/base/
 *   controller.yaml`, `node.yaml`; read from the mdzraf/aws-ebs-csi-driver fork at commit
 *   6e452adee92057628b168aae88d3a03fe6cc1996, whose images are those of v1.56.0; the v1.56.0
 *   CHANGELOG entry, "Update CSI sidecar images", read in the ElijahQuinones fork),
 *   `poddisruptionbudget-controller.yaml`, `serviceaccount-csi-controller.yaml` and
 *   `serviceaccount-csi-node.yaml` (kubernetes-sigs/aws-ebs-csi-driver).
 * - What the EKS add-on changes in that base was read from a dump of the add-on's Deployment and
 *   PodDisruptionBudget (add-on v1.28.0-eksbuild.1): the labels `app.kubernetes.io/component:
 *   csi-driver`, `app.kubernetes.io/managed-by: EKS`, `app.kubernetes.io/version`;
 *   `--user-agent-extra=eks`; `AWS_REGION` set to the cluster's region; images from
 *   `<registry>/eks/<name>`; `--k8s-tag-cluster-id=<cluster name>` (placed after `--endpoint`, as
 *   the driver's Helm chart places it), so the volumes and snapshots the driver creates carry the
 *   cluster's tags (storage's `kubernetesClusterId`).
 * - The EKS image repositories (`eks/aws-ebs-csi-driver`, `eks/csi-provisioner`, `eks/csi-attacher`,
 *   `eks/csi-snapshotter`, `eks/csi-resizer`, `eks/livenessprobe`, `eks/csi-node-driver-registrar`)
 *   were seen on an EKS 1.33 cluster running add-on v1.51.1-eksbuild.1, whose sidecar tags are the
 *   `public.ecr.aws/csi-components` tags of the kustomize base of that era; that the v1.56.0 tags
 *   below are the EKS registry's too is inferred from it, recalled, not checked.
 * - The kustomize base is that of the GitHub release; the EKS add-on renders the driver's Helm
 *   chart, so fields the chart sets and the base does not (for example the node's instance-type
 *   affinity of older charts) may differ (recalled, not checked).
 * @see https://github.com/kubernetes-sigs/aws-ebs-csi-driver/tree/master/deploy/kubernetes/base
 */
import type { KubeObject } from '@kubesim/core';
import type { AddonContext, AddonDefinition } from './addon.js';
import { daemonImage } from './daemon-image.js';

/** The driver release the add-on runs. */
export const EBS_CSI_DRIVER_RELEASE = 'v1.56.0';
/** The add-on version (`aws eks describe-addon-versions`); the `-eksbuild.1` suffix is recalled, not checked. */
export const EBS_CSI_DRIVER_VERSION = `${EBS_CSI_DRIVER_RELEASE}-eksbuild.1`;

/** Tags of the sidecar images of release v1.56.0 (its kustomize base), by EKS repository name. */
export const EBS_CSI_SIDECAR_TAGS = {
  'csi-provisioner': 'v6.2.0-eksbuild.2',
  'csi-attacher': 'v4.11.0-eksbuild.3',
  'csi-snapshotter': 'v8.5.0-eksbuild.3',
  'csi-resizer': 'v2.1.0-eksbuild.3',
  livenessprobe: 'v2.18.0-eksbuild.3',
  'csi-node-driver-registrar': 'v2.16.0-eksbuild.3',
} as const;

/** The EKS repository names of the add-on's images (without registry and tag). */
export type EbsCsiImageName = 'aws-ebs-csi-driver' | keyof typeof EBS_CSI_SIDECAR_TAGS;

/** `<registry>/eks/<name>`: an image name without its tag. */
function repo(ctx: AddonContext, name: EbsCsiImageName): string {
  return `${ctx.registry}/eks/${name}`;
}

/** The full image reference of one of the add-on's images. */
export function ebsCsiImage(ctx: AddonContext, name: EbsCsiImageName): string {
  return `${repo(ctx, name)}:${name === 'aws-ebs-csi-driver' ? EBS_CSI_DRIVER_RELEASE : EBS_CSI_SIDECAR_TAGS[name]}`;
}

/** The driver's name (its CSIDriver object, its sockets' directory). */
const DRIVER = 'ebs.csi.aws.com';
/** Where the controller's containers share the driver's socket. */
const CONTROLLER_SOCKET_DIR = '/var/lib/csi/sockets/pluginproxy/';
const CONTROLLER_SOCKET = `${CONTROLLER_SOCKET_DIR}csi.sock`;

/** The labels the EKS add-on puts on its objects and pod templates. */
const EKS_LABELS = {
  'app.kubernetes.io/component': 'csi-driver',
  'app.kubernetes.io/managed-by': 'EKS',
  'app.kubernetes.io/name': 'aws-ebs-csi-driver',
  'app.kubernetes.io/version': EBS_CSI_DRIVER_RELEASE.slice(1),
};
const CONTROLLER_SELECTOR = { app: 'ebs-csi-controller', 'app.kubernetes.io/name': 'aws-ebs-csi-driver' };
const NODE_SELECTOR = { app: 'ebs-csi-node', 'app.kubernetes.io/name': 'aws-ebs-csi-driver' };

/** requests 10m/40Mi, limit 256Mi: the driver's and the controller sidecars' resources. */
const RESOURCES = { limits: { memory: '256Mi' }, requests: { cpu: '10m', memory: '40Mi' } };
/** requests 10m/32Mi, limit 32Mi: livenessprobe's and node-driver-registrar's since v1.56.0. */
const SMALL_RESOURCES = { limits: { memory: '32Mi' }, requests: { cpu: '10m', memory: '32Mi' } };
const SIDECAR_SECURITY = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, seccompProfile: { type: 'RuntimeDefault' } };
const LIVENESS_SECURITY = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true };
const ADDRESS_ENV = [{ name: 'ADDRESS', value: CONTROLLER_SOCKET }];
const SOCKET_MOUNT = [{ name: 'socket-dir', mountPath: CONTROLLER_SOCKET_DIR }];
/** The v1.56.0 base's compute types the driver does not run on (the v1.28 add-on listed only `fargate`). */
const COMPUTE_TYPE_NOT_IN = { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate', 'auto', 'hybrid'] };

/** A controller sidecar (csi-provisioner, csi-attacher, csi-snapshotter, csi-resizer). */
function controllerSidecar(ctx: AddonContext, name: 'csi-provisioner' | 'csi-attacher' | 'csi-snapshotter' | 'csi-resizer', args: readonly string[], vacFallback: boolean) {
  return {
    name,
    image: ebsCsiImage(ctx, name),
    imagePullPolicy: 'IfNotPresent',
    args,
    env: vacFallback ? [...ADDRESS_ENV, { name: 'ENABLE_VAC_FALLBACK', value: 'true' }] : ADDRESS_ENV,
    volumeMounts: SOCKET_MOUNT,
    resources: RESOURCES,
    securityContext: SIDECAR_SECURITY,
    terminationMessagePolicy: 'FallbackToLogsOnError',
  };
}

function controllerDeployment(ctx: AddonContext): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'ebs-csi-controller', namespace: 'kube-system', labels: EKS_LABELS },
    spec: {
      replicas: 2,
      revisionHistoryLimit: 10,
      strategy: { rollingUpdate: { maxUnavailable: 1 }, type: 'RollingUpdate' },
      selector: { matchLabels: CONTROLLER_SELECTOR },
      template: {
        metadata: { labels: { app: 'ebs-csi-controller', ...EKS_LABELS } },
        spec: {
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          serviceAccountName: 'ebs-csi-controller-sa',
          priorityClassName: 'system-cluster-critical',
          affinity: {
            nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ preference: { matchExpressions: [COMPUTE_TYPE_NOT_IN] }, weight: 1 }] },
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['ebs-csi-controller'] }] }, topologyKey: 'kubernetes.io/hostname' },
                  weight: 100,
                },
              ],
            },
          },
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { effect: 'NoExecute', operator: 'Exists', tolerationSeconds: 300 },
          ],
          securityContext: { fsGroup: 1000, runAsGroup: 1000, runAsNonRoot: true, runAsUser: 1000 },
          containers: [
            {
              name: 'ebs-plugin',
              image: ebsCsiImage(ctx, 'aws-ebs-csi-driver'),
              imagePullPolicy: 'IfNotPresent',
              // EKS: `--k8s-tag-cluster-id` (where the Helm chart puts it, after the endpoint) and
              // `--user-agent-extra=eks` (the base says `kustomize`).
              args: ['controller', '--endpoint=$(CSI_ENDPOINT)', `--k8s-tag-cluster-id=${ctx.clusterName}`, '--batching=true', '--logging-format=text', '--user-agent-extra=eks', '--v=2'],
              env: [
                { name: 'CSI_ENDPOINT', value: `unix://${CONTROLLER_SOCKET}` },
                { name: 'CSI_NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
                { name: 'AWS_ACCESS_KEY_ID', valueFrom: { secretKeyRef: { name: 'aws-secret', key: 'key_id', optional: true } } },
                { name: 'AWS_SECRET_ACCESS_KEY', valueFrom: { secretKeyRef: { name: 'aws-secret', key: 'access_key', optional: true } } },
                { name: 'AWS_EC2_ENDPOINT', valueFrom: { configMapKeyRef: { name: 'aws-meta', key: 'endpoint', optional: true } } },
                { name: 'AWS_SAGEMAKER_ENDPOINT', valueFrom: { configMapKeyRef: { name: 'aws-meta', key: 'sagemaker_endpoint', optional: true } } },
                // Set by the EKS add-on; its place after AWS_SAGEMAKER_ENDPOINT is recalled, not checked.
                { name: 'AWS_REGION', value: ctx.region },
              ],
              volumeMounts: SOCKET_MOUNT,
              ports: [{ name: 'healthz', containerPort: 9808, protocol: 'TCP' }],
              livenessProbe: { httpGet: { path: '/healthz', port: 'healthz' }, initialDelaySeconds: 10, timeoutSeconds: 60, periodSeconds: 10, failureThreshold: 10 },
              readinessProbe: { httpGet: { path: '/healthz', port: 'healthz' }, initialDelaySeconds: 10, timeoutSeconds: 60, periodSeconds: 10, failureThreshold: 5 },
              resources: RESOURCES,
              securityContext: SIDECAR_SECURITY,
              terminationMessagePolicy: 'FallbackToLogsOnError',
            },
            controllerSidecar(
              ctx,
              'csi-provisioner',
              [
                '--timeout=60s',
                '--csi-address=$(ADDRESS)',
                '--v=2',
                '--feature-gates=Topology=true',
                '--extra-create-metadata',
                '--leader-election=true',
                '--default-fstype=ext4',
                '--kube-api-qps=20',
                '--kube-api-burst=100',
                '--worker-threads=100',
                '--retry-interval-max=30m',
              ],
              true,
            ),
            controllerSidecar(
              ctx,
              'csi-attacher',
              [
                '--timeout=6m',
                '--csi-address=$(ADDRESS)',
                '--v=2',
                '--leader-election=true',
                '--kube-api-qps=20',
                '--kube-api-burst=100',
                '--worker-threads=100',
                '--retry-interval-max=5m',
                '--feature-gates=MutableCSINodeAllocatableCount=true',
              ],
              false,
            ),
            controllerSidecar(
              ctx,
              'csi-snapshotter',
              ['--csi-address=$(ADDRESS)', '--leader-election=true', '--v=2', '--extra-create-metadata', '--kube-api-qps=20', '--kube-api-burst=100', '--worker-threads=100', '--retry-interval-max=30m'],
              false,
            ),
            controllerSidecar(
              ctx,
              'csi-resizer',
              [
                '--timeout=60s',
                '--extra-modify-metadata',
                '--csi-address=$(ADDRESS)',
                '--v=2',
                '--handle-volume-inuse-error=false',
                '--leader-election=true',
                '--kube-api-qps=20',
                '--kube-api-burst=100',
                '--workers=100',
                '--retry-interval-max=30m',
              ],
              true,
            ),
            {
              name: 'liveness-probe',
              image: ebsCsiImage(ctx, 'livenessprobe'),
              imagePullPolicy: 'IfNotPresent',
              args: ['--csi-address=/csi/csi.sock', '--probe-timeout=60s'],
              volumeMounts: [{ name: 'socket-dir', mountPath: '/csi' }],
              resources: SMALL_RESOURCES,
              securityContext: LIVENESS_SECURITY,
              terminationMessagePolicy: 'FallbackToLogsOnError',
            },
          ],
          volumes: [{ name: 'socket-dir', emptyDir: {} }],
        },
      },
    },
  } as KubeObject;
}

function nodeDaemonSet(ctx: AddonContext): KubeObject {
  const pluginDir = `/var/lib/kubelet/plugins/${DRIVER}/`;
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'ebs-csi-node', namespace: 'kube-system', labels: EKS_LABELS },
    spec: {
      revisionHistoryLimit: 10,
      selector: { matchLabels: NODE_SELECTOR },
      updateStrategy: { rollingUpdate: { maxUnavailable: '10%' }, type: 'RollingUpdate' },
      template: {
        metadata: { labels: { app: 'ebs-csi-node', ...EKS_LABELS } },
        spec: {
          affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [COMPUTE_TYPE_NOT_IN] }] } } },
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          serviceAccountName: 'ebs-csi-node-sa',
          terminationGracePeriodSeconds: 30,
          priorityClassName: 'system-node-critical',
          tolerations: [{ operator: 'Exists' }],
          hostNetwork: false,
          securityContext: { fsGroup: 0, runAsGroup: 0, runAsNonRoot: false, runAsUser: 0 },
          containers: [
            {
              name: 'ebs-plugin',
              image: ebsCsiImage(ctx, 'aws-ebs-csi-driver'),
              imagePullPolicy: 'IfNotPresent',
              args: ['node', '--endpoint=$(CSI_ENDPOINT)', `--csi-mount-point-prefix=/var/lib/kubelet/plugins/kubernetes.io/csi/${DRIVER}/`, '--logging-format=text', '--v=2'],
              env: [
                { name: 'CSI_ENDPOINT', value: 'unix:/csi/csi.sock' },
                { name: 'CSI_NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
              ],
              volumeMounts: [
                { name: 'kubelet-dir', mountPath: '/var/lib/kubelet', mountPropagation: 'Bidirectional' },
                { name: 'plugin-dir', mountPath: '/csi' },
                { name: 'device-dir', mountPath: '/dev' },
              ],
              ports: [{ name: 'healthz', containerPort: 9808, protocol: 'TCP' }],
              livenessProbe: { httpGet: { path: '/healthz', port: 'healthz' }, initialDelaySeconds: 10, timeoutSeconds: 3, periodSeconds: 10, failureThreshold: 5 },
              readinessProbe: { httpGet: { path: '/healthz', port: 'healthz' }, timeoutSeconds: 3, periodSeconds: 5, failureThreshold: 3 },
              resources: RESOURCES,
              securityContext: { privileged: true, readOnlyRootFilesystem: true },
              lifecycle: { preStop: { exec: { command: ['/bin/aws-ebs-csi-driver', 'pre-stop-hook'] } } },
              terminationMessagePolicy: 'FallbackToLogsOnError',
            },
            {
              name: 'node-driver-registrar',
              image: ebsCsiImage(ctx, 'csi-node-driver-registrar'),
              imagePullPolicy: 'IfNotPresent',
              args: ['--csi-address=$(ADDRESS)', '--kubelet-registration-path=$(DRIVER_REG_SOCK_PATH)', '--http-endpoint=0.0.0.0:9809', '--v=2'],
              env: [
                { name: 'ADDRESS', value: '/csi/csi.sock' },
                { name: 'DRIVER_REG_SOCK_PATH', value: `${pluginDir}csi.sock` },
              ],
              ports: [{ name: 'healthz-ndr', containerPort: 9809 }],
              livenessProbe: { httpGet: { path: '/healthz', port: 'healthz-ndr' }, initialDelaySeconds: 30, periodSeconds: 90, timeoutSeconds: 15 },
              volumeMounts: [
                { name: 'plugin-dir', mountPath: '/csi' },
                { name: 'registration-dir', mountPath: '/registration' },
                { name: 'probe-dir', mountPath: pluginDir },
              ],
              resources: SMALL_RESOURCES,
              securityContext: LIVENESS_SECURITY,
              terminationMessagePolicy: 'FallbackToLogsOnError',
            },
            {
              name: 'liveness-probe',
              image: ebsCsiImage(ctx, 'livenessprobe'),
              imagePullPolicy: 'IfNotPresent',
              args: ['--csi-address=/csi/csi.sock'],
              volumeMounts: [{ name: 'plugin-dir', mountPath: '/csi' }],
              resources: SMALL_RESOURCES,
              securityContext: LIVENESS_SECURITY,
              terminationMessagePolicy: 'FallbackToLogsOnError',
            },
          ],
          volumes: [
            { name: 'kubelet-dir', hostPath: { path: '/var/lib/kubelet', type: 'Directory' } },
            { name: 'plugin-dir', hostPath: { path: pluginDir, type: 'DirectoryOrCreate' } },
            { name: 'registration-dir', hostPath: { path: '/var/lib/kubelet/plugins_registry/', type: 'Directory' } },
            { name: 'device-dir', hostPath: { path: '/dev', type: 'Directory' } },
            { name: 'probe-dir', emptyDir: {} },
          ],
        },
      },
    },
  } as KubeObject;
}

function manifests(ctx: AddonContext): KubeObject[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'ebs-csi-controller-sa', namespace: 'kube-system', labels: EKS_LABELS },
      automountServiceAccountToken: true,
    },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'ebs-csi-node-sa', namespace: 'kube-system', labels: EKS_LABELS },
      automountServiceAccountToken: true,
    },
    controllerDeployment(ctx),
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'ebs-csi-controller', namespace: 'kube-system', labels: EKS_LABELS },
      spec: { selector: { matchLabels: CONTROLLER_SELECTOR }, maxUnavailable: 1 },
    },
    nodeDaemonSet(ctx),
  ] as KubeObject[];
}

/** `/healthz` as the livenessprobe and node-driver-registrar sidecars answer it when the driver answers (`w.Write([]byte(\`ok\`))`). */
const HEALTHZ_OK = { '/healthz': { status: 200, body: 'ok' } };

/**
 * `/csi-node-driver-registrar`: with `--mode=kubelet-registration-probe` it checks that the kubelet
 * registered the plugin (always so here) and exits 0. Its klog line ("Kubelet plugin registration
 * succeeded.") carries a header (time, pid, source line) kubesim cannot reproduce, so nothing is
 * printed. Without `--kubelet-registration-path` it exits 1. Other modes are the long-running
 * registrar, which the container itself runs.
 * @see kubernetes-csi/node-driver-registrar cmd/csi-node-driver-registrar/main.go
 */
function nodeDriverRegistrar(args: readonly string[]) {
  const path = args.find((a) => a.startsWith('--kubelet-registration-path='))?.slice('--kubelet-registration-path='.length);
  return { stdout: '', stderr: '', exitCode: path ? 0 : 1 };
}

/**
 * `/bin/aws-ebs-csi-driver`, as the node's preStop hook runs it (`pre-stop-hook`): with no volume
 * attachments left to wait for it exits 0. Its log lines are not reproduced (not checked).
 */
function driverBinary(args: readonly string[]) {
  return { stdout: '', stderr: '', exitCode: args[0] === 'pre-stop-hook' ? 0 : 1 };
}

/**
 * The `aws-ebs-csi-driver` add-on. Image behaviours: every image's process runs until stopped;
 * livenessprobe serves `:9808/healthz`, node-driver-registrar `:9809/healthz` (its
 * `--http-endpoint`), both answering `ok`, as the real sidecars do when the driver is healthy.
 * No start-up log lines (the klog headers are not reproducible). Image sizes are rough values of
 * the same images in earlier builds (recalled, not checked; the v1.45-era sidecars measured
 * 33.6–37.7 MB on an EKS node).
 */
export const AWS_EBS_CSI_DRIVER: AddonDefinition = {
  name: 'aws-ebs-csi-driver',
  version: EBS_CSI_DRIVER_VERSION,
  manifests,
  images: (ctx) => [
    [repo(ctx, 'aws-ebs-csi-driver'), daemonImage({ sizeBytes: 32_000_000, programs: { 'aws-ebs-csi-driver': driverBinary } })],
    [repo(ctx, 'csi-provisioner'), daemonImage({ sizeBytes: 37_700_000 })],
    [repo(ctx, 'csi-attacher'), daemonImage({ sizeBytes: 35_700_000 })],
    [repo(ctx, 'csi-snapshotter'), daemonImage({ sizeBytes: 33_600_000 })],
    [repo(ctx, 'csi-resizer'), daemonImage({ sizeBytes: 35_700_000 })],
    [repo(ctx, 'livenessprobe'), daemonImage({ sizeBytes: 15_000_000, serves: { 9808: HEALTHZ_OK } })],
    [
      repo(ctx, 'csi-node-driver-registrar'),
      daemonImage({ sizeBytes: 15_000_000, serves: { 9809: HEALTHZ_OK }, programs: { 'csi-node-driver-registrar': nodeDriverRegistrar } }),
    ],
  ],
};
