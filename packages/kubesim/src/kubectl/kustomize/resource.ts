/**
 * The resource model of a kustomize build: a plain object plus what kustomize keeps beside it in
 * build annotations (the ids it had before namespace, prefix, suffix and hash changes, the
 * prefixes and suffixes applied, whether a hash suffix is due), resource ids and their text form,
 * and the scope table kustomize reads from its built-in OpenAPI data.
 * @see kustomize api/resource/resource.go, kyaml/resid/resid.go, kyaml/resid/gvk.go,
 *   kyaml/openapi/openapi.go (precomputedIsNamespaceScoped)
 */

/** A JSON object as read from YAML. */
export type Obj = Record<string, unknown>;

/** Whether a value is a plain JSON object. */
export function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A kustomize build failure; `message` is the Go error text (kubectl prints it after `error: `). */
export class KustomizeError extends Error {
  override readonly name = 'KustomizeError';
}

/**
 * What kubesim refuses because it does not emulate it. The one kubesim-specific message of a
 * build (kustomize has no such error); never wrapped in kustomize's context prefixes.
 */
export class NotEmulatedError extends KustomizeError {}

/** `kubesim does not emulate <what>`. */
export function notEmulated(what: string): NotEmulatedError {
  return new NotEmulatedError(`kubesim does not emulate ${what}`);
}

/** `errors.WrapPrefixf(err, prefix)`: `prefix: <err>` (a `NotEmulatedError` passes unchanged). */
export function wrapError(prefix: string, e: unknown): KustomizeError {
  if (e instanceof NotEmulatedError) return e;
  const text = e instanceof Error ? e.message.replace(/^error: /, '') : String(e);
  return new KustomizeError(`${prefix}: ${text}`);
}

/** Group, version and kind. */
export interface Gvk {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** A resource id: its gvk, name and namespace (as written; `''` when none). */
export interface ResId {
  readonly gvk: Gvk;
  readonly name: string;
  readonly namespace: string;
}

/** `resid.ParseGroupVersion`: `apps/v1` → apps, v1; `v1` → '', v1. */
export function parseGroupVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** `Gvk.ApiVersion`. */
export function apiVersionOf(gvk: Gvk): string {
  return gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
}

/** `Gvk.IsSelected`: every non-empty part of `selector` equals `gvk`'s. */
export function gvkSelected(gvk: Gvk, selector: Partial<Gvk>): boolean {
  if (selector.group && gvk.group !== selector.group) return false;
  if (selector.version && gvk.version !== selector.version) return false;
  if (selector.kind && gvk.kind !== selector.kind) return false;
  return true;
}

/**
 * The cluster-scoped types of kyaml's `precomputedIsNamespaceScoped` (apiVersion|kind). kustomize
 * takes any type it does not know (custom resources included) as namespaced.
 */
const CLUSTER_SCOPED = new Set(
  [
    'admissionregistration.k8s.io/v1|MutatingWebhookConfiguration',
    'admissionregistration.k8s.io/v1|ValidatingWebhookConfiguration',
    'admissionregistration.k8s.io/v1beta1|MutatingWebhookConfiguration',
    'admissionregistration.k8s.io/v1beta1|ValidatingWebhookConfiguration',
    'apiextensions.k8s.io/v1|CustomResourceDefinition',
    'apiextensions.k8s.io/v1beta1|CustomResourceDefinition',
    'apiregistration.k8s.io/v1|APIService',
    'apiregistration.k8s.io/v1beta1|APIService',
    'certificates.k8s.io/v1|CertificateSigningRequest',
    'certificates.k8s.io/v1beta1|CertificateSigningRequest',
    'flowcontrol.apiserver.k8s.io/v1beta1|FlowSchema',
    'flowcontrol.apiserver.k8s.io/v1beta1|PriorityLevelConfiguration',
    'networking.k8s.io/v1|IngressClass',
    'networking.k8s.io/v1beta1|IngressClass',
    'node.k8s.io/v1|RuntimeClass',
    'node.k8s.io/v1beta1|RuntimeClass',
    'policy/v1beta1|PodSecurityPolicy',
    'rbac.authorization.k8s.io/v1|ClusterRole',
    'rbac.authorization.k8s.io/v1|ClusterRoleBinding',
    'rbac.authorization.k8s.io/v1beta1|ClusterRole',
    'rbac.authorization.k8s.io/v1beta1|ClusterRoleBinding',
    'scheduling.k8s.io/v1|PriorityClass',
    'scheduling.k8s.io/v1beta1|PriorityClass',
    'storage.k8s.io/v1|CSIDriver',
    'storage.k8s.io/v1|CSINode',
    'storage.k8s.io/v1|StorageClass',
    'storage.k8s.io/v1|VolumeAttachment',
    'storage.k8s.io/v1beta1|CSIDriver',
    'storage.k8s.io/v1beta1|CSINode',
    'storage.k8s.io/v1beta1|StorageClass',
    'storage.k8s.io/v1beta1|VolumeAttachment',
    'v1|ComponentStatus',
    'v1|Namespace',
    'v1|Node',
    'v1|NodeProxyOptions',
    'v1|PersistentVolume',
  ],
);

/** `Gvk.IsClusterScoped`: certainly cluster-scoped by kustomize's built-in schema. */
export function isClusterScoped(gvk: Gvk): boolean {
  return CLUSTER_SCOPED.has(`${apiVersionOf(gvk)}|${gvk.kind}`);
}

/** `ResId.EffectiveNamespace`: `_non_namespaceable_` for cluster-scoped types, `default` for none. */
export function effectiveNamespace(id: ResId): string {
  if (isClusterScoped(id.gvk)) return '_non_namespaceable_';
  return id.namespace === '' ? 'default' : id.namespace;
}

/** `ResId.Equals`: same gvk, name and effective namespace. */
export function idEquals(a: ResId, b: ResId): boolean {
  const g = (x: Gvk, y: Gvk) => x.group === y.group && x.version === y.version && x.kind === y.kind;
  return g(a.gvk, b.gvk) && a.name === b.name && effectiveNamespace(a) === effectiveNamespace(b);
}

/** `ResId.String`: `Kind.version.group/name.namespace` with `[noGrp]`, `[noVer]`, `[noNs]`… for empty parts. */
export function idString(id: ResId): string {
  const { group, version, kind } = id.gvk;
  return `${kind || '[noKind]'}.${version || '[noVer]'}.${group || '[noGrp]'}/${id.name || '[noName]'}.${id.namespace || '[noNs]'}`;
}

/** A previous id as kustomize's build annotations keep it: kind, name and effective namespace. */
interface PrevId {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
}

/** One resource of a build and kustomize's bookkeeping about it. */
export class Res {
  private readonly prev: PrevId[] = [];
  /** `config.kubernetes.io/prefixes`: the name prefixes applied, innermost first. */
  readonly prefixes: string[] = [];
  /** `config.kubernetes.io/suffixes`. */
  readonly suffixes: string[] = [];

