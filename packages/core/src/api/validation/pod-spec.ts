/**
 * Pod spec validation: volumes, containers, ports, volume mounts, restart and DNS policy,
 * tolerations, priority class name and preemption policy, with the field paths and texts of the API server.
 * @see k/k pkg/apis/core/validation/validation.go (ValidatePodSpec, validateContainers, ValidateVolumes)
 */
// biome-ignore-all lint/suspicious/noExplicitAny: pod specs are untyped JSON while being validated
import { field, type FieldError } from '../errors.js';
import { validateLabels } from '../labels/label-selector.js';
import { PREEMPTION_POLICIES } from '../defaults/scheduling.js';
import { isDNS1123Label, isDNS1123Subdomain, nameIsDNSSubdomain } from '../names.js';
import { isValidPortName, isValidPortNum, SUPPORTED_PORT_PROTOCOLS, validateDNS1123Label } from './object-meta.js';

/** Every volume source field name of `v1.VolumeSource`. */
export const VOLUME_SOURCES = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
] as const;

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICY = "must be 'File' or 'FallbackToLogsOnError'";

/** Required fields inside the volume sources kubesim users write. */
function validateVolumeSource(vol: any, path: string): FieldError[] {
  const present = VOLUME_SOURCES.filter((s) => vol[s] !== undefined && vol[s] !== null);
  if (present.length === 0) return [field.required(path, 'must specify a volume type')];
  const errs: FieldError[] = present.slice(1).map((s) => field.forbidden(`${path}.${s}`, 'may not specify more than 1 volume type'));
  const src = vol[present[0] as string] ?? {};
  const at = `${path}.${present[0]}`;
  switch (present[0]) {
    case 'persistentVolumeClaim':
      if (!src.claimName) errs.push(field.required(`${at}.claimName`));
      break;
    case 'awsElasticBlockStore':
      if (!src.volumeID) errs.push(field.required(`${at}.volumeID`));
      break;
    case 'configMap':
      if (!src.name) errs.push(field.required(`${at}.name`));
      break;
    case 'secret':
      if (!src.secretName) errs.push(field.required(`${at}.secretName`));
      break;
    case 'hostPath':
      errs.push(...validateHostPathVolumeSource(src, at));
      break;
    case 'csi':
      if (!src.driver) errs.push(field.required(`${at}.driver`));
      break;
  }
  return errs;
}

/** `supportedHostPathTypes`, sorted as `sets.List` gives them. */
const SUPPORTED_HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

/** `validatePathNoBacksteps`: no `..` element (one error however many). */
function validatePathNoBacksteps(target: string, path: string): FieldError[] {
  return target.split('/').includes('..') ? [field.invalid(path, target, "must not contain '..'")] : [];
}

/** `validateHostPathVolumeSource` (a pod's volume or a PersistentVolume's source at `at`). */
export function validateHostPathVolumeSource(src: { path?: string; type?: string }, at: string): FieldError[] {
  if (!src.path) return [field.required(`${at}.path`)];
  const errs = validatePathNoBacksteps(src.path, `${at}.path`);
  if (src.type !== undefined && src.type !== null && !SUPPORTED_HOST_PATH_TYPES.includes(src.type)) errs.push(field.notSupported(`${at}.type`, src.type, SUPPORTED_HOST_PATH_TYPES));
  return errs;
}

/** `ValidateVolumes`: returns the errors and the names of declared volumes. */
export function validateVolumes(volumes: readonly any[] | undefined, path: string): { errs: FieldError[]; names: Set<string> } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (volumes ?? []).forEach((vol, i) => {
    const idx = `${path}[${i}]`;
    errs.push(...validateVolumeSource(vol ?? {}, idx));
    const name: string = vol?.name ?? '';
    if (!name) errs.push(field.required(`${idx}.name`));
    else errs.push(...validateDNS1123Label(name, `${idx}.name`));
    if (names.has(name)) errs.push(field.duplicate(`${idx}.name`, name));
    else if (name) names.add(name);
  });
  return { errs, names };
}

