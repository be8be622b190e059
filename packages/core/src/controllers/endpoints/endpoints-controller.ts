/**
 * Design: the Endpoints controller keeps one `Endpoints` object per Service with a selector,
 * named like the Service, listing the IPs of the selected pods (ready in `addresses`, the others
 * in `notReadyAddresses`). Pods are found through a pods-by-namespace index and filtered by
 * the selector; a pod event enqueues only the Services of its namespace whose selector matches
 * its old or new labels. Deleting a Service deletes its Endpoints.
 * @see kubernetes pkg/controller/endpoint/endpoints_controller.go
 */
import type { Endpoints } from 'kubernetes-types/core/v1';
import { deepEqual } from '../../api/merge-patch.js';
import type { KubeObject } from '../../api/object.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import type { WatchEvent } from '../../store/store.js';
import { WorkloadComponents } from '../events.js';
import { addNamespaceIndex, NAMESPACE_INDEX } from '../replicaset/controller-ref-manager.js';
import type { PodObject } from '../replicaset/controller-utils.js';
import { selectorMatches } from '../replicaset/label-selector.js';
import { Controller } from '../runtime/controller.js';
import { buildSubsets, HEADLESS_SERVICE_LABEL, isHeadless, type ServiceObject } from './endpoints-utils.js';
import { syncCostMs } from '../runtime/defaults.js';

/** A stored Endpoints object. */
export type EndpointsObject = Endpoints & KubeObject;

/** The Endpoints controller. */
export class EndpointsController {
  readonly controller: Controller;

  constructor(private readonly core: CoreCluster) {
    addNamespaceIndex(core.store, 'Pod');
    addNamespaceIndex(core.store, 'Service');
    this.controller = new Controller(core.loop, {
      syncCostMs: (key) => syncCostMs(core.store.countByIndex('Pod', NAMESPACE_INDEX, key.split('/')[0])),
      name: WorkloadComponents.endpoints,
      sync: (key) => {
        const [ns, name] = key.split('/');
        this.sync(ns, name);
      },
    });
    core.store.watch('Service', (e) => this.controller.enqueue(`${e.object.metadata.namespace}/${e.object.metadata.name}`));
    core.store.watch<PodObject>('Pod', (e) => this.onPod(e));
  }

  private onPod(e: WatchEvent<PodObject>): void {
    const ns = e.object.metadata.namespace ?? '';
    for (const svc of this.core.store.byIndex<ServiceObject>('Service', NAMESPACE_INDEX, ns)) {
      const sel = svc.spec?.selector;
      if (!sel) continue;
      const selector = { matchLabels: sel };
      if (selectorMatches(selector, e.object.metadata.labels) || (e.old && selectorMatches(selector, e.old.metadata.labels))) {
        this.controller.enqueue(`${ns}/${svc.metadata.name}`);
      }
    }
  }

  /** `syncService`: writes the Endpoints of one Service (or deletes them with the Service). */
  sync(namespace: string, name: string): void {
    const core = this.core;
    const svc = core.store.get<ServiceObject>('Service', namespace, name);
    const existing = core.store.get<EndpointsObject>('Endpoints', namespace, name);
    if (!svc) {
      if (existing) core.api.delete('Endpoints', namespace, name);
      return;
    }
    const sel = svc.spec?.selector;
    if (!sel) return;
    const pods = core.store
      .byIndex<PodObject>('Pod', NAMESPACE_INDEX, namespace)
      .filter((p) => selectorMatches({ matchLabels: sel }, p.metadata.labels));
    const subsets = buildSubsets(svc, pods);
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
    if (isHeadless(svc)) labels[HEADLESS_SERVICE_LABEL] = '';
    if (!existing) {
      core.api.create<EndpointsObject>({
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name, namespace, ...(Object.keys(labels).length ? { labels } : {}) },
        ...(subsets.length ? { subsets } : {}),
      });
      return;
    }
    const sameLabels = deepEqual(existing.metadata.labels ?? {}, labels);
    if (sameLabels && deepEqual(existing.subsets ?? [], subsets)) return;
    core.api.updateWith<EndpointsObject>('Endpoints', namespace, name, (d) => {
      if (Object.keys(labels).length) d.metadata.labels = labels;
      else delete d.metadata.labels;
      if (subsets.length) d.subsets = subsets;
      else delete d.subsets;
    });
  }
}
