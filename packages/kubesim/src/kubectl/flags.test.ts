import { describe, expect, it } from 'vitest';
import { KubectlError } from './errors.js';
import { type FlagSpec, parseFlags } from './flags.js';

const SPECS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'replicas', type: 'int' },
];

describe('parseFlags (pflag rules)', () => {
  it('reads --flag=value, --flag value, -o value, -ovalue and bool shorthands', () => {
    const a = parseFlags(['pods', '--output=wide', '-n', 'kube-system', '-A', 'x'], SPECS, 'kubectl get');
    expect(a.args).toEqual(['pods', 'x']);
    expect(a.string('output')).toBe('wide');
    expect(a.string('namespace')).toBe('kube-system');
    expect(a.bool('all-namespaces')).toBe(true);
    expect(parseFlags(['-oyaml'], SPECS, 'kubectl get').string('output')).toBe('yaml');
    expect(parseFlags(['-o', 'name'], SPECS, 'kubectl get').string('output')).toBe('name');
  });

  it('a flag with a NoOptDefVal takes it when given bare, leaving the next word an argument', () => {
    const specs: FlagSpec[] = [{ name: 'dry-run', type: 'string', noOptDef: 'unchanged' }];
    const bare = parseFlags(['--dry-run', 'web'], specs, 'kubectl run');
    expect(bare.string('dry-run')).toBe('unchanged');
    expect(bare.args).toEqual(['web']);
    expect(parseFlags(['--dry-run=client', 'web'], specs, 'kubectl run').string('dry-run')).toBe('client');
  });

  it('everything after -- is kept apart (exec)', () => {
    const a = parseFlags(['web-0', '--', 'ls', '-la', '/data'], SPECS, 'kubectl exec');
    expect(a.args).toEqual(['web-0']);
    expect(a.rest).toEqual(['ls', '-la', '/data']);
    expect(a.dashAt).toBe(1);
  });

  it('unknown long flag: pflag text plus the usage hint', () => {
    expect(() => parseFlags(['--bogus'], SPECS, 'kubectl get')).toThrow(
      new KubectlError("error: unknown flag: --bogus\nSee 'kubectl get --help' for usage."),
    );
  });

  it('unknown shorthand and missing values', () => {
    expect(() => parseFlags(['-z'], SPECS, 'kubectl get')).toThrow("error: unknown shorthand flag: 'z' in -z");
    expect(() => parseFlags(['--output'], SPECS, 'kubectl get')).toThrow('error: flag needs an argument: --output');
    expect(() => parseFlags(['-n'], SPECS, 'kubectl get')).toThrow("error: flag needs an argument: 'n' in -n");
  });

  it('int flags reject non-numbers with strconv text', () => {
    expect(() => parseFlags(['--replicas=three'], SPECS, 'kubectl scale')).toThrow(
      'invalid argument "three" for "--replicas" flag: strconv.ParseInt: parsing "three": invalid syntax',
    );
  });
});
