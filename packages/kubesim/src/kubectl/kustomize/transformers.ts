/**
 * kustomize's built-in transformers, each over every resource of a kustomization: namespace,
 * name prefix and suffix, labels (`labels` and `commonLabels`), `commonAnnotations`, `replicas`
 * and `images`, with the field specs of kustomize's default configuration.
 * @see kustomize api/filters/namespace, api/builtins (PrefixTransformer, SuffixTransformer,
 *   LabelTransformer, AnnotationsTransformer, ReplicaCountTransformer, ImageTagTransformer),
 *   api/internal/konfig/builtinpluginconsts (commonlabels.go, metadatalabels.go,
 *   commonannotations.go, namespace.go, replicas.go), api/filters/imagetag, api/image/image.go
 */
import type { ImageArgs, Kustomization, ReplicaArgs } from './load.js';
import { type FieldSpec, fieldSpecSelects, setInMap, visitField } from './fieldspec.js';
import { gvkSelected, idEquals, idString, isClusterScoped, isObj, KustomizeError, type Obj, type Res } from './resource.js';

/** `metadataLabelsFieldSpecs`: the object's labels and its pod and claim templates' labels. */
const METADATA_LABELS: readonly FieldSpec[] = [
  { path: 'metadata/labels', create: true },
  { path: 'spec/template/metadata/labels', create: true, version: 'v1', kind: 'ReplicationController' },
  { path: 'spec/template/metadata/labels', create: true, kind: 'Deployment' },
  { path: 'spec/template/metadata/labels', create: true, kind: 'ReplicaSet' },
  { path: 'spec/template/metadata/labels', create: true, kind: 'DaemonSet' },
  { path: 'spec/template/metadata/labels', create: true, group: 'apps', kind: 'StatefulSet' },
  { path: 'spec/volumeClaimTemplates[]/metadata/labels', create: true, group: 'apps', kind: 'StatefulSet' },
  { path: 'spec/template/metadata/labels', create: true, group: 'batch', kind: 'Job' },
  { path: 'spec/jobTemplate/metadata/labels', create: true, group: 'batch', kind: 'CronJob' },
  { path: 'spec/jobTemplate/spec/template/metadata/labels', create: true, group: 'batch', kind: 'CronJob' },
];

