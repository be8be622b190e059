/**
 * EKS add-ons: what `aws eks create-addon` puts into `kube-system` (Deployments, DaemonSets,
 * Services, ConfigMaps, ServiceAccounts), and how the add-ons' images behave in a container.
 */
import type { ImageBehaviour, KubeObject } from '@kubesim/core';

/** What an add-on's manifests depend on. */
export interface AddonContext {
  /** The cluster's region (`us-east-1`). */
  readonly region: string;
  /** The ECR registry EKS pulls add-on images from in that region (`602401143452.dkr.ecr.us-east-1.amazonaws.com`). */
  readonly registry: string;
  /** The cluster's API server endpoint (`https://<ID>.gr7.<region>.eks.amazonaws.com`). */
  readonly endpoint: string;
  /** The EKS cluster's name. */
  readonly clusterName: string;
}

/** One EKS add-on. */
export interface AddonDefinition {
  /** The add-on's EKS name (`aws eks list-addons`). */
  readonly name: string;
  /** Its EKS version (`v1.12.4-eksbuild.1`). */
  readonly version: string;
  /** The objects it creates, in creation order (ServiceAccounts and ConfigMaps before the workloads that use them). */
  manifests(ctx: AddonContext): KubeObject[];
  /** Behaviours of its images, by image name without tag (`<registry>/eks/coredns`). */
  images(ctx: AddonContext): readonly (readonly [string, ImageBehaviour])[];
}

/**
 * Account of the ECR registry Amazon EKS serves add-on images from, for the regions whose account
 * is not 602401143452. Checked against the page below down to cn-northwest-1; the accounts after
 * it are recalled, not checked.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/add-ons-images.html
 */
const REGISTRY_ACCOUNTS: Readonly<Record<string, string>> = {
  'af-south-1': '877085696533',
  'ap-east-1': '800184023465',
  'ap-southeast-3': '296578399912',
  'ap-south-2': '900889452093',
  'ap-southeast-4': '491585149902',
  'ap-southeast-5': '151610086707',
  'ap-southeast-6': '333609536671',
  'ap-southeast-7': '121268973566',
  'ca-west-1': '761377655185',
  'cn-north-1': '918309763551',
  'cn-northwest-1': '961992271922',
  'eu-south-1': '590381155156',
  'eu-south-2': '455263428931',
  'eu-central-2': '900612956339',
  'il-central-1': '066635153087',
  'me-south-1': '558608220178',
  'me-central-1': '759879836304',
  'us-gov-east-1': '151742754352',
  'us-gov-west-1': '013241004608',
};

/** The ECR registry of EKS add-on images in `region`. */
export function addonRegistry(region: string): string {
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `${REGISTRY_ACCOUNTS[region] ?? '602401143452'}.dkr.ecr.${region}.${domain}`;
}

/**
 * The required node affinity the EKS add-ons' workloads share: Linux nodes of amd64 or arm64,
 * then any extra expressions (a compute type they do not run on).
 */
export function linuxNodeAffinity(...extra: readonly Record<string, unknown>[]): Record<string, unknown> {
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          {
            matchExpressions: [
              { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
              { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] },
              ...extra,
            ],
          },
        ],
      },
    },
  };
}
