/**
 * The API server's `kubernetes` Service: `default/kubernetes` (ClusterIP, the first address of
 * the service CIDR, port 443 `https`) and its Endpoints, the EKS control plane's two
 * cross-account ENIs in the cluster's subnets. Deleted, they come back at the controller's next
 * reconcile (every 10 s), as kube-apiserver recreates them.
 *
 * Design: written straight to the store (the API server writes them itself) with uids and ENI
 * addresses from their own RNG stream, so no other uid or generated name shifts; the reconcile
 * runs only after a deletion (no timer in an untouched cluster).
 * @see kubernetes pkg/controlplane/controller/kubernetesservice/controller.go (CreateOrUpdateMasterServiceIfNeeded),
 *   pkg/controlplane/reconcilers (the Endpoints)
 */
import type { Endpoints, Service } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object.js';
import type { Ec2Cloud } from '../../cloud/ec2-cloud.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import type { Rng } from '../../sim/rng.js';
import type { ClusterIpAllocator } from './cluster-ip-allocator.js';

/** `default/kubernetes`'s ClusterIP: the first address of the EKS service CIDR. */
export const KUBERNETES_SERVICE_IP = '10.100.0.1';
/** The reconcile period (`EndpointReconcilerInterval`, 10 s). */
export const KUBERNETES_SERVICE_RECONCILE_MS = 10_000;
const NAMESPACE = 'default';
const NAME = 'kubernetes';
const LABELS = { component: 'apiserver', provider: 'kubernetes' } as const;

/** Keeps `default/kubernetes` (Service and Endpoints) in place. */
export class KubernetesServiceController {
  private readonly rng: Rng;
  private readonly endpointIps: readonly string[];
  private pending = false;

  constructor(
    private readonly core: CoreCluster,
    private readonly allocator: ClusterIpAllocator,
    cloud: Ec2Cloud,
  ) {
    this.rng = core.rng.fork('apiserver/kubernetes-service');
    const zones = cloud.zones;
    this.endpointIps = [cloud.reserveIp(zones[0], this.rng), cloud.reserveIp(zones[1 % zones.length], this.rng)].sort();
    this.reconcile();
    for (const kind of ['Service', 'Endpoints']) {
      core.store.watch(kind, (e) => {
        if (e.type === 'DELETED' && e.object.metadata.namespace === NAMESPACE && e.object.metadata.name === NAME) this.scheduleReconcile();
      });
    }
  }

  /** The next reconcile tick (every 10 s of the API server's life). */
  private scheduleReconcile(): void {
    if (this.pending) return;
    this.pending = true;
    const now = this.core.loop.clock.now();
    const next = (Math.floor(now / KUBERNETES_SERVICE_RECONCILE_MS) + 1) * KUBERNETES_SERVICE_RECONCILE_MS;
    this.core.loop.schedule(next - now, 'apiserver/kubernetes-service', () => {
      this.pending = false;
      this.reconcile();
    });
  }

  /** Creates whichever of the Service and its Endpoints is missing. */
  private reconcile(): void {
    const store = this.core.store;
    if (!store.get('Service', NAMESPACE, NAME)) {
      this.allocator.allocate(KUBERNETES_SERVICE_IP, `${NAMESPACE}/${NAME}`);
      const service: Service & KubeObject = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: NAME, namespace: NAMESPACE, uid: this.rng.uuid(), labels: { ...LABELS } },
        spec: {
          clusterIP: KUBERNETES_SERVICE_IP,
          clusterIPs: [KUBERNETES_SERVICE_IP],
          internalTrafficPolicy: 'Cluster',
          ipFamilies: ['IPv4'],
          ipFamilyPolicy: 'SingleStack',
          ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 443 }],
          sessionAffinity: 'None',
          type: 'ClusterIP',
        },
        status: { loadBalancer: {} },
      };
      store.create(service);
    }
    if (!store.get('Endpoints', NAMESPACE, NAME)) {
      const endpoints: Endpoints & KubeObject = {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: NAME, namespace: NAMESPACE, uid: this.rng.uuid(), labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
        subsets: [{ addresses: this.endpointIps.map((ip) => ({ ip })), ports: [{ name: 'https', port: 443, protocol: 'TCP' }] }],
      };
      store.create(endpoints);
    }
  }
}
