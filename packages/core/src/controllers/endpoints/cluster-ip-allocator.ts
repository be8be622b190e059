/**
 * ClusterIP allocation for Services, as the API server's service REST storage does on create:
 * a free address from the service CIDR (10.100.0.0/16, EKS's default), drawn from the seeded
 * `service-cidr` stream; `clusterIP: None` stays headless. Addresses are released when the
 * Service is deleted.
 * @see kubernetes pkg/registry/core/service/ipallocator/bitmap.go (random scan, static band)
 */
import type { Service } from 'kubernetes-types/core/v1';
import { errors, field, GoRepr } from '../../api/errors.js';
import type { KubeObject } from '../../api/object.js';
import type { AdmissionPlugin } from '../../api/server.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import type { Rng } from '../../sim/rng.js';
import { randomScanWithOffset } from './random-scan.js';

/** EKS default service CIDR (`kubernetes_network_config.service_ipv4_cidr`). */
export const SERVICE_CIDR = '10.100.0.0/16';
/** `clusterIP: None`. */
export const CLUSTER_IP_NONE = 'None';

function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}
function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/**
 * A bitmap-style allocator over one IPv4 CIDR. Each address remembers its Service; one whose Service
 * was never stored (a dry run, a create refused after admission) or no longer holds it is taken
 * back when met again, instead of leaking.
 */
export class ClusterIpAllocator {
  private readonly base: number;
  private readonly size: number;
  /** Offsets below this are the static band, used only when the dynamic band is full. */
  private readonly staticBand: number;
  /** Used offsets, each with the `namespace/name` of the Service holding it. */
  private readonly holders = new Map<number, string>();

  constructor(
    private readonly rng: Rng,
    cidr = SERVICE_CIDR,
    /** Whether the stored Service `holder` still has `ip` (stale holders are taken back). */
    private readonly holds: (holder: string, ip: string) => boolean = () => true,
  ) {
    const [ip, bits] = cidr.split('/');
    this.base = ipToInt(ip);
    // Network and broadcast addresses are never handed out.
    const rangeSize = 2 ** (32 - Number(bits));
    this.size = rangeSize - 2;
    // `calculateRangeOffset`: no static band below 16 addresses, else size/16 clamped to [16, 256].
    this.staticBand = rangeSize < 16 ? 0 : Math.min(Math.max(16, Math.floor(rangeSize / 16)), 256);
  }

  /** Whether `ip` lies in the range. */
  contains(ip: string): boolean {
    const off = ipToInt(ip) - this.base - 1;
    return off >= 0 && off < this.size;
  }

  /** Marks a given address used by `holder`; false if another holds it or it is outside the range. */
  allocate(ip: string, holder = ''): boolean {
    const off = ipToInt(ip) - this.base - 1;
    if (off < 0 || off >= this.size || !this.isFree(off, holder)) return false;
    this.holders.set(off, holder);
    return true;
  }

  /** A free address for `holder` from the dynamic band (random start, scan forward), then the static band. */
  allocateNext(holder = ''): string | undefined {
    const off = randomScanWithOffset(this.rng, this.size, this.staticBand, (o) => this.isFree(o, holder));
    if (off === undefined) return undefined;
    this.holders.set(off, holder);
    return intToIp(this.base + 1 + off);
  }

  /** Frees an address. */
  release(ip: string): void {
    this.holders.delete(ipToInt(ip) - this.base - 1);
  }

  private isFree(off: number, holder: string): boolean {
    const h = this.holders.get(off);
    if (h === undefined || (holder !== '' && h === holder)) return true;
    if (this.holds(h, intToIp(this.base + 1 + off))) return false;
    this.holders.delete(off);
    return true;
  }
}

/**
 * Installs the allocator: an admission plugin that fills `spec.clusterIP`/`clusterIPs` on create
 * and a watch that releases addresses of deleted Services.
 */
export function installClusterIpAllocation(core: CoreCluster): ClusterIpAllocator {
  const allocator = new ClusterIpAllocator(core.rng.fork('service-cidr'), SERVICE_CIDR, (holder, ip) => {
    const [ns, name] = holder.split('/');
    return core.store.get<Service & KubeObject>('Service', ns, name)?.spec?.clusterIPs?.includes(ip) ?? false;
  });
  const plugin: AdmissionPlugin = {
    name: 'ClusterIPAllocation',
    admit(attrs) {
      if (attrs.operation !== 'CREATE' || attrs.kind !== 'Service') return;
      if (!attrs.object.spec) attrs.object.spec = {};
      const spec = attrs.object.spec as NonNullable<Service['spec']> & { clusterIP?: string; clusterIPs?: string[] };
      if (spec.type === 'ExternalName') return;
      const wanted = spec.clusterIP || spec.clusterIPs?.[0];
      if (wanted === CLUSTER_IP_NONE) {
        spec.clusterIP = CLUSTER_IP_NONE;
        spec.clusterIPs = [CLUSTER_IP_NONE];
        return;
      }
      const holder = `${attrs.object.metadata.namespace ?? 'default'}/${attrs.object.metadata.name ?? ''}`;
      const ip = wanted ? (allocator.allocate(wanted, holder) ? wanted : undefined) : allocator.allocateNext(holder);
      if (!ip) {
        const name = attrs.object.metadata.name ?? '';
        const detail = wanted && allocator.contains(wanted)
          ? `failed to allocate IP ${wanted}: provided IP is already allocated`
          : `failed to allocate IP ${wanted}: the provided IP (${wanted}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`;
        throw errors.invalid('Service', '', name, [field.invalid('spec.clusterIPs', new GoRepr(`[]string{${JSON.stringify(wanted)}}`), detail)]);
      }
      spec.clusterIP = ip;
      spec.clusterIPs = [ip];
    },
  };
  core.api.registerAdmission(plugin);
  core.store.watch<Service & KubeObject>('Service', (e) => {
    const ip = e.object.spec?.clusterIP;
    if (e.type === 'DELETED' && ip && ip !== CLUSTER_IP_NONE) allocator.release(ip);
  });
  return allocator;
}
