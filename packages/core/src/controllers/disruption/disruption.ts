/**
 * Design: the disruption controller keeps each PodDisruptionBudget's status (expected, desired
 * and healthy pods, allowed disruptions, the `DisruptionAllowed` condition) in step with its
 * pods. A PDB event enqueues the PDB; a pod event enqueues the first PDB (by name) of the pod's
 * namespace that selects it, found through the PDBs-by-namespace index, and warns on the pod when
 * several do. A sync that leaves evictions in `disruptedPods` is rechecked when the first of them
 * times out. Controllers' scale changes reach it through their pods, as upstream.
 * @see k/k pkg/controller/disruption/disruption.go (NewDisruptionControllerInternal, addPod,
 *   getPdbForPod, sync)
 */
import { getPodDisruptionBudgets } from '../../api/policy/pod-disruption-budget.js';
import type { KubeObject } from '../../api/object.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import type { WatchEvent } from '../../store/store.js';
import { DisruptionReasons, WorkloadComponents } from '../events.js';
import { NAMESPACE_INDEX } from '../replicaset/controller-ref-manager.js';
import { Controller } from '../runtime/controller.js';
import { syncPodDisruptionBudget } from './disruption-sync.js';

/** `getPdbForPod`'s Warning when several PDBs select a pod. */
export function multiplePdbsMessage(pod: KubeObject, chosen: string): string {
  return `Pod ${JSON.stringify(pod.metadata.namespace ?? '')}/${JSON.stringify(pod.metadata.name ?? '')} matches multiple PodDisruptionBudgets.  Chose ${JSON.stringify(chosen)} arbitrarily.`;
}

/** The disruption controller. */
export class DisruptionController {
  readonly controller: Controller;

  constructor(private readonly core: CoreCluster) {
    // Pods by namespace, built on first use (clusters without PDBs never pay for it).
    core.store.addIndex('Pod', NAMESPACE_INDEX, (o) => [o.metadata.namespace ?? ''], { lazy: true });
    this.controller = new Controller(core.loop, {
      name: 'disruption-controller',
      sync: (key) => {
        const [ns, name] = key.split('/');
        const { recheckAfterMs } = syncPodDisruptionBudget(core, ns, name);
        // At least 1 ms: an entry expires only once its timeout is strictly past.
        return recheckAfterMs === undefined ? undefined : { requeueAfterMs: Math.max(1, recheckAfterMs) };
      },
    });
    core.store.watch('PodDisruptionBudget', (e) => this.enqueue(e.object));
    core.store.watch('Pod', (e) => this.onPod(e));
  }

  private enqueue(pdb: KubeObject): void {
    this.controller.enqueue(`${pdb.metadata.namespace}/${pdb.metadata.name}`);
  }

  /** `addPod` / `updatePod` / `deletePod`: the pod's first PDB. */
  private onPod(e: WatchEvent): void {
    if (this.core.store.count('PodDisruptionBudget') === 0) return;
    const pdbs = getPodDisruptionBudgets(this.core.store, e.object);
    const first = pdbs[0];
    if (!first) return;
    if (pdbs.length > 1 && e.type !== 'DELETED') {
      const message = multiplePdbsMessage(e.object, first.metadata.name ?? '');
      this.core.recorder.event(e.object, 'Warning', DisruptionReasons.MultiplePodDisruptionBudgets, message, WorkloadComponents.disruption);
    }
    this.enqueue(first);
  }
}
