/**
 * Validation of core/v1 kinds other than pods and storage: Namespace, Service, ConfigMap, Node,
 * and the Pod object itself (metadata + spec, and what a pod update may change).
 * @see k/k pkg/apis/core/validation/validation.go (ValidateNamespace, ValidateService,
 *      ValidateConfigMap, ValidateNode, ValidatePodCreate, ValidatePodUpdate)
 */
// biome-ignore-all lint/suspicious/noExplicitAny: specs are untyped JSON while being validated
import { field, type FieldError, GoRepr } from '../errors.js';
import { goStringMap, goStringSlice, validateLabels } from '../labels/label-selector.js';
import { deepEqual } from '../merge-patch.js';
import { goLen, isConfigMapKey, nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain } from '../names.js';
import type { KubeObject } from '../object.js';
import type { MutableObject } from '../strategy.js';
import { isValidPortName, isValidPortNum, SUPPORTED_PORT_PROTOCOLS, validateDNS1123Label, validateImmutableField, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { validateContainersOnlyForPod, validatePodSpec } from './pod-spec.js';
import { cloneData } from '../clone.js';

/** `MaxSecretSize`, also the ConfigMap limit (core/v1 types.go): 1 MiB. */
export const MAX_CONFIGMAP_SIZE = 1024 * 1024;
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
/** Pod update detail (`ValidatePodUpdate`, 1.33 list of mutable fields). */
export const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** `ValidateNamespace`. */
export function validateNamespace(obj: MutableObject): FieldError[] {
  const errs = validateObjectMeta(obj, false, nameIsDNSLabel);
  for (const f of obj.spec?.finalizers ?? []) {
    if (typeof f !== 'string' || f === '') errs.push(field.invalid('spec.finalizers', f, 'name part must be non-empty'));
  }
  return errs;
}

/** `ValidateConfigMap`: keys, no key in both maps, total size ≤ 1 MiB. */
export function validateConfigMap(obj: MutableObject): FieldError[] {
  const errs = validateObjectMeta(obj, true, nameIsDNSSubdomain);
  let total = 0;
  const data: Record<string, string> = obj.data ?? {};
  const binary: Record<string, string> = obj.binaryData ?? {};
  for (const key of Object.keys(data).sort()) {
    for (const msg of isConfigMapKey(key)) errs.push(field.invalid(`data[${key}]`, key, msg));
    total += goLen(String(data[key]));
  }
  for (const key of Object.keys(binary).sort()) {
    for (const msg of isConfigMapKey(key)) errs.push(field.invalid(`binaryData[${key}]`, key, msg));
    if (Object.hasOwn(data, key)) errs.push(field.invalid(`data[${key}]`, key, 'duplicate of key present in binaryData'));
    total += String(binary[key]).length;
  }
  if (total > MAX_CONFIGMAP_SIZE) errs.push(field.tooLong('', '', MAX_CONFIGMAP_SIZE));
  return errs;
}

/** core `MaxSecretSize`: the decoded data of a Secret. */
export const MAX_SECRET_SIZE = 1024 * 1024;

/** The keys each well-known Secret type requires (`ValidateSecret`). */
const SECRET_TYPE_KEYS: Readonly<Record<string, readonly string[]>> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

/**
 * `ValidateSecret`: metadata, data keys, decoded size ≤ 1 MiB, and the keys the type requires (a
 * service account name, the docker config key, basic-auth's username or password, the SSH key,
 * the TLS pair). Not checked: that a docker config holds well-formed JSON (upstream reports Go's
 * JSON error text).
 */
export function validateSecret(obj: MutableObject): FieldError[] {
  const errs = validateObjectMeta(obj, true, nameIsDNSSubdomain);
  const data: Record<string, string> = obj.data ?? {};
  let total = 0;
  for (const key of Object.keys(data).sort()) {
    for (const msg of isConfigMapKey(key)) errs.push(field.invalid(`data[${key}]`, key, msg));
    total += Buffer.from(String(data[key]), 'base64').length;
  }
  if (total > MAX_SECRET_SIZE) errs.push(field.tooLong('data', '', MAX_SECRET_SIZE));
  const type: string = obj.type ?? '';
  if (type === 'kubernetes.io/service-account-token') {
    if (!obj.metadata?.annotations?.['kubernetes.io/service-account.name']) errs.push(field.required('metadata.annotations[kubernetes.io/service-account.name]'));
  } else if (type === 'kubernetes.io/basic-auth') {
    if (!Object.hasOwn(data, 'username') && !Object.hasOwn(data, 'password')) errs.push(field.required('data[username]'), field.required('data[password]'));
  } else if (type === 'kubernetes.io/ssh-auth') {
    if (!data['ssh-privatekey']) errs.push(field.required('data[ssh-privatekey]'));
  } else {
    for (const key of SECRET_TYPE_KEYS[type] ?? []) {
      if (!Object.hasOwn(data, key)) errs.push(field.required(`data[${key}]`));
    }
  }
  return errs;
}

/** `ValidateSecretUpdate`: the type is immutable, an immutable Secret keeps its data and stays immutable. */
export function validateSecretUpdate(obj: MutableObject, old: KubeObject): FieldError[] {
  const prev = old as KubeObject & { type?: string; immutable?: boolean; data?: unknown };
  const errs = [...validateObjectMetaUpdate(obj), ...validateImmutableField(obj.type, prev.type, 'type')];
  if (prev.immutable === true) {
    if (obj.immutable !== true) errs.push(field.forbidden('immutable', 'field is immutable when `immutable` is set'));
    if (!deepEqual(obj.data ?? {}, prev.data ?? {})) errs.push(field.forbidden('data', 'field is immutable when `immutable` is set'));
  }
  return [...errs, ...validateSecret(obj).filter((e) => !e.field.startsWith('metadata.'))];
}

function validateServicePort(port: any, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !port.name) errs.push(field.required(`${path}.name`));
  else if (port.name) {
    errs.push(...validateDNS1123Label(port.name, `${path}.name`));
    if (names.has(port.name)) errs.push(field.duplicate(`${path}.name`, port.name));
    names.add(port.name);
  }
  for (const msg of isValidPortNum(port.port ?? 0)) errs.push(field.invalid(`${path}.port`, port.port ?? 0, msg));
  if (!port.protocol) errs.push(field.required(`${path}.protocol`));
  else if (!(SUPPORTED_PORT_PROTOCOLS as readonly string[]).includes(port.protocol)) {
    errs.push(field.notSupported(`${path}.protocol`, port.protocol, SUPPORTED_PORT_PROTOCOLS));
  }
  const target = port.targetPort;
  if (typeof target === 'number') for (const msg of isValidPortNum(target)) errs.push(field.invalid(`${path}.targetPort`, target, msg));
  else if (typeof target === 'string') for (const msg of isValidPortName(target)) errs.push(field.invalid(`${path}.targetPort`, target, msg));
  return errs;
}

