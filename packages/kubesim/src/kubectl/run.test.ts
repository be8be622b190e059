import { describe, expect, it } from 'vitest';
import { makeHarness } from './testing/index.js';

describe('runKubectl: command dispatch and global behaviour', () => {
  const h = makeHarness();

  it('unknown command, with a suggestion when one is close', () => {
    expect(h.kubectl('gett pods')).toEqual({
      stdout: '',
      // `set` is within cobra's distance 2 of "gett" too.
      stderr: `error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tget\n\tset\nRun 'kubectl --help' for usage.\n`,
      exitCode: 1,
    });
    expect(h.kubectl('frobnicate').stderr).toBe(`error: unknown command "frobnicate" for "kubectl"\nRun 'kubectl --help' for usage.\n`);
  });

  it('-h/--help runs nothing: it points to the command\'s reference instead of emulating its help text', () => {
    const h = makeHarness();
    h.kubectl('create namespace team-a');
    expect(h.kubectl('delete namespace team-a -h')).toEqual({
      stdout: 'kubesim emulates "kubectl delete" but not its help text: https://kubernetes.io/docs/reference/kubectl/generated/kubectl_delete/\n',
      stderr: '',
      exitCode: 0,
    });
    expect(h.kubectl('rollout status --help deployment/web').stdout).toContain('kubectl_rollout_status/');
    expect(h.core.store.get('Namespace', undefined, 'team-a')?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('global flags may come before the command; a leading "kubectl" word is accepted', () => {
    expect(h.kubectl('-n kube-system get pods').stderr).toBe('No resources found in kube-system namespace.\n');
    expect(h.kubectl('kubectl --namespace=kube-public get pods').stderr).toBe('No resources found in kube-public namespace.\n');
  });

  it('namespaces are listed with STATUS', () => {
    expect(h.kubectl('get ns').stdout).toBe(
      'NAME              STATUS   AGE\ndefault           Active   0s\nkube-node-lease   Active   0s\nkube-public       Active   0s\nkube-system       Active   0s\n',
    );
  });

  it('version, config current-context, top, api-resources', () => {
    expect(h.kubectl('version').stdout).toBe('Client Version: v1.33.1\nKustomize Version: v5.6.0\nServer Version: v1.33.1-eks-7308294\n');
    expect(h.kubectl('version -o wide').stderr).toBe("error: --output must be 'yaml' or 'json'\n");
    expect(h.kubectl('version -o json').stderr).toMatch(/^error: kubesim does not model "kubectl version -o json"/);
    expect(h.kubectl('config current-context').stdout).toBe('arn:aws:eks:us-east-1:123456789012:cluster/kubesim\n');
    expect(h.kubectl('top pods')).toEqual({ stdout: '', stderr: 'error: Metrics API not available\n', exitCode: 1 });
    expect(h.kubectl('top nodes').stderr).toBe('error: Metrics API not available\n');
    const lines = h.kubectl('api-resources').stdout.split('\n');
    expect(lines[0]).toBe('NAME                     SHORTNAMES   APIVERSION             NAMESPACED   KIND');
    expect(lines).toContain('persistentvolumeclaims   pvc          v1                     true         PersistentVolumeClaim');
    expect(lines).toContain('storageclasses           sc           storage.k8s.io/v1      false        StorageClass');
    expect(h.kubectl('api-resources --api-group=apps -o name').stdout).toBe(
      'controllerrevisions.apps\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\nstatefulsets.apps\n',
    );
  });

  it('no command at all', () => {
    expect(h.kubectl('').exitCode).toBe(1);
  });
});