function validateContainerPorts(ports: readonly any[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const idx = `${path}[${i}]`;
    if (port.name) {
      const msgs = isValidPortName(port.name);
      for (const msg of msgs) errs.push(field.invalid(`${idx}.name`, port.name, msg));
      if (!msgs.length && names.has(port.name)) errs.push(field.duplicate(`${idx}.name`, port.name));
      names.add(port.name);
    }
    if (!port.containerPort) errs.push(field.required(`${idx}.containerPort`));
    else for (const msg of isValidPortNum(port.containerPort)) errs.push(field.invalid(`${idx}.containerPort`, port.containerPort, msg));
    if (port.hostPort) for (const msg of isValidPortNum(port.hostPort)) errs.push(field.invalid(`${idx}.hostPort`, port.hostPort, msg));
    if (!port.protocol) errs.push(field.required(`${idx}.protocol`));
    else if (!(SUPPORTED_PORT_PROTOCOLS as readonly string[]).includes(port.protocol)) {
      errs.push(field.notSupported(`${idx}.protocol`, port.protocol, SUPPORTED_PORT_PROTOCOLS));
    }
  });
  return errs;
}

/** `ValidateVolumeMounts`: names refer to volumes, mount paths present and unique. */
function validateVolumeMounts(mounts: readonly any[] | undefined, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const idx = `${path}[${i}]`;
    if (!m.name) errs.push(field.required(`${idx}.name`));
    if (!volumes.has(m.name)) errs.push(field.notFound(`${idx}.name`, m.name ?? ''));
    if (!m.mountPath) errs.push(field.required(`${idx}.mountPath`));
    if (mountPoints.has(m.mountPath)) errs.push(field.invalid(`${idx}.mountPath`, m.mountPath, 'must be unique'));
    mountPoints.add(m.mountPath);
  });
  return errs;
}

/** `validateContainerCommon`: what every container type is held to (name, image, ports, env, mounts, pull policy). */
function validateContainer(ctr: any, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!ctr.name) errs.push(field.required(`${path}.name`));
  else errs.push(...validateDNS1123Label(ctr.name, `${path}.name`));
  if (!ctr.image) errs.push(field.required(`${path}.image`));
  const tmp = ctr.terminationMessagePolicy;
  if (tmp === undefined || tmp === '') errs.push(field.required(`${path}.terminationMessagePolicy`, TERMINATION_MESSAGE_POLICY));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(field.invalid(`${path}.terminationMessagePolicy`, tmp, TERMINATION_MESSAGE_POLICY));
  }
  errs.push(...validateContainerPorts(ctr.ports, `${path}.ports`));
  (ctr.env ?? []).forEach((env: any, i: number) => {
    if (!env?.name) errs.push(field.required(`${path}.env[${i}].name`));
  });
  errs.push(...validateVolumeMounts(ctr.volumeMounts, volumes, `${path}.volumeMounts`));
  if (!ctr.imagePullPolicy) errs.push(field.required(`${path}.imagePullPolicy`));
  else if (!PULL_POLICIES.includes(ctr.imagePullPolicy)) {
    errs.push(field.notSupported(`${path}.imagePullPolicy`, ctr.imagePullPolicy, PULL_POLICIES));
  }
  return errs;
}

/** `validateContainerOnlyForPod`: no leading or trailing whitespace in the container's image. */
function validateContainerOnlyForPod(ctr: any, path: string): FieldError[] {
  if (typeof ctr?.image === 'string' && ctr.image.trim() !== ctr.image) {
    return [field.invalid(`${path}.image`, ctr.image, 'must not have leading or trailing whitespace')];
  }
  return [];
}

/**
 * `validateContainersOnlyForPod`: what pods are held to beyond their templates (kept apart
 * upstream for backward compatibility): no leading or trailing whitespace in an image.
 * (Ephemeral containers get the same check from `validateEphemeralContainers`.)
 */
export function validateContainersOnlyForPod(spec: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const list of ['containers', 'initContainers']) {
    (spec?.[list] ?? []).forEach((ctr: any, i: number) => {
      errs.push(...validateContainerOnlyForPod(ctr, `${path}.${list}[${i}]`));
    });
  }
  return errs;
}

