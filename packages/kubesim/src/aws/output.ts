/**
 * AWS CLI output formats: `json` (4-space indent), `text` (awscli text formatter: tab-separated
 * scalars sorted by key, nested values on their own lines prefixed with the upper-cased key) and
 * `table` (awscli table formatter layout, simplified widths).
 * @see aws-cli awscli/formatter.py, awscli/text.py, awscli/table.py
 */
import type { Json } from './jmespath.js';

/** Output format names. */
export type OutputFormat = 'json' | 'text' | 'table' | 'yaml' | 'yaml-stream';

/** `json`: json.dumps(indent=4) plus a newline. */
export function formatJson(value: Json): string {
  return `${JSON.stringify(value, null, 4)}\n`;
}

function isScalar(v: Json): boolean {
  return v === null || typeof v !== 'object';
}

/** Python's `str()` of a scalar. */
function pyStr(v: Json): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  return String(v);
}

/** `text` output. */
export function formatText(value: Json): string {
  const out: string[] = [];
  textItem(value, out, undefined, undefined);
  return out.join('');
}

function textItem(item: Json, out: string[], identifier: string | undefined, scalarKeys: readonly string[] | undefined): void {
  if (Array.isArray(item)) textList(item, out, identifier);
  else if (item !== null && typeof item === 'object') textDict(item, out, identifier, scalarKeys);
  else out.push(`${pyStr(item)}\n`);
}

function textList(items: Json[], out: string[], identifier: string | undefined): void {
  if (items.length === 0) return;
  if (items.some((el) => el !== null && typeof el === 'object' && !Array.isArray(el))) {
    const keys = new Set<string>();
    for (const el of items) {
      if (el === null || typeof el !== 'object' || Array.isArray(el)) continue;
      for (const [k, v] of Object.entries(el)) if (isScalar(v)) keys.add(k);
    }
    const all = [...keys].sort();
    for (const el of items) textItem(el, out, identifier, all);
  } else if (items.some((el) => Array.isArray(el))) {
    const scalars = items.filter(isScalar);
    if (scalars.length) textScalarList(scalars, out, identifier);
    for (const el of items.filter((x) => !isScalar(x))) textItem(el, out, identifier, undefined);
  } else textScalarList(items, out, identifier);
}

function textScalarList(items: Json[], out: string[], identifier: string | undefined): void {
  if (identifier !== undefined) for (const el of items) out.push(`${identifier.toUpperCase()}\t${pyStr(el)}\n`);
  else out.push(`${items.map(pyStr).join('\t')}\n`);
}

function textDict(item: { [k: string]: Json }, out: string[], identifier: string | undefined, scalarKeys: readonly string[] | undefined): void {
  const scalars: string[] = [];
  const nested: [string, Json][] = [];
  if (!scalarKeys) {
    for (const k of Object.keys(item).sort()) {
      if (isScalar(item[k])) scalars.push(pyStr(item[k]));
      else nested.push([k, item[k]]);
    }
  } else {
    for (const k of scalarKeys) scalars.push(k in item ? pyStr(item[k]) : '');
    for (const k of Object.keys(item).filter((x) => !scalarKeys.includes(x)).sort()) nested.push([k, item[k]]);
  }
  if (scalars.length) out.push(`${[...(identifier !== undefined ? [identifier.toUpperCase()] : []), ...scalars].join('\t')}\n`);
  for (const [k, v] of nested) textItem(v, out, k, undefined);
}

interface Section {
  readonly title?: string;
  readonly indent: number;
  readonly rows: { readonly header: boolean; readonly cells: string[] }[];
}

/** `table` output, titled with the operation name. */
export function formatTable(operation: string, value: Json): string {
  const sections: Section[] = [];
  buildTable(sections, operation, value, 0);
  return renderSections(sections);
}

function scalarKeys(obj: { [k: string]: Json }): [string[], string[]] {
  const headers = Object.keys(obj).filter((k) => isScalar(obj[k])).sort();
  const more = Object.keys(obj).filter((k) => !isScalar(obj[k])).sort();
  return [headers, more];
}

