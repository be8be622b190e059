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

/** A write record's text: `<type> <kind> <key> rv=<n>`. */
function writeText(type: unknown, objectKind: unknown, key: unknown, resourceVersion: unknown): string {
  return `${type} ${objectKind} ${key} rv=${resourceVersion}`;
}

/** An event record's text: `<type> <reason> <kind>/<name>: <message>`. */
function eventText(type: unknown, reason: unknown, objectKind: unknown, name: unknown, message: unknown): string {
  return `${type} ${reason} ${objectKind}/${name}: ${message}`;
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
    return writeText(this.type, this.objectKind, this.key, this.resourceVersion);
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
    return eventText(this.type, this.reason, this.objectKind, this.name, this.message);
  }
}

/** Slots per record in `TraceRecorder`'s chunks: virtual ms, a tag, then up to five parts. */
const STRIDE = 7;
/** Records per chunk: the oldest chunk is dropped whole once the newer ones hold `maxRecords`. */
const CHUNK_RECORDS = 8192;
const CHUNK_SLOTS = CHUNK_RECORDS * STRIDE;
/** Record tags: free text (`record`), a store write, an API event. */
const TEXT = 0;
const WRITE = 1;
const EVENT = 2;

/**
 * Appends records and keeps a SHA-256 over them. Hashing is lazy: records are fed to the hash
 * only when a fingerprint is asked for or before old records are dropped, so a run that never
 * asks for its fingerprint never hashes (SHA-256 is streaming: the digest is the same).
 *
 * Design: a record is seven slots of a chunk array (its parts, not an object): a run writes
 * several records per pod, and objects that live until the trace drops them would each be
 * copied by the young-generation GC on their way to the old one. Chunks of a fixed size are
 * filled in turn and dropped whole, oldest first, so neither growing nor trimming the trace
 * copies it. `list` makes record objects.
 */
export class TraceRecorder {
  /** Kept records, `CHUNK_RECORDS` to a chunk (the last one filling), `STRIDE` slots each. */
  private chunks: (string | number)[][] = [[]];
  /** The chunk being filled (the last of `chunks`). */
  private tail: (string | number)[] = this.chunks[0];
  /** Records in `chunks`. */
  private count = 0;
  /** Created at the first flush: most runs never ask for a fingerprint. */
  private hash?: Hash;
  /** Index (in records) of the first record not yet fed to the hash. */
  private hashed = 0;
  private dropped = 0;

  /** Keep at most this many records in memory (the digest still covers all of them). */
  constructor(private readonly maxRecords = 200_000) {}

  record(atMs: number, kind: string, text: string): void {
    this.push(atMs, TEXT, kind, text, '', '', '');
  }

  /**
   * Records a store write (`write` kind, text `<type> <kind> <key> rv=<n>`), keeping its parts
   * and making the text only when it is read: most records are hashed once and never shown.
   */
  recordWrite(atMs: number, type: string, objectKind: string, key: string, resourceVersion: number): void {
    this.push(atMs, WRITE, type, objectKind, key, resourceVersion, '');
  }

  /** Records an API event (`event` kind, text `<type> <reason> <kind>/<name>: <message>`), text made when read. */
  recordEvent(atMs: number, type: string, reason: string, objectKind: string, name: string, message: string): void {
    this.push(atMs, EVENT, type, reason, objectKind, name, message);
  }

  private push(atMs: number, tag: number, a: string, b: string, c: string, d: string | number, e: string): void {
    if (this.tail.length === CHUNK_SLOTS) {
      // The oldest chunk goes (hashed first) once the others hold the records `list` returns.
      if (this.count - CHUNK_RECORDS >= this.maxRecords) {
        this.flush();
        this.chunks.shift();
        this.count -= CHUNK_RECORDS;
        this.dropped += CHUNK_RECORDS;
        this.hashed -= CHUNK_RECORDS;
      }
      this.tail = [];
      this.chunks.push(this.tail);
    }
    this.tail.push(atMs, tag, a, b, c, d, e);
    this.count++;
  }

  /** Number of records ever appended. */
  get length(): number {
    return this.dropped + this.count;
  }

  /** The kept records (the newest `maxRecords`). */
  list(): readonly TraceRecord[] {
    const out: TraceRecord[] = [];
    for (let i = Math.max(0, this.count - this.maxRecords); i < this.count; i++) out.push(this.at(i));
    return out;
  }

  /** Record `i` of the kept ones as an object (its text made when read). */
  private at(i: number): TraceRecord {
    const p = this.chunks[Math.floor(i / CHUNK_RECORDS)];
    const o = (i % CHUNK_RECORDS) * STRIDE;
    const atMs = p[o] as number;
    switch (p[o + 1]) {
      case WRITE:
        return new WriteRecord(atMs, p[o + 2] as string, p[o + 3] as string, p[o + 4] as string, p[o + 5] as number);
      case EVENT:
        return new EventRecord(atMs, p[o + 2] as string, p[o + 3] as string, p[o + 4] as string, p[o + 5] as string, p[o + 6] as string);
      default:
        return { atMs, kind: p[o + 2] as string, text: p[o + 3] as string };
    }
  }

  /** A stable hex digest of every record appended so far. */
  fingerprint(): string {
    this.flush();
    return (this.hash ?? createHash('sha256')).copy().digest('hex');
  }

  private flush(): void {
    const BATCH = 512;
    for (let i = this.hashed, end = i; i < this.count; i = end) {
      let chunk = '';
      // Up to the next multiple of BATCH: a batch never crosses a chunk (CHUNK_RECORDS is one).
      end = Math.min(this.count, i + BATCH - (i % BATCH));
      const p = this.chunks[Math.floor(i / CHUNK_RECORDS)];
      // Each record's line (`<atMs>\t<kind>\t<text>\n`, the text as `WriteRecord` and
      // `EventRecord` make it) straight from its slots: no record object per line.
      for (let j = i; j < end; j++) {
        const o = (j % CHUNK_RECORDS) * STRIDE;
        const tag = p[o + 1];
        if (tag === WRITE) chunk += `${p[o]}\twrite\t${writeText(p[o + 2], p[o + 3], p[o + 4], p[o + 5])}\n`;
        else if (tag === EVENT) chunk += `${p[o]}\tevent\t${eventText(p[o + 2], p[o + 3], p[o + 4], p[o + 5], p[o + 6])}\n`;
        else chunk += `${p[o]}\t${p[o + 2]}\t${p[o + 3]}\n`;
      }
      this.hash ??= createHash('sha256');
      this.hash.update(chunk);
    }
    this.hashed = this.count;
  }
}

/** Renders a record as one line, the form used in failure reports. */
export function formatTraceRecord(r: TraceRecord): string {
  return `${r.atMs}ms ${r.kind} ${r.text}`;
}
