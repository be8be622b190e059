import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster.js';

const HIGH = `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
`;
const URGENT = `run urgent --image=nginx --overrides='{"spec":{"priorityClassName":"high","containers":[{"name":"urgent","image":"nginx","resources":{"requests":{"cpu":"500m"}}}]}}'`;

describe('preemption on a whole cluster, seen through kubectl and diagnose', () => {
  it('a high-priority pod evicts one low-priority replica, waits for it to terminate on its nominated node, then runs there', () => {
    // One m5.large (1930m allocatable): three replicas of 600m fill it.
    const c = createCluster({ seed: 1, nodes: [{ zone: 'us-east-1a', count: 1 }] });
    const node = c.list('Node')[0].metadata.name as string;
    c.kubectl('apply -f -', { stdin: HIGH });
    // `sleep` as PID 1 ignores SIGTERM: a victim takes its whole 30 s grace period.
    c.kubectl('create deployment low --image=busybox --replicas=3 -- sleep 3600');
    c.kubectl('set resources deployment low --requests=cpu=600m');
    c.advance('2m');
    expect(c.kubectl(URGENT).exitCode).toBe(0);
    const urgent = c.get('Pod', 'urgent') as NonNullable<ReturnType<typeof c.get>>;
    expect([(urgent.spec as { priority?: number }).priority, (urgent.status as { nominatedNodeName?: string }).nominatedNodeName]).toEqual([1000, node]);
    const victims = c.list('Pod').filter((p) => p.metadata.deletionTimestamp);
    expect(victims).toHaveLength(1);
    const victim = victims[0].metadata.name as string;
    expect(c.kubectl(`get pod urgent -o wide --no-headers`).stdout.split(/\s+/).slice(2, 8)).toEqual(['Pending', '0', '0s', '<none>', '<none>', node]);
    expect(c.kubectl('get events --field-selector reason=Preempted --no-headers').stdout).toBe(
      `0s    Normal   Preempted   pod/${victim}   Preempted by pod ${urgent.metadata.uid} on node ${node}\n`,
    );
    expect(c.diagnose(urgent).text).toBe(
      `Pending ← FailedScheduling: 0/1 nodes are available: 1 Insufficient cpu. ← nominated to node ${node}: waiting for the pods it preempted to terminate (${victim})`,
    );
    expect(c.diagnose(urgent).causes).toEqual(['insufficient-resources', 'preemption-pending']);
    const v = c.diagnose(victims[0]);
    expect(v.text).toBe(`Terminating ← preempted by pod default/urgent (priority 1000) to make room on node ${node} ← deletion requested; grace period 30s`);
    expect(v.causes).toEqual(['preempted', 'terminating']);
    // The ReplicaSet's replacement has priority 0: no pod of lower priority to preempt.
    const unbound = c.list('Pod').filter((p) => !(p.spec as { nodeName?: string }).nodeName);
    expect(unbound.map((p) => p.metadata.name === 'urgent')).toEqual([false, true]);
    expect(c.diagnose(unbound[0]).text).toBe(
      'Pending ← FailedScheduling: 0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
    c.advance('1m');
    expect(c.kubectl('get pod urgent --no-headers -o custom-columns=S:.status.phase,N:.spec.nodeName').stdout).toBe(`Running   ${node}\n`);
    expect(c.get('Pod', victim)).toBeUndefined();
  });
});
