import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster.js';
import { type KubectlHarness, makeHarness, makeNode, PodBuilder } from '../testing/index.js';
import { WATCH_NEEDS_TIMEOUT } from './get-watch.js';

const NODE = 'ip-10-0-1-23.ec2.internal';

/** A harness whose pod `web-0` is created at 5 s, bound at 6 s, running at 9 s and deleted at 20 s. */
function lifecycle(): KubectlHarness {
  const h = makeHarness();
  h.put(makeNode(NODE));
  h.put(new PodBuilder('db-0').labels({ app: 'db' }).running(NODE, '10.0.1.7').obj());
  const loop = h.core.loop;
  loop.schedule(5000, 'test', () => h.put(new PodBuilder('web-0').labels({ app: 'web' }).obj()));
  loop.schedule(6000, 'test', () => h.core.store.replace('Pod', 'default', 'web-0', containerCreating()));
  loop.schedule(9000, 'test', () => h.core.store.replace('Pod', 'default', 'web-0', running()));
  loop.schedule(20_000, 'test', () => h.core.store.remove('Pod', 'default', 'web-0'));
  return h;

  function containerCreating() {
    const o = new PodBuilder('web-0').labels({ app: 'web' }).containerCreating(NODE, '10.0.1.10', '2026-01-01T00:00:06Z').obj();
    return { ...o, metadata: { ...h.core.store.get('Pod', 'default', 'web-0')?.metadata, labels: { app: 'web' } } };
  }
  function running() {
    const o = new PodBuilder('web-0').labels({ app: 'web' }).running(NODE, '10.0.1.8', '10.0.1.10', '2026-01-01T00:00:09Z').obj();
    return { ...o, metadata: { ...h.core.store.get('Pod', 'default', 'web-0')?.metadata, labels: { app: 'web', tier: 'front' } } };
  }
}

