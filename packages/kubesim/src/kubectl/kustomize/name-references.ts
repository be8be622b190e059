/**
 * kustomize's name reference fix-up (`FixBackReferences`), run once at the end of a build: every
 * field that names another object (a volume's ConfigMap, an `envFrom` Secret, a pod's service
 * account, a claim, a RoleBinding's role…) takes that object's final name when the object was
 * renamed (prefix, suffix, hash), chosen among the candidates as kustomize chooses.
 * @see kustomize api/internal/konfig/builtinpluginconsts/namereference.go,
 *   api/filters/nameref/nameref.go, api/internal/accumulator/namereferencetransformer.go,
 *   api/resmap/reswrangler.go (SubsetThatCouldBeReferencedByResource)
 */
import { type FieldSpec, visitField } from './fieldspec.js';
import { effectiveNamespace, type Gvk, gvkSelected, idString, isClusterScoped, isObj, KustomizeError, type Obj, type Res, wrapError } from './resource.js';

/** One back reference: objects of `referral` are named by the `referrers` fields. */
interface BackReference {
  readonly referral: Partial<Gvk>;
  readonly referrers: readonly FieldSpec[];
}

/** Where a pod spec sits in each workload kind (with the field spec's group/version). */
const POD_SPECS: readonly (readonly [string, string, Partial<Gvk>])[] = [
  ['Pod', 'spec', { version: 'v1' }],
  ['Deployment', 'spec/template/spec', {}],
  ['ReplicaSet', 'spec/template/spec', {}],
  ['DaemonSet', 'spec/template/spec', {}],
  ['StatefulSet', 'spec/template/spec', {}],
  ['Job', 'spec/template/spec', {}],
  ['CronJob', 'spec/jobTemplate/spec/template/spec', {}],
];

/** `fields` under each pod spec of `POD_SPECS`. */
function inPodSpecs(fields: readonly string[]): FieldSpec[] {
  return POD_SPECS.flatMap(([kind, spec, gv]) => fields.map((f) => ({ path: `${spec}/${f}`, kind, ...gv })));
}

/** `path` in each of `kinds` (ServiceAccount, claim and PriorityClass references). */
function inKinds(path: (spec: string) => string, kinds: readonly string[]): FieldSpec[] {
  const spec: Record<string, string> = { Pod: 'spec', CronJob: 'spec/jobTemplate/spec/template/spec' };
  return kinds.map((kind) => ({ path: path(spec[kind] ?? 'spec/template/spec'), kind }));
}

const POD_OWNERS = ['Pod', 'StatefulSet', 'Deployment', 'ReplicationController', 'CronJob', 'Job', 'DaemonSet'];
const RBAC = 'rbac.authorization.k8s.io';

