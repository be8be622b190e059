/**
 * Safety invariants: must hold at every instant of every run.
 */
import type { KubeObject } from '@kubesim/core';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { type Invariant, type Violation, violation } from './invariant.js';

type Obj<T> = T & KubeObject;

/** `rwo-single-node`: a volume without Multi-Attach is attached (or attaching) to at most one instance. */
export const rwoSingleNode: Invariant = {
  id: 'rwo-single-node',
  description: 'an EBS volume without Multi-Attach is attached to at most one node',
  check(cluster) {
    const out: Violation[] = [];
    for (const v of cluster.components.storage?.ec2.volumes() ?? []) {
      const live = v.attachments.filter((a) => a.state === 'attached' || a.state === 'attaching');
      if (!v.multiAttachEnabled && live.length > 1) {
        out.push(violation(cluster, this.id, `${v.volumeId} is attached to ${live.map((a) => a.instanceId).join(', ')}`, [`volume/${v.volumeId}`]));
      }
    }
    return out;
  },
};

/** `attach-same-zone`: every attachment is to an instance in the volume's zone. */
export const attachSameZone: Invariant = {
  id: 'attach-same-zone',
  description: "a volume is only attached to instances in its own availability zone",
  check(cluster) {
    const out: Violation[] = [];
    const cloud = cluster.core.cloud;
    for (const v of cluster.components.storage?.ec2.volumes() ?? []) {
      for (const a of v.attachments) {
        const zone = cloud?.getInstance(a.instanceId)?.zone;
        if (zone && zone !== v.zone) out.push(violation(cluster, this.id, `${v.volumeId} (${v.zone}) attached to ${a.instanceId} in ${zone}`, [`volume/${v.volumeId}`]));
      }
    }
    return out;
  },
};

/** `binding-symmetric`: every Bound claim names a PV whose claimRef names it back, and vice versa. */
export const bindingSymmetric: Invariant = {
  id: 'binding-symmetric',
  description: 'every Bound claim and its PV point at each other',
  check(cluster) {
    const out: Violation[] = [];
    const store = cluster.core.store;
    for (const c of store.values<Obj<PersistentVolumeClaim>>('PersistentVolumeClaim')) {
      if (c.status?.phase !== 'Bound') continue;
      const pv = c.spec?.volumeName ? store.get<Obj<PersistentVolume>>('PersistentVolume', undefined, c.spec.volumeName) : undefined;
      const ref = pv?.spec?.claimRef;
      if (!pv || !ref || ref.name !== c.metadata.name || ref.namespace !== c.metadata.namespace || (ref.uid && ref.uid !== c.metadata.uid)) {
        out.push(violation(cluster, this.id, `claim ${c.metadata.namespace}/${c.metadata.name} is Bound to ${c.spec?.volumeName} which does not point back`, [`pvc/${c.metadata.namespace}/${c.metadata.name}`]));
      }
    }
    for (const pv of store.values<Obj<PersistentVolume>>('PersistentVolume')) {
      if (pv.status?.phase !== 'Bound') continue;
      const ref = pv.spec?.claimRef;
      const c = ref ? store.get<Obj<PersistentVolumeClaim>>('PersistentVolumeClaim', ref.namespace, ref.name ?? '') : undefined;
      if (!c || c.spec?.volumeName !== pv.metadata.name) {
        out.push(violation(cluster, this.id, `PV ${pv.metadata.name} is Bound to ${ref?.namespace}/${ref?.name} which does not point back`, [`pv/${pv.metadata.name}`]));
      }
    }
    return out;
  },
};

