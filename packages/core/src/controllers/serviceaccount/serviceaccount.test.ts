import { describe, expect, it } from 'vitest';
import { CoreCluster } from '../../cluster/core-cluster.js';
import type { KubeObject } from '../../api/object.js';
import { Rng } from '../../sim/rng.js';
import { installControllers } from '../install-controllers.js';
import { DESCRIPTION_ANNOTATION, ROOT_CA_DESCRIPTION } from './root-ca-cert-publisher.js';
import { encodePem, ROOT_CA_RNG, rootCaCertificate } from './root-ca.js';
import { SERVICE_ACCOUNT_CONTROLLER_RNG } from './serviceaccounts-controller.js';

type ConfigMap = KubeObject & { data?: Record<string, string> };

function cluster(seed = 1): CoreCluster {
  const core = new CoreCluster({ seed });
  installControllers(core);
  core.loop.settle();
  return core;
}

const rootCa = (core: CoreCluster) => core.store.get<ConfigMap>('ConfigMap', 'default', 'kube-root-ca.crt');
const namespace = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

describe('service account controller', () => {
  it('1 every initial namespace has its default ServiceAccount, without secrets', () => {
    const core = cluster();
    const sas = [...core.store.values('ServiceAccount')].map((sa) => `${sa.metadata.namespace}/${sa.metadata.name}`).sort();
    expect(sas).toEqual(['default/default', 'kube-node-lease/default', 'kube-public/default', 'kube-system/default']);
    const sa = core.store.get('ServiceAccount', 'default', 'default') as KubeObject & { secrets?: unknown };
    expect(sa.secrets).toBeUndefined();
    expect(sa.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
  });

  it('2 a new namespace gets its default ServiceAccount at once', () => {
    const core = cluster();
    core.api.create(namespace('team-a'));
    expect(core.store.get('ServiceAccount', 'team-a', 'default')).toBeUndefined(); // the controller has not run yet
    core.loop.settle();
    expect(core.store.get('ServiceAccount', 'team-a', 'default')).toBeDefined();
  });

  it('3 a deleted default ServiceAccount comes back with a new uid; other accounts do not', () => {
    const core = cluster();
    core.api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'default' } });
    const before = core.store.get('ServiceAccount', 'default', 'default')?.metadata.uid;
    core.api.delete('ServiceAccount', 'default', 'default');
    core.api.delete('ServiceAccount', 'default', 'builder');
    core.loop.settle();
    const after = core.store.get('ServiceAccount', 'default', 'default')?.metadata.uid;
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect(core.store.get('ServiceAccount', 'default', 'builder')).toBeUndefined();
  });

  it('4 a namespace that is not Active gets no account', () => {
    const core = cluster();
    core.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'leaving' }, status: { phase: 'Terminating' } } as KubeObject);
    core.loop.settle();
    expect(core.store.get('ServiceAccount', 'leaving', 'default')).toBeUndefined();
  });

  it('5 uids come from the controller stream, so the API server stream is not shifted', () => {
    const core = cluster();
    const rng = new Rng(1).fork(SERVICE_ACCOUNT_CONTROLLER_RNG);
    // The initial namespaces in name order.
    const expected = ['default', 'kube-node-lease', 'kube-public', 'kube-system'].map(() => rng.uuid());
    const got = ['default', 'kube-node-lease', 'kube-public', 'kube-system'].map((ns) => core.store.get('ServiceAccount', ns, 'default')?.metadata.uid);
    expect(got).toEqual(expected);
    const plain = new CoreCluster({ seed: 1 });
    expect(core.store.newUid()).toBe(plain.store.newUid());
  });
});

