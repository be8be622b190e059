/**
 * Exported reproductions of a run: the manifests, a bash script of kubectl/aws lines for a real
 * cluster (kind, EKS), and a `kubesim run` scenario file that replays it here.
 */
import { stringify } from 'yaml';
import { clusterOptionsOf } from '../runner/run-case.js';
import type { FuzzCase } from '../model/fuzz-case.js';
import { caseManifests, toYaml } from '../model/manifests.js';
import type { ScriptLine } from '../runner/world.js';

/** The three exported files. */
export interface Reproduction {
  /** Multi-document YAML of every manifest the case applies. */
  readonly manifests: string;
  /** `bash` script replaying the run on a real cluster. */
  readonly script: string;
  /** A scenario file for `kubesim run`. */
  readonly scenario: string;
}

function shellLine(s: ScriptLine): string {
  if (s.line.startsWith('advance ')) return s.shell ?? `sleep ${s.line.slice('advance '.length)}`;
  const cmd = s.shell ?? s.line;
  return s.stdin ? `${cmd} <<'EOF'\n${s.stdin.trimEnd()}\nEOF` : cmd;
}

/** The bash script. Steps that need real names look them up (`kubectl get … | sort | sed -n Np`). */
export function toShellScript(c: FuzzCase, script: readonly ScriptLine[], title: string): string {
  const zones = c.topology.nodes.map((g) => `${g.count}× ${g.instanceType} in ${g.zone}`).join(', ');
  return [
    '#!/usr/bin/env bash',
    `# ${title}`,
    `# Needs a cluster with nodes: ${zones}; the EBS CSI driver (and the EFS CSI driver for efs.csi.aws.com classes).`,
    '# `advance` steps of the simulation become sleeps.',
    'set -euo pipefail',
    '',
    ...script.map(shellLine),
    'kubectl get pods -o wide',
    '',
  ].join('\n');
}

/** The `kubesim run` scenario file. */
export function toScenarioFile(c: FuzzCase, script: readonly ScriptLine[], title: string): string {
  const steps = [...script.map((s) => (s.stdin ? { run: s.line, stdin: s.stdin } : s.line)), 'kubectl get pods -o wide'];
  return stringify({ name: title, cluster: clusterOptionsOf(c), steps }, { lineWidth: 0 });
}

/** All three files of a run. */
export function exportReproduction(c: FuzzCase, script: readonly ScriptLine[], title = 'kubesim fuzz reproduction'): Reproduction {
  return { manifests: toYaml(caseManifests(c)), script: toShellScript(c, script, title), scenario: toScenarioFile(c, script, title) };
}