/** `ValidateService` (ports, type, selector, session affinity). */
export function validateService(obj: MutableObject): FieldError[] {
  const errs = validateObjectMeta(obj, true, nameIsDNS1035Label);
  const spec = obj.spec ?? {};
  const type = spec.type ?? 'ClusterIP';
  const headless = spec.clusterIP === 'None';
  const ports: any[] = spec.ports ?? [];
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(field.required('spec.ports'));
  const names = new Set<string>();
  ports.forEach((p, i) => {
    errs.push(...validateServicePort(p ?? {}, ports.length > 1, names, `spec.ports[${i}]`));
  });
  if (!SERVICE_TYPES.includes(type)) errs.push(field.notSupported('spec.type', type, SERVICE_TYPES));
  if (type === 'ExternalName' && !spec.externalName) errs.push(field.required('spec.externalName'));
  if (type !== 'ExternalName') errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const affinity = spec.sessionAffinity;
  if (affinity !== undefined && affinity !== 'None' && affinity !== 'ClientIP') {
    errs.push(field.notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
  }
  errs.push(...validateNodePorts(type, ports));
  return errs;
}

/** No node port on a ClusterIP Service; no node port twice for one protocol. */
function validateNodePorts(type: string, ports: any[]): FieldError[] {
  const errs: FieldError[] = [];
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p?.nodePort) errs.push(field.forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    if (!p?.nodePort) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (seen.has(key)) errs.push(field.duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
    seen.add(key);
  });
  return errs;
}

