/**
 * Installs EKS add-ons into a cluster as `aws eks create-addon` does: their images' behaviours,
 * then their objects in `kube-system`, created through the API server (admission and defaulting
 * as for any client). The cluster then runs until the add-ons' workloads are ready, as a new EKS
 * cluster is before anyone uses it.
 */
import { type CoreCluster, type KubeObject, serviceAccountTokenIssuer, type Workloads } from '@kubesim/core';
import { type AddonContext, type AddonDefinition, addonRegistry } from './addon.js';
import { AWS_EBS_CSI_DRIVER } from './aws-ebs-csi-driver.js';
import { COREDNS } from './coredns.js';
import { KUBE_PROXY } from './kube-proxy.js';
import { VPC_CNI } from './vpc-cni.js';

/** The add-ons whose workloads kubesim runs, by EKS add-on name. */
export const WORKLOAD_ADDONS: Readonly<Record<string, AddonDefinition>> = {
  [COREDNS.name]: COREDNS,
  [VPC_CNI.name]: VPC_CNI,
  [KUBE_PROXY.name]: KUBE_PROXY,
  [AWS_EBS_CSI_DRIVER.name]: AWS_EBS_CSI_DRIVER,
};

/** How long `installAddons` lets the add-ons' workloads come up (virtual time). */
export const ADDON_READY_TIMEOUT = '10m';

/**
 * Installs `names` (those of `WORKLOAD_ADDONS`; others are skipped) and waits for their workloads.
 * Workloads that cannot get ready (a cluster without nodes) are left pending after
 * `ADDON_READY_TIMEOUT`, as EKS reports such an add-on `DEGRADED` and the cluster is usable.
 * Returns the installed definitions.
 */
export function installAddons(core: CoreCluster, workloads: Workloads, cluster: { readonly region: string; readonly name: string }, names: readonly string[]): AddonDefinition[] {
  const region = cluster.region;
  const ctx: AddonContext = { region, registry: addonRegistry(region), endpoint: serviceAccountTokenIssuer(core).endpoint, clusterName: cluster.name };
  const installed = names.map((n) => WORKLOAD_ADDONS[n]).filter((d): d is AddonDefinition => d !== undefined);
  for (const def of installed) {
    for (const [image, behaviour] of def.images(ctx)) workloads.registerImage(image, behaviour);
    for (const obj of def.manifests(ctx)) core.api.create(obj);
  }
  if (installed.length > 0) core.loop.runUntil(() => workloadsReady(core, 'kube-system'), { timeout: ADDON_READY_TIMEOUT });
  return installed;
}

/** Whether every Deployment and DaemonSet of `namespace` has all its pods ready and up to date. */
function workloadsReady(core: CoreCluster, namespace: string): boolean {
  for (const d of core.store.list<KubeObject & { spec: { replicas?: number }; status?: { readyReplicas?: number; updatedReplicas?: number } }>('Deployment', namespace)) {
    const want = d.spec.replicas ?? 1;
    if ((d.status?.readyReplicas ?? 0) < want || (d.status?.updatedReplicas ?? 0) < want) return false;
  }
  for (const ds of core.store.list<KubeObject & { status?: { desiredNumberScheduled?: number; numberReady?: number; updatedNumberScheduled?: number } }>('DaemonSet', namespace)) {
    const want = ds.status?.desiredNumberScheduled;
    if (want === undefined || (ds.status?.numberReady ?? 0) < want || (ds.status?.updatedNumberScheduled ?? 0) < want) return false;
  }
  return true;
}
