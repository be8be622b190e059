/**
 * The ReplicaSet controller's writes: create a pod from the template, delete a pod, and the
 * events that report each (`Created pod: web-7c5ddbdf54-x2k9p`).
 * @see kubernetes pkg/controller/controller_utils.go (RealPodControl, GetPodFromTemplate)
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { type KubeObject, newControllerRef } from '../../api/object.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import { WorkloadReasons } from '../events.js';
import type { PodObject } from './controller-utils.js';
import { cloneData } from '../../api/clone.js';

/** `Created pod: %v`. */
export const createdPodMessage = (name: string): string => `Created pod: ${name}`;
/** `Deleted pod: %v`. */
export const deletedPodMessage = (name: string): string => `Deleted pod: ${name}`;
/** `Error creating: %v`. */
export const failedCreateMessage = (err: string): string => `Error creating: ${err}`;
/** `Error deleting: %v`. */
export const failedDeleteMessage = (err: string): string => `Error deleting: ${err}`;

/**
 * `GetPodFromTemplate`: a pod with the template's labels, annotations, finalizers and spec,
 * `generateName` `<owner>-` and a controller reference to `owner`.
 */
export function getPodFromTemplate(template: PodTemplateSpec | undefined, owner: KubeObject): PodObject {
  const meta = template?.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${owner.metadata.name}-`,
      namespace: owner.metadata.namespace,
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [newControllerRef(owner)],
    },
    spec: cloneData(template?.spec ?? { containers: [] }),
  };
}

/** Pod writes of a controller, with events in its name. */
export class PodControl {
  constructor(
    private readonly core: CoreCluster,
    private readonly component: string,
  ) {}

  /**
   * Creates a pod from `template` owned by `owner`; records SuccessfulCreate or FailedCreate.
   * `generateName` replaces `<owner>-` (`CreatePodsWithGenerateName`).
   */
  createPod(template: PodTemplateSpec | undefined, owner: KubeObject, generateName?: string): PodObject | undefined {
    try {
      const manifest = getPodFromTemplate(template, owner);
      if (generateName) manifest.metadata.generateName = generateName;
      const pod = this.core.api.create<PodObject>(manifest);
      this.core.recorder.event(owner, 'Normal', WorkloadReasons.SuccessfulCreate, createdPodMessage(pod.metadata.name ?? ''), this.component);
      return pod;
    } catch (e) {
      this.core.recorder.event(owner, 'Warning', WorkloadReasons.FailedCreate, failedCreateMessage((e as Error).message), this.component);
      throw e;
    }
  }

  /** Deletes a pod (gracefully, as the API server decides); records SuccessfulDelete or FailedDelete. */
  deletePod(pod: PodObject, owner: KubeObject): void {
    const name = pod.metadata.name ?? '';
    try {
      this.core.api.delete('Pod', pod.metadata.namespace, name);
      this.core.recorder.event(owner, 'Normal', WorkloadReasons.SuccessfulDelete, deletedPodMessage(name), this.component);
    } catch (e) {
      this.core.recorder.event(owner, 'Warning', WorkloadReasons.FailedDelete, failedDeleteMessage((e as Error).message), this.component);
      throw e;
    }
  }
}
