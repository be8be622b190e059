import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster.js';

describe('kubectl api-versions and auth can-i', () => {
  it('api-versions lists the served group/versions, sorted, the add-on\'s too', () => {
    expect(createCluster({ seed: 1 }).kubectl('api-versions').stdout).toBe('apps/v1\nbatch/v1\npolicy/v1\nscheduling.k8s.io/v1\nstorage.k8s.io/v1\nv1\n');
    expect(createCluster({ seed: 1, addons: ['snapshot-controller'] }).kubectl('api-versions').stdout).toContain('snapshot.storage.k8s.io/v1\nstorage.k8s.io/v1\n');
  });

  it('auth can-i: the admin identity may do anything; unknown verbs and types warn; -q only sets the exit code', () => {
    const c = createCluster({ seed: 1 });
    expect(c.kubectl('auth can-i create pods')).toEqual({ stdout: 'yes\n', stderr: '', exitCode: 0 });
    expect(c.kubectl('auth can-i delete pvc/data -q')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(c.kubectl('auth can-i frob pods').stderr).toBe("Warning: verb 'frob' is not a known verb\n");
    expect(c.kubectl('auth can-i get foos')).toEqual({ stdout: 'yes\n', stderr: "Warning: the server doesn't have a resource type 'foos'\n", exitCode: 0 });
    expect(c.kubectl('auth can-i get')).toEqual({ stdout: '', stderr: 'error: you must specify two arguments: verb resource or verb nonResourceURL\n', exitCode: 1 });
  });
});
