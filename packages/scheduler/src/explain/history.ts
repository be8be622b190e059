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

/**
 * Score rows packed in one array, best first: per row the node name, the total, then the value
 * of each plugin of `scorePlugins` (one array per attempt instead of an object per row).
 */
export type PackedScoreRows = readonly (string | number)[];

/** What a scheduling attempt found, as the scheduler hands it to `record`. */
export interface AttemptInput {
  readonly attempt: number;
  readonly atMs: number;
  readonly result: AttemptRecord['result'];
  readonly node?: string;
  readonly message?: string;
  readonly numAllNodes: number;
  readonly evaluatedNodes: number;
  readonly feasibleNodes: number;
  readonly preFilter?: AttemptRecord['preFilter'];
  readonly filtered: readonly NodeVerdict[];
  /** Plugin names the score values are aligned with (shared between attempts). */
  readonly scorePlugins: readonly string[];
  readonly scoreRows: PackedScoreRows;
}

/**
 * An attempt as stored: one fixed-shape object (virtual ms instead of the RFC 3339 string, rows
 * packed), so a pod's history costs a few hundred bytes.
 */
class StoredAttempt {
  readonly attempt: number;
  readonly atMs: number;
  result: AttemptRecord['result'];
  readonly node: string | undefined;
  message: string | undefined;
  /** A message set by `amendLast` on an attempt that had none: rendered after `filtered`. */
  lateMessage: string | undefined;
  readonly numAllNodes: number;
  readonly evaluatedNodes: number;
  readonly feasibleNodes: number;
  readonly preFilter: AttemptRecord['preFilter'] | undefined;
  readonly filtered: readonly NodeVerdict[];
  readonly scorePlugins: readonly string[];
  readonly scoreRows: PackedScoreRows;

  constructor(a: AttemptInput) {
    this.attempt = a.attempt;
    this.atMs = a.atMs;
    this.result = a.result;
    this.node = a.node;
    this.message = a.message;
    this.lateMessage = undefined;
    this.numAllNodes = a.numAllNodes;
    this.evaluatedNodes = a.evaluatedNodes;
    this.feasibleNodes = a.feasibleNodes;
    this.preFilter = a.preFilter;
    this.filtered = a.filtered;
    this.scorePlugins = a.scorePlugins;
    this.scoreRows = a.scoreRows;
  }

  /** The record `explain` shows. */
  render(formatTime: (ms: number) => string): AttemptRecord {
    const out: Record<string, unknown> = { attempt: this.attempt, result: this.result };
    if (this.node !== undefined) out.node = this.node;
    else out.message = this.message;
    out.numAllNodes = this.numAllNodes;
    out.evaluatedNodes = this.evaluatedNodes;
    out.feasibleNodes = this.feasibleNodes;
    if (this.preFilter !== undefined) out.preFilter = this.preFilter;
    out.filtered = this.filtered;
    if (this.lateMessage !== undefined) out.message = this.lateMessage;
    out.time = formatTime(this.atMs);
    out.scores = unpackRows(this.scorePlugins, this.scoreRows);
    return out as unknown as AttemptRecord;
  }
}

function unpackRows(names: readonly string[], rows: PackedScoreRows): ScoreRow[] {
  const out: ScoreRow[] = [];
  const width = 2 + names.length;
  for (let r = 0; r + width <= rows.length; r += width) {
    const plugins: Record<string, number> = {};
    names.forEach((name, i) => {
      plugins[name] = rows[r + 2 + i] as number;
    });
    out.push({ node: rows[r] as string, total: rows[r + 1] as number, plugins });
  }
  return out;
}

/** Bounded per-pod attempt history. */
export class ExplainHistory {
  /** A pod's attempts: the one attempt itself when the limit is 1 (most pods), else a list. */
  private readonly byPod = new Map<string, StoredAttempt | StoredAttempt[]>();

  constructor(private readonly limit: number) {}

  /** Records an attempt. */
  record(podKey: string, rec: AttemptInput): void {
    if (this.limit <= 0) return;
    const attempt = new StoredAttempt(rec);
    if (this.limit === 1) {
      this.byPod.set(podKey, attempt);
      return;
    }
    const list = this.byPod.get(podKey) as StoredAttempt[] | undefined;
    if (!list) {
      this.byPod.set(podKey, [attempt]);
      return;
    }
    list.push(attempt);
    if (list.length > this.limit) list.shift();
  }

  /** The attempts kept for a pod, oldest first. */
  private attempts(podKey: string): readonly StoredAttempt[] {
    const kept = this.byPod.get(podKey);
    return kept === undefined ? [] : Array.isArray(kept) ? kept : [kept];
  }

  /** Patches the last attempt (binding outcome known later). */
  amendLast(podKey: string, patch: { readonly result: AttemptRecord['result']; readonly message: string }): void {
    const list = this.attempts(podKey);
    if (list.length === 0) return;
    const last = list[list.length - 1];
    last.result = patch.result;
    if (last.node === undefined) last.message = patch.message;
    else last.lateMessage = patch.message;
  }

  /** Attempts of a pod, oldest first, rendered with `formatTime`. */
  get(podKey: string, formatTime: (ms: number) => string): AttemptRecord[] {
    return this.attempts(podKey).map((a) => a.render(formatTime));
  }

  /** Forgets a pod. */
  forget(podKey: string): void {
    this.byPod.delete(podKey);
  }
}
