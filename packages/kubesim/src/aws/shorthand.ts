/**
 * AWS CLI shorthand and JSON values for structure parameters: `--filters Name=x,Values=a,b`,
 * `--tag-specifications 'ResourceType=volume,Tags=[{Key=k,Value=v}]'`, `--tags Key=k,Value=v`, or
 * the JSON forms.
 * @see aws-cli awscli/shorthand.py
 */
import { ParamError } from './errors.js';

/** One EC2 filter. */
export interface Filter {
  readonly Name: string;
  readonly Values: string[];
}

/** One `--tags` tag; `Value` is absent when the word leaves it out (DeleteTags: any value). */
export interface TagParam {
  readonly Key: string;
  readonly Value?: string;
}

/** A tag specification. */
export interface TagSpecification {
  readonly ResourceType?: string;
  readonly Tags: { Key: string; Value: string }[];
}

function parseJson<T>(param: string, text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ParamError(`Error parsing parameter '--${param}': Invalid JSON:\n${text}`);
  }
}

/** Python's `repr` of a JSON value, as botocore's messages show values. */
function pyRepr(v: unknown): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') {
    const escaped = v.replaceAll('\\', '\\\\');
    // Python quotes with ' unless the text has one and no ".
    return v.includes("'") && !v.includes('"') ? `"${escaped}"` : `'${escaped.replaceAll("'", "\\'")}'`;
  }
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v as object).map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  return String(v);
}

/** Python's type of a JSON value (`<class 'str'>`). */
function pyType(v: unknown): string {
  const name = v === null ? 'NoneType' : Array.isArray(v) ? 'list' : typeof v === 'string' ? 'str' : typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : 'dict';
  return `<class '${name}'>`;
}

/** A shape of botocore's service model, as much as these parameters need. */
type Shape = 'string' | { readonly list: Shape } | { readonly members: Readonly<Record<string, Shape>> };

const FILTER: Shape = { members: { Name: 'string', Values: { list: 'string' } } };
const TAG: Shape = { members: { Key: 'string', Value: 'string' } };
const TAG_SPECIFICATION: Shape = { members: { ResourceType: 'string', Tags: { list: { members: { Key: 'string', Value: 'string' } } } } };

/** botocore's `ParamValidator`: every problem of `value` against `shape`, named from `path`. */
function validate(value: unknown, shape: Shape, path: string, errors: string[]): void {
  const invalid = (valid: string) => errors.push(`Invalid type for parameter ${path}, value: ${pyRepr(value)}, type: ${pyType(value)}, valid types: ${valid}`);
  if (shape === 'string') {
    if (typeof value !== 'string') invalid("<class 'str'>");
    return;
  }
  if ('list' in shape) {
    if (!Array.isArray(value)) {
      invalid("<class 'list'>, <class 'tuple'>");
      return;
    }
    for (let i = 0; i < value.length; i++) validate(value[i], shape.list, `${path}[${i}]`, errors);
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalid("<class 'dict'>");
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    const member = shape.members[k];
    if (member === undefined) errors.push(`Unknown parameter in ${path}: "${k}", must be one of: ${Object.keys(shape.members).join(', ')}`);
    else validate(v, member, `${path}.${k}`, errors);
  }
}

/** A JSON value for a list parameter, checked against its member shape; `Parameter validation failed:` otherwise. */
function checkedList<T>(param: string, name: string, text: string, member: Shape): T[] {
  const value = parseJson<unknown>(param, text);
  const errors: string[] = [];
  validate(value, { list: member }, name, errors);
  if (errors.length > 0) throw new ParamError(`Parameter validation failed:\n${errors.join('\n')}`);
  return value as T[];
}

/** `--filters` words. */
export function parseFilters(words: readonly string[]): Filter[] {
  const out: Filter[] = [];
  for (const w of words) {
    if (w.trim().startsWith('[') || w.trim().startsWith('{')) {
      out.push(...checkedList<Filter>('filters', 'Filters', w, FILTER).map((f) => ({ Name: f.Name ?? '', Values: f.Values ?? [] })));
      continue;
    }
    const m = /^Name=([^,]*),Values=(.*)$/.exec(w);
    if (!m) {
      // A word without `=` runs out while the parser looks for one.
      const received = w.includes('=') ? w.slice(-1) : 'EOF';
      throw new ParamError(`Error parsing parameter '--filters': Expected: '=', received: '${received}' for input:\n${w}\n${' '.repeat(w.length)}^`);
    }
    out.push({ Name: m[1], Values: m[2] === '' ? [] : m[2].split(',') });
  }
  return out;
}

/** `--tag-specifications` words. */
export function parseTagSpecifications(words: readonly string[]): TagSpecification[] {
  const out: TagSpecification[] = [];
  for (const w of words) {
    if (w.trim().startsWith('[') || w.trim().startsWith('{')) {
      out.push(...checkedList<TagSpecification>('tag-specifications', 'TagSpecifications', w, TAG_SPECIFICATION).map((t) => ({ ...t, Tags: (t.Tags ?? []).map((g) => ({ Key: g.Key ?? '', Value: g.Value ?? '' })) })));
      continue;
    }
    const type = /ResourceType=([^,]+)/.exec(w)?.[1];
    const tags = [...w.matchAll(/\{Key=([^,}]*),Value=([^}]*)\}/g)].map((m) => ({ Key: m[1], Value: m[2] }));
    out.push({ ...(type ? { ResourceType: type } : {}), Tags: tags });
  }
  return out;
}

/**
 * One shorthand structure word (`Key=k,Value=v`) as botocore's shorthand parser reads it: a value
 * with commas not followed by `name=` is a list. A word without `=` fails where the parser stops.
 */
function shorthandStructure(param: string, word: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const pair of word.split(/,(?=[^,=]*=)/)) {
    const eq = pair.indexOf('=');
    if (eq < 0) {
      const at = pair.length;
      throw new ParamError(`Error parsing parameter '--${param}': Expected: '=', received: '${word[at] ?? 'EOF'}' for input:\n${word}\n${' '.repeat(at)}^`);
    }
    const value = pair.slice(eq + 1);
    out[pair.slice(0, eq)] = value.includes(',') ? value.split(',') : value;
  }
  return out;
}

/** A JSON object or shorthand word for one list member, checked against its shape. */
function checkedMember(param: string, path: string, word: string, member: Shape): unknown {
  const value = word.trim().startsWith('{') ? parseJson<unknown>(param, word) : shorthandStructure(param, word);
  const errors: string[] = [];
  validate(value, member, path, errors);
  if (errors.length > 0) throw new ParamError(`Parameter validation failed:\n${errors.join('\n')}`);
  return value;
}

/**
 * `--tags` words: `Key=k,Value=v` (Value may be left out), a JSON object per tag, or one JSON
 * list; each tag checked against botocore's Tag shape (`Parameter validation failed:`).
 */
export function parseTags(words: readonly string[]): TagParam[] {
  const out: TagParam[] = [];
  for (const w of words) {
    const raw = w.trim().startsWith('[') ? checkedList<Partial<TagParam>>('tags', 'Tags', w, TAG) : [checkedMember('tags', `Tags[${out.length}]`, w, TAG) as Partial<TagParam>];
    out.push(...raw.map((t) => ({ Key: t.Key ?? '', ...(t.Value === undefined ? {} : { Value: t.Value }) })));
  }
  return out;
}
