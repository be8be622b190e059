import { describe, expect, it } from 'vitest';
import { CoreCluster } from '../../cluster/core-cluster.js';
import { Rng } from '../../sim/rng.js';
import { NAME_SUFFIX_ALPHABET } from '../../store/store.js';
import { SERVICE_ACCOUNT_ADMISSION_RNG } from '../builtin-strategies.js';
import { isStatusError, type StatusError } from '../errors.js';
import type { KubeObject } from '../object.js';
import type { MutableObject } from '../strategy.js';
import { podManifest } from '../validation/testing.js';
import { DEFAULT_API_TOKEN_MOUNT_PATH, tokenVolumeSource } from './service-account.js';

// biome-ignore lint/suspicious/noExplicitAny: pod specs are plain JSON in these tests
type AnySpec = any;
const specOf = (o: KubeObject) => o.spec as AnySpec;

function failure(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (isStatusError(e)) return e;
    throw e;
  }
  throw new Error('expected a StatusError');
}

function serviceAccount(name: string, namespace = 'default', extra: Record<string, unknown> = {}): MutableObject {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace }, ...extra };
}

/** A kernel whose `default` namespace has its `default` account (as the controller leaves it). */
function coreWithDefaultAccount(): CoreCluster {
  const core = new CoreCluster();
  core.api.create(serviceAccount('default'));
  return core;
}

function pod(spec: Record<string, unknown> = {}, name = 'p'): MutableObject {
  const p = podManifest(name);
  Object.assign(p.spec, spec);
  return p;
}

/** The first names the plugin's own stream gives for seed 1. */
function expectedVolumeNames(n: number): string[] {
  const rng = new Rng(1).fork(SERVICE_ACCOUNT_ADMISSION_RNG);
  return Array.from({ length: n }, () => `kube-api-access-${rng.string(NAME_SUFFIX_ALPHABET, 5)}`);
}

const tokenMount = (name: string) => ({ mountPath: DEFAULT_API_TOKEN_MOUNT_PATH, name, readOnly: true });

