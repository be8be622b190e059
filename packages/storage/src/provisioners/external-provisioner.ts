/**
 * Design: the CSI external-provisioner sidecar of each driver, folded into one loop. It acts on
 * claims the PV controller handed over (`volume.kubernetes.io/storage-provisioner` = a driver we
 * run): once the claim may be provisioned (Immediate, or WaitForFirstConsumer with
 * `volume.kubernetes.io/selected-node`), it emits `Provisioning`, calls the driver's CreateVolume,
 * waits until the volume is ready and creates the PV `pvc-<claim uid>` pre-bound to the claim
 * (`ProvisioningSucceeded`); the PV controller then binds. Failures emit `ProvisioningFailed` and
 * retry with exponential backoff (1s doubling to 5m). Released PVs with reclaim policy Delete are
 * deleted here: the cloud volume first (retried while still attached), then the PV object.
 * @see kubernetes-csi external-provisioner pkg/controller/controller.go;
 *      sig-storage-lib-external-provisioner controller/controller.go
 */
import { Controller, type CoreCluster, getReference, type SyncResult } from '@kubesim/core';
import type { Node, PersistentVolume, PersistentVolumeClaim, StorageClass } from '../api-types.js';
import { ANN, FINALIZER, SNAPSHOT_GROUP } from '../constants.js';
import { Ec2Error } from '../ebs/errors.js';
import { REASON } from '../events/reasons.js';
import { parseBytes } from '../util/quantity.js';
import { RESTORE_MSG } from '../snapshot/messages.js';
import { getSnapshotSource, snapshotDataSource } from '../snapshot/restore-source.js';
import { SNAPSHOT_KIND } from '../snapshot/types.js';
import { ProvisionError } from './parameters.js';
import type { ProvisionedVolume, ProvisionRequest, VolumeProvisioner } from './provisioner.js';

/** Finalizer the external-provisioner keeps on PVs it provisioned (v3+). */
export const PROVISIONER_FINALIZER = 'external-provisioner.volume.kubernetes.io/finalizer';
/** Retry backoff of the provisioner (`--retry-interval-start` 1s, `--retry-interval-max` 5m). */
const RETRY_START_MS = 1000;
const RETRY_MAX_MS = 300_000;
/** Poll period while a volume is being created or a delete waits for detach. */
const POLL_MS = 1000;

interface InFlight {
  readonly req: ProvisionRequest;
  readonly vol: ProvisionedVolume;
}

/** The external-provisioner loop. */
export class ExternalProvisioner {
  readonly controller: Controller;
  private readonly inFlight = new Map<string, InFlight>();
  private readonly failures = new Map<string, number>();
  /** Event source per driver: `<driver>_<controller pod>_<uuid>`. */
  private readonly sources = new Map<string, string>();

