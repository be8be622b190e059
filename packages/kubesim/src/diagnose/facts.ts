/**
 * Facts the diagnosis reads off API objects: kubectl's pod STATUS text, the EBS volume id of a
 * PV, and where a PV is attached (VolumeAttachments and node.status.volumesAttached) with the
 * pods on that node that use it.
 */
import { type CoreCluster, type KubeObject, PODS_BY_NODE_INDEX, podVolumeClaimName } from '@kubesim/core';
import type { Node, PersistentVolume, Pod } from 'kubernetes-types/core/v1';

/** kubectl's STATUS column for a pod (printers.go printPod, simplified to the reasons kubesim sets). */
export function podStatusText(pod: Pod): string {
  if (pod.metadata?.deletionTimestamp) return 'Terminating';
  let reason = pod.status?.reason ?? pod.status?.phase ?? 'Pending';
  for (const c of pod.status?.containerStatuses ?? []) {
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated) reason = c.state.terminated.reason ?? (c.state.terminated.exitCode === 0 ? 'Completed' : 'Error');
  }
  return reason;
}

/** `vol-…` of a PV (CSI volumeHandle or in-tree `aws://zone/vol-…`). */
export function volumeIdOf(pv: PersistentVolume): string {
  const csi = pv.spec?.csi?.volumeHandle;
  if (csi) return csi;
  const inTree = pv.spec?.awsElasticBlockStore?.volumeID ?? '';
  return inTree.split('/').pop() ?? inTree;
}

/** A node holding a volume, with its pods that use the volume's claim. */
export interface Holder {
  readonly nodeName: string;
  readonly pods: readonly (Pod & KubeObject)[];
}

/** Nodes a PV is attached to (from VolumeAttachments, else node status), sorted by node name. */
export function attachmentsOf(core: CoreCluster, pv: PersistentVolume & KubeObject): Holder[] {
  const nodes = new Set<string>();
  for (const va of core.store.values<KubeObject & { spec: { nodeName: string; source: { persistentVolumeName?: string } }; status?: { attached?: boolean } }>('VolumeAttachment')) {
    if (va.spec.source.persistentVolumeName === pv.metadata.name && va.status?.attached) nodes.add(va.spec.nodeName);
  }
  if (nodes.size === 0) {
    const id = volumeIdOf(pv);
    for (const n of core.store.values<Node & KubeObject>('Node')) {
      if (n.status?.volumesAttached?.some((v) => v.name.endsWith(id))) nodes.add(n.metadata.name ?? '');
    }
  }
  const claim = pv.spec?.claimRef;
  return [...nodes].sort().map((nodeName) => ({
    nodeName,
    pods: core.store
      .byIndex<Pod & KubeObject>('Pod', PODS_BY_NODE_INDEX, nodeName)
      .filter(
        (p) =>
          p.metadata.namespace === claim?.namespace &&
          (p.spec?.volumes ?? []).some((v) => podVolumeClaimName(p, v) === claim?.name),
      )
      .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '')),
  }));
}