describe('ServiceAccount admission: pod create', () => {
  it('1 no service account: default (and the deprecated serviceAccount alias), token volume and mount', () => {
    const core = coreWithDefaultAccount();
    const spec = specOf(core.api.create(pod()));
    const [name] = expectedVolumeNames(1);
    expect(spec.serviceAccountName).toBe('default');
    expect(spec.serviceAccount).toBe('default');
    expect(spec.volumes).toEqual([{ name, projected: tokenVolumeSource() }]);
    expect(spec.containers[0].volumeMounts).toEqual([tokenMount(name)]);
  });

  it('2 the projected source is upstream TokenVolumeSource: token 3607 s, kube-root-ca.crt ca.crt, namespace, mode 420', () => {
    expect(tokenVolumeSource()).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    });
  });

  it('3 a named service account that does not exist is refused in upstream words', () => {
    const core = coreWithDefaultAccount();
    const err = failure(() => core.api.create(pod({ serviceAccountName: 'foo' }, 'x')));
    expect(err.reason).toBe('Forbidden');
    expect(err.message).toBe('pods "x" is forbidden: error looking up service account default/foo: serviceaccount "foo" not found');
  });

  it('4 a named service account that exists is kept; the deprecated alias follows it', () => {
    const core = coreWithDefaultAccount();
    core.api.create(serviceAccount('builder'));
    const spec = specOf(core.api.create(pod({ serviceAccountName: 'builder' })));
    expect(spec.serviceAccountName).toBe('builder');
    expect(spec.serviceAccount).toBe('builder');
    expect(spec.volumes).toHaveLength(1);
  });

  it('5 only the deprecated serviceAccount field names the account (v1 conversion)', () => {
    const core = coreWithDefaultAccount();
    core.api.create(serviceAccount('builder'));
    const spec = specOf(core.api.create(pod({ serviceAccount: 'builder' })));
    expect(spec.serviceAccountName).toBe('builder');
    expect(spec.serviceAccount).toBe('builder');
  });

  it('6 automountServiceAccountToken false on the pod: no volume, no mount', () => {
    const core = coreWithDefaultAccount();
    const spec = specOf(core.api.create(pod({ automountServiceAccountToken: false })));
    expect(spec.serviceAccountName).toBe('default');
    expect(spec.volumes).toBeUndefined();
    expect(spec.containers[0].volumeMounts).toBeUndefined();
  });

  it('7 automountServiceAccountToken false on the account: no volume; the pod saying true wins', () => {
    const core = coreWithDefaultAccount();
    core.api.create(serviceAccount('quiet', 'default', { automountServiceAccountToken: false }));
    expect(specOf(core.api.create(pod({ serviceAccountName: 'quiet' }, 'a'))).volumes).toBeUndefined();
    const spec = specOf(core.api.create(pod({ serviceAccountName: 'quiet', automountServiceAccountToken: true }, 'b')));
    expect(spec.volumes).toHaveLength(1);
  });

  it('8 a container that already mounts the path keeps its mount; the others get the token', () => {
    const core = coreWithDefaultAccount();
    const own = { name: 'own', mountPath: DEFAULT_API_TOKEN_MOUNT_PATH, readOnly: true };
    const spec = specOf(
      core.api.create(
        pod({
          volumes: [{ name: 'own', emptyDir: {} }],
          containers: [
            { name: 'a', image: 'busybox', volumeMounts: [own] },
            { name: 'b', image: 'busybox' },
          ],
        }),
      ),
    );
    const [name] = expectedVolumeNames(1);
    expect(spec.containers[0].volumeMounts).toEqual([own]);
    expect(spec.containers[1].volumeMounts).toEqual([tokenMount(name)]);
    expect(spec.volumes.map((v: { name: string }) => v.name)).toEqual(['own', name]);
  });

  it('9 every container already mounts the path: no token volume at all', () => {
    const core = coreWithDefaultAccount();
    const own = { name: 'own', mountPath: DEFAULT_API_TOKEN_MOUNT_PATH };
    const spec = specOf(core.api.create(pod({ volumes: [{ name: 'own', emptyDir: {} }], containers: [{ name: 'a', image: 'busybox', volumeMounts: [own] }] })));
    expect(spec.volumes.map((v: { name: string }) => v.name)).toEqual(['own']);
  });

  it('10 init containers get the mount too (after their own mounts)', () => {
    const core = coreWithDefaultAccount();
    const spec = specOf(
      core.api.create(
        pod({
          initContainers: [{ name: 'init', image: 'busybox', volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }] }],
          volumes: [{ name: 'scratch', emptyDir: {} }],
        }),
      ),
    );
    const [name] = expectedVolumeNames(1);
    expect(spec.initContainers[0].volumeMounts).toEqual([{ name: 'scratch', mountPath: '/scratch' }, tokenMount(name)]);
    expect(spec.containers[0].volumeMounts).toEqual([tokenMount(name)]);
    expect(spec.volumes.map((v: { name: string }) => v.name)).toEqual(['scratch', name]);
  });

  it('11 an existing kube-api-access-* volume is the token volume: its name is mounted, none added', () => {
    const core = coreWithDefaultAccount();
    const mine = { name: 'kube-api-access-mine1', projected: tokenVolumeSource() };
    const spec = specOf(core.api.create(pod({ volumes: [mine] })));
    expect(spec.volumes).toHaveLength(1);
    expect(spec.volumes[0].name).toBe('kube-api-access-mine1');
    expect(spec.containers[0].volumeMounts).toEqual([tokenMount('kube-api-access-mine1')]);
  });

  it('12 the 5 characters come from the plugin stream, one draw per pod, none from the API server stream', () => {
    const core = coreWithDefaultAccount();
    const names = [0, 1, 2].map((i) => specOf(core.api.create(pod({}, `p${i}`))).volumes[0].name);
    expect(names).toEqual(expectedVolumeNames(3));
    for (const n of names) expect(n).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    // The uids the API server draws are the ones a cluster without the plugin's draws would give.
    const bare = new CoreCluster();
    bare.api.create(serviceAccount('default'));
    const uids = [0, 1, 2].map((i) => bare.api.create(pod({ automountServiceAccountToken: false }, `p${i}`)).metadata.uid);
    expect([0, 1, 2].map((i) => core.api.get('Pod', 'default', `p${i}`)?.metadata.uid)).toEqual(uids);
  });

  it('13 the default account not created yet in an Active namespace: accepted (upstream retries until the controller made it)', () => {
    const core = new CoreCluster();
    const spec = specOf(core.api.create(pod()));
    expect(spec.serviceAccountName).toBe('default');
    expect(spec.volumes).toHaveLength(1);
  });

  it('14 the default account missing in a namespace that is not Active: refused', () => {
    const core = new CoreCluster();
    core.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone' }, status: { phase: 'Terminating' } } as KubeObject);
    const p = pod({}, 'x');
    p.metadata.namespace = 'gone';
    expect(failure(() => core.api.create(p)).message).toBe('pods "x" is forbidden: error looking up service account gone/default: serviceaccount "default" not found');
  });

  it('15 the account image pull secrets go to a pod that has none, not to one that has its own', () => {
    const core = coreWithDefaultAccount();
    core.api.create(serviceAccount('puller', 'default', { imagePullSecrets: [{ name: 'regcred' }] }));
    expect(specOf(core.api.create(pod({ serviceAccountName: 'puller' }, 'a'))).imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect(specOf(core.api.create(pod({ serviceAccountName: 'puller', imagePullSecrets: [{ name: 'mine' }] }, 'b'))).imagePullSecrets).toEqual([{ name: 'mine' }]);
  });

  it('16 a generated pod name is refused under its generateName prefix', () => {
    const core = coreWithDefaultAccount();
    const p = pod({ serviceAccountName: 'foo' });
    p.metadata = { generateName: 'web-5d4f-' };
    expect(failure(() => core.api.create(p)).message).toBe('pods "web-5d4f-" is forbidden: error looking up service account default/foo: serviceaccount "foo" not found');
  });

  it('17 updates are not mutated: a pod keeps the spec it was created with', () => {
    const core = coreWithDefaultAccount();
    const created = core.api.create(pod());
    const updated = core.api.update({ ...created, metadata: { ...created.metadata, labels: { a: 'b' } } });
    expect(updated.spec).toEqual(created.spec);
  });

  it('18 the plugin runs before Priority: a pod wrong on both counts hears about its service account', () => {
    const core = coreWithDefaultAccount();
    const err = failure(() => core.api.create(pod({ serviceAccountName: 'foo', priorityClassName: 'nope' }, 'x')));
    expect(err.message).toBe('pods "x" is forbidden: error looking up service account default/foo: serviceaccount "foo" not found');
  });

  it('19 a refused pod draws no name: the next pod gets the stream first name', () => {
    const core = coreWithDefaultAccount();
    failure(() => core.api.create(pod({ serviceAccountName: 'foo' }, 'x')));
    expect(specOf(core.api.create(pod())).volumes[0].name).toBe(expectedVolumeNames(1)[0]);
  });
});