/** The detail of every field an ephemeral container may not set (`validateFieldAllowList`'s error text). */
export const EPHEMERAL_FIELD_FORBIDDEN = 'cannot be set for an Ephemeral Container';

/**
 * The fields of `EphemeralContainerCommon` in the Go struct's order, and whether an ephemeral
 * container may set each (`allowedEphemeralContainerFields`; `resizePolicy` and `restartPolicy`
 * are not in that list, so they are refused too).
 */
const EPHEMERAL_CONTAINER_FIELDS: readonly (readonly [string, boolean])[] = [
  ['name', true],
  ['image', true],
  ['command', true],
  ['args', true],
  ['workingDir', true],
  ['ports', false],
  ['envFrom', true],
  ['env', true],
  ['resources', false],
  ['resizePolicy', false],
  ['restartPolicy', false],
  ['volumeMounts', true],
  ['volumeDevices', true],
  ['livenessProbe', false],
  ['readinessProbe', false],
  ['startupProbe', false],
  ['lifecycle', false],
  ['terminationMessagePath', true],
  ['terminationMessagePolicy', true],
  ['imagePullPolicy', true],
  ['securityContext', true],
  ['stdin', true],
  ['stdinOnce', true],
  ['tty', true],
];

/**
 * Whether a decoded field differs from its Go zero value (`reflect.DeepEqual` with the zero): a
 * list or pointer is set once present (even empty); `resources`, a struct, once one of its
 * lists or maps is.
 */
function isSetInGo(name: string, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (name === 'resources') return typeof value === 'object' && Object.values(value as object).some((v) => v !== undefined && v !== null);
  return true;
}

/**
 * `validateEphemeralContainers`: each ephemeral container passes the common container checks and
 * the pod-only image check; its name is unique across every container type; its
 * `targetContainerName` names a regular or init container; it sets none of the fields an
 * ephemeral container may not (ports, resources, probes, lifecycle…); no volume mount has a
 * `subPath` or `subPathExpr`.
 * @see k/k pkg/apis/core/validation/validation.go (validateEphemeralContainers, validateFieldAllowList)
 */
export function validateEphemeralContainers(ephemeral: readonly any[] | undefined, containers: readonly any[] | undefined, initContainers: readonly any[] | undefined, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!ephemeral || ephemeral.length === 0) return errs;
  const otherNames = new Set<string>([...(containers ?? []), ...(initContainers ?? [])].map((c) => c?.name));
  const allNames = new Set(otherNames);
  ephemeral.forEach((ec, i) => {
    const idx = `${path}[${i}]`;
    const c = ec ?? {};
    errs.push(...validateContainer(c, volumes, idx), ...validateContainerOnlyForPod(c, idx));
    if (allNames.has(c.name)) errs.push(field.duplicate(`${idx}.name`, c.name));
    else allNames.add(c.name);
    if (c.targetContainerName && !otherNames.has(c.targetContainerName)) errs.push(field.notFound(`${idx}.targetContainerName`, c.targetContainerName));
    for (const [name, allowed] of EPHEMERAL_CONTAINER_FIELDS) {
      if (!allowed && isSetInGo(name, c[name])) errs.push(field.forbidden(`${idx}.${name}`, EPHEMERAL_FIELD_FORBIDDEN));
    }
    (c.volumeMounts ?? []).forEach((m: any, j: number) => {
      if (m?.subPath) errs.push(field.forbidden(`${idx}.volumeMounts[${j}].subPath`, EPHEMERAL_FIELD_FORBIDDEN));
      if (m?.subPathExpr) errs.push(field.forbidden(`${idx}.volumeMounts[${j}].subPathExpr`, EPHEMERAL_FIELD_FORBIDDEN));
    });
  });
  return errs;
}

/** `validateContainers` (regular containers; init containers share the per-container checks). */
export function validateContainers(containers: readonly any[] | undefined, volumes: Set<string>, path: string, required = true): FieldError[] {
  if (!containers || containers.length === 0) return required ? [field.required(path)] : [];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((ctr, i) => {
    const idx = `${path}[${i}]`;
    errs.push(...validateContainer(ctr ?? {}, volumes, idx));
    if (names.has(ctr?.name)) errs.push(field.duplicate(`${idx}.name`, ctr.name));
    else names.add(ctr?.name);
  });
  return errs;
}

