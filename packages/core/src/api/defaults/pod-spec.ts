/**
 * Pod spec defaults as the API server sets them (`SetDefaults_PodSpec`, `SetDefaults_Container`,
 * `SetDefaults_ContainerPort`, probes, volumes), applied to pods and to pod templates.
 * @see k/k pkg/apis/core/v1/defaults.go
 */
// biome-ignore-all lint/suspicious/noExplicitAny: pod specs are untyped JSON while being defaulted
import { defaultPersistentVolumeClaimSpec } from './storage.js';

/** `DefaultTerminationGracePeriodSeconds` (core/v1 types.go). */
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
/** `TerminationMessagePathDefault` (core/v1 types.go). */
export const TERMINATION_MESSAGE_PATH_DEFAULT = '/dev/termination-log';
/** `DefaultSchedulerName` (core/v1 types.go). */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
/**
 * Volume file mode defaults (`SecretVolumeSourceDefaultMode`, `ConfigMapVolumeSourceDefaultMode`,
 * `ProjectedVolumeSourceDefaultMode`, `DownwardAPIVolumeSourceDefaultMode`): 0644.
 */
export const VOLUME_SOURCE_DEFAULT_MODE = 420;
/** `SetDefaults_ServiceAccountTokenProjection`: a projected token lives 1 hour unless told. */
export const DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;

/**
 * The pull policy of an image reference (`SetDefaults_Container`): `Always` without a tag or
 * with `:latest`, otherwise `IfNotPresent`.
 */
export function defaultImagePullPolicy(image: string): 'Always' | 'IfNotPresent' {
  // An unparsable reference (e.g. empty) yields no tag: IfNotPresent; validation reports it.
  if (image === '') return 'IfNotPresent';
  const [withoutDigest = '', digest] = image.split('@');
  const lastSlash = withoutDigest.lastIndexOf('/');
  const lastColon = withoutDigest.lastIndexOf(':');
  const tag = lastColon > lastSlash ? withoutDigest.slice(lastColon + 1) : '';
  if (tag === 'latest') return 'Always';
  if (tag === '' && digest === undefined) return 'Always';
  return 'IfNotPresent';
}

function setDefault(obj: any, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null || obj[key] === '') obj[key] = value;
}

/** `SetDefaults_Probe` and the handler defaults (HTTP scheme, path). */
function defaultProbe(probe: any): void {
  if (!probe) return;
  setDefault(probe, 'timeoutSeconds', 1);
  setDefault(probe, 'periodSeconds', 10);
  setDefault(probe, 'successThreshold', 1);
  setDefault(probe, 'failureThreshold', 3);
  if (probe.httpGet) {
    setDefault(probe.httpGet, 'path', '/');
    setDefault(probe.httpGet, 'scheme', 'HTTP');
  }
}

/** `SetDefaults_Container` and its ports, probes and env. */
export function defaultContainer(ctr: any): void {
  if (!ctr || typeof ctr !== 'object') return;
  if (!ctr.imagePullPolicy) ctr.imagePullPolicy = defaultImagePullPolicy(typeof ctr.image === 'string' ? ctr.image : '');
  setDefault(ctr, 'terminationMessagePath', TERMINATION_MESSAGE_PATH_DEFAULT);
  setDefault(ctr, 'terminationMessagePolicy', 'File');
  for (const port of ctr.ports ?? []) if (port && typeof port === 'object') setDefault(port, 'protocol', 'TCP');
  for (const env of ctr.env ?? []) {
    if (env?.valueFrom?.fieldRef) setDefault(env.valueFrom.fieldRef, 'apiVersion', 'v1');
  }
  defaultProbe(ctr.livenessProbe);
  defaultProbe(ctr.readinessProbe);
  defaultProbe(ctr.startupProbe);
}

/** `SetDefaults_ObjectFieldSelector` on downward API volume items: `apiVersion` v1. */
function defaultDownwardApiItems(items: any): void {
  for (const item of Array.isArray(items) ? items : []) if (item?.fieldRef) setDefault(item.fieldRef, 'apiVersion', 'v1');
}

