/**
 * A tiny stand-in for the PV controller and the EBS provisioner, for scheduler tests: binds a
 * claim to a PV the scheduler pre-bound (claimRef), provisions a zonal PV for a claim that got
 * `volume.kubernetes.io/selected-node`, and optionally provisions Immediate claims in a fixed zone.
 */
import type { CoreCluster } from '@kubesim/core';
import type { Node, PersistentVolume, PersistentVolumeClaim, StorageClass } from '../api/types.js';
import { ANN_SELECTED_NODE, LABEL_TOPOLOGY_ZONE } from '../api/well-known.js';
import { makePV } from './builders.js';

/** Options of the fake binder. */
export interface FakeBinderOptions {
  /** Virtual ms between seeing a claim and binding it (default 1000). */
  readonly delayMs?: number;
  /** Provision Immediate claims in this zone (default: leave them Pending). */
  readonly immediateZone?: string;
}

type Draft<T> = { -readonly [K in keyof T]: T[K] extends object ? Draft<T[K]> : T[K] };

function bind(core: CoreCluster, pvc: PersistentVolumeClaim, pvName: string): void {
  const ns = pvc.metadata.namespace;
  const name = pvc.metadata.name as string;
  core.store.update<PersistentVolume>('PersistentVolume', undefined, pvName, (d) => {
    const pv = d as unknown as Draft<PersistentVolume>;
    pv.spec.claimRef = { namespace: ns, name, uid: pvc.metadata.uid };
    pv.status = { phase: 'Bound' };
  });
  core.store.update<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name, (d) => {
    const c = d as unknown as Draft<PersistentVolumeClaim>;
    c.spec.volumeName = pvName;
    c.status = { phase: 'Bound' };
    c.metadata.annotations = { ...(c.metadata.annotations ?? {}), 'pv.kubernetes.io/bind-completed': 'yes' };
  });
}

/** Installs the fake. Returns the number of PVs it provisioned so far via `provisioned()`. */
export function installFakeBinder(core: CoreCluster, options: FakeBinderOptions = {}): { provisioned(): number } {
  const delay = options.delayMs ?? 1000;
  let provisioned = 0;
  const pending = new Set<string>();
  /** claim key → PV whose claimRef names it (seen from PV watch events). */
  const preBoundPV = new Map<string, string>();
  const sync = (ns: string | undefined, name: string): void => {
    const key = `${ns}/${name}`;
    pending.delete(key);
    const pvc = core.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
    if (!pvc || pvc.spec.volumeName) return;
    const preBound = preBoundPV.get(key);
    const pv = preBound ? core.store.get<PersistentVolume>('PersistentVolume', undefined, preBound) : undefined;
    if (pv && pv.spec.claimRef?.name === name && pv.spec.claimRef.namespace === ns) {
      bind(core, pvc, preBound as string);
      return;
    }
    const cls = core.store.get<StorageClass>('StorageClass', undefined, pvc.spec.storageClassName ?? '');
    if (!cls) return;
    const selected = pvc.metadata.annotations?.[ANN_SELECTED_NODE];
    let zone: string | undefined;
    if (cls.volumeBindingMode === 'WaitForFirstConsumer') {
      if (!selected) return;
      zone = core.store.get<Node>('Node', undefined, selected)?.metadata.labels?.[LABEL_TOPOLOGY_ZONE];
    } else zone = options.immediateZone;
    if (!zone) return;
    const pvName = `pvc-${pvc.metadata.uid}`;
    core.store.create(makePV(pvName, { className: cls.metadata.name, size: String(pvc.spec.resources?.requests?.storage ?? '1Gi'), zone }));
    provisioned++;
    bind(core, pvc, pvName);
  };
  const enqueue = (ns: string | undefined, name: string): void => {
    const key = `${ns}/${name}`;
    if (pending.has(key)) return;
    pending.add(key);
    core.loop.schedule(delay, 'fake-binder', () => sync(ns, name));
  };
  core.store.watch<PersistentVolumeClaim>('PersistentVolumeClaim', (e) => {
    if (e.type !== 'DELETED' && !e.object.spec.volumeName) enqueue(e.object.metadata.namespace, e.object.metadata.name as string);
  });
  core.store.watch<PersistentVolume>('PersistentVolume', (e) => {
    const ref = e.object.spec.claimRef;
    if (e.type !== 'DELETED' && ref?.name) preBoundPV.set(`${ref.namespace}/${ref.name}`, e.object.metadata.name as string);
    if (e.type !== 'DELETED' && ref?.name && e.object.status?.phase === 'Available') enqueue(ref.namespace, ref.name);
  });
  return { provisioned: () => provisioned };
}
