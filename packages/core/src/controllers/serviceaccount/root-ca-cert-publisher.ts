/**
 * The root CA certificate publisher: every namespace has the ConfigMap `kube-root-ca.crt` whose
 * `ca.crt` is the cluster's CA bundle, annotated `kubernetes.io/description`. A deleted one comes
 * back; one whose data is changed, or whose description is removed, is written back.
 *
 * Design: keyed by namespace. A namespace added (or updated while Active), and the ConfigMap
 * `kube-root-ca.crt` updated or deleted, queue their namespace. The sync creates the ConfigMap
 * when absent (not in a namespace that is not Active: upstream's create fails there and is not
 * retried), else rewrites `data` to exactly `{ca.crt}` and sets the description when either is
 * off, keeping other annotations and labels. Created through the API server with a uid from the
 * publisher's own RNG stream (no other uid or generated name shifts); the CA comes from
 * `rootCaCertificate`.
 * @see k/k pkg/controller/certificates/rootcacertpublisher/publisher.go (syncNamespace)
 */
import type { KubeObject } from '../../api/object.js';
import { ROOT_CA_CERT_CONFIG_MAP_NAME, ROOT_CA_CERT_KEY } from '../../api/admission/service-account.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import type { Rng } from '../../sim/rng.js';
import { Controller } from '../runtime/controller.js';
import { ROOT_CA_RNG, rootCaCertificate } from './root-ca.js';
import { createWithOwnUid, isActiveNamespace } from './writes.js';

/** The controller's name (`--controllers` `root-ca-cert-publisher`). */
export const ROOT_CA_CERT_PUBLISHER_NAME = 'root-ca-cert-publisher';
/** `DescriptionAnnotation`. */
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
/** `Description`, word for word. */
export const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. ' +
  'No other usage is guaranteed across distributions of Kubernetes clusters.';
/** Label of the publisher's RNG stream (the ConfigMaps' uids). */
export const ROOT_CA_CERT_PUBLISHER_RNG = 'root-ca-cert-publisher';

type ConfigMap = KubeObject & { data?: Record<string, string> };

/** Keeps `kube-root-ca.crt` in every namespace. */
export class RootCaCertPublisher {
  readonly controller: Controller;
  /** The CA bundle published (`--root-ca-file`). */
  readonly rootCa: string;
  private readonly rng: Rng;

  constructor(private readonly core: CoreCluster) {
    this.rootCa = rootCaCertificate(core.rng.fork(ROOT_CA_RNG));
    this.rng = core.rng.fork(ROOT_CA_CERT_PUBLISHER_RNG);
    this.controller = new Controller(core.loop, { name: ROOT_CA_CERT_PUBLISHER_NAME, sync: (ns) => this.syncNamespace(ns) });
    core.store.watch('Namespace', (e) => {
      // namespaceAdded: every namespace; namespaceUpdated: Active ones.
      if (e.type === 'ADDED' || (e.type === 'MODIFIED' && isActiveNamespace(e.object))) this.controller.enqueue(e.object.metadata.name ?? '');
    });
    core.store.watch('ConfigMap', (e) => {
      if (e.type !== 'ADDED' && e.object.metadata.name === ROOT_CA_CERT_CONFIG_MAP_NAME) this.controller.enqueue(e.object.metadata.namespace ?? '');
    });
    const names = [...core.store.values('Namespace')].map((ns) => ns.metadata.name ?? '').sort();
    for (const name of names) this.controller.enqueue(name);
  }

  /** `syncNamespace`: create the ConfigMap, or put its data and description back. */
  private syncNamespace(namespace: string): void {
    const store = this.core.store;
    const cm = store.get<ConfigMap>('ConfigMap', namespace, ROOT_CA_CERT_CONFIG_MAP_NAME);
    if (!cm) {
      // Don't retry a create if the namespace doesn't exist or is terminating.
      const ns = store.get('Namespace', undefined, namespace);
      if (!ns || !isActiveNamespace(ns)) return;
      const manifest: ConfigMap = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: ROOT_CA_CERT_CONFIG_MAP_NAME, namespace, annotations: { [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } },
        data: { [ROOT_CA_CERT_KEY]: this.rootCa },
      };
      createWithOwnUid(this.core, manifest, this.rng);
      return;
    }
    const keys = Object.keys(cm.data ?? {});
    const dataMatches = keys.length === 1 && cm.data?.[ROOT_CA_CERT_KEY] === this.rootCa;
    if (dataMatches && cm.metadata.annotations?.[DESCRIPTION_ANNOTATION]) return;
    this.core.api.update({
      ...cm,
      metadata: { ...cm.metadata, annotations: { ...cm.metadata.annotations, [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } },
      data: { [ROOT_CA_CERT_KEY]: this.rootCa },
    } as KubeObject);
  }
}
