import { beforeEach, describe, expect, it } from 'vitest';
import { type KubectlHarness, makeHarness } from '../testing/index.js';

let h: KubectlHarness;

beforeEach(() => {
  h = makeHarness({});
});

/** The stored object as `kubectl get -o json` prints it, parsed, to edit and send back. */
function getJson(ref: string): Record<string, Record<string, unknown>> {
  return JSON.parse(h.kubectl(`get ${ref} -o json`).stdout);
}

const rv = (kind: string, name: string) => h.core.store.get(kind, 'default', name)?.metadata.resourceVersion;

describe('kubectl replace', () => {
  it('PUTs the whole object: the change is stored and printed as replaced', () => {
    h.kubectl('create deployment web --image=nginx');
    const d = getJson('deploy web');
    (d.spec as { replicas: number }).replicas = 3;
    expect(h.kubectl('replace -f -', JSON.stringify(d))).toEqual({ stdout: 'deployment.apps/web replaced\n', stderr: '', exitCode: 0 });
    expect(h.core.store.get('Deployment', 'default', 'web')?.spec).toMatchObject({ replicas: 3 });
  });

  it('a stale resourceVersion is a Conflict and a missing object NotFound, both with the source; nothing changes', () => {
    h.kubectl('create deployment web --image=nginx');
    const d = getJson('deploy web');
    h.kubectl('scale deployment/web --replicas=2');
    const before = rv('Deployment', 'web');
    expect(h.kubectl('replace -f -', JSON.stringify(d))).toEqual({
      stdout: '',
      stderr:
        'Error from server (Conflict): error when replacing "STDIN": Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again\n',
      exitCode: 1,
    });
    delete d.metadata.resourceVersion;
    d.metadata.name = 'nope';
    expect(h.kubectl('replace -f -', JSON.stringify(d)).stderr).toBe('Error from server (NotFound): error when replacing "STDIN": deployments.apps "nope" not found\n');
    expect(rv('Deployment', 'web')).toBe(before);
    expect(h.core.store.get('Deployment', 'default', 'nope')).toBeUndefined();
  });

  it('client and server dry runs print and store nothing', () => {
    h.kubectl('create deployment web --image=nginx');
    const d = getJson('deploy web');
    delete d.metadata.resourceVersion;
    (d.spec as { replicas: number }).replicas = 5;
    const before = rv('Deployment', 'web');
    expect(h.kubectl('replace -f - --dry-run=client', JSON.stringify(d)).stdout).toBe('deployment.apps/web replaced (dry run)\n');
    expect(h.kubectl('replace -f - --dry-run=server -o name', JSON.stringify(d)).stdout).toBe('deployment.apps/web\n');
    expect(rv('Deployment', 'web')).toBe(before);
    expect(h.core.store.get('Deployment', 'default', 'web')?.spec).toMatchObject({ replicas: 1 });
  });

  it('--force deletes, waits until the object is gone, then creates it again', () => {
    h.kubectl('run p --image=nginx');
    const p = getJson('pod p');
    const oldUid = p.metadata.uid;
    delete p.metadata.resourceVersion;
    delete p.metadata.uid;
    expect(h.kubectl('replace --force -f -', JSON.stringify(p))).toEqual({ stdout: 'pod "p" deleted\npod/p replaced\n', stderr: '', exitCode: 0 });
    expect(h.core.store.get('Pod', 'default', 'p')?.metadata.uid).not.toBe(oldUid);
  });

  it('--force gives up after --timeout of virtual time when the object stays (a finalizer holds it)', () => {
    h.kubectl('run p --image=nginx');
    h.kubectl(`patch pod p --type=merge -p '{"metadata":{"finalizers":["example.com/hold"]}}'`);
    const p = getJson('pod p');
    delete p.metadata.resourceVersion;
    const t0 = h.core.clock.now();
    expect(h.kubectl('replace --force --timeout=10s -f -', JSON.stringify(p))).toEqual({
      stdout: 'pod "p" deleted\n',
      stderr: 'error: timed out waiting for the condition\n',
      exitCode: 1,
    });
    expect(h.core.clock.now() - t0).toBe(10_000);
    expect(h.core.store.get('Pod', 'default', 'p')?.metadata.deletionTimestamp).toBeDefined();
  });

  it.each([
    ['replace', 'error: must specify one of -f and -k'],
    ['replace -f - --grace-period=0', 'error: --grace-period must have --force specified'],
    ['replace -f - --timeout=10s', 'error: --timeout must have --force specified'],
    ['replace -f - --dry-run=maybe', 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".'],
  ])('%s → %s', (line, stderr) => {
    h.kubectl('create deployment web --image=nginx');
    const before = rv('Deployment', 'web');
    expect(h.kubectl(line, JSON.stringify(getJson('deploy web')))).toEqual({ stdout: '', stderr: `${stderr}\n`, exitCode: 1 });
    expect(rv('Deployment', 'web')).toBe(before);
  });
});
