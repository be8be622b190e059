/**
 * The service account controller: every Active namespace has the `default` ServiceAccount; one
 * that is deleted comes back at once.
 *
 * Design: keyed by namespace. A namespace that is added or changes, and a ServiceAccount that is
 * deleted, queue their namespace; the sync creates what is missing (upstream's
 * `serviceAccountsToEnsure` is just `default`) and leaves a namespace that is not Active alone.
 * Namespaces that exist when the controller starts are queued in name order (the informer's initial
 * list). The account is created through the API server (defaults, validation, admission) with its
 * uid from the controller's own RNG stream, so no other uid or generated name shifts.
 * @see k/k pkg/controller/serviceaccount/serviceaccounts_controller.go (syncNamespace,
 *   DefaultServiceAccountsControllerOptions)
 */
import type { KubeObject } from '../../api/object.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import type { Rng } from '../../sim/rng.js';
import { Controller } from '../runtime/controller.js';
import { createWithOwnUid, isActiveNamespace } from './writes.js';

/** The controller's name (`--controllers` `serviceaccount`, its informer queue `serviceaccount`). */
export const SERVICE_ACCOUNT_CONTROLLER_NAME = 'serviceaccount-controller';
/** `DefaultServiceAccountsControllerOptions().ServiceAccounts`: the accounts every namespace gets. */
export const SERVICE_ACCOUNTS_TO_ENSURE = ['default'] as const;
/** Label of the controller's RNG stream (the accounts' uids). */
export const SERVICE_ACCOUNT_CONTROLLER_RNG = 'serviceaccount-controller';

/** Keeps the `default` ServiceAccount in every namespace. */
export class ServiceAccountsController {
  readonly controller: Controller;
  private readonly rng: Rng;

  constructor(private readonly core: CoreCluster) {
    this.rng = core.rng.fork(SERVICE_ACCOUNT_CONTROLLER_RNG);
    this.controller = new Controller(core.loop, { name: SERVICE_ACCOUNT_CONTROLLER_NAME, sync: (ns) => this.syncNamespace(ns) });
    core.store.watch('Namespace', (e) => {
      if (e.type !== 'DELETED') this.controller.enqueue(e.object.metadata.name ?? '');
    });
    core.store.watch('ServiceAccount', (e) => {
      if (e.type === 'DELETED') this.controller.enqueue(e.object.metadata.namespace ?? '');
    });
    const names = [...core.store.values('Namespace')].map((ns) => ns.metadata.name ?? '').sort();
    for (const name of names) this.controller.enqueue(name);
  }

  /** `syncNamespace`: creates the accounts an Active namespace lacks. */
  private syncNamespace(namespace: string): void {
    const ns = this.core.store.get('Namespace', undefined, namespace);
    // If the namespace is not active, we shouldn't try to create anything.
    if (!ns || !isActiveNamespace(ns)) return;
    for (const name of SERVICE_ACCOUNTS_TO_ENSURE) {
      if (this.core.store.get('ServiceAccount', namespace, name)) continue;
      const sa: KubeObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } };
      createWithOwnUid(this.core, sa, this.rng);
    }
  }
}
