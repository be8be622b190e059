/**
 * `pod-fits-node`: no running pod is bound to a node it does not fit: resource requests within
 * allocatable, nodeSelector labels present, and the zones of its bound PVs matching the node.
 */
import type { KubeObject } from '@kubesim/core';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { type Invariant, type Violation, violation } from './invariant.js';

type Obj<T> = T & KubeObject;
const ZONE = 'topology.kubernetes.io/zone';

function cpuMillis(q: string | number | undefined): number {
  if (q === undefined) return 0;
  const s = String(q);
  return s.endsWith('m') ? Number(s.slice(0, -1)) : Number(s) * 1000;
}

function pvZones(pv: PersistentVolume): string[] {
  const fromAffinity = (pv.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? [])
    .flatMap((t) => t.matchExpressions ?? [])
    .filter((e) => e.key === ZONE || e.key === 'topology.ebs.csi.aws.com/zone' || e.key === 'failure-domain.beta.kubernetes.io/zone')
    .flatMap((e) => e.values ?? []);
  const fromLabel = pv.metadata?.labels?.[ZONE] ?? pv.metadata?.labels?.['failure-domain.beta.kubernetes.io/zone'];
  return fromLabel ? [...fromAffinity, fromLabel] : fromAffinity;
}

/** The checker. */
export const podFitsNode: Invariant = {
  id: 'pod-fits-node',
  description: 'no pod is bound to a node it does not fit (resources, nodeSelector, volume zone)',
  check(cluster) {
    const out: Violation[] = [];
    const store = cluster.core.store;
    const cpuUsed = new Map<string, number>();
    for (const p of store.values<Obj<Pod>>('Pod')) {
      const nodeName = p.spec?.nodeName;
      if (!nodeName) continue;
      const node = store.get<Obj<Node>>('Node', undefined, nodeName);
      if (!node) continue;
      const ref = `pod/${p.metadata.namespace}/${p.metadata.name}`;
      const terminal = p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
      if (!terminal) {
        const req = (p.spec?.containers ?? []).reduce((n, c) => n + cpuMillis(c.resources?.requests?.cpu as string | undefined), 0);
        cpuUsed.set(nodeName, (cpuUsed.get(nodeName) ?? 0) + req);
      }
      for (const [k, v] of Object.entries(p.spec?.nodeSelector ?? {})) {
        if (node.metadata.labels?.[k] !== v) out.push(violation(cluster, this.id, `${ref} on ${nodeName} lacks label ${k}=${v}`, [ref]));
      }
      for (const vol of p.spec?.volumes ?? []) {
        const claimName = vol.persistentVolumeClaim?.claimName;
        if (!claimName) continue;
        const claim = store.get<Obj<PersistentVolumeClaim>>('PersistentVolumeClaim', p.metadata.namespace, claimName);
        const pv = claim?.spec?.volumeName ? store.get<Obj<PersistentVolume>>('PersistentVolume', undefined, claim.spec.volumeName) : undefined;
        const zones = pv ? pvZones(pv) : [];
        const nodeZone = node.metadata.labels?.[ZONE];
        if (zones.length && nodeZone && !zones.includes(nodeZone)) {
          out.push(violation(cluster, this.id, `${ref} on ${nodeName} (${nodeZone}) uses ${pv?.metadata.name} pinned to ${zones.join(',')}`, [ref]));
        }
      }
    }
    for (const [nodeName, used] of cpuUsed) {
      const node = store.get<Obj<Node>>('Node', undefined, nodeName);
      const alloc = cpuMillis(node?.status?.allocatable?.cpu as string | undefined);
      if (alloc && used > alloc) out.push(violation(cluster, this.id, `node ${nodeName} has ${used}m cpu requested of ${alloc}m allocatable`, [`node/${nodeName}`]));
    }
    return out;
  },
};
