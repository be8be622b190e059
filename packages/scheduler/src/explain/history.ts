/**
 * Explainability: what each scheduling attempt of a pod saw — the PreFilter verdict, every
 * rejected node with the plugin and reasons, and the best rows of the Score table — kept for the
 * last few attempts per pod.
 *
 * @remarks Feeds `scheduler.explain(pod)` for diagnose and `kubectl describe`-style output.
 * Memory is bounded: `EXPLAIN_HISTORY` attempts per pod, `EXPLAIN_TOP_SCORES` score rows each;
 * entries go when the pod is deleted.
 */
import type { Code } from '../framework/status.js';

/** One rejected node. */
export interface NodeVerdict {
  readonly node: string;
  readonly plugin: string;
  readonly code: Code;
  readonly reasons: readonly string[];
}

/** One row of the Score table: weighted normalized score per plugin and the total. */
export interface ScoreRow {
  readonly node: string;
  readonly total: number;
  readonly plugins: Readonly<Record<string, number>>;
}

/** One attempt. */
export interface AttemptRecord {
  readonly attempt: number;
  /** RFC 3339 instant of the attempt. */
  readonly time: string;
  readonly result: 'Scheduled' | 'Unschedulable' | 'Error' | 'BindingFailed';
  /** The chosen node (for Scheduled and BindingFailed). */
  readonly node?: string;
  /** The FailedScheduling message, if it failed. */
  readonly message?: string;
  readonly numAllNodes: number;
  /** Nodes whose filters ran. */
  readonly evaluatedNodes: number;
  readonly feasibleNodes: number;
  /** The PreFilter plugin that rejected the pod, with its status. */
  readonly preFilter?: { readonly plugin: string; readonly code: Code; readonly reasons: readonly string[] };
  /** Rejected nodes, sorted by name. */
  readonly filtered: readonly NodeVerdict[];
  /** Best score rows (highest total first, then name). */
  readonly scores: readonly ScoreRow[];
}

/** What `explain` returns. */
export interface Explanation {
  readonly pod: string;
  /** Queue the pod is in now, if pending. */
  readonly queue?: string;
  readonly attempts: readonly AttemptRecord[];
}

/** An attempt as stored: virtual ms instead of the RFC 3339 string, score rows as number arrays. */
export interface StoredAttempt extends Omit<AttemptRecord, 'time' | 'scores'> {
  readonly atMs: number;
  /** Plugin names the score values are aligned with (shared between attempts). */
  readonly scorePlugins: readonly string[];
  readonly scoreRows: readonly { readonly node: string; readonly total: number; readonly values: readonly number[] }[];
}

/** Bounded per-pod attempt history. */
export class ExplainHistory {
  private readonly byPod = new Map<string, StoredAttempt[]>();

  constructor(private readonly limit: number) {}

  /** Records an attempt. */
  record(podKey: string, rec: StoredAttempt): void {
    if (this.limit <= 0) return;
    let list = this.byPod.get(podKey);
    if (!list) {
      list = [];
      this.byPod.set(podKey, list);
    }
    list.push(rec);
    if (list.length > this.limit) list.shift();
  }

  /** Patches the last attempt (binding outcome known later). */
  amendLast(podKey: string, patch: Partial<Pick<StoredAttempt, 'result' | 'message'>>): void {
    const list = this.byPod.get(podKey);
    if (!list || list.length === 0) return;
    list[list.length - 1] = { ...list[list.length - 1], ...patch };
  }

  /** Attempts of a pod, oldest first, rendered with `formatTime`. */
  get(podKey: string, formatTime: (ms: number) => string): AttemptRecord[] {
    return (this.byPod.get(podKey) ?? []).map((a) => {
      const { atMs, scorePlugins, scoreRows, ...rest } = a;
      const scores = scoreRows.map((r) => {
        const plugins: Record<string, number> = {};
        scorePlugins.forEach((name, i) => {
          plugins[name] = r.values[i];
        });
        return { node: r.node, total: r.total, plugins };
      });
      return { ...rest, time: formatTime(atMs), scores };
    });
  }

  /** Forgets a pod. */
  forget(podKey: string): void {
    this.byPod.delete(podKey);
  }
}
