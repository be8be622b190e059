/**
 * `kubectl describe` for Deployments, ReplicaSets, StatefulSets, DaemonSets, the pod template block they
 * share, Services, Nodes and a generic fallback.
 * @see kubectl pkg/describe/describe.go (DescribePodTemplate, describeDeployment,
 *   describeReplicaSet, describeStatefulSet, describeDaemonSet, describeService, describeNode)
 */
import type { KubeObject, ObjectStore } from '@kubesim/core';
import { rfc1123z } from '../duration.js';
import { claimClass, nodeRoles } from '../printers/columns.js';
import { podsOnNode } from '../resources.js';
import { formatLabels, formatLabelSelector, labelSelectorMatcher } from '../selectors.js';
import type { NodeObj, Pod, PodTemplate, Service, Workload } from '../types.js';
import { describeNodeResource } from './node-resources.js';
import { describeContainers, describeVolumes } from './pod.js';
import { describeEvents, type DescribeWriter, eventsFor, printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline } from './writer.js';

/** `DescribePodTemplate`. */
export function describePodTemplate(w: DescribeWriter, t: PodTemplate | undefined): void {
  w.write(0, 'Pod Template:\n');
  if (!t) {
    w.write(1, '<unset>');
    return;
  }
  printLabelsMultiline(w, '  Labels', t.metadata?.labels);
  if (Object.keys(t.metadata?.annotations ?? {}).length) printAnnotationsMultiline(w, '  Annotations', t.metadata?.annotations);
  if (t.spec?.serviceAccountName) w.write(1, `Service Account:\t${t.spec.serviceAccountName}\n`);
  if (t.spec?.initContainers?.length) describeContainers(w, 'Init Containers', t.spec.initContainers, undefined, '  ');
  describeContainers(w, 'Containers', t.spec?.containers ?? [], undefined, '  ');
  describeVolumes(w, t.spec?.volumes, '  ');
  if (t.spec?.priorityClassName) w.write(1, `Priority Class Name:\t${t.spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', t.spec?.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', t.spec?.tolerations);
}

function ownedBy(store: ObjectStore, kind: string, owner: KubeObject): KubeObject[] {
  return store.list(kind, owner.metadata.namespace).filter((o) => o.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid && r.controller));
}

function podCounts(store: ObjectStore, owner: Workload): string {
  const match = labelSelectorMatcher(owner.spec?.selector);
  const pods = ownedBy(store, 'Pod', owner).filter((p) => match(p.metadata.labels)) as Pod[];
  const n = (phase: string) => pods.filter((p) => p.status?.phase === phase).length;
  return `${n('Running')} Running / ${n('Pending')} Waiting / ${n('Succeeded')} Succeeded / ${n('Failed')} Failed`;
}

function intOrPercent(v: number | string | undefined, def: string): string {
  return v === undefined ? def : String(v);
}

/** Describes a Deployment. */
export function describeDeployment(w: DescribeWriter, d: Workload, store: ObjectStore): void {
  const s = d.status ?? {};
  w.write(0, `Name:\t${d.metadata.name}\n`);
  w.write(0, `Namespace:\t${d.metadata.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp ?? '')}\n`);
  printLabelsMultiline(w, 'Labels', d.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w.write(0, `Selector:\t${formatLabelSelector(d.spec?.selector)}\n`);
  w.write(0, `Replicas:\t${d.spec?.replicas ?? 1} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable\n`);
  const strategy = d.spec?.strategy ?? {};
  w.write(0, `StrategyType:\t${strategy.type ?? 'RollingUpdate'}\n`);
  w.write(0, `MinReadySeconds:\t${d.spec?.minReadySeconds ?? 0}\n`);
  if ((strategy.type ?? 'RollingUpdate') === 'RollingUpdate') {
    const ru = strategy.rollingUpdate ?? {};
    w.write(0, `RollingUpdateStrategy:\t${intOrPercent(ru.maxUnavailable, '25%')} max unavailable, ${intOrPercent(ru.maxSurge, '25%')} max surge\n`);
  }
  describePodTemplate(w, d.spec?.template);
  if (s.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of s.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const rss = ownedBy(store, 'ReplicaSet', d) as Workload[];
  const hash = (o: Workload) => o.spec?.template?.metadata?.labels?.['pod-template-hash'];
  const revision = (o: KubeObject) => Number(o.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  const newest = [...rss].sort((a, b) => revision(b) - revision(a))[0];
  if (rss.length) {
    const fmt = (list: Workload[]) => (list.length ? list.map((r) => `${r.metadata.name} (${r.status?.replicas ?? 0}/${r.spec?.replicas ?? 0} replicas created)`).join(', ') : '<none>');
    const old = rss.filter((r) => r !== newest && hash(r) !== undefined && (r.spec?.replicas ?? 0) > 0);
    w.write(0, `OldReplicaSets:\t${fmt(old)}\n`);
    w.write(0, `NewReplicaSet:\t${fmt(newest ? [newest] : [])}\n`);
  }
  describeEvents(w, eventsFor(store, d));
}

/** Describes a ReplicaSet. */
export function describeReplicaSet(w: DescribeWriter, rs: Workload, store: ObjectStore): void {
  w.write(0, `Name:\t${rs.metadata.name}\n`);
  w.write(0, `Namespace:\t${rs.metadata.namespace}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', rs.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
  const ctrl = rs.metadata.ownerReferences?.find((r) => r.controller);
  if (ctrl) w.write(0, `Controlled By:\t${ctrl.kind}/${ctrl.name}\n`);
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`);
  w.write(0, `Pods Status:\t${podCounts(store, rs)}\n`);
  describePodTemplate(w, rs.spec?.template);
  if (rs.status?.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of rs.status.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  describeEvents(w, eventsFor(store, rs));
}

/** Describes a StatefulSet. */
export function describeStatefulSet(w: DescribeWriter, ss: Workload, store: ObjectStore): void {
  w.write(0, `Name:\t${ss.metadata.name}\n`);
  w.write(0, `Namespace:\t${ss.metadata.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(ss.metadata.creationTimestamp ?? '')}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(ss.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', ss.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ss.metadata.annotations);
  w.write(0, `Replicas:\t${ss.spec?.replicas ?? 1} desired | ${ss.status?.replicas ?? 0} total\n`);
  w.write(0, `Update Strategy:\t${ss.spec?.updateStrategy?.type ?? 'RollingUpdate'}\n`);
  const ru = ss.spec?.updateStrategy?.rollingUpdate;
  if (ru?.partition !== undefined) {
    w.write(1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  w.write(0, `Pods Status:\t${podCounts(store, ss)}\n`);
  describePodTemplate(w, ss.spec?.template);
  const vcts = ss.spec?.volumeClaimTemplates ?? [];
  if (vcts.length === 0) w.write(0, 'Volume Claims:\t<none>\n');
  else {
    w.write(0, 'Volume Claims:\n');
    for (const t of vcts) {
      w.write(1, `Name:\t${t.metadata.name}\n`);
      w.write(1, `StorageClass:\t${claimClass(t)}\n`);
      printLabelsMultiline(w, 'Labels', t.metadata.labels, '  ');
      printLabelsMultiline(w, 'Annotations', t.metadata.annotations, '  ');
      w.write(1, `Capacity:\t${t.spec?.resources?.requests?.storage ?? '<default>'}\n`);
      w.write(1, `Access Modes:\t[${(t.spec?.accessModes ?? []).join(' ')}]\n`);
    }
  }
  describeEvents(w, eventsFor(store, ss));
}

/** Describes a DaemonSet (`DaemonSetDescriber`). */
export function describeDaemonSet(w: DescribeWriter, ds: Workload, store: ObjectStore): void {
  const s = ds.status ?? {};
  w.write(0, `Name:\t${ds.metadata.name}\n`);
  w.write(0, `Namespace:\t${ds.metadata.namespace}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(ds.spec?.selector)}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
  printLabelsMultiline(w, 'Labels', ds.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ds.metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${s.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${s.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${s.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${s.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${s.numberMisscheduled ?? 0}\n`);
  w.write(0, `Pods Status:\t${podCounts(store, ds)}\n`);
  describePodTemplate(w, ds.spec?.template);
  describeEvents(w, eventsFor(store, ds));
}

/** Describes a Service. */
export function describeService(w: DescribeWriter, svc: Service, store: ObjectStore): void {
  const spec = svc.spec ?? {};
  w.write(0, `Name:\t${svc.metadata.name}\n`);
  w.write(0, `Namespace:\t${svc.metadata.namespace}\n`);
  printLabelsMultiline(w, 'Labels', svc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', svc.metadata.annotations);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${spec.type ?? 'ClusterIP'}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
  if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  // `buildIngressString`: the IP, else the hostname, of each ingress point.
  if (ingress.length > 0) w.write(0, `LoadBalancer Ingress:\t${ingress.map((i) => i.ip || i.hostname || '').join(', ')}\n`);
  const ep = store.get('Endpoints', svc.metadata.namespace, svc.metadata.name ?? '');
  const subsets = (ep?.subsets as { addresses?: { ip: string }[]; ports?: { port: number; name?: string }[] }[] | undefined) ?? [];
  for (const p of spec.ports ?? []) {
    w.write(0, `Port:\t${p.name || '<unset>'}\t${p.port}/${p.protocol ?? 'TCP'}\n`);
    w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${p.protocol ?? 'TCP'}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${p.name || '<unset>'}\t${p.nodePort}/${p.protocol ?? 'TCP'}\n`);
    const addrs = subsets.flatMap((s) => (s.ports ?? []).filter((sp) => (sp.name ?? '') === (p.name ?? '')).flatMap((sp) => (s.addresses ?? []).map((a) => `${a.ip}:${sp.port}`)));
    w.write(0, `Endpoints:\t${addrs.join(',')}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  describeEvents(w, eventsFor(store, svc));
}

/** Describes a Node. */
export function describeNode(w: DescribeWriter, node: NodeObj, store: ObjectStore): void {
  const st = node.status ?? {};
  w.write(0, `Name:\t${node.metadata.name}\n`);
  w.write(0, `Roles:\t${nodeRoles(node)}\n`);
  printLabelsMultiline(w, 'Labels', node.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp ?? '')}\n`);
  const taints = node.spec?.taints ?? [];
  w.write(0, 'Taints:\t');
  if (taints.length === 0) w.write(0, '<none>\n');
  taints.forEach((t, i) => {
    w.write(0, `${i > 0 ? '\t' : ''}${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`);
  });
  w.write(0, `Unschedulable:\t${node.spec?.unschedulable ?? false}\n`);
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of st.conditions) {
      w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime ?? '')} \t${rfc1123z(c.lastTransitionTime ?? '')} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of st.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  for (const [title, res] of [['Capacity', st.capacity], ['Allocatable', st.allocatable]] as const) {
    if (!res) continue;
    w.write(0, `${title}:\n`);
    for (const k of Object.keys(res).sort()) w.write(1, `${k}:\t${res[k]}\n`);
  }
  const info = st.nodeInfo ?? {};
  w.write(0, 'System Info:\n');
  for (const [label, key] of SYSTEM_INFO) w.write(1, `${label}:\t${info[key] ?? ''}\n`);
  if (node.spec?.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);
  const pods = (podsOnNode(store, node.metadata.name ?? '') as Pod[]).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  describeNodeResource(w, node, pods);
  describeEvents(w, eventsFor(store, node));
}

const SYSTEM_INFO: readonly (readonly [string, string])[] = [
  ['Machine ID', 'machineID'],
  ['System UUID', 'systemUUID'],
  ['Boot ID', 'bootID'],
  ['Kernel Version', 'kernelVersion'],
  ['OS Image', 'osImage'],
  ['Operating System', 'operatingSystem'],
  ['Architecture', 'architecture'],
  ['Container Runtime Version', 'containerRuntimeVersion'],
  ['Kubelet Version', 'kubeletVersion'],
  ['Kube-Proxy Version', 'kubeProxyVersion'],
];

