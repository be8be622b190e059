/**
 * The kinds kubesim serves: group, version, plural resource, short names, scope. kubectl resolves
 * names through this table; the store and errors use its plural and group.
 * @see kubectl api-resources (Kubernetes 1.33)
 */

/** One served kind. */
export interface KindInfo {
  readonly kind: string;
  readonly group: string;
  readonly version: string;
  /** Plural resource name (`pods`, `deployments`). */
  readonly resource: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
  readonly namespaced: boolean;
  /**
   * A CustomResourceDefinition's kind (installed by an add-on): `metadata.generation` is always
   * kept, and `status` is a subresource when `statusSubresource` is set.
   */
  readonly customResource?: { readonly statusSubresource: boolean };
}

/** `apiVersion` of a kind: `v1` for the core group, `group/version` otherwise. */
export function apiVersionOf(info: KindInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

const k = (
  kind: string,
  group: string,
  resource: string,
  shortNames: string[],
  namespaced: boolean,
  version = 'v1',
): KindInfo => ({ kind, group, version, resource, singular: kind.toLowerCase(), shortNames, namespaced });

/** Built-in kinds, in `kubectl api-resources` order. */
export const BUILTIN_KINDS: readonly KindInfo[] = [
  k('ConfigMap', '', 'configmaps', ['cm'], true),
  k('Endpoints', '', 'endpoints', ['ep'], true),
  k('Event', '', 'events', ['ev'], true),
  k('LimitRange', '', 'limitranges', ['limits'], true),
  k('Namespace', '', 'namespaces', ['ns'], false),
  k('Node', '', 'nodes', ['no'], false),
  k('PersistentVolumeClaim', '', 'persistentvolumeclaims', ['pvc'], true),
  k('PersistentVolume', '', 'persistentvolumes', ['pv'], false),
  k('Pod', '', 'pods', ['po'], true),
  k('ResourceQuota', '', 'resourcequotas', ['quota'], true),
  k('Secret', '', 'secrets', [], true),
  k('ServiceAccount', '', 'serviceaccounts', ['sa'], true),
  k('Service', '', 'services', ['svc'], true),
  k('ControllerRevision', 'apps', 'controllerrevisions', [], true),
  k('DaemonSet', 'apps', 'daemonsets', ['ds'], true),
  k('Deployment', 'apps', 'deployments', ['deploy'], true),
  k('ReplicaSet', 'apps', 'replicasets', ['rs'], true),
  k('StatefulSet', 'apps', 'statefulsets', ['sts'], true),
  k('CronJob', 'batch', 'cronjobs', ['cj'], true),
  k('Job', 'batch', 'jobs', [], true),
  k('PodDisruptionBudget', 'policy', 'poddisruptionbudgets', ['pdb'], true),
  k('PriorityClass', 'scheduling.k8s.io', 'priorityclasses', ['pc'], false),
  k('CSIDriver', 'storage.k8s.io', 'csidrivers', [], false),
  k('CSINode', 'storage.k8s.io', 'csinodes', [], false),
  k('StorageClass', 'storage.k8s.io', 'storageclasses', ['sc'], false),
  k('VolumeAttachment', 'storage.k8s.io', 'volumeattachments', [], false),
];

/** Lookup of kinds by kind name, plural, singular or short name. */
export class KindRegistry {
  private readonly byKind = new Map<string, KindInfo>();
  private readonly byName = new Map<string, KindInfo>();

  constructor(kinds: readonly KindInfo[] = BUILTIN_KINDS) {
    for (const info of kinds) this.register(info);
  }

  register(info: KindInfo): void {
    this.byKind.set(info.kind, info);
    for (const n of [info.resource, info.singular, info.kind.toLowerCase(), ...info.shortNames]) this.byName.set(n, info);
    this.byName.set(`${info.resource}.${info.group}`, info);
    this.byName.set(`${info.singular}.${info.group}`, info);
  }

  /** By `kind` (`Deployment`). */
  get(kind: string): KindInfo | undefined {
    return this.byKind.get(kind);
  }

  /** By a name kubectl accepts (`deploy`, `deployments`, `deployment.apps`, `Deployment`). */
  resolve(name: string): KindInfo | undefined {
    return this.byName.get(name.toLowerCase()) ?? this.byName.get(name);
  }

  /** By `apiVersion` + `kind` as a manifest names them; undefined if the pair is not served. */
  forManifest(apiVersion: string, kind: string): KindInfo | undefined {
    const info = this.byKind.get(kind);
    return info && apiVersionOf(info) === apiVersion ? info : undefined;
  }

  all(): readonly KindInfo[] {
    return [...this.byKind.values()];
  }
}
