/**
 * NodePort allocation for Services of type NodePort and LoadBalancer, as the API server's service
 * REST storage does: a requested `nodePort` is checked against the range and the ports in use, a
 * missing one is drawn from the seeded `service-node-port-range` stream (random start, scan forward,
 * the static band below the dynamic one last). Ports are released when their Service is deleted or
 * stops needing them (type changed to ClusterIP, port removed).
 *
 * @remarks Each allocated port remembers its Service; a port whose Service was never stored (a dry
 * run, or a create refused after admission) or no longer holds it is taken back when met again,
 * instead of leaking.
 * @see kubernetes pkg/registry/core/service/portallocator/allocator.go (calculateRangeOffset,
 *   ErrNotInRange, ErrAllocated), pkg/registry/core/service/storage/alloc.go (allocNodePorts)
 */
import type { Service } from 'kubernetes-types/core/v1';
import { errors, field, type FieldError } from '../../api/errors.js';
import type { KubeObject } from '../../api/object.js';
import type { AdmissionPlugin } from '../../api/server.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import type { Rng } from '../../sim/rng.js';
import { randomScanWithOffset } from './random-scan.js';

/** kube-apiserver `--service-node-port-range` default. */
export const NODE_PORT_RANGE = { base: 30000, size: 2768 } as const;

/** `ErrAllocated`. */
export const ERR_PORT_ALLOCATED = 'provided port is already allocated';

/** `ErrNotInRange` for the default range. */
export const ERR_PORT_NOT_IN_RANGE = `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.base}-${NODE_PORT_RANGE.base + NODE_PORT_RANGE.size - 1}`;

type ServiceObject = Service & KubeObject;
type ServicePort = NonNullable<NonNullable<Service['spec']>['ports']>[number];

/** `calculateRangeOffset` for ports: min(max(16, size/32), 128), none for ranges of 16 or fewer. */
function staticBandSize(size: number): number {
  if (size <= 16) return 0;
  return Math.min(Math.max(16, Math.trunc(size / 32)), 128);
}

/** The node ports in use, each with the `namespace/name` of the Service holding it. */
export class NodePortAllocator {
  private readonly holders = new Map<number, string>();
  private readonly staticBand = staticBandSize(NODE_PORT_RANGE.size);

  constructor(
    private readonly rng: Rng,
    /** Whether the stored Service `holder` still has `port` (stale holders are taken back). */
    private readonly holds: (holder: string, port: number) => boolean,
  ) {}

  /** Allocates a requested port for `holder`: undefined, or the reason it cannot. */
  allocate(port: number, holder: string): string | undefined {
    const off = port - NODE_PORT_RANGE.base;
    if (off < 0 || off >= NODE_PORT_RANGE.size) return ERR_PORT_NOT_IN_RANGE;
    if (!this.isFree(port, holder)) return ERR_PORT_ALLOCATED;
    this.holders.set(port, holder);
    return undefined;
  }

  /** A free port for `holder` from the dynamic band (random start), then the static band. */
  allocateNext(holder: string): number | undefined {
    const off = randomScanWithOffset(this.rng, NODE_PORT_RANGE.size, this.staticBand, (o) => this.isFree(NODE_PORT_RANGE.base + o, holder));
    if (off === undefined) return undefined;
    this.holders.set(NODE_PORT_RANGE.base + off, holder);
    return NODE_PORT_RANGE.base + off;
  }

  /** Frees `port` if `holder` holds it. */
  release(port: number, holder: string): void {
    if (this.holders.get(port) === holder) this.holders.delete(port);
  }

  private isFree(port: number, holder: string): boolean {
    const h = this.holders.get(port);
    if (h === undefined || h === holder) return true;
    if (this.holds(h, port)) return false;
    this.holders.delete(port);
    return true;
  }
}

/** Whether a Service of this spec gets node ports (`needsNodePort`). */
function needsNodePorts(spec: Service['spec'] | undefined): boolean {
  const type = spec?.type;
  return type === 'NodePort' || (type === 'LoadBalancer' && spec?.allocateLoadBalancerNodePorts !== false);
}

function nodePortsOf(svc: ServiceObject | undefined): number[] {
  return (svc?.spec?.ports ?? []).map((p) => p.nodePort ?? 0).filter((p) => p > 0);
}

/**
 * Installs the allocator: an admission plugin that fills or checks `nodePort` on create and update
 * (clearing the node ports and traffic policy a type change to ClusterIP leaves, as
 * `dropTypeDependentFields`), and a watch that releases the ports Services no longer hold.
 */
export function installNodePortAllocation(core: CoreCluster): NodePortAllocator {
  const keyOf = (svc: { metadata: { namespace?: string; name?: string } }) => `${svc.metadata.namespace ?? 'default'}/${svc.metadata.name ?? ''}`;
  const allocator = new NodePortAllocator(core.rng.fork('service-node-port-range'), (holder, port) => {
    const [ns, name] = holder.split('/');
    return nodePortsOf(core.store.get<ServiceObject>('Service', ns, name)).includes(port);
  });
  const plugin: AdmissionPlugin = {
    name: 'NodePortAllocation',
    admit(attrs) {
      if (attrs.kind !== 'Service') return;
      const svc = attrs.object as unknown as ServiceObject & { spec: { ports?: ServicePort[] } };
      const old = attrs.old as ServiceObject | undefined;
      const holder = keyOf(svc);
      const ports: ServicePort[] = svc.spec?.ports ?? [];
      if (!needsNodePorts(svc.spec)) {
        // A type change to ClusterIP drops what only external types have, when left as it was.
        if (old && needsNodePorts(old.spec) && svc.spec?.type === 'ClusterIP') {
          for (const p of ports) if (p.nodePort && nodePortsOf(old).includes(p.nodePort)) delete (p as { nodePort?: number }).nodePort;
          const spec = svc.spec as { externalTrafficPolicy?: string };
          if (spec.externalTrafficPolicy === old.spec?.externalTrafficPolicy) delete spec.externalTrafficPolicy;
        }
        return;
      }
      const held = new Set(nodePortsOf(old));
      const byPort = new Map<number, number>();
      const errs: FieldError[] = [];
      ports.forEach((p, i) => {
        if (p.nodePort) {
          if (!held.has(p.nodePort) && !byPort.has(p.port)) {
            const why = allocator.allocate(p.nodePort, holder);
            if (why) errs.push(field.invalid(`spec.ports[${i}].nodePort`, p.nodePort, why));
          }
          byPort.set(p.port, p.nodePort);
          return;
        }
        // The same port number under another protocol shares its node port.
        const shared = byPort.get(p.port);
        const next = shared ?? allocator.allocateNext(holder);
        if (next === undefined) errs.push(field.invalid(`spec.ports[${i}].nodePort`, 0, 'range is full'));
        else {
          (p as { nodePort?: number }).nodePort = next;
          byPort.set(p.port, next);
        }
      });
      if (errs.length > 0) throw errors.invalid('Service', '', svc.metadata.name ?? '', errs);
    },
  };
  core.api.registerAdmission(plugin);
  core.store.watch<ServiceObject>('Service', (e) => {
    const holder = keyOf(e.object);
    const now = e.type === 'DELETED' ? [] : nodePortsOf(e.object);
    for (const port of nodePortsOf(e.old ?? (e.type === 'DELETED' ? e.object : undefined))) if (!now.includes(port)) allocator.release(port, holder);
  });
  return allocator;
}