/** `SetDefaults_Volume` and the source defaults (`defaultMode` 0644, token expiry 1 hour). */
function defaultVolume(vol: any): void {
  if (!vol || typeof vol !== 'object') return;
  const sources = Object.keys(vol).filter((k) => k !== 'name');
  if (sources.length === 0) vol.emptyDir = {};
  if (vol.configMap) setDefault(vol.configMap, 'defaultMode', VOLUME_SOURCE_DEFAULT_MODE);
  if (vol.secret) setDefault(vol.secret, 'defaultMode', VOLUME_SOURCE_DEFAULT_MODE);
  if (vol.projected) {
    setDefault(vol.projected, 'defaultMode', VOLUME_SOURCE_DEFAULT_MODE);
    for (const source of Array.isArray(vol.projected.sources) ? vol.projected.sources : []) {
      if (source?.serviceAccountToken) setDefault(source.serviceAccountToken, 'expirationSeconds', DEFAULT_TOKEN_EXPIRATION_SECONDS);
      defaultDownwardApiItems(source?.downwardAPI?.items);
    }
  }
  if (vol.downwardAPI) {
    setDefault(vol.downwardAPI, 'defaultMode', VOLUME_SOURCE_DEFAULT_MODE);
    defaultDownwardApiItems(vol.downwardAPI.items);
  }
  if (vol.hostPath) setDefault(vol.hostPath, 'type', '');
  // A generic ephemeral volume's claim template gets the claim spec defaults (volumeMode Filesystem).
  if (vol.ephemeral?.volumeClaimTemplate) defaultPersistentVolumeClaimSpec(vol.ephemeral.volumeClaimTemplate.spec);
}

/** `SetDefaults_PodSpec` (+ containers and volumes): defaults a pod or template spec in place. */
export function defaultPodSpec(spec: any): void {
  if (!spec || typeof spec !== 'object') return;
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'restartPolicy', 'Always');
  if (spec.securityContext === undefined || spec.securityContext === null) spec.securityContext = {};
  setDefault(spec, 'terminationGracePeriodSeconds', DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS);
  setDefault(spec, 'schedulerName', DEFAULT_SCHEDULER_NAME);
  // The v1 conversions: `serviceAccount` is read as the name when the name is empty, and is always
  // written back from the name (`Convert_v1_PodSpec_To_core_PodSpec` and its reverse).
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;
  // SetDefaults_EphemeralContainer is SetDefaults_Container on its common part.
  for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
    if (Array.isArray(spec[list])) for (const ctr of spec[list]) defaultContainer(ctr);
  }
  if (Array.isArray(spec.volumes)) for (const vol of spec.volumes) defaultVolume(vol);
}

/** Defaults a `PodTemplateSpec`'s spec in place (templates get the pod spec defaults). */
export function defaultPodTemplate(template: any): void {
  if (template && typeof template === 'object') defaultPodSpec(template.spec);
}

/**
 * `SetDefaults_Pod`: the pod spec defaults, `enableServiceLinks`, and limits copied into missing
 * requests.
 */
export function defaultPod(obj: any): void {
  obj.spec = obj.spec ?? {};
  defaultPodSpec(obj.spec);
  if (obj.spec.enableServiceLinks === undefined) obj.spec.enableServiceLinks = true;
  for (const list of ['containers', 'initContainers']) {
    for (const ctr of Array.isArray(obj.spec[list]) ? obj.spec[list] : []) {
      const limits = ctr?.resources?.limits;
      if (limits && typeof limits === 'object') ctr.resources.requests = { ...limits, ...(ctr.resources.requests ?? {}) };
    }
  }
}

/**
 * Pod `PrepareForCreate`: a new pod's status is always `{ phase: Pending, qosClass }`, whatever
 * the client sent, plus PodScheduled=False/SchedulingGated when it has scheduling gates.
 * @see kubernetes pkg/registry/core/pod/strategy.go, pkg/apis/core/helper/qos/qos.go
 */
export function preparePodForCreate(obj: { spec?: unknown; status?: unknown; [key: string]: unknown }, nowTs: string): void {
  obj.status = { phase: 'Pending', qosClass: podQosClass(obj.spec) };
  // applySchedulingGatedCondition: a gated pod says why the scheduler leaves it alone.
  const gates = (obj.spec as { schedulingGates?: unknown } | undefined)?.schedulingGates;
  if (Array.isArray(gates) && gates.length > 0) {
    (obj.status as Record<string, unknown>).conditions = [
      { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: nowTs, reason: POD_REASON_SCHEDULING_GATED, message: SCHEDULING_GATED_MESSAGE },
    ];
  }
}

/** `v1.PodReasonSchedulingGated`. */
export const POD_REASON_SCHEDULING_GATED = 'SchedulingGated';
/** The PodScheduled=False message of a pod created with scheduling gates (pod strategy). */
export const SCHEDULING_GATED_MESSAGE = 'Scheduling is blocked due to non-empty scheduling gates';

/** `GetPodQOS`: BestEffort without requests/limits, Guaranteed when every container's cpu and memory limits equal its requests, else Burstable. */
export function podQosClass(spec: any): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const containers = [...(Array.isArray(spec?.containers) ? spec.containers : []), ...(Array.isArray(spec?.initContainers) ? spec.initContainers : [])];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const req = c?.resources?.requests ?? {};
    const lim = c?.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined || (req[r] !== undefined && String(req[r]) !== String(lim[r]))) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
