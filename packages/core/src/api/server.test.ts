import { describe, expect, it } from 'vitest';
import { CoreCluster } from '../cluster/core-cluster.js';
import { StatusError } from './errors.js';
import type { KubeObject } from './object.js';
import { LAST_APPLIED_ANNOTATION } from './server.js';

const deployment = (replicas: number, labels: Record<string, string> = { app: 'web' }) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
  },
});

describe('ApiServer apply', () => {
  it('records the configuration as kubectl does: encoding/json of the object (sorted keys, HTML escaped, newline), annotations kept empty', () => {
    const core = new CoreCluster();
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { z: 'a<b>&c', a: '1' } };
    const out = core.api.apply(cm).object;
    expect(out.metadata.annotations?.[LAST_APPLIED_ANNOTATION]).toBe(
      '{"apiVersion":"v1","data":{"a":"1","z":"a\\u003cb\\u003e\\u0026c"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"c","namespace":"default"}}\n',
    );
    expect(core.api.apply(cm).action).toBe('unchanged');
  });

  it('a server dry run answers with the registry\'s stamps: generation 1 on create, bumped by a spec change, nothing stored', () => {
    const core = new CoreCluster();
    expect(core.api.apply(deployment(1), { dryRun: true }).object.metadata).toMatchObject({ generation: 1, creationTimestamp: '2026-01-01T00:00:00Z' });
    core.api.apply(deployment(1));
    const dry = core.api.apply(deployment(2), { dryRun: true }).object;
    expect(dry.metadata.generation).toBe(2);
    expect(core.api.get('Deployment', 'default', 'web')?.metadata.generation).toBe(1);
  });

  it('creates, then reports unchanged, then configured', () => {
    const core = new CoreCluster();
    const first = core.api.apply(deployment(1));
    expect(first.action).toBe('created');
    expect(first.object.metadata.namespace).toBe('default');
    expect(first.object.metadata.annotations?.[LAST_APPLIED_ANNOTATION]).toContain('"replicas":1');
    expect(core.api.apply(deployment(1)).action).toBe('unchanged');
    const third = core.api.apply(deployment(3));
    expect(third.action).toBe('configured');
    expect((third.object.spec as { replicas: number }).replicas).toBe(3);
  });

  it('three-way merge keeps fields other writers set and drops fields removed from the manifest', () => {
    const core = new CoreCluster();
    core.api.apply(deployment(1, { app: 'web', tier: 'front' }));
    core.api.patch('Deployment', 'default', 'web', { metadata: { annotations: { 'example.com/owner': 'ops' } } }, 'merge');
    const out = core.api.apply(deployment(1, { app: 'web' })).object;
    expect(out.metadata.labels).toEqual({ app: 'web' });
    expect(out.metadata.annotations?.['example.com/owner']).toBe('ops');
  });

  it('keeps the stored status when the main resource is written', () => {
    const core = new CoreCluster();
    core.api.apply(deployment(1));
    core.api.updateWith<KubeObject & { status?: { replicas: number } }>('Deployment', 'default', 'web', (d) => {
      d.status = { replicas: 1 };
    });
    const out = core.api.apply(deployment(2)).object as KubeObject & { status: { replicas: number } };
    expect(out.status.replicas).toBe(1);
  });

  it('rejects kinds that are not served and namespaces that do not exist, writing nothing', () => {
    const core = new CoreCluster();
    expect(() => core.api.apply({ apiVersion: 'v1', kind: 'Foo', metadata: { name: 'x' } })).toThrow('no matches for kind "Foo" in version "v1"');
    expect(() => core.api.apply({ ...deployment(1), metadata: { name: 'web', namespace: 'nope' } })).toThrow('namespaces "nope" not found');
    expect(core.store.count('Deployment')).toBe(0);
  });
});

