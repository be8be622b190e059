import { describe, expect, it } from 'vitest';
import { CoreCluster } from '../../cluster/core-cluster.js';
import type { CoreEvent } from '../../events/recorder.js';
import { DeploymentConditionReasons } from '../events.js';
import type { PodObject } from '../replicaset/controller-utils.js';
import { ReplicaSetController } from '../replicaset/replica-set.js';
import { FakeKubelet, type FakeKubeletOptions, makeDeployment } from '../testing/index.js';
import { DeploymentController } from './deployment-controller.js';
import {
  computeHash,
  type DeploymentObject,
  POD_TEMPLATE_HASH_LABEL,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  resolveFenceposts,
  type RsObject,
  safeEncodeString,
} from './deployment-util.js';

function setup(opts: FakeKubeletOptions = {}) {
  const core = new CoreCluster({ seed: 3 });
  new ReplicaSetController(core);
  new DeploymentController(core);
  const kubelet = new FakeKubelet(core, opts);
  return { core, kubelet };
}

const get = (core: CoreCluster) => core.store.get<DeploymentObject>('Deployment', 'default', 'web') as DeploymentObject;
const rss = (core: CoreCluster) => core.store.list<RsObject>('ReplicaSet', 'default');
const pods = (core: CoreCluster) => core.store.list<PodObject>('Pod', 'default');
const dEvents = (core: CoreCluster) =>
  core.store.byIndex<CoreEvent>('Event', 'involvedObject.uid', get(core).metadata.uid ?? '').map((e) => `${e.reason} ${e.message}`);
function setImage(core: CoreCluster, image: string) {
  core.api.updateWith<DeploymentObject>('Deployment', 'default', 'web', (d) => {
    d.spec!.template.spec!.containers[0].image = image;
  });
}
const hashOf = (rs: RsObject) => rs.metadata.labels?.[POD_TEMPLATE_HASH_LABEL] ?? '';

describe('pod-template-hash', () => {
  it('safe-encodes decimal digits to 4-9 and b c d f', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('is stable, only uses the safe alphabet, and changes with collisionCount', () => {
    const t = makeDeployment().obj().spec!.template;
    const h = computeHash(t);
    expect(h).toMatch(/^[456789bcdf]{1,10}$/);
    expect(computeHash(structuredClone(t))).toBe(h);
    expect(computeHash(t, 1)).not.toBe(h);
    const reordered = { spec: t.spec, metadata: t.metadata };
    expect(computeHash(reordered)).toBe(h);
  });

  it('names the ReplicaSet <deploy>-<hash> and labels RS, selector and pods with it', () => {
    const { core } = setup();
    core.api.create(makeDeployment().name('web').replicas(2).obj());
    core.loop.advance('5s');
    const [rs] = rss(core);
    const hash = computeHash(get(core).spec!.template);
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.metadata.labels).toEqual({ app: 'web', [POD_TEMPLATE_HASH_LABEL]: hash });
    expect(rs.spec?.selector.matchLabels).toEqual({ app: 'web', [POD_TEMPLATE_HASH_LABEL]: hash });
    for (const p of pods(core)) {
      expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata.labels?.[POD_TEMPLATE_HASH_LABEL]).toBe(hash);
    }
  });
});

