/**
 * The aws command line never crashes on what a user types: random `ec2` calls (each operation's
 * own parameters with good and bad values, waiters, --query, --output) come back as the CLI's
 * output or errors, never as a thrown exception or an engine error's text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCluster, quoteShellWord } from 'kubesim';
import { EC2_COMMANDS } from '../../src/aws/index.js';
import { WAITERS } from '../../src/aws/ec2-waiters.js';

const SEED = 20261129;

const JS_CRASH = /Cannot read propert|is not a function|is not iterable|of undefined|of null|Maximum call stack|\[object Object\]|Invalid (array|string) length|is not defined|Cannot convert/;

describe('aws on random command lines', () => {
  it('returns the CLI output for every line, and a failure explains itself on stderr', () => {
    const c = createCluster({ seed: 11 });
    const created = JSON.parse(c.aws('ec2 create-volume --availability-zone us-east-1a --size 5 --volume-type gp3').stdout) as { VolumeId: string };
    const instance = (JSON.parse(c.aws('ec2 describe-instances').stdout) as { Reservations: { Instances: { InstanceId: string }[] }[] }).Reservations[0].Instances[0].InstanceId;
    const values = [
      created.VolumeId, 'vol-0123456789abcdef0', 'vol-x', instance, 'i-0', 'us-east-1a', 'us-east-1z', 'eu-west-1', '5', '0', '-1', '16385', 'gp2', 'gp3', 'io2', 'st1', 'xx',
      '3000', '/dev/sdf', 'xvdf', 'Name=status,Values=available', `Name=volume-id,Values=${created.VolumeId}`, 'Name=nope,Values=x', 'Key=Name,Value=x',
      'ResourceType=volume,Tags=[{Key=a,Value=b}]', '[{"Key":"a","Value":"b"}]', '{', '', 'true', 'Volumes[0].State', 'Volumes[?State==`available`]', '[', 'length(@)',
    ];
    const param = (command: string) => {
      const params = EC2_COMMANDS[command].params;
      return fc.tuple(fc.constantFrom(...params), fc.constantFrom(...values)).map(([p, v]) => (p.kind === 'boolean' ? [`--${p.name}`] : [`--${p.name}`, v]));
    };
    const global = fc.constantFrom(['--output', 'json'], ['--output', 'text'], ['--output', 'table'], ['--output', 'yaml'], ['--output', 'nope'], ['--query', 'Volumes[0]'], ['--query', '[['], ['--region', 'eu-west-1'], ['--dry-run'], ['--nope', 'x']);
    const call = fc.oneof(
      fc.constantFrom(...Object.keys(EC2_COMMANDS)).chain((command) =>
        fc.array(fc.oneof(param(command), global), { maxLength: 5 }).map((parts) => ['ec2', command, ...parts.flat()]),
      ),
      fc.tuple(fc.constantFrom(...Object.keys(WAITERS), 'nope'), fc.array(global, { maxLength: 2 })).map(([w, g]) => ['ec2', 'wait', w, '--volume-ids', created.VolumeId, ...g.flat()]),
      fc.array(fc.constantFrom('ec2', 's3', 'help', '--version', 'describe-volumes', '--output'), { maxLength: 3 }),
    );
    console.log(`fuzz aws-robustness: SEED=${SEED}`);
    fc.assert(
      fc.property(call, (words) => {
        const line = words.map((w) => quoteShellWord(w)).join(' ');
        const r = c.aws(line);
        if (r.exitCode !== 0) expect(r.stderr.length, `aws ${line}`).toBeGreaterThan(0);
        expect(`${r.stdout}${r.stderr}`, `aws ${line}`).not.toMatch(JS_CRASH);
      }),
      { seed: Number(process.env.AWS_FUZZ_SEED ?? SEED), numRuns: Number(process.env.AWS_FUZZ_RUNS ?? 1500) },
    );
  });
});
