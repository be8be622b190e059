/**
 * The describe output writer: kubectl's PrefixWriter (two spaces per level) over a tabwriter
 * with padding 2, and the shared pieces (labels, annotations, tolerations, events).
 * @see kubectl pkg/describe/describe.go (PrefixWriter, printLabelsMultiline, DescribeEvents)
 */
import { EVENTS_BY_INVOLVED_UID, type KubeObject, LAST_APPLIED_ANNOTATION, type ObjectStore } from '@kubesim/core';
import { humanDuration, timestampSince } from '../duration.js';
import { tabwriteSections } from '../tabwriter.js';
import type { EventObj, Toleration } from '../types.js';

/** Annotation values longer than this are cut (`maxAnnotationLen`). */
const MAX_ANNOTATION_LEN = 140;

/** Writes describe text at indentation levels; `flush` starts a new alignment section. */
export class DescribeWriter {
  private readonly sections: string[] = [''];
  constructor(
    readonly nowMs: number,
    readonly parse: (ts: string) => number,
  ) {}

  write(level: number, text: string): void {
    this.sections[this.sections.length - 1] += '  '.repeat(level) + text;
  }

  flush(): void {
    this.sections.push('');
  }

  since(ts: string | undefined): string {
    return timestampSince(ts, this.nowMs, this.parse);
  }

  toString(): string {
    return tabwriteSections(this.sections, 2);
  }
}

/** `printLabelsMultiline`: `Labels:\tapp=x` then `\tk=v` per further label, or `<none>`. */
export function printLabelsMultiline(w: DescribeWriter, title: string, labels: Readonly<Record<string, string>> | undefined, initialIndent = ''): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i > 0) w.write(0, `${initialIndent}\t`);
    w.write(0, `${k}=${(labels as Record<string, string>)[k]}\n`);
  });
}

/**
 * `printCSIPersistentVolumeAttributesMultiline` (a CSI source's `VolumeAttributes`, sorted), with
 * its quirk kept: every write is prefixed at level 2, so the values sit four columns right of the
 * others (`    VolumeAttributes:      key=value`), and each further one below them.
 */
export function printCSIVolumeAttributes(w: DescribeWriter, attributes: Readonly<Record<string, string>> | undefined): void {
  w.write(2, 'VolumeAttributes:\t');
  const keys = Object.keys(attributes ?? {}).sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i > 0) {
      w.write(2, '');
      w.write(2, '\t');
    }
    const line = `${k}=${(attributes as Record<string, string>)[k]}`;
    w.write(2, line.length > MAX_ANNOTATION_LEN ? `${line.slice(0, MAX_ANNOTATION_LEN)}...\n` : `${line}\n`);
  });
}

/** `printAnnotationsMultiline`: `key: value`, the last-applied annotation skipped. */
export function printAnnotationsMultiline(w: DescribeWriter, title: string, annotations: Readonly<Record<string, string>> | undefined, initialIndent = ''): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== LAST_APPLIED_ANNOTATION)
    .sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i > 0) w.write(0, `${initialIndent}\t`);
    const v = (annotations as Record<string, string>)[k];
    if (v.includes('\n') || v.length > MAX_ANNOTATION_LEN) {
      w.write(0, `${k}:\n`);
      for (const line of v.split('\n')) w.write(2, line.length > MAX_ANNOTATION_LEN ? `${line.slice(0, MAX_ANNOTATION_LEN)}...\n` : `${line}\n`);
    } else w.write(0, `${k}: ${v}\n`);
  });
}

/** `printPodTolerationsMultiline`. */
export function printTolerationsMultiline(w: DescribeWriter, title: string, tolerations: readonly Toleration[] | undefined): void {
  w.write(0, `${title}:\t`);
  const list = tolerations ?? [];
  if (list.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  list.forEach((t, i) => {
    if (i > 0) w.write(0, '\t');
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${s}\n`);
  });
}

/** `DescribeEvents`: the Events table (sorted by last timestamp), or `Events:\t<none>`. */
export function describeEvents(w: DescribeWriter, events: readonly EventObj[]): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = [...events].sort((a, b) => tsMs(w, a.lastTimestamp) - tsMs(w, b.lastTimestamp));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.firstTimestamp ? w.since(e.firstTimestamp) : w.since(e.eventTime);
    const interval = (e.count ?? 1) > 1 ? `${w.since(e.lastTimestamp)} (x${e.count} over ${first})` : first;
    const from = e.source?.component || e.reportingComponent || '';
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${from}\t${(e.message ?? '').trim()}\n`);
  }
}

function tsMs(w: DescribeWriter, ts: string | undefined): number {
  return ts ? w.parse(ts) : 0;
}

/** Events about an object, through the recorder's index by involved uid. */
export function eventsFor(store: ObjectStore, obj: KubeObject): EventObj[] {
  return store.byIndex<EventObj>('Event', EVENTS_BY_INVOLVED_UID, obj.metadata.uid ?? '');
}

/** Age helper for tests and describers. */
export { humanDuration };
