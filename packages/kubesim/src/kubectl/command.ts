/**
 * What a kubectl subcommand receives and how it writes: parsed flags, the namespace in effect,
 * stdout/stderr buffers, and the cluster.
 */
import type { KubectlContext, KubectlEditor } from './context.js';
import type { FlagSpec, ParsedArgs } from './flags.js';
import type { ClientConfig } from './kubeconfig.js';

/** One invocation in progress. */
export class Invocation {
  stdout = '';
  stderr = '';
  browser?: string;
  /** What the kubeconfig resolved to (set before the command runs, for commands that talk to the API server). */
  client?: ClientConfig;
  constructor(
    readonly ctx: KubectlContext,
    readonly args: ParsedArgs,
    readonly stdin: string | undefined,
    /** `kubectl get`, for usage hints. */
    readonly path: string,
    /** `kubectl edit`'s editor, when the caller gave one. */
    readonly editor?: KubectlEditor,
  ) {}

  /** The namespace in effect: `-n`, else the kubeconfig context's, else `default`. */
  get namespace(): string {
    return this.client?.namespace ?? (this.args.string('namespace') || 'default');
  }

  out(text: string): void {
    this.stdout += text;
  }

  err(text: string): void {
    this.stderr += text;
  }

  /** Virtual now and timestamp parsing, for ages. */
  get rowContext(): { nowMs: number; parse: (ts: string) => number } {
    const clock = this.ctx.core.clock;
    return { nowMs: clock.now(), parse: (ts: string) => clock.parse(ts) };
  }
}

/** A subcommand: its flags and its body (returns the exit code). */
export interface Command {
  readonly flags: readonly FlagSpec[];
  run(inv: Invocation): number;
}

/** Runs the loop until `pred` holds or `timeoutMs` of virtual time passes. */
export function waitFor(inv: Invocation, pred: () => boolean, timeoutMs: number): boolean {
  return inv.ctx.core.loop.runUntil(pred, { timeout: Math.max(0, timeoutMs) });
}

/** Parses `--timeout` (`30s`, `5m`, `0` = the default). */
export function timeoutMs(text: string, defMs: number): number {
  if (!text || text === '0' || text === '0s') return defMs;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text);
  if (!m) {
    let total = 0;
    for (const p of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) total += Number(p[1]) * UNIT[p[2]];
    return total || defMs;
  }
  return Number(m[1]) * UNIT[m[2] ?? 's'];
}

const UNIT: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
