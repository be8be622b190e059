/**
 * kubectl's files: `-f deploy.yaml` reads the real disk (from `cwd`, default the process's working
 * directory) or the hermetic `files` a cluster was given.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHAPTER_MANIFESTS as m, createCluster } from 'kubesim';

const dir = mkdtempSync(join(tmpdir(), 'kubesim-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the workstation kubectl reads', () => {
  it('the real disk, relative paths from cwd: a file, a directory of manifests', () => {
    mkdirSync(join(dir, 'k8s'));
    writeFileSync(join(dir, 'k8s', '1-sc.yaml'), m['05-storageclass-general-purpose.yaml']);
    writeFileSync(join(dir, 'k8s', '2-pvc.yaml'), m['03-pvc-randserver-data.yaml']);
    writeFileSync(join(dir, 'k8s', 'notes.txt'), 'not a manifest');
    const c = createCluster({ cwd: dir });
    expect(c.kubectl('apply -f k8s')).toEqual({
      stdout: 'storageclass.storage.k8s.io/general-purpose created\npersistentvolumeclaim/randserver-data created\n',
      stderr: '',
      exitCode: 0,
    });
    expect(c.kubectl(`get -f ${join(dir, 'k8s', '2-pvc.yaml')} -o name`).stdout).toBe('persistentvolumeclaim/randserver-data\n');
    expect(c.kubectl('apply -f missing.yaml').stderr).toBe('error: the path "missing.yaml" does not exist\n');
  });

  it('a hermetic set of files instead of the disk', () => {
    const c = createCluster({ files: { 'manifests/pvc.yaml': m['03-pvc-randserver-data.yaml'] } });
    expect(c.kubectl('apply -f ./manifests/pvc.yaml').stdout).toBe('persistentvolumeclaim/randserver-data created\n');
    // The disk is not reached: this test file exists there but not among `files`.
    expect(c.kubectl(`apply -f ${__filename}`).stderr).toBe(`error: the path "${__filename}" does not exist\n`);
    expect(() => createCluster({ files: {}, cwd: dir })).toThrow('createCluster: cwd is for the real disk; it cannot be used with files');
  });
});