describe('ApiServer update, patch and delete', () => {
  it('update with a stale resourceVersion is a Conflict', () => {
    const core = new CoreCluster();
    const obj = core.api.create(deployment(1));
    core.api.patch('Deployment', 'default', 'web', { spec: { replicas: 2 } }, 'merge');
    try {
      core.api.update(obj);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StatusError);
      expect((e as StatusError).reason).toBe('Conflict');
      expect((e as StatusError).message).toBe(
        'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
      );
    }
  });

  it('JSON patch replaces a path; a missing path is an error that changes nothing', () => {
    const core = new CoreCluster();
    core.api.create(deployment(1));
    const out = core.api.patch('Deployment', 'default', 'web', [{ op: 'replace', path: '/spec/replicas', value: 4 }], 'json');
    expect((out.spec as { replicas: number }).replicas).toBe(4);
    const rv = out.metadata.resourceVersion;
    expect(() => core.api.patch('Deployment', 'default', 'web', [{ op: 'replace', path: '/spec/nope/x', value: 1 }], 'json')).toThrow(StatusError);
    expect(core.store.get('Deployment', 'default', 'web')?.metadata.resourceVersion).toBe(rv);
  });

  it('graceful delete sets deletionTimestamp; a second delete may only shorten it', () => {
    const core = new CoreCluster();
    core.api.registerGracefulDelete('ConfigMap', (_o, requested) => requested ?? 30);
    core.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'p' }, data: {} });
    const first = core.api.delete('ConfigMap', 'default', 'p');
    expect(first.metadata.deletionTimestamp).toBe('2026-01-01T00:00:30Z');
    expect(first.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(core.api.delete('ConfigMap', 'default', 'p', { gracePeriodSeconds: 60 }).metadata.deletionTimestamp).toBe('2026-01-01T00:00:30Z');
    expect(core.api.delete('ConfigMap', 'default', 'p', { gracePeriodSeconds: 5 }).metadata.deletionTimestamp).toBe('2026-01-01T00:00:05Z');
    core.api.delete('ConfigMap', 'default', 'p', { gracePeriodSeconds: 0 });
    expect(core.store.get('ConfigMap', 'default', 'p')).toBeUndefined();
  });

  it('the first deletion bumps a set generation (graceful or held by a finalizer); shortening the grace does not', () => {
    const core = new CoreCluster();
    core.api.registerGracefulDelete('Pod', (_o, requested) => requested ?? 30);
    const pod = { apiVersion: 'v1', kind: 'Pod', spec: { containers: [{ name: 'app', image: 'nginx' }] } };
    core.api.create({ ...pod, metadata: { name: 'p' } });
    expect(core.api.delete('Pod', 'default', 'p').metadata.generation).toBe(2);
    expect(core.api.delete('Pod', 'default', 'p', { gracePeriodSeconds: 5 }).metadata.generation).toBe(2);
    core.api.create({ ...pod, metadata: { name: 'held', finalizers: ['example.com/hold'] } });
    expect(core.api.delete('Pod', 'default', 'held', { gracePeriodSeconds: 0 }).metadata.generation).toBe(2);
    expect(core.api.delete('Pod', 'default', 'held', { gracePeriodSeconds: 0 }).metadata.generation).toBe(2);
    // A kind without generation gets none.
    core.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', finalizers: ['example.com/hold'] } });
    expect(core.api.delete('ConfigMap', 'default', 'c').metadata.generation).toBeUndefined();
  });

  it('delete of a missing object is NotFound in the API server words', () => {
    const core = new CoreCluster();
    expect(() => core.api.delete('PersistentVolumeClaim', 'default', 'x')).toThrow('persistentvolumeclaims "x" not found');
  });
});

describe('ApiServer bind (pods/binding)', () => {
  it('sets nodeName and PodScheduled=True, keeping everything else shared; a second bind is a Conflict', () => {
    const core = new CoreCluster();
    const pod = core.api.create<KubeObject>({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-0' },
      spec: { containers: [{ name: 'app', image: 'nginx' }] },
    });
    const bound = core.api.bind<KubeObject>('default', 'web-0', 'n1');
    expect((bound.spec as { nodeName?: string }).nodeName).toBe('n1');
    expect((bound.status as { conditions: unknown[] }).conditions).toEqual([
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: core.clock.rfc3339() },
    ]);
    expect((bound.spec as { containers: unknown }).containers).toBe((pod.spec as { containers: unknown }).containers);
    expect(Number(bound.metadata.resourceVersion)).toBeGreaterThan(Number(pod.metadata.resourceVersion));
    // The binding writes storage directly (GuaranteedUpdate), not through the pod strategy: the
    // spec change does not bump generation, as an update of the spec does.
    expect([pod.metadata.generation, bound.metadata.generation]).toEqual([1, 1]);
    expect(core.api.patch<KubeObject>('Pod', 'default', 'web-0', { spec: { activeDeadlineSeconds: 60 } }).metadata.generation).toBe(2);
    expect(Object.isFrozen((bound.status as { conditions: object[] }).conditions[0])).toBe(true);
    expect(() => core.api.bind('default', 'web-0', 'n2')).toThrow('Operation cannot be fulfilled on pods/binding "web-0": pod web-0 is already assigned to node "n1"');
    expect(() => core.api.bind('default', 'nope', 'n2')).toThrow('pods "nope" not found');
  });

  it('pods bound at one instant share one frozen PodScheduled condition; a later bind has its own time', () => {
    const core = new CoreCluster();
    const pod = (name: string) => core.api.create<KubeObject>({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'app', image: 'nginx' }] } });
    const conditions = (o: KubeObject) => (o.status as { conditions: readonly { lastTransitionTime: string }[] }).conditions;
    pod('a');
    pod('b');
    pod('c');
    const a = core.api.bind<KubeObject>('default', 'a', 'n1');
    const b = core.api.bind<KubeObject>('default', 'b', 'n2');
    expect(conditions(b)).toBe(conditions(a));
    expect(Object.isFrozen(conditions(a))).toBe(true);
    const t0 = core.clock.rfc3339();
    core.loop.advance('2s');
    const c = core.api.bind<KubeObject>('default', 'c', 'n1');
    expect(conditions(a)[0].lastTransitionTime).toBe(t0);
    expect(conditions(c)[0].lastTransitionTime).toBe(core.clock.rfc3339());
    expect(conditions(c)[0].lastTransitionTime).not.toBe(t0);
  });
});
