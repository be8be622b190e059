/**
 * The `-o` printers: table (default/wide, `--show-labels`, `-A`), `name`, `json`, `yaml`,
 * `jsonpath=…`, `custom-columns=…`, `go-template=…` (`template=…`).
 * @see cli-runtime pkg/printers (JSONPrinter, YAMLPrinter, NamePrinter, JSONPathPrinter),
 *   kubectl pkg/cmd/get/customcolumn.go, table_printer.go
 */
import { apiVersionOf, type KindInfo, type KubeObject, toYaml } from '@kubesim/core';
import { clientError } from '../errors.js';
import { objectRef } from '../resources.js';
import { formatLabels } from '../selectors.js';
import { tabwrite } from '../tabwriter.js';
import { tableFor, type RowContext } from './columns.js';
import { escapeHtmlJson, sortedKeys } from './go-json.js';
import { goTemplate } from './go-template.js';
import { evalPath, jsonPath, printValue } from './jsonpath.js';

/** Objects of one kind to print. */
export interface PrintGroup {
  readonly info: KindInfo;
  readonly objects: readonly KubeObject[];
}

/** How to print. */
export interface PrintOptions {
  readonly output: string;
  readonly showLabels: boolean;
  /** `-L key`: one column per label key, headed by the key's last segment in upper case. */
  readonly labelColumns?: readonly string[];
  readonly allNamespaces: boolean;
  readonly withKind: boolean;
  readonly noHeaders: boolean;
  /** True when exactly one object was asked for by name (json/yaml print it bare, not a List). */
  readonly single: boolean;
  /** `--output-watch-events`: the watch event type of the rows (an EVENT column first). */
  readonly eventType?: string;
}

/** The EVENT cells, padded to one width (`formattedEventType`). */
const FORMATTED_EVENT_TYPE: Readonly<Record<string, string>> = { ADDED: 'ADDED   ', MODIFIED: 'MODIFIED', DELETED: 'DELETED ', ERROR: 'ERROR   ' };

const OUTPUTS = ['', 'wide', 'json', 'yaml', 'name', 'jsonpath', 'custom-columns', 'go-template', 'template', 'jsonpath-as-json'];

/** Validates `-o` before anything is fetched (kubectl's `unable to match a printer` text). */
export function checkOutputFormat(output: string): void {
  const base = output.split('=')[0];
  if (!OUTPUTS.includes(base)) {
    throw clientError(
      `unable to match a printer suitable for the output format ${JSON.stringify(output)}, allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`,
    );
  }
}

/**
 * The JSON form `kubectl get` prints: 4-space indent, keys sorted at every level (kubectl prints
 * the server's objects as unstructured maps, which Go's encoder writes in key order).
 */
export function toJson(value: unknown): string {
  return `${escapeHtmlJson(JSON.stringify(sortedKeys(value), null, 4))}\n`;
}

/** A `v1 List` of objects as kubectl wraps list output. */
export function asList(objects: readonly KubeObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
}

/** Renders groups in the requested format (stdout text). */
export function printGroups(groups: readonly PrintGroup[], opts: PrintOptions, rc: RowContext): string {
  const [format, ...rest] = opts.output.split('=');
  const arg = rest.join('=');
  const objects = groups.flatMap((g) => g.objects.map((o) => withTypeMeta(g.info, o)));
  const data = opts.single && objects.length === 1 ? objects[0] : asList(objects);
  switch (format) {
    case 'json':
      return toJson(data);
    case 'yaml':
      return toYaml(data);
    case 'name':
      return groups.flatMap((g) => g.objects.map((o) => `${objectRef(g.info, o.metadata.name ?? '')}\n`)).join('');
    case 'jsonpath':
    case 'jsonpath-as-json':
      return jsonPath(stripQuotes(arg), data);
    case 'custom-columns':
      return customColumns(arg, objects, opts.noHeaders);
    case 'go-template':
    case 'template':
      if (!arg) throw clientError('template format specified but no template given');
      return goTemplate(stripQuotes(arg), data);
    default:
      return groups
        .filter((g) => g.objects.length > 0)
        .map((g) => printTable(g, opts, rc))
        .join('\n');
  }
}

