/**
 * Determinism check mode: run a case twice from scratch and compare fingerprints; when they
 * differ, find the first trace record where the two histories part.
 */
import { formatTraceRecord } from '@kubesim/core';
import type { FuzzCase } from '../model/fuzz-case.js';
import type { CommandDescriptor } from './commands.js';
import { type RunOptions, runCase } from './run-case.js';

/** The outcome of a determinism check. */
export interface DeterminismCheck {
  readonly deterministic: boolean;
  readonly fingerprints: readonly [string, string];
  /** Index and text of the first differing trace record (absent when deterministic). */
  readonly divergence?: { readonly index: number; readonly first?: string; readonly second?: string };
  readonly text: string;
}

/** Run options of the determinism check. */
export interface DeterminismOptions extends RunOptions {
  /** Test-only: a hook per run (0 or 1), to inject nondeterminism into one of them. */
  readonly onClusterRun?: (run: 0 | 1) => RunOptions['onCluster'];
}

/** Runs the case twice from scratch and compares the histories. */
export function checkDeterminism(c: FuzzCase, commands: readonly CommandDescriptor[], options: DeterminismOptions = {}): DeterminismCheck {
  const runs = ([0, 1] as const).map((i) => runCase(c, commands, { ...options, onCluster: options.onClusterRun?.(i) ?? options.onCluster }));
  const fingerprints = [runs[0].cluster.fingerprint(), runs[1].cluster.fingerprint()] as const;
  if (fingerprints[0] === fingerprints[1]) return { deterministic: true, fingerprints, text: `deterministic: ${fingerprints[0]}` };
  const a = runs[0].cluster.trace();
  const b = runs[1].cluster.trace();
  let index = 0;
  while (index < a.length && index < b.length && formatTraceRecord(a[index]) === formatTraceRecord(b[index])) index++;
  const first = a[index] ? formatTraceRecord(a[index]) : undefined;
  const second = b[index] ? formatTraceRecord(b[index]) : undefined;
  const text = `nondeterminism: fingerprints ${fingerprints[0].slice(0, 12)} ≠ ${fingerprints[1].slice(0, 12)}; first divergent trace record #${index}:\n  run 1: ${first ?? '(end of trace)'}\n  run 2: ${second ?? '(end of trace)'}`;
  return { deterministic: false, fingerprints, divergence: { index, first, second }, text };
}
