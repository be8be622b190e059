/**
 * Cluster DNS (CoreDNS `kubernetes` plugin) as a pure resolver over the store:
 * `<svc>.<ns>.svc.cluster.local` → the ClusterIP, or the ready pod IPs of a headless Service;
 * `<hostname>.<svc>.<ns>.svc.cluster.local` → that pod's IP; `a-b-c-d.<ns>.pod.cluster.local`.
 * Relative names go through a pod's search path (`<ns>.svc.cluster.local svc.cluster.local
 * cluster.local`, `ndots:5`), so `randserver-0.randserver` resolves from namespace `default`.
 * @see coredns plugin/kubernetes (kubernetes.go Records), kubelet pkg/kubelet/network/dns/dns.go
 */
import type { KubeObject } from '../../api/object.js';
import type { ObjectStore } from '../../store/store.js';
import type { EndpointsObject } from './endpoints-controller.js';
import { isHeadless, type ServiceObject } from './endpoints-utils.js';

/** The Service the kubelet points pods' resolv.conf at (CoreDNS's, named as kube-dns always was). */
export const CLUSTER_DNS_SERVICE = { namespace: 'kube-system', name: 'kube-dns' } as const;

/** Cluster domain (kubelet `--cluster-domain`). */
export const CLUSTER_DOMAIN = 'cluster.local';
/** `ndots` in a pod's resolv.conf (kubelet dns.go). */
export const NDOTS = 5;

/** One answer: the fully qualified name that matched and its A records (sorted). */
export interface DnsAnswer {
  readonly name: string;
  readonly addresses: readonly string[];
}

/** A pod's DNS search path (`ClusterFirst`). */
export function dnsSearchPath(namespace: string, domain = CLUSTER_DOMAIN): string[] {
  return [`${namespace}.svc.${domain}`, `svc.${domain}`, domain];
}

/** The resolver. */
export class ClusterDns {
  constructor(
    private readonly store: ObjectStore,
    readonly domain = CLUSTER_DOMAIN,
  ) {}

  /**
   * Whether a query gets an answer at all. With a `kube-system/kube-dns` Service (the coredns
   * add-on), only while it has a ready endpoint: with every CoreDNS pod gone or not ready, queries
   * to its ClusterIP time out. Without that Service, kubesim answers for the cluster (a cluster
   * created without the add-on still resolves its names).
   */
  answers(): boolean {
    const { namespace, name } = CLUSTER_DNS_SERVICE;
    if (!this.store.get('Service', namespace, name)) return true;
    return this.readyAddresses(namespace, name).length > 0;
  }

  /**
   * Resolves `name` as a pod in `fromNamespace` would: absolute names (trailing dot or at least
   * `ndots` dots) first as given, relative ones through the search path first.
   * @returns undefined for NXDOMAIN, and when no server answers (`answers`)
   */
  lookup(name: string, fromNamespace = 'default'): DnsAnswer | undefined {
    if (!this.answers()) return undefined;
    const q = name.toLowerCase();
    if (q.endsWith('.')) return this.resolveFqdn(q.slice(0, -1));
    const dots = q.split('.').length - 1;
    const candidates = dnsSearchPath(fromNamespace, this.domain).map((s) => `${q}.${s}`);
    const order = dots >= NDOTS ? [q, ...candidates] : [...candidates, q];
    for (const fqdn of order) {
      const answer = this.resolveFqdn(fqdn);
      if (answer) return answer;
    }
    return undefined;
  }

  /** Just the addresses (empty for NXDOMAIN). */
  resolve(name: string, fromNamespace = 'default'): readonly string[] {
    return this.lookup(name, fromNamespace)?.addresses ?? [];
  }

  /** Resolves a fully qualified name (without the trailing dot). */
  resolveFqdn(fqdn: string): DnsAnswer | undefined {
    const suffix = `.${this.domain}`;
    if (!fqdn.endsWith(suffix)) return undefined;
    const labels = fqdn.slice(0, -suffix.length).split('.');
    const kind = labels[labels.length - 1];
    if (kind === 'svc' && labels.length === 3) return this.service(fqdn, labels[1], labels[0]);
    if (kind === 'svc' && labels.length === 4) return this.endpointHost(fqdn, labels[2], labels[1], labels[0]);
    if (kind === 'pod' && labels.length === 3 && /^\d+-\d+-\d+-\d+$/.test(labels[0])) {
      if (!this.store.get('Namespace', undefined, labels[1])) return undefined;
      return { name: fqdn, addresses: [labels[0].replaceAll('-', '.')] };
    }
    return undefined;
  }

  private service(fqdn: string, namespace: string, name: string): DnsAnswer | undefined {
    const svc = this.store.get<ServiceObject>('Service', namespace, name);
    if (!svc) return undefined;
    if (!isHeadless(svc)) {
      const ip = svc.spec?.clusterIP;
      return ip ? { name: fqdn, addresses: [ip] } : undefined;
    }
    const ips = this.readyAddresses(namespace, name).map((a) => a.ip);
    return ips.length ? { name: fqdn, addresses: [...new Set(ips)].sort() } : undefined;
  }

  private endpointHost(fqdn: string, namespace: string, service: string, host: string): DnsAnswer | undefined {
    const svc = this.store.get<ServiceObject>('Service', namespace, service);
    if (!svc || !isHeadless(svc)) return undefined;
    const ips = this.readyAddresses(namespace, service)
      .filter((a) => a.hostname === host)
      .map((a) => a.ip);
    return ips.length ? { name: fqdn, addresses: ips.sort() } : undefined;
  }

  private readyAddresses(namespace: string, service: string): { ip: string; hostname?: string }[] {
    const ep = this.store.get<EndpointsObject & KubeObject>('Endpoints', namespace, service);
    return (ep?.subsets ?? []).flatMap((s) => s.addresses ?? []);
  }
}
