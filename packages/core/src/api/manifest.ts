/**
 * Manifest parsing as `kubectl apply -f` reads files: multi-document YAML or JSON, `kind: List`
 * expanded, empty documents skipped, and kubectl's error texts.
 *
 * Design: YAML is read with YAML 1.1 scalars like go-yaml v2 (`yes`/`on` are booleans, `0777` is
 * octal, timestamps stay strings). Safety: at most 3 MiB per document (the API server's request
 * body limit) and 64 MiB in total, at most 100 alias expansions per document (a billion-laughs
 * guard), and no `__proto__` key anywhere, nor `constructor`/`prototype` keys holding objects,
 * so nothing downstream (merge patches, clones) can reach a prototype. Every failure is a
 * `ManifestError`.
 * @see kubectl pkg/cmd/util/helpers.go, apimachinery pkg/util/yaml/decoder.go, sigs.k8s.io/yaml
 */
import { type Document, parseAllDocuments, type SchemaOptions, type YAMLError } from 'yaml';
import type { KubeObject } from './object.js';
import { cloneData } from './clone.js';

/** `MaxRequestBodyBytes` of the API server: 3 MiB per object. */
export const MAX_DOCUMENT_BYTES = 3 * 1024 * 1024;
/** Total manifest text kubesim reads in one call. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
/** Alias expansions allowed per document (yaml `maxAliasCount`). */
export const MAX_ALIAS_COUNT = 100;
/** Keys never accepted in a manifest (prototype pollution). */
const FORBIDDEN_KEYS = new Set(['__proto__']);
/** Keys accepted only with scalar values. */
const SCALAR_ONLY_KEYS = new Set(['constructor', 'prototype']);

/** Why a manifest could not be read; `message` is what kubectl prints (with `error: `). */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
  constructor(
    message: string,
    /** `parse` (YAML/JSON syntax), `decode` (not an object / no kind), `limit` (safety caps). */
    readonly reason: 'parse' | 'decode' | 'limit',
    /** The file name kubectl shows (`STDIN` for `-f -`). */
    readonly source: string,
  ) {
    super(message);
  }
}

// go-yaml v2 keeps timestamps and sexagesimal numbers as strings.
const customTags: SchemaOptions['customTags'] = (tags) =>
  tags.filter((t) => typeof t === 'string' || (t.format !== 'TIME' && t.tag !== 'tag:yaml.org,2002:timestamp'));
const YAML_OPTIONS = { version: '1.1' as const, customTags };

/** go-yaml's wording for the yaml library's error codes. */
function goYamlMessage(err: YAMLError, text: string): string {
  const line = err.linePos?.[0]?.line ?? 1;
  switch (err.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return `yaml: line ${line + 1}: mapping values are not allowed in this context`;
    case 'TAB_AS_INDENT':
      return `yaml: line ${line}: found character that cannot start any token`;
    case 'DUPLICATE_KEY': {
      const key = /^\s*(?:-\s+)?["']?([^:"']*)/.exec(text.split('\n')[line - 1] ?? '')?.[1];
      return `yaml: unmarshal errors:\n  line ${line}: key ${JSON.stringify(key ?? '')} already set in map`;
    }
    default:
      return `yaml: line ${line}: ${err.message.split(' at line ')[0]?.toLowerCase()}`;
  }
}

/** JSON with sorted keys, as Go prints a decoded YAML map. */
function goJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${goJson(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Rebuilds plain data, rejecting prototype keys and turning binary scalars into strings. */
function sanitize(value: unknown, fail: (msg: string) => never, path: string, open = new Set<object>()): unknown {
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (value === null || typeof value !== 'object') return value;
  // A YAML alias to one of its own ancestors (`a: &a [*a]`) makes a cycle JSON cannot hold.
  if (open.has(value)) fail(`error converting YAML to JSON: yaml: anchor value at ${JSON.stringify(path)} contains itself`);
  open.add(value);
  try {
    if (Array.isArray(value)) return value.map((v, i) => sanitize(v, fail, `${path}[${i}]`, open));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[key];
      const at = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key) || (SCALAR_ONLY_KEYS.has(key) && v !== null && typeof v === 'object')) {
        fail(`field ${JSON.stringify(at)} is not allowed: keys like "${key}" could reach object prototypes`);
      }
      Object.defineProperty(out, key, { value: sanitize(v, fail, at, open), enumerable: true, writable: true, configurable: true });
    }
    return out;
  } finally {
    open.delete(value);
  }
}

