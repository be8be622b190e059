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

/** A store write's record: its text is made when read. */
class WriteRecord implements TraceRecord {
  readonly kind = 'write';
  constructor(
    readonly atMs: number,
    private readonly type: string,
    private readonly objectKind: string,
    private readonly key: string,
    private readonly resourceVersion: number,
  ) {}

  get text(): string {
    return `${this.type} ${this.objectKind} ${this.key} rv=${this.resourceVersion}`;
  }
}

/** An API event's record: its text is made when read. */
class EventRecord implements TraceRecord {
  readonly kind = 'event';
  constructor(
    readonly atMs: number,
    private readonly type: string,
    private readonly reason: string,
    private readonly objectKind: string,
    private readonly name: string,
    private readonly message: string,
  ) {}

  get text(): string {
    return `${this.type} ${this.reason} ${this.objectKind}/${this.name}: ${this.message}`;
  }
}

/**
 * Appends records and keeps a SHA-256 over them. Hashing is lazy: records are fed to the hash
 * only when a fingerprint is asked for or before old records are dropped, so a run that never
 * asks for its fingerprint never hashes (SHA-256 is streaming: the digest is the same).
 */
export class TraceRecorder {
  private records: TraceRecord[] = [];
  /** Created at the first flush: most runs never ask for a fingerprint. */
  private hash?: Hash;
  /** Index in `records` of the first record not yet fed to the hash. */
  private hashed = 0;
  private dropped = 0;

  /** Keep at most this many records in memory (the digest still covers all of them). */
  constructor(private readonly maxRecords = 200_000) {}

  record(atMs: number, kind: string, text: string): void {
    this.push({ atMs, kind, text });
  }

  /**
   * Records a store write (`write` kind, text `<type> <kind> <key> rv=<n>`), keeping its parts
   * and making the text only when it is read: most records are hashed once and never shown.
   */
  recordWrite(atMs: number, type: string, objectKind: string, key: string, resourceVersion: number): void {
    this.push(new WriteRecord(atMs, type, objectKind, key, resourceVersion));
  }

  /** Records an API event (`event` kind, text `<type> <reason> <kind>/<name>: <message>`), text made when read. */
  recordEvent(atMs: number, type: string, reason: string, objectKind: string, name: string, message: string): void {
    this.push(new EventRecord(atMs, type, reason, objectKind, name, message));
  }

  private push(r: TraceRecord): void {
    this.records.push(r);
    // Amortised O(1): drop the oldest half at once instead of shifting per record.
    if (this.records.length >= 2 * this.maxRecords) {
      this.flush();
      this.records = this.records.slice(this.maxRecords);
      this.dropped += this.maxRecords;
      this.hashed -= this.maxRecords;
    }
  }

  /** Number of records ever appended. */
  get length(): number {
    return this.dropped + this.records.length;
  }

  /** The kept records (the newest `maxRecords`). */
  list(): readonly TraceRecord[] {
    const extra = this.records.length - this.maxRecords;
    return extra > 0 ? this.records.slice(extra) : this.records;
  }

  /** A stable hex digest of every record appended so far. */
  fingerprint(): string {
    this.flush();
    return (this.hash ?? createHash('sha256')).copy().digest('hex');
  }

  private flush(): void {
    const records = this.records;
    const BATCH = 512;
    for (let i = this.hashed; i < records.length; i += BATCH) {
      let chunk = '';
      const end = Math.min(records.length, i + BATCH);
      for (let j = i; j < end; j++) {
        const r = records[j];
        chunk += `${r.atMs}\t${r.kind}\t${r.text}\n`;
      }
      this.hash ??= createHash('sha256');
      this.hash.update(chunk);
    }
    this.hashed = records.length;
  }
}

/** Renders a record as one line, the form used in failure reports. */
export function formatTraceRecord(r: TraceRecord): string {
  return `${r.atMs}ms ${r.kind} ${r.text}`;
}