/** Service update: clusterIP may not change once set (`ValidateServiceUpdate`). */
export function validateServiceUpdate(obj: MutableObject, old: KubeObject): FieldError[] {
  const errs = [...validateObjectMetaUpdate(obj), ...validateService(obj).filter((e) => !e.field.startsWith('metadata.name'))];
  const oldIP = (old.spec as any)?.clusterIP;
  const newIP = obj.spec?.clusterIP;
  if (oldIP && newIP !== undefined && newIP !== oldIP) errs.push(field.invalid('spec.clusterIPs[0]', newIP, 'may not change once set'));
  return errs;
}

/** `ValidateNode`: name and taint effects. */
export function validateNode(obj: MutableObject): FieldError[] {
  const errs = validateObjectMeta(obj, false, nameIsDNSSubdomain);
  const effects = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];
  (obj.spec?.taints ?? []).forEach((t: any, i: number) => {
    if (!t.effect) errs.push(field.required(`spec.taints[${i}].effect`));
    else if (!effects.includes(t.effect)) errs.push(field.notSupported(`spec.taints[${i}].effect`, t.effect, effects));
  });
  return errs;
}

/** `validateOnlyDeletedSchedulingGates`: an update may remove scheduling gates, never add one. */
function validateOnlyDeletedSchedulingGates(next: readonly { name?: string }[], old: readonly { name?: string }[]): FieldError[] {
  const had = new Set(old.map((g) => g?.name));
  return next.flatMap((g, i) =>
    had.has(g?.name) ? [] : [field.forbidden(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${g?.name}'`)],
  );
}

/** `ValidatePodCreate` (`validatePodMetadataAndSpec`): metadata, the spec, then the checks only pods get, not templates. */
export function validatePod(obj: MutableObject): FieldError[] {
  const errs = [...validateObjectMeta(obj, true, nameIsDNSSubdomain), ...validatePodSpec(obj.spec, 'spec'), ...validateContainersOnlyForPod(obj.spec, 'spec')];
  // ValidatePodCreate: ephemeral containers come only through the ephemeralcontainers subresource.
  if ((obj.spec?.ephemeralContainers?.length ?? 0) > 0) errs.push(field.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  return errs;
}

/** The annotation of a mirror (static) pod (`core.MirrorPodAnnotationKey`). */
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

/**
 * `ValidatePodEphemeralContainersUpdate`: the pod (metadata and spec) is valid, and every
 * ephemeral container it had is still there, unchanged. `obj` differs from `old` only in its
 * ephemeral containers (the subresource's `PrepareForUpdate` saw to that).
 * @remarks Upstream appends `cmp.Diff(old, new)` to the "may not be changed" detail; kubesim
 * gives the detail without that diff.
 */
export function validatePodEphemeralContainersUpdate(obj: MutableObject, old: KubeObject): FieldError[] {
  const errs = [...validateObjectMetaUpdate(obj), ...validatePodSpec(obj.spec, 'spec'), ...validateContainersOnlyForPod(obj.spec, 'spec')];
  if (old.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) return [field.forbidden('', 'static pods do not support ephemeral containers')];
  const byName = new Map<string, unknown>();
  for (const ec of obj.spec?.ephemeralContainers ?? []) byName.set(ec?.name, ec);
  for (const ec of (old.spec as any)?.ephemeralContainers ?? []) {
    const next = byName.get(ec.name);
    if (next === undefined) errs.push(field.forbidden('spec.ephemeralContainers', `existing ephemeral containers ${JSON.stringify(ec.name)} may not be removed\n`));
    else if (!deepEqual(ec, next)) errs.push(field.forbidden('spec.ephemeralContainers', `existing ephemeral containers ${JSON.stringify(ec.name)} may not be changed\n`));
  }
  return errs;
}

/**
 * `ValidatePodUpdate`: only images, activeDeadlineSeconds, added tolerations and (once) nodeName
 * through binding may change; while the pod has scheduling gates, also additions to its
 * nodeSelector and narrowing of its required node affinity (any preferred node affinity).
 */
export function validatePodUpdate(obj: MutableObject, old: KubeObject): FieldError[] {
  const errs = [...validateObjectMetaUpdate(obj), ...validatePodSpec(obj.spec, 'spec'), ...validateContainersOnlyForPod(obj.spec, 'spec')];
  const mask = (spec: any) => {
    const s = cloneData(spec ?? {});
    for (const list of ['containers', 'initContainers']) for (const c of s[list] ?? []) delete c.image;
    delete s.activeDeadlineSeconds;
    delete s.tolerations;
    delete s.terminationGracePeriodSeconds;
    // nodeName is set once (binding); afterwards it is frozen like the rest.
    if (!(old.spec as any)?.nodeName) delete s.nodeName;
    // Scheduling gates may only be deleted (checked below).
    delete s.schedulingGates;
    // An empty nodeSelector is no nodeSelector (apimachinery's semantic equality).
    setOrDelete(s, 'nodeSelector', emptyAsUndefined(s.nodeSelector));
    return s;
  };
  const oldSpec: any = old.spec ?? {};
  const newSpec = obj.spec ?? {};
  errs.push(...validateOnlyAddedTolerations(newSpec.tolerations ?? [], oldSpec.tolerations ?? []));
  errs.push(...validateOnlyDeletedSchedulingGates(newSpec.schedulingGates ?? [], oldSpec.schedulingGates ?? []));
  const munged = mask(newSpec);
  if ((oldSpec.schedulingGates?.length ?? 0) > 0) errs.push(...mungeGatedSchedulingDirectives(munged, oldSpec));
  if (!deepEqual(munged, mask(oldSpec))) errs.push(field.forbidden('spec', POD_UPDATE_FORBIDDEN));
  return errs;
}

/** `validateOnlyAddedTolerations`: every old toleration is still there, its tolerationSeconds aside. */
function validateOnlyAddedTolerations(next: readonly any[], old: readonly any[]): FieldError[] {
  const withoutSeconds = ({ tolerationSeconds: _, ...t }: any) => t;
  const kept = (o: any) => next.some((n) => deepEqual(withoutSeconds(n ?? {}), withoutSeconds(o ?? {})));
  return old.every(kept) ? [] : [field.forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds')];
}

/**
 * The gated pod's mutable scheduling directives: checks the nodeSelector and required node
 * affinity changes of `munged` (a copy of the new spec) against `oldSpec`, then puts the old
 * values back into `munged` so the rest of the spec is compared without them.
 */
function mungeGatedSchedulingDirectives(munged: any, oldSpec: any): FieldError[] {
  const errs: FieldError[] = [];
  if (!deepEqual(munged.nodeSelector, emptyAsUndefined(oldSpec.nodeSelector))) {
    errs.push(...validateNodeSelectorMutation(munged.nodeSelector, oldSpec.nodeSelector));
    setOrDelete(munged, 'nodeSelector', emptyAsUndefined(oldSpec.nodeSelector));
  }
  const oldNodeAffinity = oldSpec.affinity?.nodeAffinity ?? undefined;
  const newNodeAffinity = munged.affinity?.nodeAffinity ?? undefined;
  if (!deepEqual(oldNodeAffinity, newNodeAffinity)) {
    errs.push(...validateNodeAffinityMutation(newNodeAffinity, oldNodeAffinity));
    if (munged.affinity === undefined) {
      if (oldNodeAffinity !== undefined) munged.affinity = { nodeAffinity: oldNodeAffinity };
    } else if (oldSpec.affinity === undefined && munged.affinity.podAffinity === undefined && munged.affinity.podAntiAffinity === undefined) {
      delete munged.affinity;
    } else {
      setOrDelete(munged.affinity, 'nodeAffinity', oldNodeAffinity);
    }
  }
  return errs;
}

/** `validateNodeSelectorMutation`: no existing nodeSelector entry deleted or changed. */
function validateNodeSelectorMutation(next: Record<string, string> | undefined, old: Record<string, string> | undefined): FieldError[] {
  for (const [k, v] of Object.entries(old ?? {})) {
    if (next?.[k] !== v) return [field.invalid('spec.nodeSelector', new GoRepr(goStringMap(next)), 'only additions to spec.nodeSelector are allowed (no mutations or deletions)')];
  }
  return [];
}

const REQUIRED_TERMS = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';

/**
 * `validateNodeAffinityMutation`: with required node affinity terms, their number stays and each
 * term only gains match expressions or fields at its end; without, anything may be set.
 */
function validateNodeAffinityMutation(next: any, old: any): FieldError[] {
  if (old?.requiredDuringSchedulingIgnoredDuringExecution == null) return [];
  const oldTerms: any[] = old.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms ?? [];
  const newTerms: any[] | undefined = next?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (oldTerms.length > 0 && oldTerms.length !== (newTerms?.length ?? 0)) {
    return [field.invalid(REQUIRED_TERMS, new GoRepr(goNodeSelectorTerms(newTerms)), 'no additions/deletions to non-empty NodeSelectorTerms list are allowed')];
  }
  const errs: FieldError[] = [];
  oldTerms.forEach((oldTerm, i) => {
    const newTerm = (newTerms as any[])[i];
    if (!termHasOnlyAdditions(newTerm ?? {}, oldTerm ?? {})) {
      errs.push(field.invalid(`${REQUIRED_TERMS}[${i}]`, new GoRepr(goNodeSelectorTerm(newTerm ?? {})), 'only additions are allowed (no mutations or deletions)'));
    }
  });
  return errs;
}

/** `validateNodeSelectorTermHasOnlyAdditions`. */
function termHasOnlyAdditions(next: any, old: any): boolean {
  const oldLists = [old.matchExpressions ?? [], old.matchFields ?? []];
  const newLists = [next.matchExpressions ?? [], next.matchFields ?? []];
  if (oldLists[0].length === 0 && oldLists[1].length === 0 && (newLists[0].length > 0 || newLists[1].length > 0)) return false;
  return oldLists.every((o, k) => o.length === 0 || (newLists[k].length >= o.length && deepEqual(newLists[k].slice(0, o.length), o)));
}

/** Go `%#v` of internal `[]core.NodeSelectorTerm`. */
function goNodeSelectorTerms(terms: readonly any[] | undefined): string {
  return terms === undefined ? '[]core.NodeSelectorTerm(nil)' : `[]core.NodeSelectorTerm{${terms.map((t) => goNodeSelectorTerm(t ?? {})).join(', ')}}`;
}

function goNodeSelectorTerm(term: any): string {
  return `core.NodeSelectorTerm{MatchExpressions:${goRequirements(term.matchExpressions)}, MatchFields:${goRequirements(term.matchFields)}}`;
}

function goRequirements(reqs: readonly any[] | undefined): string {
  if (reqs === undefined) return '[]core.NodeSelectorRequirement(nil)';
  const one = (r: any) => `core.NodeSelectorRequirement{Key:${JSON.stringify(r?.key ?? '')}, Operator:${JSON.stringify(r?.operator ?? '')}, Values:${goStringSlice(r?.values)}}`;
  return `[]core.NodeSelectorRequirement{${reqs.map(one).join(', ')}}`;
}

/** A map that is empty counts as absent (apimachinery's semantic equality). */
function emptyAsUndefined(map: Record<string, string> | undefined): Record<string, string> | undefined {
  return map === undefined || map === null || Object.keys(map).length === 0 ? undefined : map;
}

function setOrDelete(target: any, key: string, value: unknown): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}
