/**
 * `kubectl describe` for PersistentVolumeClaims, PersistentVolumes and StorageClasses.
 * @see kubectl pkg/describe/describe.go (describePersistentVolumeClaim, describePersistentVolume,
 *   describeStorageClass)
 */
import { type KubeObject, type ObjectStore, podVolumeClaimName } from '@kubesim/core';
import { accessModesString, claimClass, isDefaultClass, volumeClass } from '../printers/columns.js';
import { formatLabels } from '../selectors.js';
import type { Pod, Pv, Pvc, StorageClass } from '../types.js';
import { rfc1123z } from '../duration.js';
import { describeEvents, type DescribeWriter, eventsFor, printAnnotationsMultiline, printCSIVolumeAttributes, printLabelsMultiline } from './writer.js';

/** Go's `%v` of a string slice: `[a b]`. */
export function goSlice(items: readonly string[] | undefined): string {
  return `[${(items ?? []).join(' ')}]`;
}

/** Describes one claim. */
export function describePvc(w: DescribeWriter, pvc: Pvc, store: ObjectStore): void {
  w.write(0, `Name:\t${pvc.metadata.name}\n`);
  w.write(0, `Namespace:\t${pvc.metadata.namespace}\n`);
  w.write(0, `StorageClass:\t${claimClass(pvc)}\n`);
  if (pvc.metadata.deletionTimestamp) w.write(0, `Status:\tTerminating (lasts ${w.since(pvc.metadata.deletionTimestamp)})\n`);
  else w.write(0, `Status:\t${pvc.status?.phase ?? ''}\n`);
  w.write(0, `Volume:\t${pvc.spec?.volumeName ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', pvc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
  w.write(0, `Finalizers:\t${goSlice(pvc.metadata.finalizers)}\n`);
  const bound = !!pvc.spec?.volumeName;
  w.write(0, `Capacity:\t${bound ? (pvc.status?.capacity?.storage ?? '') : ''}\n`);
  w.write(0, `Access Modes:\t${bound ? accessModesString(pvc.status?.accessModes) : ''}\n`);
  if (pvc.spec?.volumeMode) w.write(0, `VolumeMode:\t${pvc.spec.volumeMode}\n`);
  const ds = pvc.spec?.dataSource;
  if (ds) {
    w.write(0, 'DataSource:\n');
    if (ds.apiGroup != null) w.write(1, `APIGroup:\t${ds.apiGroup}\n`);
    w.write(1, `Kind:\t${ds.kind ?? ''}\n`);
    w.write(1, `Name:\t${ds.name ?? ''}\n`);
  }
  const pods = store
    .list<Pod>('Pod', pvc.metadata.namespace)
    .filter((p) => (p.spec?.volumes ?? []).some((v) => podVolumeClaimName(p, v) === pvc.metadata.name));
  w.write(0, 'Used By:\t');
  if (pods.length === 0) w.write(0, '<none>\n');
  pods.forEach((p, i) => {
    w.write(0, `${i > 0 ? '\t' : ''}${p.metadata.name}\n`);
  });
  const conds = pvc.status?.conditions ?? [];
  if (conds.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conds) {
      w.write(1, `${c.type} \t${c.status} \t${c.lastProbeTime ? rfc1123z(c.lastProbeTime) : 'Mon, 01 Jan 0001 00:00:00 +0000'} \t${c.lastTransitionTime ? rfc1123z(c.lastTransitionTime) : 'Mon, 01 Jan 0001 00:00:00 +0000'} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  describeEvents(w, eventsFor(store, pvc));
}

/** Describes one volume. */
export function describePv(w: DescribeWriter, pv: Pv, store: ObjectStore): void {
  const spec = pv.spec ?? {};
  w.write(0, `Name:\t${pv.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', pv.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pv.metadata.annotations);
  w.write(0, `Finalizers:\t${goSlice(pv.metadata.finalizers)}\n`);
  w.write(0, `StorageClass:\t${volumeClass(pv)}\n`);
  if (pv.metadata.deletionTimestamp) w.write(0, `Status:\tTerminating (lasts ${w.since(pv.metadata.deletionTimestamp)})\n`);
  else w.write(0, `Status:\t${pv.status?.phase ?? ''}\n`);
  w.write(0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`);
  w.write(0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(0, `Access Modes:\t${accessModesString(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(0, `Capacity:\t${spec.capacity?.storage ?? '0'}\n`);
  w.write(0, 'Node Affinity:\t');
  const terms = spec.nodeAffinity?.required?.nodeSelectorTerms;
  if (!spec.nodeAffinity?.required) w.write(0, '<none>\n');
  else {
    w.write(0, '\n');
    w.write(1, 'Required Terms:\t');
    if (!terms?.length) w.write(0, '<none>\n');
    else {
      w.write(0, '\n');
      terms.forEach((t, i) => {
        w.write(2, `Term ${i}:\t`);
        const reqs = t.matchExpressions ?? [];
        if (reqs.length === 0) w.write(0, '<none>\n');
        reqs.forEach((r, j) => {
          if (j > 0) w.write(2, '\t');
          const vals = r.values?.length ? ` [${r.values.join(', ')}]` : '';
          w.write(0, `${r.key} ${r.operator.toLowerCase()}${vals}\n`);
        });
      });
    }
  }
  w.write(0, `Message:\t${pv.status?.message ?? ''}\n`);
  w.write(0, 'Source:\n');
  if (spec.awsElasticBlockStore) {
    const a = spec.awsElasticBlockStore;
    w.write(2, `Type:\tAWSElasticBlockStore (a Persistent Disk resource in AWS)\n    VolumeID:\t${a.volumeID}\n    FSType:\t${a.fsType ?? ''}\n    Partition:\t${a.partition ?? 0}\n    ReadOnly:\t${a.readOnly ?? false}\n`);
  } else if (spec.csi) {
    const c = spec.csi;
    w.write(2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${c.driver}\n    FSType:\t${c.fsType ?? ''}\n    VolumeHandle:\t${c.volumeHandle ?? ''}\n    ReadOnly:\t${c.readOnly ?? false}\n`);
    printCSIVolumeAttributes(w, c.volumeAttributes);
  } else if (spec.hostPath) {
    w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path}\n    HostPathType:\t${spec.hostPath.type ?? '<none>'}\n`);
  } else w.write(1, '<unknown>\n');
  describeEvents(w, eventsFor(store, pv));
}

/** Describes one StorageClass. */
export function describeStorageClass(w: DescribeWriter, sc: StorageClass, store: ObjectStore): void {
  w.write(0, `Name:\t${sc.metadata.name}\n`);
  w.write(0, `IsDefaultClass:\t${isDefaultClass(sc) ? 'Yes' : 'No'}\n`);
  w.write(0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`);
  w.write(0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
  w.write(0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
  w.write(0, `AllowVolumeExpansion:\t${sc.allowVolumeExpansion === undefined ? '<unset>' : sc.allowVolumeExpansion ? 'True' : 'False'}\n`);
  if (!sc.mountOptions?.length) w.write(0, 'MountOptions:\t<none>\n');
  else {
    w.write(0, 'MountOptions:\n');
    for (const o of sc.mountOptions) w.write(1, `${o}\n`);
  }
  if (sc.reclaimPolicy) w.write(0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
  if (sc.volumeBindingMode) w.write(0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
  describeEvents(w, eventsFor(store, sc));
}

/** A CSINode's drivers as the describer reads them. */
type CsiNode = KubeObject & {
  spec?: { drivers?: readonly { name: string; nodeID?: string; allocatable?: { count?: number }; topologyKeys?: readonly string[] }[] };
};

/** `describeCSINode`: each driver with its node ID, attach limit (`Allocatables: Count`) and topology keys. */
export function describeCsiNode(w: DescribeWriter, csi: CsiNode, store: ObjectStore): void {
  w.write(0, `Name:\t${csi.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', csi.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', csi.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(csi.metadata.creationTimestamp ?? '')}\n`);
  w.write(0, 'Spec:\n');
  const drivers = csi.spec?.drivers;
  if (drivers) {
    w.write(1, 'Drivers:\n');
    for (const d of drivers) {
      w.write(2, `${d.name}:\n`);
      w.write(3, `Node ID:\t${d.nodeID ?? ''}\n`);
      if (d.allocatable?.count !== undefined) {
        w.write(3, 'Allocatables:\n');
        w.write(4, `Count:\t${d.allocatable.count}\n`);
      }
      if (d.topologyKeys) w.write(3, `Topology Keys:\t${goSlice(d.topologyKeys)}\n`);
    }
  }
  describeEvents(w, eventsFor(store, csi));
}
