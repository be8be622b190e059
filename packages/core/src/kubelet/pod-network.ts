/**
 * The pod network as a container's client sees it: a TCP connection to a pod IP reaches what that
 * pod serves on the port; one to a Service's ClusterIP goes through kube-proxy's rules to one
 * ready endpoint, chosen at random (iptables `statistic --mode random`) from the network's own
 * stream. A Service port without ready endpoints is rejected (connection refused), a port the
 * Service does not have, or an address nothing holds, times out.
 * @see kubernetes pkg/proxy/iptables/proxier.go (syncProxyRules: REJECT for no endpoints, the probability chain)
 */
import type { EndpointsObject } from '../controllers/endpoints/endpoints-controller.js';
import type { ServiceObject } from '../controllers/endpoints/endpoints-utils.js';
import type { Rng } from '../sim/rng.js';
import type { ObjectStore } from '../store/store.js';
import type { HttpResponse } from './images.js';
import type { PodObject } from './objects.js';

/** How a connection went: an HTTP exchange, or the socket error the client gets. */
export type Dialed = { readonly kind: 'http'; readonly response: HttpResponse } | { readonly kind: 'refused' } | { readonly kind: 'timeout' };

/** The pod a client runs in (its loopback is the pod's own network namespace). */
export interface PodRef {
  readonly namespace: string;
  readonly name: string;
}

/** An HTTP request to a pod's port; status 0 when nothing listens there. */
export type PodHttp = (namespace: string, pod: string, port: number, path: string) => HttpResponse;

/** The cluster's pod and Service network. */
export class PodNetwork {
  constructor(
    private readonly store: ObjectStore,
    private readonly podHttp: PodHttp,
    /** kube-proxy's choice among endpoints. */
    private readonly rng: Rng,
  ) {}

  /** An HTTP GET of `path` on `ip:port` from a container of `self`. */
  get(self: PodRef | undefined, ip: string, port: number, path: string): Dialed {
    if (ip === '127.0.0.1' || ip === '::1') return self ? this.toPod(self.namespace, self.name, port, path) : { kind: 'refused' };
    const svc = this.serviceByClusterIp(ip);
    if (svc) return this.viaService(svc, port, path);
    const pod = this.podByIp(ip);
    if (!pod) return { kind: 'timeout' };
    return this.toPod(pod.metadata.namespace ?? 'default', pod.metadata.name ?? '', port, path);
  }

  private toPod(namespace: string, name: string, port: number, path: string): Dialed {
    const response = this.podHttp(namespace, name, port, path);
    return response.status === 0 ? { kind: 'refused' } : { kind: 'http', response };
  }

  private viaService(svc: ServiceObject, port: number, path: string): Dialed {
    const svcPort = svc.spec?.ports?.find((p) => p.port === port && (p.protocol ?? 'TCP') === 'TCP');
    if (!svcPort) return { kind: 'timeout' };
    const ns = svc.metadata.namespace ?? 'default';
    const endpoints = this.store.get<EndpointsObject>('Endpoints', ns, svc.metadata.name ?? '');
    const targets: { ip: string; port: number }[] = [];
    for (const subset of endpoints?.subsets ?? []) {
      const p = subset.ports?.find((x) => (x.name ?? '') === (svcPort.name ?? '')) ?? (subset.ports?.length === 1 && !svcPort.name ? subset.ports[0] : undefined);
      if (!p) continue;
      for (const a of subset.addresses ?? []) targets.push({ ip: a.ip, port: p.port });
    }
    if (targets.length === 0) return { kind: 'refused' };
    const t = targets.length === 1 ? targets[0] : this.rng.pick(targets);
    const pod = this.podByIp(t.ip);
    return pod ? this.toPod(pod.metadata.namespace ?? 'default', pod.metadata.name ?? '', t.port, path) : { kind: 'timeout' };
  }

  private serviceByClusterIp(ip: string): ServiceObject | undefined {
    for (const svc of this.store.values<ServiceObject>('Service')) {
      if (svc.spec?.clusterIP === ip || svc.spec?.clusterIPs?.includes(ip)) return svc;
    }
    return undefined;
  }

  /** The running pod that holds `ip` (host-network pods share their node's). */
  private podByIp(ip: string): PodObject | undefined {
    for (const pod of this.store.values<PodObject>('Pod')) {
      if (pod.status?.podIP === ip && pod.status.phase === 'Running' && !pod.spec?.hostNetwork) return pod;
    }
    return undefined;
  }
}

/** An HTTP(S) URL as a client in a pod reads it: scheme (http when none), host, port and path. */
export interface HttpTarget {
  readonly scheme: string;
  readonly host: string;
  /** The port the URL names, if it names one. */
  readonly explicitPort?: string;
  readonly port: number;
  /** The path and query (`/` when empty). */
  readonly path: string;
}

/** Parses `[scheme://]host[:port][/path]`; undefined when there is no host. */
export function parseHttpTarget(url: string): HttpTarget | undefined {
  const m = /^(?:([a-z]+):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)/i.exec(url);
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  return { scheme, host: m[2], ...(m[3] ? { explicitPort: m[3] } : {}), port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: m[4] || '/' };
}

/** The address a pod's resolver gives `host` (an IP as it is, localhost as the loopback); undefined when it has none. */
export function resolveHost(dns: { lookup(name: string, fromNamespace: string): { addresses: readonly string[] } | undefined }, host: string, namespace: string): string | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
  if (host === 'localhost') return '127.0.0.1';
  return dns.lookup(host, namespace)?.addresses[0];
}