/** The JS value of one YAML document, or a ManifestError. */
function documentValue(doc: Document.Parsed, index: number, source: string, text: string): unknown {
  const err = doc.errors[0];
  if (err) {
    throw new ManifestError(`error: error parsing ${source}: error converting YAML to JSON: ${goYamlMessage(err, text)}`, 'parse', source);
  }
  const [start = 0, , end = 0] = doc.range;
  if (end - start > MAX_DOCUMENT_BYTES) {
    throw new ManifestError(
      `error: error parsing ${source}: document ${index + 1} is larger than ${MAX_DOCUMENT_BYTES} bytes (3 MiB, the API server's request size limit)`,
      'limit',
      source,
    );
  }
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    throw new ManifestError(`error: error parsing ${source}: error converting YAML to JSON: yaml: document contains excessive aliasing`, 'limit', source);
  }
  return sanitize(js, (msg) => {
    throw new ManifestError(`error: error parsing ${source}: ${msg}`, 'decode', source);
  }, '');
}

/**
 * Every document's JS value under the same caps as manifests (size, aliases, prototype keys,
 * cycles), for YAML that is not a manifest (a patch). A document with a YAML error carries the
 * go-yaml text instead; empty documents are skipped.
 * @throws ManifestError for a text over the size limit or a value that breaks a safety rule
 */
export function parseYamlValues(text: string, source = 'STDIN'): { readonly value: unknown; readonly error?: string }[] {
  if (text.length > MAX_MANIFEST_BYTES) {
    throw new ManifestError(`error: error parsing ${source}: manifest is larger than ${MAX_MANIFEST_BYTES} bytes`, 'limit', source);
  }
  const out: { value: unknown; error?: string }[] = [];
  (parseAllDocuments(text, YAML_OPTIONS) as Document.Parsed[]).forEach((doc, i) => {
    if (doc.errors[0]) {
      out.push({ value: undefined, error: goYamlMessage(doc.errors[0], text) });
      return;
    }
    const value = documentValue(doc, i, source, text);
    if (value !== null && value !== undefined) out.push({ value });
  });
  return out;
}

