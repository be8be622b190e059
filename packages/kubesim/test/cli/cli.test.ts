/**
 * The `kubesim` command in a child process: `run` with the committed deadlock scenario (passes),
 * a scenario with a failing expectation (exit 1 and a clear message), and `shell` through a pipe.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../../src/demo/walkthrough.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const cli = join(root, 'packages/kubesim/src/cli.ts');
const tsx = join(root, 'node_modules/.bin/tsx');
const kubesim = (args: string[], input?: string) => spawnSync(tsx, [cli, ...args], { cwd: root, input, encoding: 'utf8', timeout: 60_000 });

describe('kubesim CLI', () => {
  it('run: the deadlock scenario passes and reports progress', () => {
    const r = kubesim(['run', 'examples/scenarios/deadlock.yaml']);
    expect(r.stderr).toContain('[8/8] kubectl get pods');
    expect(r.stdout).toBe('scenario deployment-rwo-claim-deadlock: 8 steps passed\n');
    expect(r.status).toBe(0);
  });

  it('run: a failed expectation exits 1 and says which step and why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubesim-cli-'));
    const file = join(dir, 'fail.yaml');
    writeFileSync(file, 'cluster: { seed: 3 }\nsteps:\n  - run: kubectl get nodes\n    expect: { stdoutContains: NotReady }\n');
    const r = kubesim(['run', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('FAILED step 1 (kubectl get nodes): expected stdout to contain "NotReady"');
    expect(r.stderr).toContain(`replay: kubesim run ${file}`);
  });

  it('shell: works through a pipe, with heredoc input and advance', () => {
    const script = [
      'kubectl get nodes --no-headers',
      'kubectl apply -f -',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '  - name: web',
      '    image: nginx',
      'EOF',
      'advance 30s',
      'kubectl get pod web',
      'now',
      'kubectl bogus',
      'exit',
    ].join('\n');
    const r = kubesim(['shell', '--seed', '5'], `${script}\n`);
    expect(r.stdout).toContain('kubesim shell — seed 5, nodes: 3.');
    expect(r.stdout.match(/ip-10-0-\d+-\d+\.ec2\.internal\s+Ready/g)).toHaveLength(3);
    expect(r.stdout).toContain('pod/web created');
    expect(r.stdout).toMatch(/^web\s+1\/1\s+Running\s+0\s+30s$/m);
    expect(r.stdout).toContain('30000ms (2026-01-01T00:00:30Z)');
    expect(r.stdout).toContain('error: unknown command "bogus" for "kubectl"');
    expect(r.status).toBe(1);
  });

  it('demo: the walkthrough in another process has the same fingerprint as in this one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubesim-demo-'));
    const r = kubesim(['demo', '--quiet', '--report', join(dir, 'r.html')]);
    expect(r.status).toBe(0);
    const here = runDemo().report.fingerprint.slice(0, 16);
    expect(r.stderr).toContain(`fingerprint ${here}`);
    // A child process plus a walkthrough here: give it the child's own time limit, not vitest's 5 s.
  }, 60_000);

  it('prints usage for an unknown command', () => {
    const r = kubesim(['nope']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error: unknown command "nope"');
    expect(r.stderr).toContain('kubesim run SCENARIO.yaml');
  });
});