/** A `-o jsonpath='…'` template without the quotes a shell would have removed. */
export function stripQuotes(s: string): string {
  const m = /^'(.*)'$/s.exec(s) ?? /^"(.*)"$/s.exec(s);
  return m ? m[1] : s;
}

/** Adds `apiVersion`/`kind` the way the API returns each item. */
export function withTypeMeta(info: KindInfo, o: KubeObject): KubeObject {
  return { ...o, apiVersion: o.apiVersion || apiVersionOf(info), kind: o.kind || info.kind };
}

/**
 * A table of `g`'s rows (with the header unless `opts.noHeaders`). `remembered`: the column widths
 * of earlier flushes of the same table (`kubectl get --watch`), which only grow.
 */
export function printTable(g: PrintGroup, opts: PrintOptions, rc: RowContext, remembered?: number[]): string {
  const def = tableFor(g.info.kind);
  const wide = opts.output === 'wide';
  const wideTable = wide ? def.wideTable : undefined;
  const nameCol = def.noName ? [] : ['NAME'];
  const headers = wideTable ? [...wideTable.headers] : [...nameCol, ...def.headers, ...(wide ? def.wideHeaders : [])];
  if (opts.allNamespaces && g.info.namespaced) headers.unshift('NAMESPACE');
  if (opts.eventType) headers.unshift('EVENT');
  const labelColumns = opts.labelColumns ?? [];
  for (const k of labelColumns) headers.push((k.split('/').pop() ?? k).toUpperCase());
  if (opts.showLabels) headers.push('LABELS');
  const lines: string[] = opts.noHeaders ? [] : [headers.join('\t')];
  for (const o of g.objects) {
    const name = o.metadata.name ?? '';
    let displayName = opts.withKind ? objectRef(g.info, name) : name;
    if (g.info.kind === 'StorageClass' && isDefault(o)) displayName += ' (default)';
    const cells = wideTable
      ? wideTable.row(o, rc)
      : [...(def.noName ? [] : [displayName]), ...def.row(o, rc), ...(wide && def.wide ? def.wide(o, rc) : [])];
    if (opts.allNamespaces && g.info.namespaced) cells.unshift(o.metadata.namespace ?? '');
    if (opts.eventType) cells.unshift(FORMATTED_EVENT_TYPE[opts.eventType] ?? opts.eventType);
    for (const k of labelColumns) cells.push(o.metadata.labels?.[k] ?? '');
    if (opts.showLabels) cells.push(formatLabels(o.metadata.labels));
    lines.push(cells.join('\t'));
  }
  return tabwrite(`${lines.join('\n')}\n`, 3, 6, remembered);
}

function isDefault(o: KubeObject): boolean {
  const a = o.metadata.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

function customColumns(spec: string, objects: readonly KubeObject[], noHeaders: boolean): string {
  const cols = spec.split(',').map((c) => {
    const i = c.indexOf(':');
    if (i < 0) throw clientError(`unexpected custom-columns spec: ${c}, expected <header>:<json-path-expr>`);
    const path = c.slice(i + 1).trim().replace(/^\{(.*)\}$/, '$1');
    return { header: c.slice(0, i), path: path.startsWith('.') || path.startsWith('[') ? path : `.${path}` };
  });
  const lines = noHeaders ? [] : [cols.map((c) => c.header).join('\t')];
  for (const o of objects) {
    lines.push(
      cols
        .map((c) => {
          const vals = evalPath(c.path, o);
          return vals.length === 0 || vals.every((v) => v === undefined) ? '<none>' : vals.map(printValue).join(',');
        })
        .join('\t'),
    );
  }
  return tabwrite(`${lines.join('\n')}\n`, 3, 6);
}
