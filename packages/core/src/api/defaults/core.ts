/**
 * core/v1 defaults other than pods and storage: Namespace, Service, Node.
 * @see k/k pkg/apis/core/v1/defaults.go (SetDefaults_Namespace, SetDefaults_Service, SetDefaults_NodeStatus),
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

/** `SetDefaults_NodeStatus`: allocatable defaults to capacity. */
export function defaultNode(obj: MutableObject): void {
  const status = obj.status;
  if (status && typeof status === 'object' && status.capacity && !status.allocatable) status.allocatable = { ...status.capacity };
}
