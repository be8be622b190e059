import { describe, expect, it } from 'vitest';
import { isStatusError } from '../../api/errors.js';
import { CoreCluster } from '../../cluster/core-cluster.js';
import { installControllers } from '../install-controllers.js';
import { FakeKubelet, type FakeKubeletOptions, makePod, makeService, makeStatefulSet } from '../testing/index.js';
import { ClusterIpAllocator } from './cluster-ip-allocator.js';
import { dnsSearchPath } from './cluster-dns.js';
import type { EndpointsObject } from './endpoints-controller.js';
import type { ServiceObject } from './endpoints-utils.js';

function setup(opts: FakeKubeletOptions = {}) {
  const core = new CoreCluster({ seed: 11 });
  const controllers = installControllers(core);
  const kubelet = new FakeKubelet(core, { startDelayMs: 2000, ...opts });
  return { core, controllers, kubelet };
}
const ep = (core: CoreCluster, name = 'randserver') => core.store.get<EndpointsObject>('Endpoints', 'default', name);

describe('ClusterIP allocation', () => {
  it('allocates distinct addresses in 10.100.0.0/16, deterministically per seed', () => {
    const a = setup();
    const b = setup();
    const ips = (core: CoreCluster) =>
      ['a', 'b', 'c'].map((n) => core.api.create<ServiceObject>(makeService().name(n).obj()).spec?.clusterIP ?? '');
    const first = ips(a.core);
    expect(first).toEqual(ips(b.core));
    expect(new Set(first).size).toBe(3);
    for (const ip of first) {
      expect(ip).toMatch(/^10\.100\.\d+\.\d+$/);
      expect(a.core.store.get<ServiceObject>('Service', 'default', 'a')?.spec?.clusterIPs).toHaveLength(1);
    }
  });

  it('keeps clusterIP None for headless services', () => {
    const { core } = setup();
    const svc = core.api.create<ServiceObject>(makeService().headless().obj());
    expect(svc.spec?.clusterIP).toBe('None');
    expect(svc.spec?.clusterIPs).toEqual(['None']);
  });

  it('rejects a requested address that is already allocated, with the apiserver text', () => {
    const { core } = setup();
    core.api.create(makeService().name('a').clusterIP('10.100.3.4').obj());
    let err: unknown;
    try {
      core.api.create(makeService().name('b').clusterIP('10.100.3.4').obj());
    } catch (e) {
      err = e;
    }
    expect(isStatusError(err) && err.message).toBe(
      'Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.100.3.4"}: failed to allocate IP 10.100.3.4: provided IP is already allocated',
    );
  });

  it('a dry run or a refused create holds no address (server dry run, then the real create, of the same address)', () => {
    const { core } = setup();
    for (let i = 0; i < 2; i++) expect(core.api.create<ServiceObject>(makeService().name('a').clusterIP('10.100.3.4').obj(), { dryRun: true }).spec?.clusterIP).toBe('10.100.3.4');
    expect(core.api.create<ServiceObject>(makeService().name('b').clusterIP('10.100.3.4').obj()).spec?.clusterIP).toBe('10.100.3.4');
    expect(() => core.api.create(makeService().name('c').clusterIP('10.100.3.4').obj())).toThrow('provided IP is already allocated');
  });

  it('frees addresses of deleted services', () => {
    const alloc = new ClusterIpAllocator(new CoreCluster().rng.fork('x'), '10.0.0.0/29');
    const got = Array.from({ length: 6 }, () => alloc.allocateNext());
    expect(new Set(got).size).toBe(6);
    expect(alloc.allocateNext()).toBeUndefined();
    alloc.release(got[2] as string);
    expect(alloc.allocateNext()).toBe(got[2]);
  });
});

