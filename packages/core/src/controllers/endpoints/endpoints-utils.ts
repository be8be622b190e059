/**
 * Pure helpers of the Endpoints controller: which pods belong in a Service's Endpoints, the
 * address of each, target port resolution, and packing into subsets.
 * @see kubernetes pkg/controller/endpoint/endpoints_controller.go,
 * pkg/controller/util/endpoint/controller_utils.go (ShouldPodBeInEndpoints, ShouldSetHostname),
 * pkg/api/v1/endpoints/util.go (RepackSubsets, LessEndpointAddress)
 */
import type { EndpointAddress, EndpointPort, EndpointSubset, Service, ServicePort } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object.js';
import { isPodReady, type PodObject } from '../replicaset/controller-utils.js';
import { CLUSTER_IP_NONE } from './cluster-ip-allocator.js';

/** A stored Service. */
export type ServiceObject = Service & KubeObject;

/** Label on the Endpoints of a headless Service (`v1.IsHeadlessService`). */
export const HEADLESS_SERVICE_LABEL = 'service.kubernetes.io/headless';

/** Whether the Service is headless (`clusterIP: None`). */
export const isHeadless = (svc: Service): boolean => svc.spec?.clusterIP === CLUSTER_IP_NONE;

/** `ShouldPodBeInEndpoints`: has an IP, not terminal, not terminating unless included. */
export function shouldPodBeInEndpoints(pod: PodObject, includeTerminating: boolean): boolean {
  if (!pod.status?.podIP) return false;
  const phase = pod.status.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return false;
  return includeTerminating || !pod.metadata.deletionTimestamp;
}

/** `ShouldSetHostname`: the pod's subdomain names this Service. */
export function shouldSetHostname(pod: PodObject, svc: ServiceObject): boolean {
  return !!pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name && pod.metadata.namespace === svc.metadata.namespace;
}

/** `podToEndpointAddressForService`. */
export function podToEndpointAddress(pod: PodObject, svc: ServiceObject): EndpointAddress {
  return {
    ip: pod.status?.podIP ?? '',
    ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec?.hostname } : {}),
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
}

/** `podutil.FindPort`: a numeric target port, or a named container port; undefined if absent. */
export function findPort(pod: PodObject, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP')) return p.containerPort;
  }
  return undefined;
}

/** `LessEndpointAddress`: by IP bytes, then target uid. */
function compareAddress(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const ua = a.targetRef?.uid ?? '';
  const ub = b.targetRef?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/**
 * The subsets of a Service's Endpoints: one subset per distinct port list, addresses and
 * notReadyAddresses sorted (`RepackSubsets` + `SortSubsets`).
 */
export function buildSubsets(svc: ServiceObject, pods: readonly PodObject[]): EndpointSubset[] {
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const p = {} as EndpointPort;
      if (sp.name) p.name = sp.name;
      p.port = port;
      p.protocol = sp.protocol ?? 'TCP';
      if (sp.appProtocol) p.appProtocol = sp.appProtocol;
      ports.push(p);
    }
    if (ports.length === 0 && !(isHeadless(svc) && (svc.spec?.ports ?? []).length === 0)) continue;
    ports.sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : a.port - b.port));
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) {
      g = { ports, ready: [], notReady: [] };
      groups.set(key, g);
    }
    const addr = podToEndpointAddress(pod, svc);
    if (publishNotReady || isPodReady(pod)) g.ready.push(addr);
    else g.notReady.push(addr);
  }
  return [...groups.keys()].sort().map((k) => {
    const g = groups.get(k) as { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] };
    const subset: EndpointSubset = {};
    if (g.ready.length) subset.addresses = g.ready.sort(compareAddress);
    if (g.notReady.length) subset.notReadyAddresses = g.notReady.sort(compareAddress);
    if (g.ports.length) subset.ports = g.ports;
    return subset;
  });
}
