import { describe, expect, it } from 'vitest';
import type { FuzzCase } from '../model/fuzz-case.js';
import { FuzzCommand } from './commands.js';
import { runCase } from './run-case.js';

const twoNodes: FuzzCase = {
  seed: 3,
  topology: { zones: ['us-east-1a'], nodes: [{ zone: 'us-east-1a', count: 2, instanceType: 'm5.large' }] },
  storageClasses: [],
  workloads: [{ kind: 'Deployment', name: 'web', replicas: 1, strategy: 'RollingUpdate', podManagementPolicy: 'OrderedReady', claimsPerPod: 1 }],
};

describe('fuzz commands', () => {
  it('print a symbolic form before they run and the kubectl/aws lines they ran after', () => {
    const stop = new FuzzCommand({ op: 'stop-instance', target: 1, arg: 0 });
    const scale = new FuzzCommand({ op: 'scale', target: 0, arg: 2 });
    expect(String(stop)).toBe('stop-instance node#1');
    const result = runCase(twoNodes, [stop.descriptor, scale.descriptor], { healMinutes: 1 });
    const lines = result.real.script.map((s) => s.line);
    expect(lines[2]).toMatch(/^aws ec2 stop-instances --instance-ids i-[0-9a-f]{17}$/);
    expect(lines[3]).toBe('kubectl scale deployment/web --replicas=2');
    expect(result.real.script[2].shell).toContain("jsonpath='{.spec.providerID}'");
  });

  it('a start refused by EC2 (instance still stopping) leaves the model stopped, so the next start runs again', () => {
    const cmds = [
      { op: 'stop-instance', target: 0, arg: 0 },
      { op: 'start-instance', target: 0, arg: 0 },
      { op: 'advance', target: 0, arg: 2 },
      { op: 'start-instance', target: 0, arg: 0 },
    ] as const;
    const result = runCase(twoNodes, cmds, { healMinutes: 10 });
    expect(result.real.script.slice(2, 6).map((s) => [s.line.split(' ').slice(0, 3).join(' '), s.exitCode])).toEqual([
      ['aws ec2 stop-instances', 0],
      ['aws ec2 start-instances', 254],
      ['advance 2m', 0],
      ['aws ec2 start-instances', 0],
    ]);
    expect(result.violations).toEqual([]);
  });

  it('skip commands whose precondition fails on the model (start of a running instance)', () => {
    const result = runCase(twoNodes, [{ op: 'start-instance', target: 0, arg: 0 }], { healMinutes: 1 });
    expect(result.real.script.map((s) => s.line)).toEqual(['kubectl apply -f -', 'advance 2m', 'advance 1m']);
  });

  it('a zone outage stops every running instance of the zone and the heal phase starts them again', () => {
    const result = runCase(twoNodes, [{ op: 'zone-outage', target: 0, arg: 0 }], { healMinutes: 5 });
    const lines = result.real.script.map((s) => s.line);
    expect(lines[2]).toMatch(/^aws ec2 stop-instances --instance-ids i-\S+ i-\S+$/);
    expect(lines[3]).toBe('advance 2m');
    expect(lines[4]).toMatch(/^aws ec2 start-instances --instance-ids i-\S+ i-\S+$/);
    expect(result.real.script.map((s) => s.exitCode)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(result.violations).toEqual([]);
  });
});
