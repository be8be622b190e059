/**
 * core/v1 defaults other than pods and storage: Namespace, Service, Node, Secret.
 * @see k/k pkg/apis/core/v1/defaults.go (SetDefaults_Namespace, SetDefaults_Service, SetDefaults_NodeStatus,
 *      SetDefaults_Secret), pkg/apis/core/v1/conversion.go (Convert_v1_Secret_To_core_Secret),
 *      pkg/registry/core/namespace/strategy.go (PrepareForCreate)
 */
// biome-ignore-all lint/suspicious/noExplicitAny: specs are untyped JSON while being defaulted
import type { MutableObject } from '../strategy.js';

/** Label every namespace carries with its own name (`kubernetes.io/metadata.name`, GA 1.22). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Namespace defaults: the name label, the `kubernetes` finalizer and phase Active. */
export function defaultNamespace(obj: MutableObject): void {
  const name = obj.metadata?.name;
  if (name) obj.metadata.labels = { ...(obj.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: name };
  obj.spec ??= {};
  obj.spec.finalizers ??= ['kubernetes'];
  obj.status ??= {};
  obj.status.phase ||= 'Active';
}

/**
 * `SetDefaults_Service` plus the single-stack IPv4 family the REST layer fills in: type
 * ClusterIP, sessionAffinity None, ports protocol TCP and targetPort = port.
 */
export function defaultService(obj: MutableObject): void {
  obj.spec ??= {};
  const spec: any = obj.spec;
  spec.type ||= 'ClusterIP';
  spec.sessionAffinity ||= 'None';
  for (const port of Array.isArray(spec.ports) ? spec.ports : []) {
    if (!port || typeof port !== 'object') continue;
    port.protocol ||= 'TCP';
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
  if (spec.type !== 'ExternalName') {
    spec.internalTrafficPolicy ||= 'Cluster';
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ||= 'SingleStack';
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ||= 'Cluster';
}

/**
 * A Secret as the API server stores it: `stringData` merged into `data` (base64, overwriting the
 * same keys) and dropped, as the v1 → internal conversion does; `type` defaults to `Opaque`.
 */
export function defaultSecret(obj: MutableObject): void {
  const stringData = obj.stringData;
  if (stringData && typeof stringData === 'object' && Object.keys(stringData).length > 0) {
    obj.data = { ...(obj.data ?? {}) };
    for (const [k, v] of Object.entries(stringData)) obj.data[k] = Buffer.from(String(v), 'utf8').toString('base64');
  }
  delete obj.stringData;
  obj.type ||= 'Opaque';
}

/** `SetDefaults_NodeStatus`: allocatable defaults to capacity. */
export function defaultNode(obj: MutableObject): void {
  const status = obj.status;
  if (status && typeof status === 'object' && status.capacity && !status.allocatable) status.allocatable = { ...status.capacity };
}