/** `statefulset-ordinal-unique`: at most one pod per StatefulSet ordinal. */
export const statefulSetOrdinalUnique: Invariant = {
  id: 'statefulset-ordinal-unique',
  description: 'at most one pod per StatefulSet ordinal',
  check(cluster) {
    const seen = new Map<string, string>();
    const out: Violation[] = [];
    for (const p of cluster.core.store.values<Obj<Pod>>('Pod')) {
      const owner = p.metadata.ownerReferences?.find((r) => r.kind === 'StatefulSet' && r.controller);
      const index = p.metadata.labels?.['apps.kubernetes.io/pod-index'];
      if (!owner || index === undefined) continue;
      const key = `${p.metadata.namespace}/${owner.name}/${index}`;
      const other = seen.get(key);
      if (other) out.push(violation(cluster, this.id, `ordinal ${key} has pods ${other} and ${p.metadata.name}`, [`pod/${p.metadata.namespace}/${p.metadata.name}`]));
      seen.set(key, p.metadata.name ?? '');
    }
    return out;
  },
};

/** `statefulset-claim-names`: claims a StatefulSet's pods use are named `<template>-<set>-<ordinal>`. */
export const statefulSetClaimNames: Invariant = {
  id: 'statefulset-claim-names',
  description: 'StatefulSet claims are named <template>-<set>-<ordinal>',
  check(cluster) {
    const out: Violation[] = [];
    const store = cluster.core.store;
    for (const p of store.values<Obj<Pod>>('Pod')) {
      const owner = p.metadata.ownerReferences?.find((r) => r.kind === 'StatefulSet' && r.controller);
      if (!owner) continue;
      const set = store.get<KubeObject & { spec: { volumeClaimTemplates?: { metadata: { name: string } }[] } }>('StatefulSet', p.metadata.namespace, owner.name);
      const ordinal = (p.metadata.name ?? '').slice(owner.name.length + 1);
      for (const t of set?.spec.volumeClaimTemplates ?? []) {
        const want = `${t.metadata.name}-${owner.name}-${ordinal}`;
        const vol = p.spec?.volumes?.find((v) => v.name === t.metadata.name);
        if (vol?.persistentVolumeClaim?.claimName !== want) {
          out.push(violation(cluster, this.id, `pod ${p.metadata.name} uses claim ${vol?.persistentVolumeClaim?.claimName} for template ${t.metadata.name}, expected ${want}`, [`pod/${p.metadata.namespace}/${p.metadata.name}`]));
        }
      }
    }
    return out;
  },
};

/** Longest a pod may stay bound to a deleted node: PodGC's 40s quarantine plus its 20s period, with margin (pod_gc.go). */
export const ORPHAN_POD_GRACE_MS = 90_000;

/**
 * `no-pod-on-terminated-node`: no pod stays bound to a node whose instance is terminated and whose
 * Node object is gone for longer than PodGC's quarantine. Stateful (it remembers when it first saw
 * each orphan), so make one per run.
 * @see kubernetes pkg/controller/podgc/gc_controller.go (gcOrphaned, quarantineTime)
 */
export function noPodOnTerminatedNode(): Invariant {
  const firstSeen = new Map<string, number>();
  return {
    id: 'no-pod-on-terminated-node',
    description: 'no pod stays bound to a terminated instance past the PodGC quarantine',
    check(cluster) {
      const out: Violation[] = [];
      const cloud = cluster.core.cloud;
      if (!cloud) return out;
      const now = cluster.now();
      const orphans = new Set<string>();
      for (const p of cluster.core.store.values<Obj<Pod>>('Pod')) {
        const node = p.spec?.nodeName;
        if (!node || p.metadata.deletionTimestamp) continue;
        const inst = cloud.instanceForNode(node);
        if (inst?.state !== 'terminated' || cluster.core.store.get<Obj<Node>>('Node', undefined, node)) continue;
        const key = p.metadata.uid ?? `${p.metadata.namespace}/${p.metadata.name}`;
        orphans.add(key);
        const since = firstSeen.get(key) ?? now;
        firstSeen.set(key, since);
        if (now - since > ORPHAN_POD_GRACE_MS) {
          out.push(violation(cluster, 'no-pod-on-terminated-node', `pod ${p.metadata.name} is still bound to ${node}, whose instance ${inst.instanceId} is terminated, ${now - since}ms after it was first seen`, [`pod/${p.metadata.namespace}/${p.metadata.name}`]));
        }
      }
      for (const key of [...firstSeen.keys()]) if (!orphans.has(key)) firstSeen.delete(key);
      return out;
    },
  };
}