function validateTolerations(tolerations: readonly any[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const idx = `${path}[${i}]`;
    const op = t.operator ?? 'Equal';
    if (op !== 'Equal' && op !== 'Exists') errs.push(field.notSupported(`${idx}.operator`, op, ['Equal', 'Exists']));
    if (op === 'Exists' && t.value) errs.push(field.invalid(`${idx}.operator`, t.value, 'value must be empty when `operator` is \'Exists\''));
    if (!t.key && op !== 'Exists') errs.push(field.invalid(`${idx}.operator`, t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    const effects = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];
    if (t.effect && !effects.includes(t.effect)) errs.push(field.notSupported(`${idx}.effect`, t.effect, effects));
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
      errs.push(field.invalid(`${idx}.effect`, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
  });
  return errs;
}

/** `ValidatePodSpec`: the checks in the API server's order. */
export function validatePodSpec(spec: any, path: string): FieldError[] {
  const s = spec ?? {};
  const { errs, names } = validateVolumes(s.volumes, `${path}.volumes`);
  errs.push(...validateContainers(s.containers, names, `${path}.containers`));
  errs.push(...validateContainers(s.initContainers, names, `${path}.initContainers`, false));
  errs.push(...validateEphemeralContainers(s.ephemeralContainers, s.containers, s.initContainers, names, `${path}.ephemeralContainers`));
  if (!s.restartPolicy) errs.push(field.required(`${path}.restartPolicy`));
  else if (!RESTART_POLICIES.includes(s.restartPolicy)) errs.push(field.notSupported(`${path}.restartPolicy`, s.restartPolicy, RESTART_POLICIES));
  if (!s.dnsPolicy) errs.push(field.required(`${path}.dnsPolicy`));
  else if (!DNS_POLICIES.includes(s.dnsPolicy)) errs.push(field.notSupported(`${path}.dnsPolicy`, s.dnsPolicy, DNS_POLICIES));
  errs.push(...validateLabels(s.nodeSelector, `${path}.nodeSelector`));
  if (s.serviceAccountName) {
    for (const msg of isDNS1123Subdomain(s.serviceAccountName)) errs.push(field.invalid(`${path}.serviceAccountName`, s.serviceAccountName, msg));
  }
  if (s.nodeName) for (const msg of isDNS1123Subdomain(s.nodeName)) errs.push(field.invalid(`${path}.nodeName`, s.nodeName, msg));
  if (s.activeDeadlineSeconds !== undefined && (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > 4294967295)) {
    errs.push(field.invalid(`${path}.activeDeadlineSeconds`, s.activeDeadlineSeconds, 'must be between 1 and 4294967295, inclusive'));
  }
  if (s.hostname) for (const msg of isDNS1123Label(s.hostname)) errs.push(field.invalid(`${path}.hostname`, s.hostname, msg));
  if (s.subdomain) for (const msg of isDNS1123Label(s.subdomain)) errs.push(field.invalid(`${path}.subdomain`, s.subdomain, msg));
  errs.push(...validateTolerations(s.tolerations, `${path}.tolerations`));
  if (typeof s.priorityClassName === 'string' && s.priorityClassName !== '') {
    // ValidatePriorityClassName is NameIsDNSSubdomain.
    for (const msg of nameIsDNSSubdomain(s.priorityClassName, false)) errs.push(field.invalid(`${path}.priorityClassName`, s.priorityClassName, msg));
  }
  if (s.preemptionPolicy !== undefined && s.preemptionPolicy !== null) errs.push(...validatePreemptionPolicy(s.preemptionPolicy, `${path}.preemptionPolicy`));
  return errs;
}

/** `ValidatePreemptionPolicy`: Required when empty, NotSupported unless PreemptLowerPriority or Never. */
export function validatePreemptionPolicy(policy: unknown, path: string): FieldError[] {
  if (policy === '') return [field.required(path)];
  return (PREEMPTION_POLICIES as readonly unknown[]).includes(policy) ? [] : [field.notSupported(path, policy, PREEMPTION_POLICIES)];
}