describe('Deployment controller', () => {
  it('scales up the first ReplicaSet with the 1.33 event text and reports a complete rollout', () => {
    const { core } = setup();
    core.api.create(makeDeployment().name('web').replicas(1).obj());
    core.loop.advance('5s');
    const [rs] = rss(core);
    expect(dEvents(core)).toEqual([`ScalingReplicaSet Scaled up replica set ${rs.metadata.name} from 0 to 1`]);
    const ev = core.store.byIndex<CoreEvent>('Event', 'involvedObject.uid', get(core).metadata.uid ?? '')[0];
    expect(ev.source.component).toBe('deployment-controller');
    const d = get(core);
    expect(d.metadata.annotations?.[REVISION_ANNOTATION]).toBe('1');
    expect(rs.metadata.annotations?.[REVISION_ANNOTATION]).toBe('1');
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 });
    // omitempty: no unavailable replica, no key (the API server never writes a zero count here).
    expect(d.status).not.toHaveProperty('unavailableReplicas');
    const conds = Object.fromEntries((d.status?.conditions ?? []).map((c) => [c.type, c]));
    expect(conds.Available).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(conds.Progressing).toMatchObject({
      status: 'True',
      reason: 'NewReplicaSetAvailable',
      message: `ReplicaSet "${rs.metadata.name}" has successfully progressed.`,
    });
  });

  it('RollingUpdate with replicas=1 creates the new pod before deleting the old one', () => {
    const { core } = setup({ startDelayMs: 3000 });
    core.api.create(makeDeployment().name('web').replicas(1).obj());
    core.loop.advance('10s');
    const oldRs = rss(core)[0];
    const seen: string[] = [];
    core.store.watch<PodObject>('Pod', (e) => {
      const live = pods(core).filter((p) => !p.metadata.deletionTimestamp);
      if (e.type === 'ADDED') seen.push(`add when ${live.length - 1} live`);
      if (e.object.metadata.deletionTimestamp && !e.old?.metadata.deletionTimestamp) seen.push('delete');
    });
    setImage(core, 'nginx:1.26');
    core.loop.advance('1s');
    const both = pods(core);
    expect(both).toHaveLength(2);
    expect(both.every((p) => !p.metadata.deletionTimestamp)).toBe(true);
    core.loop.advance('30s');
    expect(seen[0]).toBe('add when 1 live');
    expect(seen).toContain('delete');
    const newRs = rss(core).find((r) => r.metadata.name !== oldRs.metadata.name) as RsObject;
    expect(dEvents(core).slice(1)).toEqual([
      `ScalingReplicaSet Scaled up replica set ${newRs.metadata.name} from 0 to 1`,
      `ScalingReplicaSet Scaled down replica set ${oldRs.metadata.name} from 1 to 0`,
    ]);
    expect(newRs.metadata.annotations?.[REVISION_ANNOTATION]).toBe('2');
    expect(get(core).status).toMatchObject({ replicas: 1, updatedReplicas: 1, availableReplicas: 1 });
  });

  it('with minReadySeconds the old pod is only removed once the new one has been Ready that long', () => {
    const { core } = setup({ startDelayMs: 1000 });
    core.api.create(makeDeployment().name('web').replicas(1).minReadySeconds(30).obj());
    core.loop.advance('40s');
    const oldName = rss(core)[0].metadata.name;
    setImage(core, 'nginx:1.26');
    core.loop.advance('20s');
    const old = () => core.store.get<RsObject>('ReplicaSet', 'default', oldName ?? '');
    expect(old()?.spec?.replicas).toBe(1);
    expect(get(core).status?.updatedReplicas).toBe(1);
    core.loop.advance('15s');
    expect(old()?.spec?.replicas).toBe(0);
  });

  it('Recreate waits until old pods are gone (Terminating counts) before scaling up', () => {
    const { core } = setup({ terminationDelayMs: 15_000 });
    core.api.create(makeDeployment().name('web').replicas(2).recreate().obj());
    core.loop.advance('5s');
    const oldHash = hashOf(rss(core)[0]);
    const overlap: string[] = [];
    core.store.watch<PodObject>('Pod', (e) => {
      if (e.type !== 'ADDED') return;
      const old = pods(core).filter((p) => p.metadata.labels?.[POD_TEMPLATE_HASH_LABEL] === oldHash);
      if (old.length > 0) overlap.push(e.object.metadata.name ?? '');
    });
    setImage(core, 'nginx:1.26');
    core.loop.advance('10s');
    expect(pods(core).every((p) => p.metadata.labels?.[POD_TEMPLATE_HASH_LABEL] === oldHash && p.metadata.deletionTimestamp)).toBe(true);
    core.loop.advance('20s');
    const now = pods(core);
    expect(now).toHaveLength(2);
    expect(now.every((p) => p.metadata.labels?.[POD_TEMPLATE_HASH_LABEL] !== oldHash)).toBe(true);
    expect(overlap).toEqual([]);
  });

  it('sets Progressing=False ProgressDeadlineExceeded after 600s when the new pod never becomes Ready', () => {
    const { core } = setup({ ready: (p) => p.spec?.containers[0].image !== 'broken' });
    core.api.create(makeDeployment().name('web').replicas(1).obj());
    core.loop.advance('5s');
    setImage(core, 'broken');
    core.loop.advance('1s');
    const newRs = rss(core).find((r) => r.spec?.template?.spec?.containers[0].image === 'broken') as RsObject;
    const progressing = () => get(core).status?.conditions?.find((c) => c.type === 'Progressing');
    expect(progressing()).toMatchObject({ status: 'True', reason: DeploymentConditionReasons.ReplicaSetUpdated });
    core.loop.advance('595s');
    expect(progressing()?.status).toBe('True');
    core.loop.advance('10s');
    expect(progressing()).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${newRs.metadata.name}" has timed out progressing.`,
    });
    expect(pods(core).filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(2);
  });

  it('rollout restart (restartedAt template annotation) makes a new ReplicaSet and keeps the old one as history', () => {
    const { core } = setup();
    core.api.create(makeDeployment().name('web').replicas(1).obj());
    core.loop.advance('5s');
    core.api.updateWith<DeploymentObject>('Deployment', 'default', 'web', (d) => {
      d.spec!.template.metadata!.annotations = { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:05Z' };
    });
    core.loop.advance('30s');
    const list = rss(core);
    expect(list).toHaveLength(2);
    const revs = list.map((r) => [r.metadata.annotations?.[REVISION_ANNOTATION], r.spec?.replicas]).sort();
    expect(revs).toEqual([['1', 0], ['2', 1]]);
    expect(get(core).metadata.annotations?.[REVISION_ANNOTATION]).toBe('2');
  });

  it('rollback to an old template reuses its ReplicaSet with the next revision and records history', () => {
    const { core } = setup();
    core.api.create(makeDeployment().name('web').replicas(1).obj());
    core.loop.advance('5s');
    const first = rss(core)[0].metadata.name;
    setImage(core, 'nginx:1.26');
    core.loop.advance('30s');
    setImage(core, 'nginx:1.25');
    core.loop.advance('30s');
    const back = core.store.get<RsObject>('ReplicaSet', 'default', first ?? '') as RsObject;
    expect(back.spec?.replicas).toBe(1);
    expect(back.metadata.annotations?.[REVISION_ANNOTATION]).toBe('3');
    expect(back.metadata.annotations?.[REVISION_HISTORY_ANNOTATION]).toBe('1');
    expect(rss(core)).toHaveLength(2);
  });

  it('cleans up old ReplicaSets beyond revisionHistoryLimit', () => {
    const { core } = setup();
    core.api.create(makeDeployment().name('web').replicas(1).revisionHistoryLimit(1).obj());
    core.loop.advance('5s');
    for (const img of ['a', 'b', 'c']) {
      setImage(core, img);
      core.loop.advance('30s');
    }
    const list = rss(core);
    expect(list.map((r) => r.spec?.template?.spec?.containers[0].image).sort()).toEqual(['b', 'c']);
  });

  it('a change of spec.replicas scales the current ReplicaSet (from 1 to 3)', () => {
    const { core } = setup();
    core.api.create(makeDeployment().name('web').replicas(1).obj());
    core.loop.advance('5s');
    core.api.updateWith<DeploymentObject>('Deployment', 'default', 'web', (d) => {
      d.spec!.replicas = 3;
    });
    core.loop.advance('5s');
    const [rs] = rss(core);
    expect(rss(core)).toHaveLength(1);
    expect(dEvents(core).at(-1)).toBe(`ScalingReplicaSet Scaled up replica set ${rs.metadata.name} from 1 to 3`);
    expect(pods(core)).toHaveLength(3);
    expect(get(core).status?.availableReplicas).toBe(3);
  });

  it('proportionally scales both ReplicaSets during a rollout', () => {
    const { core } = setup({ ready: (p) => p.spec?.containers[0].image !== 'broken' });
    core.api.create(makeDeployment().name('web').replicas(4).obj());
    core.loop.advance('5s');
    setImage(core, 'broken');
    core.loop.advance('5s');
    core.api.updateWith<DeploymentObject>('Deployment', 'default', 'web', (d) => {
      d.spec!.replicas = 8;
    });
    core.loop.advance('5s');
    const sizes = rss(core).map((r) => r.spec?.replicas ?? 0);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10);
    expect(sizes.every((s) => s > 0)).toBe(true);
  });
});

describe('resolveFenceposts', () => {
  it.each([
    ['25%/25% of 1', '25%', '25%', 1, [1, 0]],
    ['25%/25% of 4', '25%', '25%', 4, [1, 1]],
    ['25%/25% of 10', '25%', '25%', 10, [3, 2]],
    ['0/0 → unavailable 1', 0, 0, 3, [0, 1]],
    ['0%/0% → unavailable 1', '0%', '0%', 3, [0, 1]],
    ['absolute values', 2, 1, 5, [2, 1]],
  ] as const)('%s', (_c, surge, unavail, desired, want) => {
    expect(resolveFenceposts(surge, unavail, desired)).toEqual(want);
  });
});
