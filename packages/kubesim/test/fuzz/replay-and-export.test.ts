/**
 * A failure replays from its printed seed and path, and its exported reproduction — manifests,
 * kubectl/aws script, `kubesim run` scenario — replays the same stuck pod.
 */
import fc from 'fast-check';
import { parseScenario, runScenario } from 'kubesim';
import { checkCluster, clusterOptionsOf, clusterProperty, convergenceInvariants, descriptorsOf, PATHOLOGY_SPACES, runCase } from 'kubesim/testing';
import { describe, expect, it } from 'vitest';

const SEED = 7;
const options = { space: PATHOLOGY_SPACES['multi-attach-scale'], liveness: convergenceInvariants };
console.log(`fuzz multi-attach-scale: SEED=${SEED}`);
const found = checkCluster(options, { seed: SEED, numRuns: 100 });
const report = found.report;

describe('replay and export of a found failure', () => {
  it('replays from the printed seed and path to the same shrunk case and history', () => {
    expect(report).toBeDefined();
    if (!report) return;
    expect(report.text).toContain(`SEED=${SEED} PATH=${JSON.stringify(report.path)} REPLAY_PATH=${JSON.stringify(report.replayPath)}`);
    const replay = fc.check(clusterProperty({ ...options, replayPath: report.replayPath }), { seed: report.seed, path: report.path, numRuns: 1 });
    expect(replay.failed).toBe(true);
    const [s] = replay.counterexample ?? [];
    if (!s) throw new Error('no counterexample');
    expect(s.fuzzCase).toEqual(report.fuzzCase);
    const again = runCase(s.fuzzCase, descriptorsOf(s.commands), options);
    expect(again.cluster.fingerprint()).toBe(report.fingerprint);
    expect(again.real.script.map((l) => l.line)).toEqual(report.lines);
  });

  it('exports the manifests and a kubectl/aws script for a real cluster', () => {
    const repro = report?.reproduction;
    expect(repro?.manifests).toMatch(/^apiVersion: storage\.k8s\.io\/v1\nkind: StorageClass\n/);
    expect(repro?.manifests).toContain('kind: PersistentVolumeClaim');
    expect(repro?.manifests).toContain('kind: Deployment');
    const script = repro?.script ?? '';
    expect(script.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(script).toContain('set -euo pipefail');
    expect(script).toContain("kubectl apply -f - <<'EOF'\napiVersion: storage.k8s.io/v1\nkind: StorageClass");
    expect(script).toMatch(/\nsleep \d+m\n/);
    expect(script).toContain('\nkubectl get pods -o wide\n');
    for (const line of report?.lines ?? []) {
      if (line.startsWith('kubectl scale')) expect(script).toContain(line);
      if (line.startsWith('kubectl delete pod')) expect(script).toContain('kubectl delete pod $(kubectl get pods -l app=web -o name | sort | sed -n');
    }
  });

  it('exports a kubesim run scenario that replays the same stuck pod', () => {
    const scenario = parseScenario(report?.reproduction.scenario ?? '');
    if (!report) throw new Error('no report');
    expect(scenario.cluster).toEqual(clusterOptionsOf(report.fuzzCase));
    expect(scenario.steps.length).toBe(report.lines.length + 1);
    const { cluster } = runScenario(scenario);
    const stuck = cluster.list('Pod').map((p) => cluster.diagnose(p)).filter((d) => !d.healthy);
    expect(stuck.map((d) => d.causes)).toEqual([['multi-attach']]);
    expect(report?.violations[0].message).toContain(stuck[0].text);
  });
});
