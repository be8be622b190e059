/**
 * The trace: every state change and emitted event as one compact record, and a stable digest of
 * them all. Two clusters driven by the same seed and calls produce identical traces.
 */
import { createHash, type Hash } from 'node:crypto';

/** One trace line: virtual ms, a kind (`write`, `event`, `call`), and a short text. */
export interface TraceRecord {
  readonly atMs: number;
  readonly kind: string;
  readonly text: string;
}

/** Appends records and keeps a running SHA-256 over them. */
export class TraceRecorder {
  private readonly records: TraceRecord[] = [];
  private readonly hash: Hash = createHash('sha256');
  /** Keep at most this many records in memory (the digest still covers all of them). */
  constructor(private readonly maxRecords = 200_000) {}

  private count = 0;

  /** Records not yet fed to the hash (SHA-256 is streaming: feeding them joined is the same digest). */
  private pending: string[] = [];

  record(atMs: number, kind: string, text: string): void {
    this.count++;
    this.pending.push(`${atMs}\t${kind}\t${text}\n`);
    if (this.pending.length >= 512) this.flush();
    this.records.push({ atMs, kind, text });
    // Amortised O(1): drop the oldest half at once instead of shifting per record.
    if (this.records.length >= 2 * this.maxRecords) this.records.splice(0, this.maxRecords);
  }

  /** Number of records ever appended. */
  get length(): number {
    return this.count;
  }

  /** The kept records (the newest `maxRecords`). */
  list(): readonly TraceRecord[] {
    const extra = this.records.length - this.maxRecords;
    return extra > 0 ? this.records.slice(extra) : this.records;
  }

  /** A stable hex digest of every record appended so far. */
  fingerprint(): string {
    this.flush();
    return this.hash.copy().digest('hex');
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.hash.update(this.pending.join(''));
    this.pending = [];
  }
}

/** Renders a record as one line, the form used in failure reports. */
export function formatTraceRecord(r: TraceRecord): string {
  return `${r.atMs}ms ${r.kind} ${r.text}`;
}
