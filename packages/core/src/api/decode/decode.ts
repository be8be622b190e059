/**
 * The type checks Go's JSON decoder performs when the API server decodes a manifest into the Go
 * type, and strict field validation (`kubectl` 1.27+ sends `fieldValidation=Strict`).
 *
 * Design: one walk over the JSON with the kind's schema collects (1) the first error that aborts
 * decoding (a custom `UnmarshalJSON` failing: quantities, int-or-string), (2) the first saved
 * `UnmarshalTypeError`, (3) every unknown field. Like the apiserver, (1) beats (2) beats (3).
 * @see encoding/json decode.go (UnmarshalTypeError), sigs.k8s.io/json (strict unknown fields),
 *      apimachinery pkg/runtime/serializer/json
 */
import { parseQuantity, QuantityError } from '../quantity.js';
import { goTypeName, type Schema } from './schema.js';

interface DecodeState {
  fatal?: string;
  typeError?: string;
  readonly unknown: string[];
}

/**
 * Where the walk is, as a chain from the leaf to the root: a struct field step (`.key`) or an
 * array/map step (`[key]`). Paths are spelled out only for an error (most objects have none).
 */
interface Position {
  readonly up?: Position;
  readonly seg: string;
  /** True for a struct field step, false for an array index or map key step. */
  readonly field: boolean;
  /** Name of the innermost Go struct (`DeploymentSpec`), undefined at the root. */
  readonly struct?: string;
}

const ROOT: Position = { seg: '', field: false };

function steps(at: Position): Position[] {
  const out: Position[] = [];
  for (let p: Position | undefined = at; p && p !== ROOT; p = p.up) out.push(p);
  return out.reverse();
}

/** Path for strict-decoding messages (`spec.template.spec.containers[0].imagee`). */
function pathOf(at: Position): string {
  let path = '';
  for (const p of steps(at)) path = p.field ? (path ? `${path}.${p.seg}` : p.seg) : `${path}[${p.seg}]`;
  return path;
}

/** JSON names of struct fields from the root (`spec.replicas`), as Go prints them. */
function goPathOf(at: Position): string[] {
  return steps(at)
    .filter((p) => p.field)
    .map((p) => p.seg);
}

const INT_RANGE: Readonly<Record<'int32' | 'int64', readonly [number, number]>> = {
  int32: [-2147483648, 2147483647],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** The JSON kind Go names in `cannot unmarshal <kind>`. */
function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number' || typeof value === 'bigint') return 'number';
  if (typeof value === 'string') return 'string';
  return 'object';
}

function typeError(state: DecodeState, at: Position, what: string, schema: Schema): void {
  if (state.typeError) return;
  const type = goTypeName(schema);
  state.typeError = at.struct
    ? `json: cannot unmarshal ${what} into Go struct field ${at.struct}.${goPathOf(at).join('.')} of type ${type}`
    : `json: cannot unmarshal ${what} into Go value of type ${type}`;
}

/**
 * Go's `base64.StdEncoding.Decode` (padding required, `\r` and `\n` skipped): the bytes, or the
 * offset of the first byte it cannot take (`CorruptInputError`).
 */
export function decodeGoBase64(src: string): { bytes: number[] } | { corruptAt: number } {
  const value = (c: number) => (c >= 65 && c <= 90 ? c - 65 : c >= 97 && c <= 122 ? c - 71 : c >= 48 && c <= 57 ? c + 4 : c === 43 ? 62 : c === 47 ? 63 : -1);
  const newline = (i: number) => src[i] === '\n' || src[i] === '\r';
  const out: number[] = [];
  let si = 0;
  for (;;) {
    const quantum: number[] = [];
    let dlen = 4;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return { bytes: out };
        return { corruptAt: si - j };
      }
      const c = src.charCodeAt(si++);
      const v = value(c);
      if (v >= 0) {
        quantum[j] = v;
        continue;
      }
      if (c === 10 || c === 13) {
        j--;
        continue;
      }
      if (c !== 61 || j < 2) return { corruptAt: si - 1 };
      if (j === 2) {
        while (si < src.length && newline(si)) si++;
        if (si === src.length) return { corruptAt: src.length };
        if (src[si] !== '=') return { corruptAt: si - 1 };
        si++;
      }
      while (si < src.length && newline(si)) si++;
      if (si < src.length) return { corruptAt: si };
      dlen = j;
      break;
    }
    const [a, b, c = 0, d = 0] = quantum;
    const val = (a << 18) | (b << 12) | (c << 6) | d;
    out.push((val >> 16) & 0xff);
    if (dlen > 2) out.push((val >> 8) & 0xff);
    if (dlen > 3) out.push(val & 0xff);
    if (dlen < 4) return { bytes: out };
  }
}

