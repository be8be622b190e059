/**
 * Command-line parsing the way cobra/pflag does it for kubectl: `--flag=value`, `--flag value`,
 * `-n value`, `-nvalue`, boolean flags, `--` ending flag parsing, and pflag's error texts.
 * @see spf13/pflag flag.go (parseLongArg, parseShortArg), spf13/cobra command.go
 */
import { KubectlError } from './errors.js';

/** How a flag takes its value. */
export type FlagType = 'bool' | 'string' | 'strings' | 'int';

/** One flag a command accepts. */
export interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  readonly type: FlagType;
  /** Default value text (bools default to false). */
  readonly def?: string;
  /** pflag's NoOptDefVal: the value of `--name` given without `=value` (the next word stays an argument). */
  readonly noOptDef?: string;
}

/** Flags every kubectl command accepts (`kubectl options`). */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  { name: 'v', short: 'v', type: 'string' },
  { name: 'help', short: 'h', type: 'bool' },
];

/** Parsed flags and positional arguments. */
export class ParsedArgs {
  constructor(
    readonly args: string[],
    /** Arguments after `--`. */
    readonly rest: string[],
    private readonly values: Map<string, string[]>,
    /** Index in `args` where `--` was found (cobra's ArgsLenAtDash), -1 if none. */
    readonly dashAt: number,
  ) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  string(name: string, def = ''): string {
    const v = this.values.get(name);
    return v ? v[v.length - 1] : def;
  }

  strings(name: string): string[] {
    return (this.values.get(name) ?? []).flatMap((v) => v.split(',')).filter((v) => v !== '');
  }

  /** All values given for a repeatable flag, unsplit. */
  all(name: string): string[] {
    return this.values.get(name) ?? [];
  }

  bool(name: string, def = false): boolean {
    const v = this.values.get(name);
    if (!v) return def;
    return v[v.length - 1] === 'true';
  }

  int(name: string, def: number): number {
    const v = this.values.get(name);
    return v ? Number(v[v.length - 1]) : def;
  }
}

/** Parses `argv` against the command's flags plus the global ones. */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[], commandPath: string): ParsedArgs {
  const all = [...GLOBAL_FLAGS, ...specs];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short as string, s]));
  const values = new Map<string, string[]>();
  const args: string[] = [];
  const rest: string[] = [];
  let dashAt = -1;
  const set = (spec: FlagSpec, value: string) => {
    if (spec.type === 'int' && !/^-?\d+$/.test(value)) {
      throw usageError(`invalid argument ${JSON.stringify(value)} for "--${spec.name}" flag: strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`, commandPath);
    }
    if (spec.type === 'bool' && !/^(true|false|1|0|t|f|TRUE|FALSE|True|False)$/.test(value)) {
      throw usageError(`invalid argument ${JSON.stringify(value)} for "--${spec.name}" flag: strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`, commandPath);
    }
    const normalized = spec.type === 'bool' ? String(/^(true|1|t|TRUE|True)$/.test(value)) : value;
    values.set(spec.name, [...(values.get(spec.name) ?? []), normalized]);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      dashAt = args.length;
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) throw usageError(`unknown flag: --${name}`, commandPath);
      if (eq >= 0) set(spec, a.slice(eq + 1));
      else if (spec.type === 'bool') set(spec, 'true');
      else if (spec.noOptDef !== undefined) set(spec, spec.noOptDef);
      else if (i + 1 < argv.length) set(spec, argv[++i]);
      else throw usageError(`flag needs an argument: --${name}`, commandPath);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      i = parseShorts(argv, i, byShort, set, commandPath);
      continue;
    }
    args.push(a);
  }
  return new ParsedArgs(args, rest, values, dashAt);
}

function parseShorts(
  argv: readonly string[],
  i: number,
  byShort: Map<string, FlagSpec>,
  set: (spec: FlagSpec, value: string) => void,
  commandPath: string,
): number {
  const a = argv[i];
  let j = 1;
  while (j < a.length) {
    const c = a[j];
    const spec = byShort.get(c);
    if (!spec) throw usageError(`unknown shorthand flag: '${c}' in ${a}`, commandPath);
    if (spec.type === 'bool') {
      if (a[j + 1] === '=') {
        set(spec, a.slice(j + 2));
        return i;
      }
      set(spec, 'true');
      j++;
      continue;
    }
    const inline = a.slice(j + 1);
    if (inline.length > 0) set(spec, inline.startsWith('=') ? inline.slice(1) : inline);
    else if (i + 1 < argv.length) set(spec, argv[++i]);
    else throw usageError(`flag needs an argument: '${c}' in -${c}`, commandPath);
    return i;
  }
  return i;
}

/** A usage error: pflag's message plus cobra's `See 'kubectl get --help' for usage.` */
export function usageError(message: string, commandPath: string): KubectlError {
  return new KubectlError(`error: ${message}\nSee '${commandPath} --help' for usage.`);
}