  constructor(
    /** The object itself, changed in place by the transformers. */
    public obj: Obj,
    /** A generated ConfigMap or Secret whose name still takes the content hash. */
    public needsHash = false,
  ) {}

  /** The gvk from `apiVersion` and `kind`. */
  get gvk(): Gvk {
    const { group, version } = parseGroupVersion(typeof this.obj.apiVersion === 'string' ? this.obj.apiVersion : '');
    return { group, version, kind: typeof this.obj.kind === 'string' ? this.obj.kind : '' };
  }

  /** `metadata`, created when missing. */
  get meta(): Obj {
    if (!isObj(this.obj.metadata)) this.obj.metadata = {};
    return this.obj.metadata as Obj;
  }

  get name(): string {
    const n = isObj(this.obj.metadata) ? this.obj.metadata.name : undefined;
    return typeof n === 'string' ? n : '';
  }

  set name(value: string) {
    this.meta.name = value;
  }

  get namespace(): string {
    const n = isObj(this.obj.metadata) ? this.obj.metadata.namespace : undefined;
    return typeof n === 'string' ? n : '';
  }

  /** `CurId`. */
  curId(): ResId {
    return { gvk: this.gvk, name: this.name, namespace: this.namespace };
  }

  /** `PrevIds`: the ids before each recorded change, oldest first (current group and version). */
  prevIds(): ResId[] {
    const { group, version } = this.gvk;
    return this.prev.map((p) => ({ gvk: { group, version, kind: p.kind }, name: p.name, namespace: p.namespace }));
  }

  /** `OrgId`: the oldest id. */
  orgId(): ResId {
    return this.prevIds()[0] ?? this.curId();
  }

  /** The previous ids and the current one. */
  allIds(): ResId[] {
    return [...this.prevIds(), this.curId()];
  }

  /** `StorePreviousId`: records the current id before a change of name, namespace or kind. */
  storePreviousId(): void {
    const id = this.curId();
    this.prev.push({ kind: id.gvk.kind, name: id.name, namespace: effectiveNamespace(id) });
  }

  /** The metadata map `field` (`labels`, `annotations`) as strings; empty when absent. */
  stringMap(field: 'labels' | 'annotations'): Record<string, string> {
    const m = isObj(this.obj.metadata) ? this.obj.metadata[field] : undefined;
    if (!isObj(m)) return {};
    return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, String(v)]));
  }
}