function buildTable(sections: Section[], title: string | undefined, current: Json, indent: number): void {
  if (current === null || (Array.isArray(current) && current.length === 0) || current === '') return;
  let section: Section = { title, indent, rows: [] };
  sections.push(section);
  if (Array.isArray(current)) {
    if (current[0] !== null && typeof current[0] === 'object' && !Array.isArray(current[0])) {
      const objs = current as { [k: string]: Json }[];
      const headers = [...new Set(objs.flatMap((o) => scalarKeys(o)[0]))].sort();
      const more = [...new Set(objs.flatMap((o) => scalarKeys(o)[1]))].sort();
      objs.forEach((o, i) => {
        // A new titled section (with its own header) per element only when elements nest more.
        if (i > 0 && more.length) {
          section = { title, indent, rows: [] };
          sections.push(section);
        }
        if (headers.length && (i === 0 || more.length)) section.rows.push({ header: true, cells: headers });
        if (headers.length) section.rows.push({ header: false, cells: headers.map((h) => (h in o ? pyStr(o[h]) : '')) });
        for (const k of more) if (k in o) buildTable(sections, k, o[k], indent + 1);
      });
    } else {
      for (const item of current) section.rows.push({ header: false, cells: Array.isArray(item) ? item.map(pyStr) : [pyStr(item)] });
    }
  } else if (typeof current === 'object') {
    const [headers, more] = scalarKeys(current);
    if (headers.length === 1) section.rows.push({ header: false, cells: [headers[0], pyStr(current[headers[0]])] });
    else if (headers.length) {
      section.rows.push({ header: true, cells: headers });
      section.rows.push({ header: false, cells: headers.map((h) => pyStr(current[h])) });
    }
    for (const k of more) buildTable(sections, k, current[k], indent + 1);
  } else section.rows.push({ header: false, cells: [pyStr(current)] });
}

function center(text: string, width: number): string {
  const left = Math.floor((width - text.length) / 2);
  return ' '.repeat(Math.max(0, left)) + text + ' '.repeat(Math.max(0, width - text.length - left));
}

function columnWidths(s: Section, inner: number): number[] {
  const n = Math.max(0, ...s.rows.map((r) => r.cells.length));
  const widths = Array.from({ length: n }, (_, i) => Math.max(...s.rows.map((r) => (r.cells[i]?.length ?? 0) + 4)));
  const used = widths.reduce((a, b) => a + b, 0) + Math.max(0, n - 1);
  let extra = inner - used;
  for (let i = 0; extra > 0 && n > 0; i = (i + 1) % n, extra--) widths[i]++;
  return widths;
}

function renderSections(sections: Section[]): string {
  let width = 0;
  for (const s of sections) {
    const n = Math.max(0, ...s.rows.map((r) => r.cells.length));
    const content = n ? columnWidths(s, 0).reduce((a, b) => a + b, 0) + n - 1 : 0;
    width = Math.max(width, content + 2 * s.indent, (s.title?.length ?? 0) + 2 * s.indent + 2);
  }
  const lines: string[] = [`-${'-'.repeat(width)}-`];
  for (const s of sections) {
    const inner = width - 2 * s.indent;
    const bar = '|'.repeat(s.indent);
    const wrap = (body: string) => `|${bar}${body}${bar}|`;
    if (s.title !== undefined) {
      lines.push(wrap(center(s.title, inner)));
    }
    const widths = columnWidths(s, inner);
    const rule = `+${widths.map((w) => '-'.repeat(w)).join('+')}+`;
    const line = (body: string) => (s.indent === 0 ? `${body}` : `|${'|'.repeat(s.indent - 1)}${body}${'|'.repeat(s.indent - 1)}|`);
    if (s.title !== undefined || s.rows.length) lines.push(line(rule.length === 2 ? `+${'-'.repeat(inner)}+` : rule));
    for (const r of s.rows) {
      const cells = r.cells.map((c, i) => (r.header ? center(c, widths[i]) : `  ${c}`.padEnd(widths[i])));
      lines.push(wrap(cells.join('|')));
      if (r.header) lines.push(line(rule));
    }
    if (s.rows.length && !s.rows[s.rows.length - 1].header) lines.push(line(rule));
  }
  return `${lines.join('\n')}\n`;
}
