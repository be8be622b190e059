import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster.js';
import { EDIT_HEADER, MAX_EDIT_ROUNDS } from './edit.js';

function cluster() {
  const c = createCluster({ seed: 4, files: {} });
  c.kubectl('create deployment web --image=nginx --replicas=1');
  c.kubectl('set env deploy/web A=1');
  return c;
}

const spec = (c: ReturnType<typeof cluster>) =>
  (c.get('Deployment', 'web')?.spec as { replicas: number; template: { spec: { containers: { image: string; env?: unknown }[] } } } | undefined) ?? undefined;

describe('kubectl edit (editoptions.go)', () => {
  it('hands the editor the object as YAML under the edit header in /tmp/kubectl-edit-N.yaml, then patches what changed', () => {
    const c = cluster();
    const calls: { text: string; file: string }[] = [];
    const r = c.kubectl('edit deploy web', {
      editor: (text, file) => {
        calls.push({ text, file });
        return text.replace('replicas: 1\n', 'replicas: 2\n').replace('        image: nginx\n', '        image: nginx:1.28\n');
      },
    });
    expect(r).toEqual({ stdout: 'deployment.apps/web edited\n', stderr: '', exitCode: 0 });
    expect(calls).toHaveLength(1);
    expect(calls[0].file).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    expect(calls[0].text.startsWith(`${EDIT_HEADER}apiVersion: apps/v1\nkind: Deployment\nmetadata:\n`)).toBe(true);
    expect(calls[0].text).toContain('\nstatus:\n');
    // A two-way strategic merge patch: the container keeps the env `set env` gave it.
    expect(spec(c)?.replicas).toBe(2);
    expect(spec(c)?.template.spec.containers[0]).toMatchObject({ image: 'nginx:1.28', env: [{ name: 'A', value: '1' }] });
    expect(c.files.readFile(calls[0].file)).toContain('image: nginx:1.28');
  });

  it('no change, or only comments left: cancelled, nothing written', () => {
    const c = cluster();
    const rv = c.get('Deployment', 'web')?.metadata.resourceVersion;
    expect(c.kubectl('edit deploy web', { editor: (t) => `${t}\n# a note\n` })).toEqual({ stdout: '', stderr: 'Edit cancelled, no changes made.\n', exitCode: 0 });
    expect(c.kubectl('edit deploy web', { editor: (t) => t.split('\n').filter((l) => l.startsWith('#')).join('\n') })).toEqual({
      stdout: '',
      stderr: 'Edit cancelled, saved file was empty.\n',
      exitCode: 0,
    });
    expect(c.get('Deployment', 'web')?.metadata.resourceVersion).toBe(rv);
  });

  it('an invalid object reopens the file with the causes in the header; saving the same again cancels and keeps a copy', () => {
    const c = cluster();
    const texts: string[] = [];
    const r = c.kubectl('edit deploy web', {
      editor: (t) => {
        texts.push(t);
        return t.replace('spec:\n  progressDeadlineSeconds: 600\n  replicas: 1\n', 'spec:\n  progressDeadlineSeconds: 600\n  replicas: -1\n');
      },
    });
    expect(texts).toHaveLength(2);
    expect(texts[1].startsWith(`${EDIT_HEADER}# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\napiVersion: apps/v1\n`)).toBe(true);
    const file = /"(\/tmp\/kubectl-edit-\d+\.yaml)"/.exec(r.stderr)?.[1] ?? '';
    expect(r).toEqual({
      stdout: '',
      stderr: `error: deployments.apps "web" is invalid\nA copy of your changes has been stored to "${file}"\nerror: Edit cancelled, no valid changes were saved.\n`,
      exitCode: 1,
    });
    expect(c.files.readFile(file)).toContain('  replicas: -1\n');
    expect(spec(c)?.replicas).toBe(1);
  });

  it('a syntax error reopens the file with the parser error; a fix then saves', () => {
    const c = cluster();
    const texts: string[] = [];
    const r = c.kubectl('edit deploy web', {
      editor: (t) => {
        texts.push(t);
        return texts.length === 1 ? t.replace('  replicas: 1\n', '  replicas: [\n') : t.replace('  replicas: [\n', '  replicas: 3\n');
      },
    });
    expect(texts[1]).toContain('\n# The edited file had a syntax error: error parsing edited-file: error converting YAML to JSON: yaml: line ');
    expect(r).toEqual({ stdout: 'deployment.apps/web edited\n', stderr: '', exitCode: 0 });
    expect(spec(c)?.replicas).toBe(3);
  });

  it('several objects are one List; unchanged ones are skipped; -o json has no header; --output-patch prints the patch', () => {
    const c = cluster();
    c.kubectl('create configmap cfg --from-literal=k=v');
    const r = c.kubectl('edit deploy/web cm/cfg', { editor: (t) => t.replace('    k: v\n', '    k: w\n') });
    expect(r).toEqual({ stdout: 'deployment.apps/web skipped\nconfigmap/cfg edited\n', stderr: '', exitCode: 0 });
    expect((c.get('ConfigMap', 'cfg') as unknown as { data: unknown }).data).toEqual({ k: 'w' });
    const j = c.kubectl('edit cm cfg -o json --output-patch', {
      editor: (t, file) => {
        expect(file).toMatch(/\.json$/);
        expect(t.startsWith('{\n    "apiVersion": "v1",\n')).toBe(true);
        return t.replace('"k": "w"', '"k": "x"');
      },
    });
    expect(j).toEqual({ stdout: 'Patch: {"data":{"k":"x"}}\nconfigmap/cfg edited\n', stderr: '', exitCode: 0 });
  });

  it('refuses a change of name, and an editor that never settles is stopped', () => {
    const c = cluster();
    const renamed = c.kubectl('edit deploy web', { editor: (t) => t.replace('  name: web\n', '  name: other\n') });
    expect(renamed.stderr).toMatch(/^A copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: At least one of apiVersion, kind and name was changed\n$/);
    let n = 0;
    const restless = c.kubectl('edit deploy web', { editor: (t) => t.replace(/replicas: 1\n/, `replicas: -${++n}\n`).replace(/replicas: -\d+\n/, `replicas: -${++n}\n`) });
    expect(restless.exitCode).toBe(1);
    expect(restless.stderr.endsWith('error: Edit cancelled, no valid changes were saved.\n')).toBe(true);
    expect(n).toBeLessThanOrEqual(2 * MAX_EDIT_ROUNDS);
    expect(spec(c)?.replicas).toBe(1);
  });

  it('without an editor, or with nothing to edit, says so', () => {
    const c = cluster();
    expect(c.kubectl('edit deploy web').stderr).toBe('error: kubesim has no terminal to run an editor in: pass { editor: (text, file) => savedText } to cluster.kubectl\n');
    expect(c.kubectl('edit pvc', { editor: (t) => t }).stderr).toBe('error: edit cancelled, no objects found\n');
    expect(c.kubectl('edit deploy nope', { editor: (t) => t }).stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(c.kubectl('edit deploy web -o wide', { editor: (t) => t }).stderr).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: json,yaml\n',
    );
  });
});
