/**
 * Builds the report's view of a cluster at one instant (zones, nodes, pods, EBS volumes with
 * attachments and Multi-Attach conflicts) from API objects and the EC2 model.
 */
import type { CoreEvent, KubeObject } from '@kubesim/core';
import type { Node, PersistentVolume, Pod } from 'kubernetes-types/core/v1';
import type { Cluster } from '../cluster.js';
import { podStatusText, volumeIdOf } from '../diagnose/facts.js';
import type { ClusterSnapshot, EventSnapshot, NodeSnapshot, PodSnapshot, VolumeSnapshot } from '../report/model.js';

const ZONE_LABEL = 'topology.kubernetes.io/zone';
/** Statuses that are normal on the way to Running; after this long they count as stuck. */
const STUCK_AFTER_MS = 60_000;

type PodObj = Pod & KubeObject;

function podSnapshot(cluster: Cluster, pod: PodObj): PodSnapshot {
  const status = podStatusText(pod);
  const ready = `${(pod.status?.containerStatuses ?? []).filter((c) => c.ready).length}/${pod.spec?.containers?.length ?? 0}`;
  const created = cluster.core.clock.parse(pod.metadata.creationTimestamp ?? '');
  const waiting = ['ContainerCreating', 'Pending'].includes(status);
  const stuck = waiting && cluster.now() - created >= STUCK_AFTER_MS;
  const warning = stuck ? cluster.events(pod).filter((e) => e.type === 'Warning').pop() : undefined;
  return {
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name ?? '',
    status,
    ready,
    stuck,
    reason: warning?.message,
    claims: (pod.spec?.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : [])),
  };
}

function nodeSnapshot(cluster: Cluster, node: Node & KubeObject, pods: PodObj[]): NodeSnapshot {
  const ready = (node.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown') as NodeSnapshot['ready'];
  return {
    name: node.metadata.name ?? '',
    instanceId: (node.spec?.providerID ?? '').split('/').pop() ?? '',
    instanceType: node.metadata.labels?.['node.kubernetes.io/instance-type'] ?? '',
    ready,
    unschedulable: node.spec?.unschedulable === true,
    pods: pods.map((p) => podSnapshot(cluster, p)),
  };
}

function volumeSnapshots(cluster: Cluster, nodesByInstance: Map<string, string>, stuckPods: readonly (PodSnapshot & { node: string })[]): VolumeSnapshot[] {
  const ec2 = cluster.components.storage?.ec2;
  if (!ec2) return [];
  const pvByVolume = new Map<string, PersistentVolume & KubeObject>();
  for (const pv of cluster.core.store.values<PersistentVolume & KubeObject>('PersistentVolume')) pvByVolume.set(volumeIdOf(pv), pv);
  return ec2
    .volumes()
    .filter((v) => v.state !== 'deleted')
    .map((v) => {
      const pv = pvByVolume.get(v.volumeId);
      const claim = pv?.spec?.claimRef ? `${pv.spec.claimRef.namespace}/${pv.spec.claimRef.name}` : undefined;
      const blocked = stuckPods.find((p) => claim && p.claims.some((c) => `${p.namespace}/${c}` === claim) && p.reason?.startsWith('Multi-Attach'));
      return {
        volumeId: v.volumeId,
        zone: v.zone,
        sizeGiB: v.sizeGiB,
        volumeType: v.volumeType,
        state: v.state,
        attachments: v.attachments.map((a) => ({ nodeName: nodesByInstance.get(a.instanceId) ?? a.instanceId, instanceId: a.instanceId, state: a.state })),
        pvName: pv?.metadata.name,
        claim,
        conflict: blocked ? { nodeName: blocked.node, pods: [blocked.name], message: blocked.reason ?? '' } : undefined,
      } satisfies VolumeSnapshot;
    });
}

/** The cluster as the report draws it. */
export function snapshotCluster(cluster: Cluster): ClusterSnapshot {
  const store = cluster.core.store;
  const podsByNode = new Map<string, PodObj[]>();
  const unscheduled: PodObj[] = [];
  for (const pod of store.list<PodObj>('Pod')) {
    const node = pod.spec?.nodeName;
    if (!node) unscheduled.push(pod);
    else {
      const list = podsByNode.get(node);
      if (list) list.push(pod);
      else podsByNode.set(node, [pod]);
    }
  }
  const nodesByInstance = new Map<string, string>();
  const stuck: (PodSnapshot & { node: string })[] = [];
  const zones = cluster.options.zones.map((zone) => ({
    name: zone,
    nodes: store
      .list<Node & KubeObject>('Node')
      .filter((n) => n.metadata.labels?.[ZONE_LABEL] === zone)
      .map((n) => {
        const snap = nodeSnapshot(cluster, n, podsByNode.get(n.metadata.name ?? '') ?? []);
        nodesByInstance.set(snap.instanceId, snap.name);
        for (const p of snap.pods) if (p.stuck) stuck.push({ ...p, node: snap.name });
        return snap;
      }),
  }));
  return {
    zones,
    volumes: volumeSnapshots(cluster, nodesByInstance, stuck),
    unscheduled: unscheduled.map((p) => podSnapshot(cluster, p)),
  };
}

/** Events as the report lists them. */
export function snapshotEvents(cluster: Cluster, events: readonly CoreEvent[]): EventSnapshot[] {
  return events.map((e) => ({
    type: e.type,
    reason: e.reason,
    object: `${e.involvedObject.kind?.toLowerCase()}/${e.involvedObject.name}`,
    message: e.message,
    count: e.count,
    atMs: cluster.core.clock.parse(e.lastTimestamp),
  }));
}
