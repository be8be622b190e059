import { beforeEach, describe, expect, it } from 'vitest';
import { CHAPTER_NODE, chapterStatefulSet, type KubectlHarness, makeDeployment, makeHarness, makeReplicaSetFor, PodBuilder } from '../testing/index.js';
import { IMMEDIATE_DELETION_WARNING } from './delete.js';

let h: KubectlHarness;

beforeEach(() => {
  h = makeHarness();
  chapterStatefulSet(h);
});

describe('kubectl delete', () => {
  it('by name: `pod "x" deleted`, group-qualified kinds for apps', () => {
    expect(h.kubectl('delete pod randserver-1')).toEqual({ stdout: 'pod "randserver-1" deleted\n', stderr: '', exitCode: 0 });
    expect(h.core.store.get('Pod', 'default', 'randserver-1')).toBeUndefined();
    expect(h.kubectl('delete statefulset randserver').stdout).toBe('statefulset.apps "randserver" deleted\n');
  });

  it('-l deletes every match in key order (the chapter cleanup of claims)', () => {
    expect(h.kubectl('delete pvc -l app=randserver').stdout).toBe(
      'persistentvolumeclaim "data-randserver-0" deleted\npersistentvolumeclaim "data-randserver-1" deleted\npersistentvolumeclaim "data-randserver-2" deleted\n',
    );
  });

  it('--wait runs virtual time until a finalizer is released', () => {
    h.put({ ...new PodBuilder('slow').running(CHAPTER_NODE, '10.0.1.99').obj(), metadata: { name: 'slow', namespace: 'default', finalizers: ['example.com/hold'] } });
    h.core.loop.schedule(7000, 'release', () => {
      h.core.api.updateWith('Pod', 'default', 'slow', (d) => {
        d.metadata.finalizers = [];
      });
    });
    const before = h.core.clock.now();
    expect(h.kubectl('delete pod slow').stdout).toBe('pod "slow" deleted\n');
    expect(h.core.clock.now() - before).toBe(7000);
    expect(h.core.store.get('Pod', 'default', 'slow')).toBeUndefined();
  });

  it('--wait=false returns at once; --timeout bounds the wait with kubectl text', () => {
    h.put({ ...new PodBuilder('stuck').obj(), metadata: { name: 'stuck', namespace: 'default', finalizers: ['example.com/hold'] } });
    const before = h.core.clock.now();
    expect(h.kubectl('delete pod stuck --wait=false').exitCode).toBe(0);
    expect(h.core.clock.now()).toBe(before);
    h.put({ ...new PodBuilder('stuck2').obj(), metadata: { name: 'stuck2', namespace: 'default', finalizers: ['example.com/hold'] } });
    const r = h.kubectl('delete pod stuck2 --timeout=5s');
    expect(r.stderr).toBe('error: timed out waiting for the condition on pods/stuck2\n');
    expect(r.exitCode).toBe(1);
  });

  it('--grace-period=0 --force prints the warning and "force deleted"', () => {
    expect(h.kubectl('delete pod randserver-0 --grace-period=0 --force')).toEqual({
      stdout: 'pod "randserver-0" force deleted\n',
      stderr: `${IMMEDIATE_DELETION_WARNING}\n`,
      exitCode: 0,
    });
    expect(IMMEDIATE_DELETION_WARNING).toBe(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
    );
  });

  it('--cascade=orphan keeps the ReplicaSet; background lets the GC remove it', () => {
    const d = h.put(makeDeployment('web', 1));
    h.put(makeReplicaSetFor(d, 'abc'));
    expect(h.kubectl('delete deployment web --cascade=orphan').stdout).toBe('deployment.apps "web" deleted\n');
    h.core.loop.advance('5s');
    expect(h.core.store.get('ReplicaSet', 'default', 'web-abc')).toBeDefined();
    const d2 = h.put(makeDeployment('api', 1));
    h.put(makeReplicaSetFor(d2, 'def'));
    h.kubectl('delete deploy api');
    h.core.loop.advance('5s');
    expect(h.core.store.get('ReplicaSet', 'default', 'api-def')).toBeUndefined();
    expect(h.kubectl('delete deploy x --cascade=maybe').stderr).toBe('error: invalid cascade value (maybe). Must be "background", "foreground", or "orphan".\n');
  });

  it('errors: NotFound, no name, no arguments, no matches', () => {
    expect(h.kubectl('delete pod nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
    expect(h.kubectl('delete pod nope --ignore-not-found').exitCode).toBe(0);
    expect(h.kubectl('delete pods').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect(h.kubectl('delete').stderr.startsWith('error: You must provide one or more resources by argument or filename.\n')).toBe(true);
    expect(h.kubectl('delete pods -l app=nothing')).toEqual({ stdout: 'No resources found\n', stderr: '', exitCode: 0 });
  });

  it('delete -f removes what the manifest names', () => {
    const r = h.kubectl('delete -f -', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: randserver\n');
    expect(r.stdout).toBe('service "randserver" deleted\n');
  });

  describe('--dry-run', () => {
    const rv = (name: string) => h.core.store.get('Pod', 'default', name)?.metadata.resourceVersion;

    it('client: prints `(dry run)` for every target, named ones unchecked, deletes nothing, does not wait', () => {
      const before = rv('randserver-1');
      expect(before).toBeDefined();
      expect(h.kubectl('delete pod randserver-1 --dry-run=client')).toEqual({ stdout: 'pod "randserver-1" deleted (dry run)\n', stderr: '', exitCode: 0 });
      expect(rv('randserver-1')).toBe(before);
      expect(h.kubectl('delete statefulset randserver --dry-run=client').stdout).toBe('statefulset.apps "randserver" deleted (dry run)\n');
      expect(h.core.store.get('StatefulSet', 'default', 'randserver')).toBeDefined();
      // kubectl's builder does not fetch named objects (RequireObject(false)): no NotFound client-side.
      expect(h.kubectl('delete pod nope --dry-run=client')).toEqual({ stdout: 'pod "nope" deleted (dry run)\n', stderr: '', exitCode: 0 });
      expect(h.kubectl('delete pod randserver-0 --grace-period=0 --force --dry-run=client')).toEqual({
        stdout: 'pod "randserver-0" force deleted (dry run)\n',
        stderr: `${IMMEDIATE_DELETION_WARNING}\n`,
        exitCode: 0,
      });
      expect(h.kubectl('delete pod randserver-0 -o name --dry-run=client').stdout).toBe('pod/randserver-0\n');
      expect(h.core.store.get('Pod', 'default', 'randserver-0')).toBeDefined();
    });

    it('server: sends the DELETE with dryRun (`(server dry run)`, NotFound still reported), keeps the objects, does not wait', () => {
      h.put({ ...new PodBuilder('slow').running(CHAPTER_NODE, '10.0.1.99').obj(), metadata: { name: 'slow', namespace: 'default', finalizers: ['example.com/hold'] } });
      const before = rv('slow');
      const now = h.core.clock.now();
      expect(h.kubectl('delete pod slow --dry-run=server')).toEqual({ stdout: 'pod "slow" deleted (server dry run)\n', stderr: '', exitCode: 0 });
      expect(h.core.clock.now()).toBe(now);
      expect(rv('slow')).toBe(before);
      expect(h.core.store.get('Pod', 'default', 'slow')?.metadata.deletionTimestamp).toBeUndefined();
      expect(h.kubectl('delete pvc -l app=randserver --dry-run=server').stdout).toBe(
        'persistentvolumeclaim "data-randserver-0" deleted (server dry run)\npersistentvolumeclaim "data-randserver-1" deleted (server dry run)\npersistentvolumeclaim "data-randserver-2" deleted (server dry run)\n',
      );
      expect(h.core.store.get('PersistentVolumeClaim', 'default', 'data-randserver-0')).toBeDefined();
      expect(h.kubectl('delete pod nope --dry-run=server')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
    });

    it('a bad value is refused before anything is deleted', () => {
      const before = rv('randserver-1');
      expect(h.kubectl('delete pod randserver-1 --dry-run=maybe')).toEqual({
        stdout: '',
        stderr: 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n',
        exitCode: 1,
      });
      expect(rv('randserver-1')).toBe(before);
    });
  });
});
