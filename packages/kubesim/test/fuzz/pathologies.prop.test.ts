/**
 * The five storage pathologies, found by the convergence property over a narrowed search space
 * (no scenario written by hand) and shrunk to their minimal shape; each report's diagnose chain
 * names the cause.
 */
import { describe, expect, it } from 'vitest';
import { type ClusterCheck, checkCluster, convergenceInvariants, nodeCount, PATHOLOGY_SPACES, type PathologySpaceName } from 'kubesim/testing';

const SEED = 20261128;

function hunt(name: PathologySpaceName, numRuns = 100): NonNullable<ClusterCheck['report']> {
  // The seed is printed so a failing run can be replayed with the same fast-check seed.
  console.log(`fuzz ${name}: SEED=${SEED} numRuns=${numRuns}`);
  const check = checkCluster({ space: PATHOLOGY_SPACES[name], liveness: convergenceInvariants }, { seed: SEED, numRuns });
  expect(check.failed, `${name} was not found in ${numRuns} runs`).toBe(true);
  const report = check.report;
  if (!report) throw new Error('no report');
  console.log(report.text.split('\nlast ')[0]);
  return report;
}

function finalReplicas(report: NonNullable<ClusterCheck['report']>): number {
  const scale = [...report.lines].reverse().find((l) => l.startsWith('kubectl scale'));
  return scale ? Number(scale.split('--replicas=')[1]) : report.fuzzCase.workloads[0].replicas;
}

describe('pathologies found and shrunk by the convergence property', () => {
  it('1 Deployment with one RWO EBS claim on two nodes of one zone: ContainerCreating with Multi-Attach, shrunk to 2 nodes in one zone and 2 replicas', () => {
    const r = hunt('multi-attach-scale');
    expect(r.causes).toContain('multi-attach');
    expect(r.causes).not.toContain('rolling-update-deadlock');
    expect(r.fuzzCase.topology.zones).toHaveLength(1);
    expect(nodeCount(r.fuzzCase.topology)).toBe(2);
    expect(r.fuzzCase.workloads).toHaveLength(1);
    expect(r.fuzzCase.workloads[0].kind).toBe('Deployment');
    expect(finalReplicas(r)).toBe(2);
    expect(r.violations[0].message).toMatch(/ContainerCreating ← volume pvc-\S+ \(vol-[0-9a-f]+\) attached to ip-\S+ \(zone us-east-1[abc]\) ← used by pod web-\S+ \(Running\) ← claim web-data is ReadWriteOnce/);
  });

  it('2 RollingUpdate of a one-replica Deployment with an RWO claim, new pod on the other node: the rollout never completes', () => {
    const r = hunt('rolling-update-rwo');
    expect(r.causes).toContain('multi-attach');
    const w = r.fuzzCase.workloads[0];
    expect([w.kind, w.strategy, w.replicas]).toEqual(['Deployment', 'RollingUpdate', 1]);
    expect(nodeCount(r.fuzzCase.topology)).toBe(2);
    expect(r.fuzzCase.topology.zones).toHaveLength(1);
    expect(r.lines).toContain('kubectl rollout restart deployment/web');
    expect(r.violations[0].message).toContain('rollout not complete');
    expect(r.causes).toContain('rolling-update-deadlock');
    expect(r.violations[0].message).toMatch(/ReadWriteOnce: an EBS volume attaches to one node at a time ← deployment web \(RollingUpdate\) keeps web-\S+ of the old ReplicaSet web-\S+ until this pod is Ready: the rollout never completes/);
  });

  it('3 Immediate binding class and a workload pinned to another zone: unschedulable with volume node affinity conflict', () => {
    const r = hunt('immediate-binding-zone');
    expect(r.causes).toContain('volume-node-affinity');
    expect(r.fuzzCase.storageClasses[0].bindingMode).toBe('Immediate');
    expect(r.fuzzCase.workloads[0].zone).toBeDefined();
    expect(r.fuzzCase.workloads[0].replicas).toBe(1);
    expect(r.fuzzCase.topology.zones).toHaveLength(2);
    expect(r.violations[0].message).toContain('1 node(s) had volume node affinity conflict');
  });

  it('4 StatefulSet pod on a stopped instance: Terminating forever, never replaced until force delete', () => {
    const r = hunt('stopped-instance');
    expect(r.causes).toEqual(expect.arrayContaining(['statefulset-pod-not-replaced', 'node-not-ready']));
    expect(r.fuzzCase.workloads[0].kind).toBe('StatefulSet');
    expect(r.fuzzCase.workloads[0].replicas).toBe(1);
    expect(nodeCount(r.fuzzCase.topology)).toBe(2);
    expect(r.lines.some((l) => l.startsWith('aws ec2 stop-instances'))).toBe(true);
    expect(r.violations[0].message).toMatch(/web-0: Terminating ← node \S+ is NotReady .* ← StatefulSet web creates no replacement for web-0/);
    expect(r.violations[0].message).toContain('--grace-period=0 --force');
  });

  it('5 more claims on one node than its EBS attach limit: unschedulable, node(s) exceed max volume count', () => {
    const r = hunt('attach-limit', 60);
    expect(r.causes).toContain('volume-limit');
    const w = r.fuzzCase.workloads[0];
    expect(nodeCount(r.fuzzCase.topology)).toBe(1);
    // m5.large: 26 EBS attachments for pods; one pod more than fits is the minimal shape.
    expect(w.replicas * w.claimsPerPod).toBeGreaterThan(26);
    expect((w.replicas - 1) * w.claimsPerPod).toBeLessThanOrEqual(26);
    expect(r.violations[0].message).toContain('1 node(s) exceed max volume count');
  });
});