/** Checks one decoded document is an object with a kind (`UnstructuredJSONScheme`). */
function toObject(value: unknown, source: string, validate: boolean): KubeObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const what = Array.isArray(value) ? 'array' : typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'bool' : 'string';
    throw new ManifestError(
      `error: unable to decode ${JSON.stringify(source)}: json: cannot unmarshal ${what} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`,
      'decode',
      source,
    );
  }
  const obj = value as Record<string, unknown>;
  if (validate) {
    // kubectl's client-side check (`--validate`, on by default) runs before decoding.
    const missing = [obj.apiVersion == null ? 'apiVersion not set' : '', obj.kind == null ? 'kind not set' : ''].filter(Boolean);
    if (missing.length) {
      const why = missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`;
      throw new ManifestError(
        `error: error validating ${JSON.stringify(source)}: error validating data: ${why}; if you choose to ignore these errors, turn validation off with --validate=false`,
        'decode',
        source,
      );
    }
  }
  if (typeof obj.kind !== 'string' || obj.kind === '') {
    throw new ManifestError(`error: unable to decode ${JSON.stringify(source)}: Object 'Kind' is missing in '${goJson(obj)}'`, 'decode', source);
  }
  return { ...obj, apiVersion: typeof obj.apiVersion === 'string' ? obj.apiVersion : '', metadata: (obj.metadata ?? {}) as KubeObject['metadata'] } as KubeObject;
}

/** Expands `kind: List` (and `*List` kinds) into their items. */
function expand(obj: KubeObject, source: string, validate: boolean): KubeObject[] {
  if (!obj.kind.endsWith('List') || !Array.isArray(obj.items)) return [obj];
  return (obj.items as unknown[]).flatMap((item) => expand(toObject(item, source, validate), source, validate));
}

/**
 * Parses a manifest (one or more YAML documents, or JSON) into objects in document order.
 * @param source the name kubectl shows in errors (`STDIN` for `-f -`, else the file name)
 * @param options.validate kubectl's client-side check that apiVersion and kind are set (default on,
 *   as `kubectl --validate`); off, a missing kind fails at decoding with `Object 'Kind' is missing`
 * @throws ManifestError with kubectl's text
 */
export function parseManifests(text: string, source = 'STDIN', options: { validate?: boolean } = {}): KubeObject[] {
  const validate = options.validate ?? true;
  if (typeof text !== 'string') throw new ManifestError(`error: error parsing ${source}: manifest is not text`, 'parse', source);
  return parseStream(text, source, validate);
}

/** Documents longer than this are not cached. */
const MAX_CACHED_TEXT = 64 * 1024;

/**
 * Parsed values of single documents by their text, handed out as copies: tests and fuzz runs apply
 * the same documents many times (insertion-ordered; the oldest entry goes first).
 */
const documentCache = new Map<string, unknown>();
const MAX_CACHED_DOCUMENTS = 1024;

/** A document marker line (`---`, maybe a comment after it) splits a stream into documents. */
const DOCUMENT_MARKER = /^---[ \t]*(?:#[^\n]*)?$/m;
/** Directives, document-end markers and content after a marker: left to the whole-stream parse. */
const UNSPLITTABLE = /^(?:%|\.\.\.|---[ \t]+[^ \t#\n])/m;

/**
 * The values of a stream's documents, each parsed on its own and cached; undefined when the stream
 * is not plainly splittable or any document has a problem (the whole-stream parse then reports it
 * with kubectl's text and positions).
 */
function documentValuesFast(text: string): unknown[] | undefined {
  if (UNSPLITTABLE.test(text)) return undefined;
  const values: unknown[] = [];
  for (const chunk of text.split(new RegExp(DOCUMENT_MARKER.source, 'gm'))) {
    let value = documentCache.get(chunk);
    if (value === undefined && !documentCache.has(chunk)) {
      const docs = parseAllDocuments(chunk, YAML_OPTIONS) as Document.Parsed[];
      if (!Array.isArray(docs) || docs.length > 1) return undefined;
      if (docs.length === 1) {
        if (docs[0].errors.length) return undefined;
        try {
          value = documentValue(docs[0], 0, '', chunk);
        } catch {
          return undefined;
        }
      } else value = null;
      if (chunk.length <= MAX_CACHED_TEXT) {
        if (documentCache.size >= MAX_CACHED_DOCUMENTS) documentCache.delete(documentCache.keys().next().value as string);
        documentCache.set(chunk, value);
      }
    }
    values.push(cloneData(value));
  }
  return values;
}

function parseStream(text: string, source: string, validate: boolean): KubeObject[] {
  if (text.length > MAX_MANIFEST_BYTES) {
    throw new ManifestError(`error: error parsing ${source}: manifest is larger than ${MAX_MANIFEST_BYTES} bytes`, 'limit', source);
  }
  const fast = documentValuesFast(text);
  if (fast) {
    const out: KubeObject[] = [];
    for (const value of fast) if (value !== null && value !== undefined) out.push(...expand(toObject(value, source, validate), source, validate));
    return out;
  }
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, YAML_OPTIONS) as Document.Parsed[];
  } catch (e) {
    throw new ManifestError(`error: error parsing ${source}: error converting YAML to JSON: yaml: ${(e as Error).message}`, 'parse', source);
  }
  if (!Array.isArray(docs)) docs = [docs];
  const out: KubeObject[] = [];
  docs.forEach((doc, i) => {
    const value = documentValue(doc, i, source, text);
    if (value === null || value === undefined) return;
    out.push(...expand(toObject(value, source, validate), source, validate));
  });
  return out;
}
