/**
 * AWS CLI shorthand and JSON values for structure parameters: `--filters Name=x,Values=a,b`,
 * `--tag-specifications 'ResourceType=volume,Tags=[{Key=k,Value=v}]'`, or the JSON forms.
 * @see aws-cli awscli/shorthand.py
 */
import { UsageError } from './errors.js';

/** One EC2 filter. */
export interface Filter {
  readonly Name: string;
  readonly Values: string[];
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
    throw new UsageError(`Error parsing parameter '--${param}': Invalid JSON:\n${text}`, true);
  }
}

/** `--filters` words. */
export function parseFilters(words: readonly string[]): Filter[] {
  const out: Filter[] = [];
  for (const w of words) {
    if (w.trim().startsWith('[') || w.trim().startsWith('{')) {
      const v = parseJson<Filter | Filter[]>('filters', w);
      out.push(...(Array.isArray(v) ? v : [v]));
      continue;
    }
    const m = /^Name=([^,]*),Values=(.*)$/.exec(w);
    if (!m) {
      throw new UsageError(
        `Error parsing parameter '--filters': Expected: '=', received: '${w.slice(-1)}' for input:\n${w}\n${' '.repeat(w.length)}^`,
        true,
      );
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
      const v = parseJson<TagSpecification | TagSpecification[]>('tag-specifications', w);
      out.push(...(Array.isArray(v) ? v : [v]));
      continue;
    }
    const type = /ResourceType=([^,]+)/.exec(w)?.[1];
    const tags = [...w.matchAll(/\{Key=([^,}]*),Value=([^}]*)\}/g)].map((m) => ({ Key: m[1], Value: m[2] }));
    out.push({ ...(type ? { ResourceType: type } : {}), Tags: tags });
  }
  return out;
}
