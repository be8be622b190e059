import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.js';
import { UsageError } from './errors.js';
import { formatJson, formatText } from './output.js';
import { parseFilters, parseTagSpecifications } from './shorthand.js';
import { formatYaml } from './yaml-output.js';

describe('aws output formatters', () => {
  it('text: nested structures get upper-cased identifiers, scalars sorted by key, Python booleans', () => {
    const doc = {
      Reservations: [{ ReservationId: 'r-1', OwnerId: '1', Instances: [{ InstanceId: 'i-1', EbsOptimized: false, State: { Name: 'running', Code: 16 } }] }],
    };
    expect(formatText(doc)).toBe('RESERVATIONS\t1\tr-1\nINSTANCES\tFalse\ti-1\nSTATE\t16\trunning\n');
    expect(formatText(['a', 'b'])).toBe('a\tb\n');
    expect(formatText('x')).toBe('x\n');
  });

  it('json: 4-space indent and a trailing newline', () => {
    expect(formatJson({ A: [1], B: {} })).toBe('{\n    "A": [\n        1\n    ],\n    "B": {}\n}\n');
  });

  it('yaml: empty collections inline, nested lists at the parent indent', () => {
    expect(formatYaml({ A: [], B: [{ C: 'x', D: ['y'] }], E: 'true' })).toBe("A: []\nB:\n- C: x\n  D:\n  - y\nE: 'true'\n");
  });
});

describe('aws argument parsing', () => {
  const specs = [
    { name: 'size', kind: 'integer' as const },
    { name: 'encrypted', kind: 'boolean' as const },
    { name: 'volume-ids', kind: 'list' as const },
    { name: 'availability-zone', kind: 'string' as const, required: true },
  ];

  it('--flag=value, --flag value, lists, booleans and --no-flag, globals', () => {
    const a = parseArgs(['--availability-zone=us-east-1a', '--size', '5', '--volume-ids', 'vol-1', 'vol-2', '--no-encrypted', '--output', 'text', '--region', 'us-east-1'], specs);
    expect(Object.fromEntries(a.params)).toEqual({ 'availability-zone': 'us-east-1a', size: '5', 'volume-ids': ['vol-1', 'vol-2'], encrypted: false });
    expect([a.output, a.region]).toEqual(['text', 'us-east-1']);
  });

  it.each([
    [['--availability-zone'], 'aws: error: argument --availability-zone: expected one argument'],
    [['--availability-zone', 'a', '--size', 'five'], "aws: error: argument --size: invalid int value: 'five'"],
    [['--size', '1'], 'aws: error: the following arguments are required: --availability-zone'],
    [['--availability-zone', 'a', '--nope'], 'Unknown options: --nope'],
  ])('usage error for %j', (argv, text) => {
    try {
      parseArgs(argv, specs);
      throw new Error('expected a usage error');
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      expect((e as UsageError).render().trimEnd().split('\n').pop()).toBe(text);
    }
  });

  it('shorthand filters and tag specifications, and their JSON forms', () => {
    expect(parseFilters(['Name=status,Values=available,in-use', '[{"Name":"tag:app","Values":["web"]}]'])).toEqual([
      { Name: 'status', Values: ['available', 'in-use'] },
      { Name: 'tag:app', Values: ['web'] },
    ]);
    expect(parseTagSpecifications(['ResourceType=volume,Tags=[{Key=a,Value=1},{Key=b,Value=2}]'])).toEqual([
      { ResourceType: 'volume', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] },
    ]);
  });
});
