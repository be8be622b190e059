/**
 * The ephemeral volume controller: for each generic ephemeral volume of a new pod it creates the
 * claim `<pod>-<volume>` from the volume's `volumeClaimTemplate` (labels, annotations, spec), the
 * pod its controlling owner, so the claim is provisioned like any other and garbage-collected
 * with the pod. A claim of that name that the pod does not own is an error (`FailedBinding` on
 * the pod, retried); a deleted claim whose pod still runs is created again.
 * @see kubernetes pkg/controller/volume/ephemeral/controller.go
 */
import type { PersistentVolumeClaim, Pod, Volume } from 'kubernetes-types/core/v1';
import { cloneData } from '../../api/clone.js';
import { ephemeralClaimName, volumeIsForPod } from '../../api/ephemeral.js';
import type { KubeObject } from '../../api/object.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import { EphemeralVolumeMessages, WorkloadComponents } from '../events.js';
import { Controller } from '../runtime/controller.js';

type PodObject = Pod & KubeObject;
type ClaimObject = PersistentVolumeClaim & KubeObject;

/** Index: pods by the `ns/name` of their ephemeral volumes' claims (`common.PodPVCIndex` for them). */
const PODS_BY_EPHEMERAL_CLAIM = 'ephemeral-volume.claims';

function ephemeralClaimKeys(pod: Pod): string[] {
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) if (v.ephemeral) out.push(`${pod.metadata?.namespace}/${ephemeralClaimName(pod, v)}`);
  return out;
}

/** Creates the claims of pods' generic ephemeral volumes. */
export class EphemeralVolumeController {
  readonly controller: Controller;

  constructor(private readonly core: CoreCluster) {
    this.controller = new Controller(core.loop, { name: WorkloadComponents.ephemeralVolume, sync: (key) => this.sync(key) });
    // The pod spec is immutable: only new pods matter; deletion is the garbage collector's.
    // Lazy: filed only once a claim is deleted (most runs never ask).
    core.store.addIndex<PodObject>('Pod', PODS_BY_EPHEMERAL_CLAIM, ephemeralClaimKeys, { lazy: true });
    core.store.watch<PodObject>('Pod', (e) => {
      if (e.type === 'ADDED') this.enqueuePod(e.object);
    });
    core.store.watch<ClaimObject>('PersistentVolumeClaim', (e) => {
      if (e.type === 'DELETED') this.onClaimDeleted(e.object);
    });
  }

  private enqueuePod(pod: PodObject): void {
    if (pod.metadata.deletionTimestamp || !pod.spec?.volumes?.some((v) => v.ephemeral !== undefined)) return;
    this.controller.enqueue(`${pod.metadata.namespace}/${pod.metadata.name}`);
  }

  /** A deleted claim is created again for a pod whose ephemeral volume it was. */
  private onClaimDeleted(claim: ClaimObject): void {
    const key = `${claim.metadata.namespace}/${claim.metadata.name}`;
    for (const pod of this.core.store.byIndex<PodObject>('Pod', PODS_BY_EPHEMERAL_CLAIM, key)) this.enqueuePod(pod);
  }

  private sync(key: string): void {
    const [ns, name] = key.split('/');
    const pod = this.core.store.get<PodObject>('Pod', ns, name);
    if (!pod || pod.metadata.deletionTimestamp) return;
    for (const volume of pod.spec?.volumes ?? []) {
      const err = this.handleVolume(pod, volume);
      if (err === undefined) continue;
      this.core.recorder.event(pod, 'Warning', EphemeralVolumeMessages.reason, EphemeralVolumeMessages.failed(volume.name, err), WorkloadComponents.ephemeralVolume);
      // An error: the work queue's rate-limited retry (exponential back-off).
      throw new Error(`pod ${key}, ephemeral volume ${volume.name}: ${err}`);
    }
  }

  /** `handleVolume`: undefined when the claim exists for the pod or was created; else the error. */
  private handleVolume(pod: PodObject, volume: Volume): string | undefined {
    if (!volume.ephemeral) return undefined;
    const template = volume.ephemeral.volumeClaimTemplate;
    const claimName = ephemeralClaimName(pod, volume);
    const existing = this.core.store.get<ClaimObject>('PersistentVolumeClaim', pod.metadata.namespace, claimName);
    if (existing) return volumeIsForPod(pod, existing);
    const claim = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: claimName,
        namespace: pod.metadata.namespace,
        ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
        ...(template?.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
        ...(template?.metadata?.labels ? { labels: { ...template.metadata.labels } } : {}),
      },
      spec: cloneData(template?.spec ?? {}),
    } as ClaimObject;
    try {
      this.core.api.create(claim);
    } catch (e) {
      return EphemeralVolumeMessages.createFailed(claimName, (e as Error).message);
    }
    return undefined;
  }
}