/** Scalar leaves: strings, bools, integers, quantities, int-or-string, base64 bytes. */
function walkScalar(value: unknown, schema: Schema, at: Position, state: DecodeState): void {
  switch (schema.t) {
    case 'bytes': {
      if (typeof value !== 'string') {
        typeError(state, at, jsonKind(value), schema);
        return;
      }
      const decoded = decodeGoBase64(value);
      if ('corruptAt' in decoded) state.typeError ??= `illegal base64 data at input byte ${decoded.corruptAt}`;
      return;
    }
    case 'string':
    case 'bool':
      if (typeof value !== (schema.t === 'string' ? 'string' : 'boolean')) typeError(state, at, jsonKind(value), schema);
      return;
    case 'int': {
      if (typeof value !== 'number') {
        typeError(state, at, jsonKind(value), schema);
        return;
      }
      const [min, max] = INT_RANGE[schema.go];
      if (!Number.isInteger(value) || value < min || value > max) typeError(state, at, `number ${String(value)}`, schema);
      return;
    }
    case 'quantity': {
      const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : JSON.stringify(value);
      try {
        parseQuantity(text);
      } catch (e) {
        state.fatal ??= e instanceof QuantityError ? e.message : String(e);
      }
      return;
    }
    case 'intOrString':
      if (typeof value === 'string') return;
      if (typeof value !== 'number') state.fatal ??= `json: cannot unmarshal ${jsonKind(value)} into Go value of type int32`;
      else if (!Number.isInteger(value) || value < INT_RANGE.int32[0] || value > INT_RANGE.int32[1]) {
        state.fatal ??= `json: cannot unmarshal number ${String(value)} into Go value of type int32`;
      }
      return;
    default:
      return;
  }
}

function walk(value: unknown, schema: Schema, at: Position, state: DecodeState): void {
  if (value === null || value === undefined || schema.t === 'any') return;
  if (schema.t === 'struct') {
    if (typeof value !== 'object' || Array.isArray(value)) {
      typeError(state, at, jsonKind(value), schema);
      return;
    }
    for (const key of Object.keys(value as Record<string, unknown>)) {
      const fieldSchema = Object.hasOwn(schema.fields, key) ? schema.fields[key] : undefined;
      const next: Position = { up: at, seg: key, field: true, struct: schema.name };
      if (!fieldSchema) state.unknown.push(pathOf(next));
      else walk((value as Record<string, unknown>)[key], fieldSchema, next, state);
    }
    return;
  }
  if (schema.t === 'map') {
    if (typeof value !== 'object' || Array.isArray(value)) {
      typeError(state, at, jsonKind(value), schema);
      return;
    }
    for (const key of Object.keys(value as Record<string, unknown>)) {
      walk((value as Record<string, unknown>)[key], schema.of, { up: at, seg: key, field: false, struct: at.struct }, state);
    }
    return;
  }
  if (schema.t === 'array') {
    if (!Array.isArray(value)) {
      typeError(state, at, jsonKind(value), schema);
      return;
    }
    for (let i = 0; i < value.length; i++) walk(value[i], schema.of, { up: at, seg: String(i), field: false, struct: at.struct }, state);
    return;
  }
  walkScalar(value, schema, at, state);
}

/**
 * Decodes `obj` against `schema`; returns the decode error text (without the
 * `<Kind> in version "v1" cannot be handled as a <Kind>: ` prefix) or undefined.
 */
export function decodeErrors(obj: unknown, schema: Schema, options: { strict?: boolean } = {}): string | undefined {
  const state: DecodeState = { unknown: [] };
  walk(obj, schema, ROOT, state);
  if (state.fatal) return state.fatal;
  if (state.typeError) return state.typeError;
  if ((options.strict ?? true) && state.unknown.length > 0) {
    return `strict decoding error: ${state.unknown.map((p) => `unknown field ${JSON.stringify(p)}`).join(', ')}`;
  }
  return undefined;
}

/**
 * What Go's decoder makes of a decoded object, in place: a struct field that is null is its zero
 * value, which the encoder omits (so the key goes); a null string in a map or a list is `""`, a
 * null struct in a list `{}`; base64 bytes are re-encoded as the encoder writes them (one line);
 * free-form (`any`) parts keep theirs.
 * @see encoding/json decode.go (literalStore: null sets maps, slices and pointers to nil, leaves other types unchanged)
 */
export function normalizeDecoded(value: unknown, schema: Schema): void {
  if (value === null || typeof value !== 'object' || schema.t === 'any') return;
  if (schema.t === 'struct' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      const field = Object.hasOwn(schema.fields, key) ? schema.fields[key] : undefined;
      if (o[key] === null) delete o[key];
      else if (field) normalizeDecoded(o[key], field);
    }
    return;
  }
  if ((schema.t === 'map' && !Array.isArray(value)) || (schema.t === 'array' && Array.isArray(value))) {
    const o = value as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      if (o[key] === null) {
        if (schema.of.t === 'string') o[key] = '';
        else if (schema.of.t === 'struct') o[key] = {};
        else if (schema.of.t === 'int') o[key] = 0;
        else if (schema.of.t === 'bool') o[key] = false;
        else if (!Array.isArray(value)) delete o[key];
      } else if (schema.of.t === 'bytes' && typeof o[key] === 'string') {
        const decoded = decodeGoBase64(o[key] as string);
        if ('bytes' in decoded) o[key] = Buffer.from(decoded.bytes).toString('base64');
      } else normalizeDecoded(o[key], schema.of);
    }
  }
}
