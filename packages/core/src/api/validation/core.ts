/**
 * Validation of core/v1 kinds other than pods and storage: Namespace, Service, ConfigMap, Node,
 * and the Pod object itself (metadata + spec, and what a pod update may change).
 * @see k/k pkg/apis/core/validation/validation.go (ValidateNamespace, ValidateService,
 *      ValidateConfigMap, ValidateNode, ValidatePodCreate, ValidatePodUpdate)
 */
// biome-ignore-all lint/suspicious/noExplicitAny: specs are untyped JSON while being validated
import { field, type FieldError } from '../errors.js';
import { validateLabels } from '../labels/label-selector.js';
import { deepEqual } from '../merge-patch.js';
import { DNS1123_SUBDOMAIN_MAX_LENGTH, maxLenError, nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain, regexError } from '../names.js';
import type { KubeObject } from '../object.js';
import type { MutableObject } from '../strategy.js';
import { isValidPortName, isValidPortNum, SUPPORTED_PORT_PROTOCOLS, validateDNS1123Label, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { goLen } from '../names.js';
import { validatePodSpec } from './pod-spec.js';
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

/** `IsConfigMapKey`. */
export function isConfigMapKey(key: string): string[] {
  const errs: string[] = [];
  if (goLen(key) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
    errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", '[-._a-zA-Z0-9]+', 'key.name', 'KEY_NAME', 'key-name'));
  }
  if (key === '.') errs.push("must not be '.'");
  else if (key === '..') errs.push("must not be '..'");
  else if (key.startsWith('..')) errs.push("must not start with '..'");
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

/** `ValidatePodCreate`: metadata + spec. */
export function validatePod(obj: MutableObject): FieldError[] {
  return [...validateObjectMeta(obj, true, nameIsDNSSubdomain), ...validatePodSpec(obj.spec, 'spec')];
}

/**
 * `ValidatePodUpdate`: only images, activeDeadlineSeconds, added tolerations and (once) nodeName
 * through binding may change.
 */
export function validatePodUpdate(obj: MutableObject, old: KubeObject): FieldError[] {
  const errs = [...validateObjectMetaUpdate(obj), ...validatePodSpec(obj.spec, 'spec')];
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
    return s;
  };
  const oldSpec: any = old.spec ?? {};
  const newSpec = obj.spec ?? {};
  if (!deepEqual(mask(newSpec), mask(oldSpec))) errs.push(field.forbidden('spec', POD_UPDATE_FORBIDDEN));
  errs.push(...validateOnlyDeletedSchedulingGates(newSpec.schedulingGates ?? [], oldSpec.schedulingGates ?? []));
  const oldTolerations: unknown[] = oldSpec.tolerations ?? [];
  const newTolerations: unknown[] = newSpec.tolerations ?? [];
  if (!oldTolerations.every((t) => newTolerations.some((n) => deepEqual(n, t)))) {
    errs.push(field.forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds'));
  }
  return errs;
}
