import { describe, expect, it } from 'vitest';
import { containerState, makePod, newTestCluster } from '../kubelet/testing.js';
import { TAINT_NODE_SHUTDOWN } from './defaults.js';
import { INSTANCE_TYPES, kubeReservedCpuMillis, nodeResources } from './instance-types.js';
import { EBS_CSI_TOPOLOGY_KEYS } from './node-object.js';
import { normalizeTopology } from './topology.js';

describe('topology and node objects', () => {
  it('6-1 default topology: one m5.large per zone, EKS names, providerID and labels', () => {
    const c = newTestCluster();
    expect(c.nodes).toHaveLength(3);
    const zones = c.nodes.map((n) => c.node(n)?.metadata.labels?.['topology.kubernetes.io/zone']).sort();
    expect(zones).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    for (const name of c.nodes) {
      const node = c.node(name);
      const instance = c.w.cloud.instanceForNode(name);
      expect(name).toMatch(/^ip-10-0-\d+-\d+\.ec2\.internal$/);
      expect(name).toBe(`ip-${instance?.privateIp.replaceAll('.', '-')}.ec2.internal`);
      const zone = instance?.zone;
      expect(node?.spec?.providerID).toMatch(new RegExp(`^aws:///${zone}/i-[0-9a-f]{17}$`));
      expect(node?.metadata.labels).toMatchObject({
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'topology.kubernetes.io/zone': zone,
        'topology.kubernetes.io/region': 'us-east-1',
        'failure-domain.beta.kubernetes.io/zone': zone,
        'failure-domain.beta.kubernetes.io/region': 'us-east-1',
        'node.kubernetes.io/instance-type': 'm5.large',
        'beta.kubernetes.io/instance-type': 'm5.large',
        'topology.ebs.csi.aws.com/zone': zone,
      });
      expect(node?.metadata.annotations?.['volumes.kubernetes.io/controller-managed-attach-detach']).toBe('true');
      expect(node?.status?.nodeInfo?.kubeletVersion).toMatch(/^v1\.33\.\d+-eks-[0-9a-f]+$/);
      expect(node?.status?.capacity).toMatchObject({ cpu: '2', pods: '29' });
      expect(node?.status?.allocatable).toMatchObject({ cpu: '1930m', pods: '29' });
      expect(node?.status?.addresses?.[0]).toEqual({ type: 'InternalIP', address: instance?.privateIp });
      expect(node?.status?.conditions?.find((x) => x.type === 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady' });
      const csi = c.core.store.get('CSINode', undefined, name) as { spec: { drivers: Array<Record<string, unknown>> } } | undefined;
      expect(csi?.spec.drivers).toEqual([
        { name: 'ebs.csi.aws.com', nodeID: instance?.instanceId, allocatable: { count: 26 }, topologyKeys: [...EBS_CSI_TOPOLOGY_KEYS] },
      ]);
    }
    expect(c.core.cloud).toBe(c.w.cloud);
  });

  it('6-2 node groups: count and instance type; same seed same names, other seed other names', () => {
    const opts = { nodes: [{ zone: 'us-east-1a', count: 2, instanceType: 'm7i.xlarge' }, { zone: 'us-east-1c' }] };
    const a = newTestCluster(opts);
    expect(a.nodes).toHaveLength(3);
    const m7i = a.nodes.filter((n) => a.node(n)?.metadata.labels?.['node.kubernetes.io/instance-type'] === 'm7i.xlarge');
    expect(m7i).toHaveLength(2);
    const csi = a.core.store.get('CSINode', undefined, m7i[0]) as unknown as { spec: { drivers: Array<{ allocatable: { count: number } }> } };
    expect(csi.spec.drivers[0].allocatable.count).toBe(32);
    expect(a.node(m7i[0])?.status?.capacity).toMatchObject({ cpu: '4', pods: '58' });
    expect(newTestCluster(opts).nodes).toEqual(a.nodes);
    expect(newTestCluster({ ...opts, seed: 7 }).nodes).not.toEqual(a.nodes);
    expect(() => normalizeTopology({ nodes: [{ zone: 'us-west-2a' }] })).toThrow(/not one of the cluster's zones/);
    expect(() => normalizeTopology({ nodes: [{ zone: 'us-east-1a', instanceType: 'x9.huge' }] })).toThrow(/unknown instance type/);
  });

  it('6-3 catalogue: eni-max-pods, attach limits and EKS reserved resources', () => {
    const row = (n: string) => INSTANCE_TYPES.get(n);
    expect([row('t3.large')?.maxPods, row('m5.large')?.maxPods, row('m5.xlarge')?.maxPods, row('m5.4xlarge')?.maxPods, row('t3.medium')?.maxPods]).toEqual([35, 29, 58, 234, 17]);
    expect([row('m5.large')?.ebsAttachLimit, row('m7i.large')?.ebsAttachLimit, row('m4.large')?.ebsAttachLimit]).toEqual([26, 32, 39]);
    for (const fam of ['t3', 'm5', 'c5', 'r5', 'm6i', 'm7i']) {
      // t3 stops at 2xlarge (burstable family).
      const sizes = fam === 't3' ? ['large', 'xlarge', '2xlarge'] : ['large', 'xlarge', '2xlarge', '4xlarge'];
      for (const size of sizes) expect(INSTANCE_TYPES.has(`${fam}.${size}`), `${fam}.${size}`).toBe(true);
    }
    expect([kubeReservedCpuMillis(2), kubeReservedCpuMillis(4), kubeReservedCpuMillis(16)]).toEqual([70, 80, 110]);
    const m5 = row('m5.large');
    if (!m5) throw new Error('m5.large missing');
    const r = nodeResources(m5, 20_959_212);
    const mem = (q: string) => Number(q.replace('Ki', ''));
    // kube-reserved 11*29+255 MiB plus 100Mi eviction threshold.
    expect(mem(r.capacity.memory) - mem(r.allocatable.memory)).toBe((11 * 29 + 255 + 100) * 1024);
  });
});

describe('EC2 instance lifecycle', () => {
  it('7-1 stop: stopping → stopped, node goes Unknown, gets the shutdown taint; start brings it back', () => {
    const c = newTestCluster();
    const node = c.nodes[0];
    c.core.api.create(makePod('web').randserver().emptyDir().defaultTolerations().node(node).obj());
    c.advance('15s');
    const states: string[] = [];
    c.w.cloud.onInstanceState((i) => states.push(i.state));
    expect(c.w.faults.stopInstance(node).state).toBe('stopping');
    c.advance('90s');
    expect(states).toEqual(['stopping', 'stopped']);
    expect(c.node(node)?.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('Unknown');
    expect(c.node(node)?.spec?.taints?.map((t) => t.key)).toContain(TAINT_NODE_SHUTDOWN);
    expect(c.w.faults.startInstance(node).state).toBe('pending');
    c.advance('60s');
    expect(states).toEqual(['stopping', 'stopped', 'pending', 'running']);
    expect(c.node(node)?.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('True');
    c.advance('10s');
    expect(c.node(node)?.spec?.taints).toBeUndefined();
    // The containers died with the instance: restarted, last state Unknown (exit 255).
    const st = c.pod('web')?.status?.containerStatuses?.[0];
    expect(containerState(c.pod('web'))).toBe('Running');
    expect(st?.restartCount).toBe(1);
    expect(st?.lastState?.terminated).toMatchObject({ reason: 'Unknown', exitCode: 255 });
  });

  it('7-2 terminate: the node object is removed after it goes NotReady, then pod GC removes its pods', () => {
    const c = newTestCluster();
    const node = c.nodes[2];
    c.core.api.create(makePod('web').container('app', 'busybox').tolerations([{ operator: 'Exists' }]).node(node).obj());
    c.advance('15s');
    c.w.faults.terminateInstance(node);
    c.advance('30s');
    expect(c.w.cloud.instanceForNode(node)?.state).toMatch(/shutting-down|terminated/);
    c.advance('40s');
    expect(c.w.cloud.instanceForNode(node)?.state).toBe('terminated');
    expect(c.node(node)).toBeUndefined();
    c.core.loop.settle();
    // The CSINode is owned by the Node: the garbage collector removes it.
    expect(c.core.store.get('CSINode', undefined, node)).toBeUndefined();
    expect(c.pod('web')).toBeDefined();
    c.advance('41s');
    expect(c.pod('web')).toBeUndefined();
    expect(() => c.w.faults.stopInstance(node)).toThrow(/not in a state from which it can be stopped/);
  });

  it('7-3 zone outage silences every kubelet of the zone until it recovers', () => {
    const c = newTestCluster({ nodes: [{ zone: 'us-east-1a', count: 2 }, { zone: 'us-east-1b' }] });
    const inA = c.nodes.filter((n) => c.w.cloud.instanceForNode(n)?.zone === 'us-east-1a');
    c.w.faults.zoneOutage('us-east-1a');
    c.advance('60s');
    const status = (n: string) => c.node(n)?.status?.conditions?.find((x) => x.type === 'Ready')?.status;
    expect(c.nodes.map((n) => (inA.includes(n) ? status(n) === 'Unknown' : status(n) === 'True'))).toEqual([true, true, true]);
    c.w.faults.zoneRecover('us-east-1a');
    c.advance('1s');
    expect(inA.map(status)).toEqual(['True', 'True']);
  });

  it('7-4 kubelet crash keeps containers running; a restarted kubelet adopts them', () => {
    const c = newTestCluster();
    const node = c.nodes[0];
    c.core.api.create(makePod('web').randserver().emptyDir().node(node).obj());
    c.advance('15s');
    const id = c.pod('web')?.status?.containerStatuses?.[0].containerID;
    c.w.faults.kubeletCrash(node);
    c.advance('20s');
    c.w.faults.kubeletRestart(node);
    c.advance('5s');
    const st = c.pod('web')?.status?.containerStatuses?.[0];
    expect(st?.containerID).toBe(id);
    expect(st?.restartCount).toBe(0);
  });
});
