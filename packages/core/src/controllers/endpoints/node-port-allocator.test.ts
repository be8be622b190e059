import { describe, expect, it } from 'vitest';
import { isStatusError } from '../../api/errors.js';
import { CoreCluster } from '../../cluster/core-cluster.js';
import { installControllers } from '../install-controllers.js';
import type { ServiceObject } from './endpoints-utils.js';
import { NODE_PORT_RANGE } from './node-port-allocator.js';

function setup(seed = 5) {
  const core = new CoreCluster({ seed });
  installControllers(core);
  return core;
}

type Port = { port: number; protocol?: string; nodePort?: number; name?: string };
const svc = (name: string, type: string, ...ports: Port[]) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: { type, selector: { app: name }, ports: ports.map((p, i) => ({ name: `p${i}`, ...p })) },
});
const nodePorts = (s: ServiceObject) => (s.spec?.ports ?? []).map((p) => p.nodePort);
const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (isStatusError(e)) return e.message;
    throw e;
  }
  return 'accepted';
};

describe('NodePort allocation', () => {
  it('gives NodePort and LoadBalancer ports a node port in 30000-32767 from the seeded stream; ClusterIP none', () => {
    const ports = (core: CoreCluster) => [
      ...nodePorts(core.api.create<ServiceObject>(svc('a', 'NodePort', { port: 80 }, { port: 443 }))),
      ...nodePorts(core.api.create<ServiceObject>(svc('b', 'LoadBalancer', { port: 80 }))),
      ...nodePorts(core.api.create<ServiceObject>(svc('c', 'ClusterIP', { port: 80 }))),
    ];
    const first = ports(setup());
    expect(first).toEqual(ports(setup()));
    expect(first[3]).toBeUndefined();
    const given = first.slice(0, 3) as number[];
    expect(new Set(given).size).toBe(3);
    // The dynamic band comes first: above the static band of min(max(16, 2768/32), 128) = 86 ports.
    for (const p of given) expect(p >= NODE_PORT_RANGE.base + 86 && p <= 32767).toBe(true);
    // allocateLoadBalancerNodePorts: false leaves a LoadBalancer without node ports.
    const core = setup();
    const lb = svc('lb', 'LoadBalancer', { port: 80 });
    expect(nodePorts(core.api.create<ServiceObject>({ ...lb, spec: { ...lb.spec, allocateLoadBalancerNodePorts: false } }))).toEqual([undefined]);
  });

  it('a requested port: the API server refusals, in its words; one port number shares its node port across protocols', () => {
    const core = setup();
    core.api.create(svc('a', 'NodePort', { port: 80, nodePort: 30080 }));
    expect(refusal(() => core.api.create(svc('b', 'NodePort', { port: 80, nodePort: 30080 })))).toBe(
      'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
    expect(refusal(() => core.api.create(svc('b', 'NodePort', { port: 80, nodePort: 80 })))).toBe(
      'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    expect(refusal(() => core.api.create(svc('b', 'ClusterIP', { port: 80, nodePort: 30081 })))).toBe(
      "Service \"b\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    );
    const dns = core.api.create<ServiceObject>(svc('dns', 'NodePort', { port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }));
    const [udp, tcp] = nodePorts(dns);
    expect(udp).toBe(tcp);
    expect(core.store.get('Service', 'default', 'b')).toBeUndefined();
  });

  it('ports come back: on delete, on a type change to ClusterIP (which drops them), and after a create that was not stored', () => {
    const core = setup();
    core.api.create(svc('a', 'NodePort', { port: 80, nodePort: 30080 }));
    core.api.create(svc('dry', 'NodePort', { port: 80, nodePort: 30081 }), { dryRun: true });
    expect(refusal(() => core.api.create(svc('b', 'NodePort', { port: 80, nodePort: 30081 })))).toBe('accepted');
    const changed = core.api.patch<ServiceObject>('Service', 'default', 'a', { spec: { type: 'ClusterIP' } });
    expect([changed.spec?.type, nodePorts(changed), changed.spec?.externalTrafficPolicy]).toEqual(['ClusterIP', [undefined], undefined]);
    core.loop.settle();
    expect(refusal(() => core.api.create(svc('c', 'NodePort', { port: 80, nodePort: 30080 })))).toBe('accepted');
    core.api.delete('Service', 'default', 'b');
    core.loop.settle();
    expect(refusal(() => core.api.create(svc('d', 'NodePort', { port: 80, nodePort: 30081 })))).toBe('accepted');
    // Back to NodePort: a new port is drawn; an unchanged update keeps the one it has.
    const again = core.api.patch<ServiceObject>('Service', 'default', 'a', { spec: { type: 'NodePort' } });
    const [drawn] = nodePorts(again);
    expect(drawn).toBeGreaterThanOrEqual(30000);
    expect(nodePorts(core.api.patch<ServiceObject>('Service', 'default', 'a', { metadata: { labels: { x: 'y' } } }))).toEqual([drawn]);
  });
});