describe('kubectl get --watch', () => {
  it('prints the list, then one row per event, widening a column only from the row that needs it', () => {
    const h = lifecycle();
    const r = h.kubectl('get pods -w --request-timeout=30s');
    expect(r).toEqual({
      stdout: [
        'NAME   READY   STATUS    RESTARTS   AGE',
        'db-0   1/1     Running   0          0s',
        'web-0   0/1     Pending   0          0s',
        'web-0   0/1     ContainerCreating   0          1s',
        'web-0   1/1     Running             0          4s',
        'web-0   1/1     Running             0          15s',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    });
    // The watch ran 30 s of virtual time and left the cluster where it ended.
    expect(h.core.clock.now()).toBe(30_000);
    expect(h.core.store.get('Pod', 'default', 'web-0')).toBeUndefined();
  });

  it('--watch-only skips the list; the header comes with the first event', () => {
    const h = lifecycle();
    expect(h.kubectl('get pods --watch-only --request-timeout=7s').stdout).toBe(
      ['NAME    READY   STATUS    RESTARTS   AGE', 'web-0   0/1     Pending   0          0s', 'web-0   0/1     ContainerCreating   0          1s', ''].join('\n'),
    );
  });

  it('a label selector: an object that leaves it is printed once more (DELETED with its old content), then no more', () => {
    const h = lifecycle();
    const r = h.kubectl('get pods -l tier!=front -w --no-headers --request-timeout=30s -o name');
    expect(r.stdout).toBe(['pod/db-0', 'pod/web-0', 'pod/web-0', 'pod/web-0', ''].join('\n'));
    // By name: only that object's events.
    const h2 = lifecycle();
    expect(h2.kubectl('get pod db-0 -w --request-timeout=30s').stdout).toBe(['NAME   READY   STATUS    RESTARTS   AGE', 'db-0   1/1     Running   0          0s', ''].join('\n'));
  });

  it('--output-watch-events: an EVENT column first (padded as kubectl pads it), or {type, object} documents', () => {
    const h = lifecycle();
    expect(h.kubectl('get pods -l tier!=front -w --output-watch-events --request-timeout=30s').stdout).toBe(
      [
        'EVENT      NAME   READY   STATUS    RESTARTS   AGE',
        'ADDED      db-0   1/1     Running   0          0s',
        'ADDED      web-0   0/1     Pending   0          0s',
        'MODIFIED   web-0   0/1     ContainerCreating   0          1s',
        // The label change takes web-0 out of the selector: DELETED, with its previous content.
        'DELETED    web-0   0/1     ContainerCreating   0          4s',
        '',
      ].join('\n'),
    );
    const docs = lifecycle()
      .kubectl('get pods --watch-only --output-watch-events --request-timeout=6s -o json')
      .stdout.split(/(?<=^\})\n/m)
      .filter((d) => d.trim());
    expect(docs.map((d) => JSON.parse(d)).map((e) => [Object.keys(e), e.type, e.object.kind, e.object.metadata.name])).toEqual([
      [['type', 'object'], 'ADDED', 'Pod', 'web-0'],
      [['type', 'object'], 'MODIFIED', 'Pod', 'web-0'],
    ]);
  });

  it('-o yaml prints each object as its own document, separated by ---', () => {
    const h = lifecycle();
    const out = h.kubectl('get pods -w --request-timeout=6s -o yaml').stdout;
    const docs = out.split(/^---\n/m);
    expect(docs).toHaveLength(3);
    expect(docs.map((d) => /^ {2}name: (.*)$/m.exec(d)?.[1])).toEqual(['db-0', 'web-0', 'web-0']);
    expect(docs.every((d) => d.startsWith('apiVersion: v1\nkind: Pod\n'))).toBe(true);
  });

  it('a namespace other than the one watched is not shown; -A adds the NAMESPACE column', () => {
    const h = lifecycle();
    h.core.loop.schedule(2000, 'test', () => h.put(new PodBuilder('other', 'kube-system').obj()));
    expect(h.kubectl('get pods -w --request-timeout=3s').stdout).toBe(['NAME   READY   STATUS    RESTARTS   AGE', 'db-0   1/1     Running   0          0s', ''].join('\n'));
    const h2 = lifecycle();
    h2.core.loop.schedule(2000, 'test', () => h2.put(new PodBuilder('other', 'kube-system').obj()));
    expect(h2.kubectl('get pods -A -w --request-timeout=3s').stdout).toBe(
      ['NAMESPACE   NAME   READY   STATUS    RESTARTS   AGE', 'default     db-0   1/1     Running   0          0s', 'kube-system   other   0/1     Pending   0          0s', ''].join('\n'),
    );
  });

  it('refuses, in kubectl words, what kubectl refuses, and runs no time', () => {
    const h = lifecycle();
    const refused = (line: string) => {
      const r = h.kubectl(line);
      expect(h.core.clock.now()).toBe(0);
      return [r.stdout, r.stderr, r.exitCode];
    };
    expect(refused('get pods,nodes -w --request-timeout=5s')).toEqual(['', 'error: you may only specify a single resource type\n', 1]);
    expect(refused('get all -w --request-timeout=5s')).toEqual(['', 'error: you may only specify a single resource type\n', 1]);
    expect(refused('get pods -w')).toEqual(['', `error: ${WATCH_NEEDS_TIMEOUT}\n`, 1]);
    expect(refused('get pods -w --request-timeout=0')).toEqual(['', `error: ${WATCH_NEEDS_TIMEOUT}\n`, 1]);
    expect(refused('get pods -w --request-timeout=soon')).toEqual([
      '',
      'error: invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)\n',
      1,
    ]);
    expect(refused('get pod db-0 nope -w --request-timeout=5s')).toEqual(['', 'Error from server (NotFound): pods "nope" not found\n', 1]);
    // Two names that exist: kubectl prints them, then cannot watch two objects.
    h.put(new PodBuilder('db-1').running(NODE, '10.0.1.9').obj());
    expect(refused('get pod db-0 db-1 -w --request-timeout=5s')).toEqual([
      ['NAME   READY   STATUS    RESTARTS   AGE', 'db-0   1/1     Running   0          0s', 'db-1   1/1     Running   0          0s', ''].join('\n'),
      'error: you may only watch a single resource or type of resource at a time\n',
      1,
    ]);
  });

  it('kubectl events --watch: the events there are, then each new one as it is recorded; --for narrows it', () => {
    const h = lifecycle();
    h.core.recorder.event(h.core.store.get('Pod', 'default', 'db-0') as never, 'Normal', 'Pulled', 'old news', 'kubelet');
    h.core.loop.schedule(7000, 'test', () => {
      const web = h.core.store.get('Pod', 'default', 'web-0') as never;
      h.core.recorder.event(web, 'Warning', 'BackOff', 'Back-off restarting failed container', 'kubelet');
      h.core.recorder.event(h.core.store.get('Pod', 'default', 'db-0') as never, 'Normal', 'Started', 'Started container', 'kubelet');
    });
    expect(h.kubectl('events -w --request-timeout=10s').stdout).toBe(
      [
        'LAST SEEN   TYPE     REASON   OBJECT     MESSAGE',
        '0s          Normal   Pulled   Pod/db-0   old news',
        '0s          Warning   BackOff   Pod/web-0   Back-off restarting failed container',
        '0s          Normal    Started   Pod/db-0    Started container',
        '',
      ].join('\n'),
    );
    const h2 = lifecycle();
    h2.core.loop.schedule(7000, 'test', () => {
      h2.core.recorder.event(h2.core.store.get('Pod', 'default', 'web-0') as never, 'Warning', 'BackOff', 'Back-off', 'kubelet');
      h2.core.recorder.event(h2.core.store.get('Pod', 'default', 'db-0') as never, 'Normal', 'Started', 'Started container', 'kubelet');
    });
    expect(h2.kubectl('events -w --for pod/db-0 --request-timeout=10s').stdout).toBe('LAST SEEN   TYPE     REASON    OBJECT     MESSAGE\n0s          Normal   Started   Pod/db-0   Started container\n');
    expect(h2.kubectl('events -w').stderr).toBe(`error: ${WATCH_NEEDS_TIMEOUT}\n`);
  });

  it('on a whole cluster: a deleted Deployment pod is replaced while the watch runs', () => {
    const c = createCluster({ seed: 1 });
    // `sleep` ignores SIGTERM, so the old pod is seen Terminating for its grace period.
    c.kubectl('create deployment web --image=busybox -- sleep 3600');
    c.advance('1m');
    const old = c.kubectl('get pods -o name').stdout.trim().replace('pod/', '');
    c.kubectl(`delete pod ${old} --wait=false`);
    const rows = c
      .kubectl('get pods -w --no-headers --request-timeout=2m')
      .stdout.trim()
      .split('\n')
      .map((l) => l.split(/\s+/));
    const fresh = rows.find((r) => r[0] !== old)?.[0];
    expect(fresh).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}$/);
    const statuses = (name: string) => rows.filter((r) => r[0] === name).map((r) => r[2]);
    expect(statuses(old)[0]).toBe('Terminating');
    expect(statuses(fresh as string)).toEqual(expect.arrayContaining(['ContainerCreating', 'Running']));
    expect(statuses(fresh as string).at(-1)).toBe('Running');
    expect(c.kubectl('get pods -o name').stdout).toBe(`pod/${fresh}\n`);
  });
});
