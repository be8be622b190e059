import type { Service } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.js';
import { CoreCluster } from '../../cluster/core-cluster.js';
import { installControllers } from '../install-controllers.js';
import { defaultLoadBalancerName, LOAD_BALANCER_CLEANUP_FINALIZER, LOAD_BALANCER_LATENCY_MS } from './service-controller.js';

type ServiceObject = Service & KubeObject;

function setup() {
  const core = new CoreCluster({ seed: 9 });
  installControllers(core);
  const svc = (name: string, type: string) =>
    core.api.create<ServiceObject>({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { type, selector: { app: name }, ports: [{ port: 80 }] } });
  const get = (name: string) => core.store.get<ServiceObject>('Service', 'default', name);
  const events = (name: string) =>
    core.store
      .list<KubeObject & { reason: string; message: string; involvedObject: { name: string }; source: { component: string } }>('Event')
      .filter((e) => e.involvedObject.name === name)
      .map((e) => `${e.source.component} ${e.reason}: ${e.message}`);
  return { core, svc, get, events };
}

describe('service controller (AWS Classic Load Balancer)', () => {
  it('a LoadBalancer Service gets the cleanup finalizer, then its ELB DNS name after the AWS calls', () => {
    const { core, svc, get, events } = setup();
    const created = svc('web', 'LoadBalancer');
    core.loop.settle();
    expect(get('web')?.metadata.finalizers).toEqual([LOAD_BALANCER_CLEANUP_FINALIZER]);
    expect(get('web')?.status?.loadBalancer?.ingress).toBeUndefined();
    core.loop.advance(LOAD_BALANCER_LATENCY_MS);
    const name = defaultLoadBalancerName(created.metadata.uid as string);
    expect(name).toMatch(/^a[0-9a-f]{31}$/);
    const [ingress] = get('web')?.status?.loadBalancer?.ingress ?? [];
    expect(ingress.hostname).toMatch(new RegExp(`^${name}-\\d{9,10}\\.us-east-1\\.elb\\.amazonaws\\.com$`));
    expect(events('web')).toEqual(['service-controller EnsuringLoadBalancer: Ensuring load balancer', 'service-controller EnsuredLoadBalancer: Ensured load balancer']);
    // A ClusterIP Service is left alone.
    svc('plain', 'ClusterIP');
    core.loop.advance('10s');
    expect([get('plain')?.metadata.finalizers, events('plain')]).toEqual([undefined, []]);
  });

  it('deleting the Service deletes the balancer first: the finalizer holds the Service until then', () => {
    const { core, svc, get, events } = setup();
    svc('web', 'LoadBalancer');
    core.loop.advance('5s');
    core.api.delete('Service', 'default', 'web');
    core.loop.settle();
    expect(get('web')?.metadata.deletionTimestamp).toBeDefined();
    core.loop.advance(LOAD_BALANCER_LATENCY_MS);
    expect(get('web')).toBeUndefined();
    expect(events('web').slice(2)).toEqual(['service-controller DeletingLoadBalancer: Deleting load balancer', 'service-controller DeletedLoadBalancer: Deleted load balancer']);
  });

  it('a type change to ClusterIP deletes the balancer, clears the status and drops the finalizer', () => {
    const { core, svc, get, events } = setup();
    svc('web', 'LoadBalancer');
    core.loop.advance('5s');
    core.api.patch('Service', 'default', 'web', { spec: { type: 'ClusterIP' } });
    core.loop.advance('5s');
    const s = get('web');
    expect([s?.spec?.type, s?.metadata.finalizers, s?.status?.loadBalancer]).toEqual(['ClusterIP', undefined, {}]);
    expect(events('web').at(-1)).toBe('service-controller DeletedLoadBalancer: Deleted load balancer');
  });
});
