import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeCount } from '../model/fuzz-case.js';
import { descriptorsOf } from '../runner/property.js';
import { runCase } from '../runner/run-case.js';
import { caseManifests, toYaml } from '../model/manifests.js';
import { convergenceInvariants } from '../invariants/index.js';
import { faultScheduleArb, scheduleCommands } from './fault-schedule.js';
import { commandsArb } from './operations.js';
import { fuzzCaseArb } from './fuzz-case.js';
import { PATHOLOGY_SPACES } from './presets.js';
import { resolveSpace } from './space.js';
import { topologyArb } from './topology.js';

const SEED = 424242;

describe('arbitraries', () => {
  it('topologies stay within 1–3 zones and 1–4 nodes per zone, and respect minNodes', () => {
    const space = resolveSpace({ maxZones: 3, maxNodesPerZone: 4, minNodes: 3 });
    for (const t of fc.sample(topologyArb(space), { seed: SEED, numRuns: 200 })) {
      expect(t.zones.length).toBeGreaterThanOrEqual(1);
      expect(t.zones.length).toBeLessThanOrEqual(3);
      expect(nodeCount(t)).toBeGreaterThanOrEqual(3);
      for (const g of t.nodes) expect(t.zones).toContain(g.zone);
      for (const g of t.nodes.slice(1)) expect(g.count).toBeLessThanOrEqual(4);
    }
  });

  it('cases shrink toward one zone, one node, one replica and no zone pin', () => {
    const arb = fuzzCaseArb({ maxZones: 3, maxNodesPerZone: 4, maxReplicas: 5 });
    const result = fc.check(fc.property(arb, (_c) => false), { seed: SEED, numRuns: 1 });
    const [c] = result.counterexample ?? [];
    if (!c) throw new Error('no counterexample');
    expect(c.topology).toEqual({ zones: ['us-east-1a'], nodes: [{ zone: 'us-east-1a', count: 1, instanceType: 'm5.large' }] });
    expect(c.workloads).toHaveLength(1);
    expect(c.workloads[0].replicas).toBe(1);
    expect(c.workloads[0].zone).toBeUndefined();
    expect(c.seed).toBe(1);
  });

  it('command lists shrink toward fewer and smaller steps', () => {
    const [c] = fc.sample(fuzzCaseArb({ maxSeed: 1, maxZones: 1, maxNodesPerZone: 1, workloadKinds: ['Deployment'], storage: 'never' }), { seed: SEED, numRuns: 1 });
    const space = { maxCommands: 20, operations: ['scale', 'advance'] } as const;
    const ranAtMost2 = (cmds: Iterable<unknown>) => runCase(c, cmds as never, { healMinutes: 0 }).real.script.length - 3 < 3;
    const result = fc.check(fc.property(commandsArb(space), ranAtMost2), { seed: SEED, numRuns: 20 });
    const lines = runCase(c, descriptorsOf(result.counterexample?.[0] ?? []), { healMinutes: 0 }).real.script.slice(2, -1).map((s) => s.line);
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(['advance 1m', 'kubectl scale deployment/web --replicas=1']).toContain(l);
  });

  it('workloads refer only to StorageClasses of their case, and EFS classes give ReadWriteMany claims', () => {
    for (const c of fc.sample(fuzzCaseArb({ storage: 'always' }), { seed: SEED, numRuns: 100 })) {
      const names = c.storageClasses.map((s) => s.name);
      for (const w of c.workloads) {
        expect(names).toContain(w.storage?.className);
        const sc = c.storageClasses.find((s) => s.name === w.storage?.className);
        expect(w.storage?.accessMode).toBe(sc?.provisioner === 'efs.csi.aws.com' ? 'ReadWriteMany' : 'ReadWriteOnce');
      }
    }
  });

  it('pathology spaces render manifests with the claim and the workload', () => {
    const [c] = fc.sample(fuzzCaseArb(PATHOLOGY_SPACES['attach-limit']), { seed: SEED, numRuns: 1 });
    const kinds = caseManifests(c).map((m) => m.kind);
    expect(kinds).toEqual(['StorageClass', 'Service', 'StatefulSet']);
    expect(toYaml(caseManifests(c))).toContain('volumeClaimTemplates:');
  });
});

describe('fault schedules', () => {
  it('are sorted by minute and render as advance + fault commands', () => {
    for (const schedule of fc.sample(faultScheduleArb({ maxFaults: 5 }), { seed: SEED, numRuns: 50 })) {
      const minutes = schedule.map((f) => f.atMinute);
      expect(minutes).toEqual([...minutes].sort((a, b) => a - b));
      const cmds = scheduleCommands(schedule);
      expect(cmds.filter((c) => c.op !== 'advance')).toHaveLength(schedule.length);
      expect(cmds.filter((c) => c.op === 'advance').reduce((n, c) => n + c.arg, 0)).toBe(minutes.at(-1) ?? 0);
    }
  });

  it('a stopped instance in a schedule leaves a StatefulSet pod Terminating until the heal', () => {
    const [c] = fc.sample(fuzzCaseArb({ ...PATHOLOGY_SPACES['stopped-instance'], maxNodesPerZone: 2 }), { seed: SEED, numRuns: 1 });
    const schedule = scheduleCommands([{ atMinute: 1, op: 'stop-instance', target: 0 }, { atMinute: 1, op: 'stop-instance', target: 1 }]);
    const result = runCase(c, schedule, { liveness: convergenceInvariants });
    expect(result.violations.flatMap((v) => v.causes ?? [])).toContain('node-not-ready');
  });
});
