/**
 * Parsing of `aws <service> <operation> [--param value ...]`: parameter specs per operation,
 * `--flag=value` and `--flag value`, list parameters taking several words, boolean
 * `--flag/--no-flag`, and the global options `--output`, `--query`, `--region`, `--profile`,
 * `--no-cli-pager`.
 */
import { UsageError } from './errors.js';

/** How a parameter takes values. */
export type ParamKind = 'string' | 'integer' | 'boolean' | 'list';

/** One parameter of an operation. */
export interface ParamSpec {
  readonly name: string;
  readonly kind: ParamKind;
  readonly required?: boolean;
}

/** Parsed command line. */
export interface ParsedArgs {
  readonly params: Map<string, string | string[] | boolean>;
  readonly output?: string;
  readonly query?: string;
  readonly region?: string;
}

const GLOBAL_STRING = new Set(['output', 'query', 'region', 'profile', 'endpoint-url', 'color', 'cli-read-timeout', 'cli-connect-timeout']);
const GLOBAL_FLAG = new Set(['no-cli-pager', 'debug', 'no-paginate', 'no-verify-ssl', 'no-sign-request', 'cli-auto-prompt', 'no-cli-auto-prompt']);

/** Parses the words after the operation name against its parameter specs. */
export function parseArgs(words: readonly string[], specs: readonly ParamSpec[]): ParsedArgs {
  const params = new Map<string, string | string[] | boolean>();
  const globals = new Map<string, string>();
  const unknown: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!word.startsWith('--')) {
      unknown.push(word);
      continue;
    }
    const eq = word.indexOf('=');
    const name = word.slice(2, eq < 0 ? undefined : eq);
    const inline = eq < 0 ? undefined : word.slice(eq + 1);
    const takeOne = (): string => {
      if (inline !== undefined) return inline;
      const next = words[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`argument --${name}: expected one argument`);
      i++;
      return next;
    };
    if (GLOBAL_STRING.has(name)) {
      globals.set(name, takeOne());
      continue;
    }
    if (GLOBAL_FLAG.has(name)) continue;
    const negated = name.startsWith('no-') ? specs.find((s) => s.name === name.slice(3) && s.kind === 'boolean') : undefined;
    if (negated) {
      params.set(negated.name, false);
      continue;
    }
    const spec = specs.find((s) => s.name === name);
    if (!spec) {
      unknown.push(word);
      if (inline === undefined && words[i + 1] !== undefined && !words[i + 1].startsWith('--')) unknown.push(words[++i]);
      continue;
    }
    if (spec.kind === 'boolean') params.set(name, true);
    else if (spec.kind === 'list') {
      const values = inline !== undefined ? [inline] : [];
      while (words[i + 1] !== undefined && !words[i + 1].startsWith('--')) values.push(words[++i]);
      if (values.length === 0) throw new UsageError(`argument --${name}: expected at least one argument`);
      params.set(name, values);
    } else {
      const value = takeOne();
      if (spec.kind === 'integer' && !/^-?\d+$/.test(value)) throw new UsageError(`argument --${name}: invalid int value: '${value}'`);
      params.set(name, value);
    }
  }
  if (unknown.length) throw new UsageError(`Unknown options: ${unknown.join(', ')}`, true);
  const missing = specs.filter((s) => s.required && !params.has(s.name)).map((s) => `--${s.name}`);
  if (missing.length) throw new UsageError(`the following arguments are required: ${missing.join(', ')}`);
  const output = globals.get('output');
  if (output !== undefined && !['json', 'text', 'table', 'yaml', 'yaml-stream'].includes(output)) {
    throw new UsageError(`argument --output: Invalid choice, valid choices are:\n\njson                                     | text                                    \ntable                                    | yaml                                    \nyaml-stream                             `);
  }
  return { params, output, query: globals.get('query'), region: globals.get('region') };
}