  constructor(
    private readonly core: CoreCluster,
    private readonly provisioners: readonly VolumeProvisioner[],
  ) {
    this.controller = new Controller(core.loop, { name: 'external-provisioner', sync: (key) => this.sync(key) });
    const rng = core.rng.fork('external-provisioner');
    for (const p of provisioners) {
      const prefix = p.driver.split('.')[0];
      const pod = `${prefix}-csi-controller-${rng.string('456789bcdf', 10)}-${rng.string('bcdfghjklmnpqrstvwxz2456789', 5)}`;
      this.sources.set(p.driver, `${p.driver}_${pod}_${rng.uuid()}`);
    }
    core.store.watch<PersistentVolumeClaim>('PersistentVolumeClaim', (e) => {
      if (e.type !== 'DELETED') this.controller.enqueue(`pvc:${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
    core.store.watch<PersistentVolume>('PersistentVolume', (e) => {
      if (e.type !== 'DELETED') this.controller.enqueue(`pv:${e.object.metadata.name}`);
    });
  }

  /** The event source component of a driver's provisioner. */
  sourceOf(driver: string): string {
    return this.sources.get(driver) ?? driver;
  }

  private forDriver(driver: string | undefined): VolumeProvisioner | undefined {
    return driver ? this.provisioners.find((p) => p.driver === driver) : undefined;
  }

  private sync(key: string): SyncResult {
    return key.startsWith('pv:') ? this.syncVolume(key.slice(3)) : this.syncClaim(key.slice(4));
  }

  private syncClaim(key: string): SyncResult {
    const [ns, name] = key.split('/');
    const claim = this.core.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
    if (!claim || claim.spec?.volumeName || claim.metadata.deletionTimestamp) {
      this.inFlight.delete(key);
      return;
    }
    const provisioner = this.forDriver(claim.metadata.annotations?.[ANN.storageProvisioner]);
    const className = claim.spec?.storageClassName ?? '';
    const sc = className ? this.core.store.get<StorageClass>('StorageClass', undefined, className) : undefined;
    if (!provisioner || !sc) return;
    const selected = claim.metadata.annotations?.[ANN.selectedNode];
    if (sc.volumeBindingMode === 'WaitForFirstConsumer' && !selected) return;
    const pvName = `pvc-${claim.metadata.uid}`;
    if (this.core.store.get('PersistentVolume', undefined, pvName)) return;
    const source = this.sourceOf(provisioner.driver);
    let flight = this.inFlight.get(key);
    if (!flight) {
      const selectedNode = selected ? this.core.store.get<Node>('Node', undefined, selected) : undefined;
      this.core.recorder.event(claim, 'Normal', REASON.Provisioning, `External provisioner is provisioning volume for claim "${ns}/${name}"`, source);
      const ds = claim.spec?.dataSource;
      if (ds && ds.kind !== SNAPSHOT_KIND.snapshot && ds.kind !== 'PersistentVolumeClaim') {
        // Neither a snapshot nor a claim: a volume populator's job (an IgnoredError: no retry).
        this.core.recorder.event(claim, 'Normal', REASON.Provisioning, RESTORE_MSG.assumingPopulator, source);
        return;
      }
      try {
        // `prepareProvision`: the data source's kind and group, then the driver's capabilities.
        if (ds?.kind === SNAPSHOT_KIND.snapshot && (ds.apiGroup ?? '') !== SNAPSHOT_GROUP) throw new ProvisionError(RESTORE_MSG.wrongApiGroup(ds.apiGroup ?? ''));
        if (ds?.kind === SNAPSHOT_KIND.snapshot && !provisioner.restoresSnapshots) throw new ProvisionError(RESTORE_MSG.noSnapshotRestore);
        if (ds?.kind === 'PersistentVolumeClaim' && !provisioner.clonesVolumes) throw new ProvisionError(RESTORE_MSG.noClone);
        if (selected && !selectedNode) throw new ProvisionError(`failed to get target node: node "${selected}" not found`);
        const snapshotName = provisioner.restoresSnapshots ? snapshotDataSource(claim) : undefined;
        const req: ProvisionRequest = {
          claim,
          storageClass: sc,
          pvName,
          requestBytes: parseBytes(claim.spec?.resources?.requests?.storage as string | undefined) ?? 0,
          selectedNode,
          ...(snapshotName !== undefined ? { snapshotId: getSnapshotSource(this.core, claim, sc, snapshotName) } : {}),
        };
        flight = { req, vol: provisioner.create(req) };
      } catch (e) {
        if (!(e instanceof ProvisionError)) throw e;
        const message = `failed to provision volume with StorageClass ${JSON.stringify(className)}: ${e.message}`;
        this.core.recorder.event(claim, 'Warning', REASON.ProvisioningFailed, message, source);
        const n = (this.failures.get(key) ?? 0) + 1;
        this.failures.set(key, n);
        return { requeueAfterMs: Math.min(RETRY_MAX_MS, RETRY_START_MS * 2 ** (n - 1)) };
      }
      this.failures.delete(key);
      this.inFlight.set(key, flight);
    }
    if (!provisioner.isReady(flight.vol.handle)) return { requeueAfterMs: POLL_MS };
    this.createVolumeObject(flight, provisioner, sc);
    this.inFlight.delete(key);
    this.core.recorder.event(claim, 'Normal', REASON.ProvisioningSucceeded, `Successfully provisioned volume ${pvName}`, source);
  }

  private createVolumeObject(flight: InFlight, provisioner: VolumeProvisioner, sc: StorageClass): void {
    const { req, vol } = flight;
    const claim = req.claim;
    const parts = provisioner.pvParts(req, vol);
    this.core.api.create({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {
        name: req.pvName,
        annotations: { ...parts.annotations },
        finalizers: [FINALIZER.pvProtection, PROVISIONER_FINALIZER],
      },
      spec: {
        accessModes: [...(claim.spec?.accessModes ?? [])],
        capacity: { storage: `${vol.sizeGiB}Gi` },
        claimRef: getReference(claim),
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        storageClassName: sc.metadata.name,
        volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
        ...(sc.mountOptions ? { mountOptions: [...sc.mountOptions] } : {}),
        ...parts.spec,
      },
    });
  }

  /** Reclaim Delete of a Released PV this provisioner created. */
  private syncVolume(name: string): SyncResult {
    const pv = this.core.store.get<PersistentVolume>('PersistentVolume', undefined, name);
    if (pv?.spec?.persistentVolumeReclaimPolicy !== 'Delete' || pv.status?.phase !== 'Released') return;
    const ann = pv.metadata.annotations ?? {};
    const provisioner = this.provisioners.find(
      (p) => p.names.includes(ann[ANN.provisionedBy] ?? '') || (ann[ANN.migratedTo] && p.driver === ann[ANN.migratedTo]),
    );
    if (!provisioner) return;
    let outcome: 'done' | 'retry';
    try {
      outcome = provisioner.deleteVolume(pv);
    } catch (e) {
      if (!(e instanceof Ec2Error)) throw e;
      const handle = pv.spec?.csi?.volumeHandle ?? pv.spec?.awsElasticBlockStore?.volumeID ?? '';
      const message = `rpc error: code = Internal desc = Could not delete volume ID ${JSON.stringify(handle.split('/').pop())}: ${e.toString()}`;
      this.core.recorder.event(pv, 'Warning', REASON.VolumeFailedDelete, message, this.sourceOf(provisioner.driver));
      const n = (this.failures.get(`pv:${name}`) ?? 0) + 1;
      this.failures.set(`pv:${name}`, n);
      return { requeueAfterMs: Math.min(RETRY_MAX_MS, RETRY_START_MS * 2 ** (n - 1)) };
    }
    this.failures.delete(`pv:${name}`);
    if (outcome === 'retry') return { requeueAfterMs: POLL_MS };
    if (pv.metadata.finalizers?.includes(PROVISIONER_FINALIZER)) {
      this.core.api.updateWith<PersistentVolume>('PersistentVolume', undefined, name, (d) => {
        d.metadata.finalizers = (d.metadata.finalizers ?? []).filter((f) => f !== PROVISIONER_FINALIZER);
      });
    }
    if (this.core.store.get('PersistentVolume', undefined, name) && !pv.metadata.deletionTimestamp) {
      this.core.api.delete('PersistentVolume', undefined, name);
    }
  }
}
