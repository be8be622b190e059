/**
 * `kubectl describe` for kinds without their own describer: name, namespace, labels and
 * annotations, then every other field of the object as unstructured content (keys sorted, each
 * labelled the "smart" way: `spec.nodeName` prints as `Node Name:`), then the events.
 * @see kubectl pkg/describe/describe.go (genericDescriber, printUnstructuredContent,
 *   smartLabelFor), fatih/camelcase (Split)
 */
import type { KubeObject, ObjectStore } from '@kubesim/core';
import { type DescribeWriter, describeEvents, eventsFor, printAnnotationsMultiline, printLabelsMultiline } from './writer.js';

/** What the generic describer leaves out (printed above, or internal). */
const SKIP = ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations'];

/** Acronyms `smartLabelFor` keeps upper case. */
const COMMON_ACRONYMS = ['API', 'URL', 'UID', 'OSB', 'GUID'];

/** `genericDescriber.Describe`. */
export function describeGeneric(w: DescribeWriter, obj: KubeObject, store: ObjectStore): void {
  w.write(0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  printUnstructuredContent(w, 0, obj as unknown as Record<string, unknown>, '');
  describeEvents(w, eventsFor(store, obj));
}

/** `printUnstructuredContent`: maps and lists as a labelled block one level deeper, the rest as `Label:\tvalue`. */
function printUnstructuredContent(w: DescribeWriter, level: number, content: Record<string, unknown>, skipPrefix: string): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${skipPrefix}.${field}`;
    if (SKIP.includes(path) || value === undefined) continue;
    if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (isMap(child)) printUnstructuredContent(w, level + 1, child, path);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else if (isMap(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructuredContent(w, level + 1, value, path);
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Go's `%v` of a JSON scalar. */
function goValue(v: unknown): string {
  return v === null ? '<nil>' : String(v);
}

/** `smartLabelFor`: `nodeName` → `Node Name`, `apiVersion` → `API Version`; a name with other characters stays as it is. */
export function smartLabelFor(field: string): string {
  if (!/^[\p{L}-]+$/u.test(field)) return field;
  return camelcaseSplit(field)
    .filter((part) => part !== '_')
    .map((part) => (COMMON_ACRONYMS.includes(part.toUpperCase()) ? part.toUpperCase() : part[0].toUpperCase() + part.slice(1)))
    .join(' ');
}

/** fatih/camelcase `Split`: runs of one character class, an upper-case letter moved onto the lower-case run after it. */
function camelcaseSplit(src: string): string[] {
  const classOf = (c: string) => (/\p{Ll}/u.test(c) ? 1 : /\p{Lu}/u.test(c) ? 2 : /\p{Nd}/u.test(c) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const c of src) {
    const cls = classOf(c);
    if (cls === last) runs[runs.length - 1].push(c);
    else runs.push([c]);
    last = cls;
  }
  // "PDFL", "oader" → "PDF", "Loader".
  for (let i = 0; i < runs.length - 1; i++) {
    if (classOf(runs[i][0]) === 2 && classOf(runs[i + 1][0]) === 1) {
      runs[i + 1].unshift(runs[i].pop() as string);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}