/** `nameReferenceFieldSpecs` (kustomize's default configuration). */
const BACK_REFERENCES: readonly BackReference[] = [
  ...['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({
    referral: { kind },
    referrers: [{ path: 'spec/scaleTargetRef/name', kind: 'HorizontalPodAutoscaler' }],
  })),
  {
    referral: { version: 'v1', kind: 'ConfigMap' },
    referrers: [
      ...inPodSpecs([
        'volumes/configMap/name',
        'containers/env/valueFrom/configMapKeyRef/name',
        'initContainers/env/valueFrom/configMapKeyRef/name',
        'containers/envFrom/configMapRef/name',
        'initContainers/envFrom/configMapRef/name',
        'volumes/projected/sources/configMap/name',
      ]),
      { path: 'spec/configSource/configMap', kind: 'Node' },
      { path: 'rules/resourceNames', kind: 'Role' },
      { path: 'rules/resourceNames', kind: 'ClusterRole' },
      { path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap', kind: 'Ingress' },
      { path: 'spec/template/spec/containers/env/valueFrom/configMapKeyRef/name', kind: 'Service', group: 'serving.knative.dev', version: 'v1' },
      { path: 'spec/template/spec/containers/envFrom/configMapRef/name', kind: 'Service', group: 'serving.knative.dev', version: 'v1' },
    ],
  },
  {
    referral: { version: 'v1', kind: 'Secret' },
    referrers: [
      ...inPodSpecs([
        'volumes/secret/secretName',
        'containers/env/valueFrom/secretKeyRef/name',
        'initContainers/env/valueFrom/secretKeyRef/name',
        'containers/envFrom/secretRef/name',
        'initContainers/envFrom/secretRef/name',
        'imagePullSecrets/name',
        'volumes/projected/sources/secret/name',
      ]),
      { path: 'spec/tls/secretName', kind: 'Ingress' },
      { path: 'metadata/annotations/ingress.kubernetes.io\\/auth-secret', kind: 'Ingress' },
      { path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret', kind: 'Ingress' },
      { path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret', kind: 'Ingress' },
      { path: 'imagePullSecrets/name', kind: 'ServiceAccount' },
      ...['secretName', 'adminSecretName', 'userSecretName', 'secretRef'].map((p) => ({ path: `parameters/${p}`, kind: 'StorageClass' })),
      { path: 'rules/resourceNames', kind: 'Role' },
      { path: 'rules/resourceNames', kind: 'ClusterRole' },
      { path: 'spec/template/spec/containers/env/valueFrom/secretKeyRef/name', kind: 'Service', group: 'serving.knative.dev', version: 'v1' },
      { path: 'spec/azureFile/secretName', kind: 'PersistentVolume' },
    ],
  },
  {
    referral: { version: 'v1', kind: 'Service' },
    referrers: [
      { path: 'spec/serviceName', kind: 'StatefulSet', group: 'apps' },
      { path: 'spec/rules/http/paths/backend/serviceName', kind: 'Ingress' },
      { path: 'spec/backend/serviceName', kind: 'Ingress' },
      { path: 'spec/rules/http/paths/backend/service/name', kind: 'Ingress' },
      { path: 'spec/defaultBackend/service/name', kind: 'Ingress' },
      { path: 'spec/service/name', kind: 'APIService', group: 'apiregistration.k8s.io' },
      { path: 'webhooks/clientConfig/service', kind: 'ValidatingWebhookConfiguration', group: 'admissionregistration.k8s.io' },
      { path: 'webhooks/clientConfig/service', kind: 'MutatingWebhookConfiguration', group: 'admissionregistration.k8s.io' },
    ],
  },
  { referral: { group: RBAC, kind: 'Role' }, referrers: [{ path: 'roleRef/name', kind: 'RoleBinding', group: RBAC }] },
  {
    referral: { group: RBAC, kind: 'ClusterRole' },
    referrers: [
      { path: 'roleRef/name', kind: 'RoleBinding', group: RBAC },
      { path: 'roleRef/name', kind: 'ClusterRoleBinding', group: RBAC },
    ],
  },
  {
    referral: { version: 'v1', kind: 'ServiceAccount' },
    referrers: [
      { path: 'subjects', kind: 'RoleBinding', group: RBAC },
      { path: 'subjects', kind: 'ClusterRoleBinding', group: RBAC },
      ...inKinds((s) => `${s}/serviceAccountName`, POD_OWNERS),
    ],
  },
  { referral: { version: 'v1', kind: 'PersistentVolumeClaim' }, referrers: inKinds((s) => `${s}/volumes/persistentVolumeClaim/claimName`, POD_OWNERS) },
  {
    referral: { version: 'v1', kind: 'PersistentVolume' },
    referrers: [
      { path: 'spec/volumeName', kind: 'PersistentVolumeClaim' },
      { path: 'rules/resourceNames', kind: 'ClusterRole' },
    ],
  },
  {
    referral: { version: 'v1', group: 'storage.k8s.io', kind: 'StorageClass' },
    referrers: [
      { path: 'spec/storageClassName', kind: 'PersistentVolume' },
      { path: 'spec/storageClassName', kind: 'PersistentVolumeClaim' },
      { path: 'spec/volumeClaimTemplates/spec/storageClassName', kind: 'StatefulSet' },
    ],
  },
  { referral: { version: 'v1', group: 'scheduling.k8s.io', kind: 'PriorityClass' }, referrers: inKinds((s) => `${s}/priorityClassName`, POD_OWNERS) },
  // `networking.k8s.io/v1` as the group is kustomize's own config (it matches no IngressClass).
  { referral: { version: 'v1', group: 'networking.k8s.io/v1', kind: 'IngressClass' }, referrers: [{ path: 'spec/ingressClassName', kind: 'Ingress' }] },
];

/** Updates every name reference of `resources` to the referred objects' final names. */
export function fixNameReferences(resources: readonly Res[]): void {
  for (const backRef of BACK_REFERENCES) {
    for (const fs of backRef.referrers) {
      for (const referrer of resources) {
        if (!gvkSelected(referrer.orgId().gvk, fs)) continue;
        const fixer = new ReferenceFixer(referrer, fs, backRef.referral, couldBeReferenced(resources, referrer));
        try {
          visitField(referrer.obj, fs.path, false, (parent, key) => fixer.set(parent, key));
        } catch (e) {
          throw wrapError(`updating name reference in '${fs.path}' field of '${idString(referrer.curId())}'`, e);
        }
      }
    }
  }
}

/** `SubsetThatCouldBeReferencedByResource`. */
function couldBeReferenced(resources: readonly Res[], referrer: Res): Res[] {
  const id = referrer.curId();
  if (isClusterScoped(id.gvk)) return [...resources];
  const bindingNamespaces = new Set<string>();
  if (referrer.gvk.kind === 'RoleBinding' && Array.isArray(referrer.obj.subjects)) {
    for (const s of referrer.obj.subjects) {
      if (isObj(s) && s.kind === 'ServiceAccount' && typeof s.namespace === 'string') bindingNamespaces.add(s.namespace);
    }
  }
  return resources.filter((r) => {
    const target = r.curId();
    return isClusterScoped(target.gvk) || effectiveNamespace(target) === effectiveNamespace(id) || bindingNamespaces.has(target.namespace);
  });
}

/** `nameref.Filter` for one referrer field. */
class ReferenceFixer {
  constructor(
    private readonly referrer: Res,
    private readonly fs: FieldSpec,
    private readonly referral: Partial<Gvk>,
    private readonly candidates: readonly Res[],
  ) {}

  /** The field `parent[key]`: a name, a map with `name` (and `namespace`), or a list of either. */
  set(parent: Obj, key: string): void {
    const value = parent[key];
    if (typeof value === 'string') {
      const next = this.newName(value);
      if (next !== undefined) parent[key] = next;
    } else if (isObj(value)) this.setMapping(value);
    else if (Array.isArray(value)) {
      value.forEach((el, i) => {
        if (typeof el === 'string') {
          const next = this.newName(el);
          if (next !== undefined) value[i] = next;
        } else if (isObj(el)) this.setMapping(el);
      });
    }
  }

  private newName(old: string): string | undefined {
    const referral = this.select(old, this.candidates);
    return referral && referral.name !== old ? referral.name : undefined;
  }

  /** `setMapping`: the `name` (and `namespace`) of a map, candidates narrowed by its namespace. */
  private setMapping(node: Obj): void {
    if (!Object.hasOwn(node, 'name')) throw new KustomizeError("path config error; no 'name' field in node");
    let candidates = this.candidates;
    if (Object.hasOwn(node, 'namespace')) {
      const ns = String(node.namespace);
      const byOriginal = candidates.filter((r) => !isClusterScoped(r.gvk) && effectiveNamespace(r.orgId()) === ns);
      candidates = byOriginal.length > 0 ? byOriginal : candidates.filter((r) => !isClusterScoped(r.gvk) && effectiveNamespace(r.curId()) === ns);
    }
    const old = String(node.name);
    const referral = this.select(old, candidates);
    if (!referral || (referral.name === old && referral.namespace === '')) return;
    node.name = referral.name;
    if (referral.namespace !== '') node.namespace = referral.namespace;
  }

  /** `selectReferral`: the one candidate the name was given to, or none. */
  private select(old: string, all: readonly Res[]): Res | undefined {
    let c = all.filter((r) => r.prevIds().some((id) => id.name === old));
    c = c.filter((r) => r.prevIds().some((id) => gvkSelected(id.gvk, this.referral)));
    const roleRef = this.roleRefGvk();
    if (roleRef) c = c.filter((r) => r.prevIds().some((id) => gvkSelected(id.gvk, roleRef)));
    c = c.filter((r) => this.sameNamespace(r));
    if (c.length === 1) return c[0];
    for (const allowEmpty of [true, false]) {
      c = c.filter((r) => affixesEqual(r, this.referrer, allowEmpty));
      if (c.length === 1) return c[0];
    }
    if (c.length === 0) return undefined;
    if (c.every((r) => r.name === c[0].name)) return c[0];
    throw new KustomizeError(`found multiple possible referrals: ${c.map((r) => idString(r.curId())).join(', ')}`);
  }

  /** `roleRefFilter`: for `roleRef/name`, the roleRef's own group and kind. */
  private roleRefGvk(): Partial<Gvk> | undefined {
    if (!this.fs.path.endsWith('roleRef/name')) return undefined;
    const ref = this.referrer.obj.roleRef;
    if (!isObj(ref) || typeof ref.apiGroup !== 'string' || typeof ref.kind !== 'string') return undefined;
    return { group: ref.apiGroup, kind: ref.kind };
  }

  /** `sameCurrentNamespaceAsReferrer`: cluster-scoped objects and ServiceAccounts pass. */
  private sameNamespace(r: Res): boolean {
    const referrerId = this.referrer.curId();
    if (isClusterScoped(referrerId.gvk) || isClusterScoped(r.gvk) || r.gvk.kind === 'ServiceAccount') return true;
    return effectiveNamespace(referrerId) === effectiveNamespace(r.curId());
  }
}

/** `SameEndingSubSlice`: the shorter list is how the longer one ends (an empty one matches only empty). */
function sameEnding(a: readonly string[], b: readonly string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length === 0) return long.length === 0;
  const diff = long.length - short.length;
  return short.every((s, i) => long[i + diff] === s);
}

/** `PrefixesSuffixesEquals`. */
function affixesEqual(r: Res, o: Res, allowEmpty: boolean): boolean {
  const prefixes = (allowEmpty && (r.prefixes.length === 0 || o.prefixes.length === 0)) || sameEnding(r.prefixes, o.prefixes);
  const suffixes = (allowEmpty && (r.suffixes.length === 0 || o.suffixes.length === 0)) || sameEnding(r.suffixes, o.suffixes);
  return prefixes && suffixes;
}
