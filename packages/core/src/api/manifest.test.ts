import { describe, expect, it } from 'vitest';
import { ManifestError, MAX_DOCUMENT_BYTES, parseManifests } from './manifest.js';

function manifestError(text: string, source?: string): ManifestError {
  try {
    parseManifests(text, source);
  } catch (e) {
    expect(e).toBeInstanceOf(ManifestError);
    return e as ManifestError;
  }
  throw new Error('expected parseManifests to throw');
}

describe('parseManifests', () => {
  it('multi-document YAML in order, empty documents skipped', () => {
    const objs = parseManifests('---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n');
    expect(objs.map((o) => o.metadata.name)).toEqual(['a', 'b']);
  });

  it('documents parsed one by one (and cached) read the same as the whole stream', () => {
    const cm = (n: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${n}}\ndata:\n  text: |\n    line\n    ---not a marker\n`;
    const stream = `${cm('a')}--- # comment after a marker\n${cm('b')}---\n${cm('a')}`;
    const names = (text: string) => parseManifests(text).map((o) => `${o.metadata.name}:${JSON.stringify(o.data)}`);
    const want = ['a:{"text":"line\\n---not a marker\\n"}', 'b:{"text":"line\\n---not a marker\\n"}', 'a:{"text":"line\\n---not a marker\\n"}'];
    expect(names(stream)).toEqual(want);
    expect(names(stream.replaceAll('\n', '\r\n'))).toEqual(want);
    // A directive, a document-end marker or content on a marker line: the whole stream is parsed as one.
    expect(names(`%YAML 1.1\n---\n${cm('a')}...\n--- {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}\n`)).toEqual([want[0], 'c:undefined']);
    // Copies: changing a result does not change the next parse of the same document.
    parseManifests(stream)[0].metadata.name = 'changed';
    expect(names(stream)).toEqual(want);
  });

  it('an error in a later document reports its line in the whole stream', () => {
    const err = manifestError('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata: a\n  name: b\n');
    expect(err.message).toBe('error: error parsing STDIN: error converting YAML to JSON: yaml: line 8: mapping values are not allowed in this context');
  });

  it('JSON and kind: List', () => {
    const objs = parseManifests(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'y' } }] }));
    expect(objs.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/x', 'Secret/y']);
  });

  it('YAML 1.1 scalars like go-yaml v2: yes is a bool, timestamps stay strings', () => {
    const [o] = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  a: yes\n  b: 2001-12-14\n  c: 0777\n');
    expect(o?.data).toEqual({ a: true, b: '2001-12-14', c: 511 });
  });

  it('a YAML syntax error uses kubectl\'s wording and the source name', () => {
    const err = manifestError('apiVersion: v1\nkind: Pod\nmetadata: a\n  name: b\n', 'pod.yaml');
    expect(err.reason).toBe('parse');
    expect(err.message).toBe('error: error parsing pod.yaml: error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context');
  });

  it('tabs and duplicate keys', () => {
    expect(manifestError('a:\n\tb: c\n').message).toBe('error: error parsing STDIN: error converting YAML to JSON: yaml: line 2: found character that cannot start any token');
    expect(manifestError('kind: Pod\nkind: Pod\n').message).toBe('error: error parsing STDIN: error converting YAML to JSON: yaml: unmarshal errors:\n  line 2: key "kind" already set in map');
  });

  it('missing kind: kubectl validation (default) names it; without validation decoding does', () => {
    expect(manifestError('apiVersion: v1\nmetadata:\n  name: x\n').message).toBe(
      'error: error validating "STDIN": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false',
    );
    expect(manifestError('metadata:\n  name: x\n').message).toContain('error validating data: [apiVersion not set, kind not set]; ');
    let err: unknown;
    try {
      parseManifests('apiVersion: v1\nmetadata:\n  name: x\n', 'STDIN', { validate: false });
    } catch (e) {
      err = e;
    }
    expect((err as Error).message).toBe(
      `error: unable to decode "STDIN": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'`,
    );
  });

  it('wrong top-level types', () => {
    expect(manifestError('- a\n- b\n').message).toBe(
      'error: unable to decode "STDIN": json: cannot unmarshal array into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }',
    );
    expect(manifestError('hello\n').reason).toBe('decode');
  });

  it('alias bombs are cut off', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 8; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const err = manifestError(`${lines.join('\n')}\nkind: Pod\n`);
    expect(err.reason).toBe('limit');
    expect(err.message).toBe('error: error parsing STDIN: error converting YAML to JSON: yaml: document contains excessive aliasing');
  });

  it('documents above 3 MiB are refused with a clear message', () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  k: "${'x'.repeat(MAX_DOCUMENT_BYTES)}"\n`;
    const err = manifestError(big);
    expect(err.reason).toBe('limit');
    expect(err.message).toBe("error: error parsing STDIN: document 1 is larger than 3145728 bytes (3 MiB, the API server's request size limit)");
  });

  it('__proto__ and object-valued constructor keys are refused; nothing is polluted', () => {
    const attacks = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n__proto__: {polluted: yes}\n',
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","labels":{"__proto__":{"polluted":"yes"}}}}',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  constructor:\n    prototype: {polluted: yes}\n',
    ];
    for (const text of attacks) {
      const err = manifestError(text);
      expect(err.reason).toBe('decode');
      expect(err.message).toMatch(/^error: error parsing STDIN: field ".*(__proto__|constructor)" is not allowed/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('string-valued constructor keys (legitimate data keys) are kept as own properties', () => {
    const [o] = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  constructor: x\n');
    expect(Object.hasOwn(o?.data as object, 'constructor')).toBe(true);
    expect((o?.data as Record<string, unknown> | undefined)?.constructor).toBe('x');
  });

  it('a recursive alias is a clear parse error, not a stack overflow', () => {
    const err = manifestError('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: &a {k: *a}\n');
    expect(err.message).toBe('error: error parsing STDIN: error converting YAML to JSON: yaml: anchor value at "data.k" contains itself');
  });
});
