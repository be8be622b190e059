/**
 * `--output yaml` (AWS CLI v2, ruamel.yaml block style): keys in response order, `- ` list items
 * at the parent key's indent, empty collections as `[]`/`{}`, strings quoted only when YAML would
 * read them as another type.
 * @see aws-cli awscli/formatter.py YAMLFormatter
 */
import type { Json } from './jmespath.js';

const PLAIN_UNSAFE = /^$|^[\s\-?:,[\]{}#&*!|>'"%@`]|: | #|\s$|^(true|false|null|~)$/i;
const NUMBER_LIKE = /^[-+]?(\d[\d_]*)?(\.\d*)?([eE][-+]?\d+)?$|^0x[0-9a-f]+$|^\d{4}-\d\d-\d\d/i;

function scalar(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  const s = String(v);
  if (PLAIN_UNSAFE.test(s) || (NUMBER_LIKE.test(s) && s !== '.')) return `'${s.replace(/'/g, "''")}'`;
  return s;
}

function isEmpty(v: Json): boolean {
  return (Array.isArray(v) && v.length === 0) || (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
}

function emit(v: Json, indent: string, out: string[]): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      if (item !== null && typeof item === 'object' && !isEmpty(item)) {
        const inner: string[] = [];
        emit(item, `${indent}  `, inner);
        out.push(`${indent}- ${inner[0].slice(indent.length + 2)}`, ...inner.slice(1));
      } else out.push(`${indent}- ${Array.isArray(item) ? '[]' : item !== null && typeof item === 'object' ? '{}' : scalar(item)}`);
    }
    return;
  }
  if (v !== null && typeof v === 'object') {
    for (const [k, value] of Object.entries(v)) {
      if (Array.isArray(value) && value.length) {
        out.push(`${indent}${k}:`);
        emit(value, indent, out);
      } else if (value !== null && typeof value === 'object' && !isEmpty(value)) {
        out.push(`${indent}${k}:`);
        emit(value, `${indent}  `, out);
      } else out.push(`${indent}${k}: ${isEmpty(value) ? (Array.isArray(value) ? '[]' : '{}') : scalar(value)}`);
    }
    return;
  }
  out.push(`${indent}${scalar(v)}`);
}

/** `yaml` output. */
export function formatYaml(value: Json): string {
  if (isEmpty(value)) return `${Array.isArray(value) ? '[]' : '{}'}\n`;
  const out: string[] = [];
  emit(value, '', out);
  return `${out.join('\n')}\n`;
}