describe('root CA cert publisher', () => {
  it('1 every namespace has kube-root-ca.crt with ca.crt and the description annotation', () => {
    const core = cluster();
    const names = [...core.store.values('ConfigMap')].map((cm) => `${cm.metadata.namespace}/${cm.metadata.name}`).sort();
    expect(names).toEqual(['default/kube-root-ca.crt', 'kube-node-lease/kube-root-ca.crt', 'kube-public/kube-root-ca.crt', 'kube-system/kube-root-ca.crt']);
    const cm = rootCa(core);
    expect(Object.keys(cm?.data ?? {})).toEqual(['ca.crt']);
    expect(cm?.data?.['ca.crt']).toBe(rootCaCertificate(new Rng(1).fork(ROOT_CA_RNG)));
    expect(cm?.metadata.annotations).toEqual({
      'kubernetes.io/description':
        'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
    });
  });

  it('2 the CA is one PEM certificate: 64-character base64 lines, a DER CN=kubernetes CA header, a trailing newline', () => {
    const pem = rootCa(cluster())?.data?.['ca.crt'] ?? '';
    const lines = pem.split('\n');
    expect(lines[0]).toBe('-----BEGIN CERTIFICATE-----');
    expect(lines.at(-2)).toBe('-----END CERTIFICATE-----');
    expect(lines.at(-1)).toBe('');
    const body = lines.slice(1, -2);
    for (const l of body.slice(0, -1)) expect(l).toHaveLength(64);
    expect(body.at(-1)?.length).toBeLessThanOrEqual(64);
    expect(body[0].startsWith('MIIC/jCCAeagAwIBAgIBADANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwprdWJl')).toBe(true);
    const der = Buffer.from(body.join(''), 'base64');
    expect(der.length).toBe(770);
  });

  it('3 same seed, same CA; another seed, another CA', () => {
    expect(rootCa(cluster(1))?.data).toEqual(rootCa(cluster(1))?.data);
    expect(rootCa(cluster(2))?.data?.['ca.crt']).not.toBe(rootCa(cluster(1))?.data?.['ca.crt']);
  });

  it('4 a new namespace gets the ConfigMap; a deleted one comes back', () => {
    const core = cluster();
    core.api.create(namespace('team-a'));
    core.loop.settle();
    expect(core.store.get('ConfigMap', 'team-a', 'kube-root-ca.crt')).toBeDefined();
    core.api.delete('ConfigMap', 'team-a', 'kube-root-ca.crt');
    core.loop.settle();
    expect(core.store.get<ConfigMap>('ConfigMap', 'team-a', 'kube-root-ca.crt')?.data?.['ca.crt']).toBe(rootCa(core)?.data?.['ca.crt']);
  });

  it('5 changed data is written back to exactly ca.crt; other annotations and labels stay', () => {
    const core = cluster();
    const cm = rootCa(core) as ConfigMap;
    core.api.update({ ...cm, metadata: { ...cm.metadata, labels: { mine: 'yes' }, annotations: { ...cm.metadata.annotations, extra: '1' } }, data: { 'ca.crt': 'tampered', more: 'x' } } as KubeObject);
    core.loop.settle();
    const back = rootCa(core);
    expect(back?.data).toEqual({ 'ca.crt': rootCa(cluster())?.data?.['ca.crt'] });
    expect(back?.metadata.labels).toEqual({ mine: 'yes' });
    expect(back?.metadata.annotations).toEqual({ [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION, extra: '1' });
  });

  it('6 a removed description annotation is put back', () => {
    const core = cluster();
    const cm = rootCa(core) as ConfigMap;
    core.api.update({ ...cm, metadata: { ...cm.metadata, annotations: {} } } as KubeObject);
    core.loop.settle();
    expect(rootCa(core)?.metadata.annotations?.[DESCRIPTION_ANNOTATION]).toBe(ROOT_CA_DESCRIPTION);
  });

  it('7 a ConfigMap that matches is not written again', () => {
    const core = cluster();
    const rv = rootCa(core)?.metadata.resourceVersion;
    core.api.create(namespace('team-b'));
    core.loop.settle();
    expect(rootCa(core)?.metadata.resourceVersion).toBe(rv);
  });

  it('8 encodePem wraps at 64 characters', () => {
    expect(encodePem('X', new Uint8Array(48).fill(255))).toBe(`-----BEGIN X-----\n${'/'.repeat(64)}\n-----END X-----\n`);
    expect(encodePem('X', new Uint8Array(49).fill(255))).toBe(`-----BEGIN X-----\n${'/'.repeat(64)}\n/w==\n-----END X-----\n`);
  });
});
