/**
 * The README's usage example is examples/readme-example.ts verbatim, and it runs: the scaled
 * Deployment on a shared ReadWriteOnce claim ends with one pod explained by a Multi-Attach chain.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

describe('README example', () => {
  it('is the example file verbatim', () => {
    const code = readFileSync(join(root, 'examples/readme-example.ts'), 'utf8');
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(`\`\`\`ts\n${code}\`\`\``);
  });

  it('runs and shows the deadlock through diagnose', () => {
    const r = spawnSync(join(root, 'node_modules/.bin/tsx'), ['examples/readme-example.ts'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/randserver-\S+\s+1\/1\s+Running/);
    expect(r.stdout).toMatch(/ContainerCreating ← volume pvc-[0-9a-f-]+ \(vol-[0-9a-f]{17}\) attached to ip-10-0-\d+-\d+\.ec2\.internal \(zone us-east-1a\)/);
    expect(r.stdout).toMatch(/"i-[0-9a-f]{17}"/);
    expect(r.stdout.trim().split('\n').pop()).toMatch(/^[0-9a-f]{64}$/);
  });
});