describe('Endpoints controller', () => {
  it('lists ready pods in addresses and others in notReadyAddresses, with ports and targetRef', () => {
    const { core } = setup({ ready: (p) => p.metadata?.name !== 'b' });
    core.api.create(makeService().name('web').ports({ port: 80, targetPort: 8080, name: 'http' }).obj());
    core.api.create(makePod().name('a').labels({ app: 'web' }).obj());
    core.api.create(makePod().name('b').labels({ app: 'web' }).obj());
    core.api.create(makePod().name('c').labels({ app: 'other' }).obj());
    core.loop.advance('5s');
    const e = ep(core, 'web') as EndpointsObject;
    expect(e.subsets).toHaveLength(1);
    const [s] = e.subsets ?? [];
    expect(s.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(s.addresses?.map((a) => a.targetRef?.name)).toEqual(['a']);
    expect(s.notReadyAddresses?.map((a) => a.targetRef?.name)).toEqual(['b']);
    expect(s.addresses?.[0]).toMatchObject({ nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default' } });
    expect(s.addresses?.[0].hostname).toBeUndefined();
  });

  it('drops terminating pods and deletes Endpoints with the Service', () => {
    const { core } = setup({ terminationDelayMs: 10_000 });
    core.api.create(makeService().name('web').obj());
    core.api.create(makePod().name('a').labels({ app: 'web' }).obj());
    core.loop.advance('5s');
    expect(ep(core, 'web')?.subsets?.[0].addresses).toHaveLength(1);
    core.api.delete('Pod', 'default', 'a');
    core.loop.advance('1s');
    expect(ep(core, 'web')?.subsets).toBeUndefined();
    core.api.delete('Service', 'default', 'web');
    core.loop.advance('1s');
    expect(ep(core, 'web')).toBeUndefined();
  });

  it('headless StatefulSet service: hostnames, headless label, and DNS for each pod', () => {
    const { core, controllers } = setup();
    core.api.create(makeService().headless().ports({ port: 3000 }).obj());
    core.api.create(makeStatefulSet().replicas(3).obj());
    core.loop.advance('30s');
    const e = ep(core) as EndpointsObject;
    expect(e.metadata.labels).toEqual({ 'service.kubernetes.io/headless': '' });
    const addrs = e.subsets?.[0].addresses ?? [];
    expect(addrs.map((a) => a.hostname).sort()).toEqual(['randserver-0', 'randserver-1', 'randserver-2']);
    const podIp = (n: string) => core.store.get<{ status?: { podIP?: string } } & ServiceObject>('Pod', 'default', n)?.status?.podIP;
    const dns = controllers.dns;
    expect(dns.lookup('randserver-0.randserver', 'default')).toEqual({
      name: 'randserver-0.randserver.default.svc.cluster.local',
      addresses: [podIp('randserver-0')],
    });
    expect(dns.resolve('randserver-1.randserver.default.svc.cluster.local')).toEqual([podIp('randserver-1')]);
    expect(dns.resolve('randserver', 'default')).toEqual(['randserver-0', 'randserver-1', 'randserver-2'].map((n) => podIp(n)).sort());
    expect(dns.resolve('randserver-0.randserver', 'kube-system')).toEqual([]);
    // `svc.cluster.local` is on every search path, so `<pod>.<svc>.<ns>` works from anywhere.
    expect(dns.resolve('randserver-0.randserver.default', 'kube-system')).toEqual([podIp('randserver-0')]);
    expect(dns.resolve('randserver-0.randserver.default.svc', 'kube-system')).toEqual([podIp('randserver-0')]);
  });

  it('ClusterIP service names resolve to the ClusterIP', () => {
    const { core, controllers } = setup();
    const svc = core.api.create<ServiceObject>(makeService().name('web').obj());
    core.loop.advance('1s');
    expect(controllers.dns.resolve('web')).toEqual([svc.spec?.clusterIP]);
    expect(controllers.dns.resolve('web.default')).toEqual([svc.spec?.clusterIP]);
    expect(controllers.dns.resolve('web.default.svc.cluster.local.')).toEqual([svc.spec?.clusterIP]);
    expect(controllers.dns.resolve('nope')).toEqual([]);
  });

  it('search path of a pod namespace', () => {
    expect(dnsSearchPath('default')).toEqual(['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local']);
  });
});