/** `commonLabelFieldSpecs`: the selectors, then the metadata labels. */
const COMMON_LABELS: readonly FieldSpec[] = [
  { path: 'spec/selector', create: true, version: 'v1', kind: 'Service' },
  { path: 'spec/selector', create: true, version: 'v1', kind: 'ReplicationController' },
  { path: 'spec/selector/matchLabels', create: true, kind: 'Deployment' },
  ...['podAffinity', 'podAntiAffinity'].flatMap((aff) =>
    ['Deployment', 'StatefulSet'].flatMap((kind) => [
      { path: `spec/template/spec/affinity/${aff}/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels`, group: 'apps', kind },
      { path: `spec/template/spec/affinity/${aff}/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels`, group: 'apps', kind },
    ]),
  ),
  { path: 'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels', group: 'apps', kind: 'Deployment' },
  { path: 'spec/selector/matchLabels', create: true, kind: 'ReplicaSet' },
  { path: 'spec/selector/matchLabels', create: true, kind: 'DaemonSet' },
  { path: 'spec/selector/matchLabels', create: true, group: 'apps', kind: 'StatefulSet' },
  { path: 'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels', group: 'apps', kind: 'StatefulSet' },
  { path: 'spec/selector/matchLabels', group: 'batch', kind: 'Job' },
  { path: 'spec/jobTemplate/spec/selector/matchLabels', group: 'batch', kind: 'CronJob' },
  { path: 'spec/selector/matchLabels', group: 'policy', kind: 'PodDisruptionBudget' },
  { path: 'spec/podSelector/matchLabels', group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { path: 'spec/ingress/from/podSelector/matchLabels', group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { path: 'spec/egress/to/podSelector/matchLabels', group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  ...METADATA_LABELS,
];

/**
 * `labels[].includeTemplates`: the pod templates' labels (kustomize's `templateLabels`).
 * @remarks Taken as the template paths of `metadataLabelsFieldSpecs` without the claim templates;
 * whether v5.6 also labels `volumeClaimTemplates` here is unverified.
 */
const TEMPLATE_LABELS: readonly FieldSpec[] = METADATA_LABELS.filter((fs) => fs.path !== 'metadata/labels' && !fs.path.startsWith('spec/volumeClaimTemplates'));

/** `commonAnnotationsFieldSpecs`. */
const COMMON_ANNOTATIONS: readonly FieldSpec[] = METADATA_LABELS.filter((fs) => !fs.path.startsWith('spec/volumeClaimTemplates')).map((fs) => ({
  ...fs,
  path: fs.path.replace(/labels$/, 'annotations'),
}));

/** The kinds prefixes and suffixes never touch (`prefixFieldSpecsToSkip`). */
const NAME_CHANGE_SKIP: readonly { group?: string; kind: string }[] = [
  { kind: 'CustomResourceDefinition' },
  { group: 'apiregistration.k8s.io', kind: 'APIService' },
  { kind: 'Namespace' },
];

/** `replicasFieldSpecs`. */
const REPLICAS: readonly FieldSpec[] = ['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({ path: 'spec/replicas', create: true, kind }));

/**
 * `NamespaceTransformer`: `metadata.namespace` of namespaced types, the name of a `v1` Namespace,
 * subjects named `default` of (Cluster)RoleBindings, and the service namespace of APIServices and
 * CRD conversion webhooks; every resource's id recorded first.
 */
export function applyNamespace(resources: readonly Res[], namespace: string): void {
  if (namespace === '') return;
  for (const res of resources) {
    res.storePreviousId();
    const gvk = res.gvk;
    // metaNamespaceHack: metadata.namespace on every type not known to be cluster-scoped.
    if (!isClusterScoped(gvk)) res.meta.namespace = namespace;
    if (gvk.kind === 'Namespace' && res.obj.apiVersion === 'v1') res.name = namespace;
    if (gvk.kind === 'RoleBinding' || gvk.kind === 'ClusterRoleBinding') setDefaultSubjects(res.obj, namespace);
    if (gvkSelected(gvk, { group: 'apiregistration.k8s.io', kind: 'APIService' })) {
      visitField(res.obj, 'spec/service/namespace', true, (p, k) => {
        p[k] = namespace;
      });
    }
    if (gvkSelected(gvk, { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' })) {
      visitField(res.obj, 'spec/conversion/webhook/clientConfig/service/namespace', false, (p, k) => {
        p[k] = namespace;
      });
    }
    const same = resources.filter((r) => idEquals(r.curId(), res.curId()));
    if (same.length !== 1) throw new KustomizeError(`namespace transformation produces ID conflict: [${same.map((r) => idString(r.curId())).join(' ')}]`);
  }
}

/** `roleBindingHack` (defaultOnly): subjects named `default` take the namespace. */
function setDefaultSubjects(obj: Obj, namespace: string): void {
  if (!Array.isArray(obj.subjects)) return;
  for (const s of obj.subjects) if (isObj(s) && s.name === 'default') s.namespace = namespace;
}

/** `PrefixTransformer` or `SuffixTransformer`: `metadata.name` of every kind not on the skip list. */
export function applyNameAffix(resources: readonly Res[], affix: string, where: 'prefix' | 'suffix'): void {
  if (affix === '') return;
  for (const res of resources) {
    const org = res.orgId().gvk;
    if (NAME_CHANGE_SKIP.some((s) => gvkSelected(org, s))) continue;
    if (!isObj(res.obj.metadata) || res.obj.metadata.name === undefined || res.obj.metadata.name === null) continue;
    (where === 'prefix' ? res.prefixes : res.suffixes).push(affix);
    res.storePreviousId();
    res.name = where === 'prefix' ? `${affix}${res.name}` : `${res.name}${affix}`;
  }
}

/** Sets `pairs` at every field spec that selects each resource. */
function setLabels(resources: readonly Res[], pairs: Record<string, string>, specs: readonly FieldSpec[]): void {
  if (Object.keys(pairs).length === 0) return;
  for (const res of resources) {
    const gvk = res.gvk;
    for (const fs of specs) {
      if (!fieldSpecSelects(fs, gvk)) continue;
      visitField(res.obj, fs.path, fs.create ?? false, (parent, key) => {
        for (const [k, v] of Object.entries(pairs)) setInMap(parent, key, k, v);
      });
    }
  }
}

/** `labels` entries (metadata only, plus templates or selectors when asked), then `commonLabels`. */
export function applyLabels(resources: readonly Res[], k: Kustomization): void {
  for (const label of k.labels) {
    const specs = label.includeSelectors
      ? COMMON_LABELS
      : [{ path: 'metadata/labels', create: true }, ...(label.includeTemplates ? TEMPLATE_LABELS : [])];
    setLabels(resources, label.pairs, specs);
  }
  setLabels(resources, k.commonLabels, COMMON_LABELS);
}

/** `commonAnnotations`. */
export function applyAnnotations(resources: readonly Res[], annotations: Record<string, string>): void {
  setLabels(resources, annotations, COMMON_ANNOTATIONS);
}

/** `Gvk.String` of a field spec's selector: `Kind.version.group` with `[noVer]`, `[noGrp]`. */
function specGvkString(fs: FieldSpec): string {
  return `${fs.kind || '[noKind]'}.${fs.version || '[noVer]'}.${fs.group || '[noGrp]'}`;
}

/**
 * `ReplicaCountTransformer`: `spec.replicas` of the workloads that have (or had) the name.
 * @remarks The error lists the field specs' gvks as kustomize formats them; the order of
 * kustomize's replicas field specs is taken as Deployment, ReplicationController, ReplicaSet,
 * StatefulSet (unverified).
 */
export function applyReplicas(resources: readonly Res[], replicas: readonly ReplicaArgs[]): void {
  for (const r of replicas) {
    let found = false;
    for (const fs of REPLICAS) {
      const matched = resources.filter((res) => res.allIds().some((id) => id.name === r.name && gvkSelected(id.gvk, fs)));
      if (matched.length > 0) found = true;
      for (const res of matched) {
        visitField(res.obj, fs.path, true, (p, key) => {
          p[key] = r.count;
        });
      }
    }
    if (!found) {
      throw new KustomizeError(`resource with name ${r.name} does not match a config with the following GVK [${REPLICAS.map(specGvkString).join(' ')}]`);
    }
  }
}

/** `image.IsImageMatched`: the name (a regular expression, as kustomize uses it) with an optional tag or digest. */
function imageMatches(image: string, name: string): boolean {
  try {
    return new RegExp(`^${name}(@sha256)?(:[a-zA-Z0-9_.{}-]*)?$`).test(image);
  } catch {
    return false;
  }
}

/** `image.Split`: name, tag and digest, a registry's port not taken for a tag. */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  const slash = image.indexOf('/');
  const offset = Math.max(slash, 0);
  const search = image.slice(offset);
  const at = search.indexOf('@');
  const colon = search.indexOf(':');
  if (colon < 0 && at < 0) return { name: image, tag: '', digest: '' };
  if (at >= 0 && (at < colon || colon < 0)) return { name: image.slice(0, at + offset), tag: '', digest: image.slice(at + offset + 1) };
  if (at >= 0 && colon >= 0) {
    return { name: image.slice(0, colon + offset), tag: image.slice(colon + offset + 1, at + offset), digest: image.slice(at + offset + 1) };
  }
  return { name: image.slice(0, colon + offset), tag: image.slice(colon + offset + 1), digest: '' };
}

/** `imageTagUpdater.SetImageValue`: the new image text, or undefined when `image` is not `spec.name`'s. */
export function updatedImage(image: string, spec: ImageArgs): string | undefined {
  if (!imageMatches(image, spec.name)) return undefined;
  let { name, tag, digest } = splitImage(image);
  if (spec.newName !== '') name = spec.newName;
  if (spec.newTag !== '' && spec.digest !== '') [tag, digest] = [spec.newTag, spec.digest];
  else if (spec.newTag !== '') [tag, digest] = [spec.newTag, ''];
  else if (spec.digest !== '') [tag, digest] = ['', spec.digest];
  return `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}

/** Every list under a `containers` or `initContainers` key, at any depth (kustomize's legacy image filter). */
function visitContainers(node: unknown, fn: (container: Obj) => void): void {
  if (Array.isArray(node)) {
    for (const el of node) visitContainers(el, fn);
    return;
  }
  if (!isObj(node)) return;
  for (const [key, value] of Object.entries(node)) {
    visitContainers(value, fn);
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      for (const c of value) if (isObj(c)) fn(c);
    }
  }
}

/** `ImageTagTransformer`: the image of every container and init container, CRDs excepted. */
export function applyImages(resources: readonly Res[], images: readonly ImageArgs[]): void {
  for (const spec of images) {
    for (const res of resources) {
      if (res.gvk.kind === 'CustomResourceDefinition') continue;
      visitContainers(res.obj, (c) => {
        if (typeof c.image !== 'string') return;
        const next = updatedImage(c.image, spec);
        if (next !== undefined) c.image = next;
      });
    }
  }
}

/** `IgnoreLocal`: resources annotated `config.kubernetes.io/local-config: "true"` leave the build. */
export function dropLocalConfig(resources: Res[]): Res[] {
  return resources.filter((r) => r.stringMap('annotations')['config.kubernetes.io/local-config'] !== 'true');
}
