import type { ConfigMap, Pod, ProjectedVolumeSource, Secret } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { tokenVolumeSource } from '../api/admission/service-account.js';
import { aggregateError, downwardApiVolumePayload, type Payload, type ProjectionHost, projectedVolumePayload } from './projected-volume.js';

const POD: Pod = {
  metadata: { name: 'web', namespace: 'team-a', uid: 'u-1', labels: { app: 'web', tier: 'front' }, annotations: { note: 'hi' } },
  spec: {
    serviceAccountName: 'default',
    containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { memory: '128Mi' } } }],
    initContainers: [{ name: 'init', image: 'busybox', resources: { limits: { cpu: '1' } } }],
  },
};

const CA = '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n';

function host(objects: { configMaps?: Record<string, ConfigMap>; secrets?: Record<string, Secret>; token?: string } = {}): ProjectionHost {
  return {
    getConfigMap: (ns, name) => objects.configMaps?.[`${ns}/${name}`],
    getSecret: (ns, name) => objects.secrets?.[`${ns}/${name}`],
    getServiceAccountToken: (pod, p) =>
      objects.token === undefined ? { error: 'failed to fetch token: serviceaccounts "default" not found' } : { token: `${objects.token}:${pod.metadata?.name}:${p.expirationSeconds}` },
    nodeAllocatable: () => ({ cpu: '1930m', memory: '7179Mi' }),
  };
}

const rootCa = { 'team-a/kube-root-ca.crt': { data: { 'ca.crt': CA } } };

function files(p: Payload): Record<string, string> {
  if ('error' in p) throw new Error(`unexpected error: ${p.error}`);
  return Object.fromEntries(p.files);
}

function error(p: Payload): string {
  if (!('error' in p)) throw new Error('expected an error');
  return p.error;
}

describe('projected volume: the kube-api-access source', () => {
  it('1 writes token, ca.crt and namespace', () => {
    const p = projectedVolumePayload(tokenVolumeSource() as ProjectedVolumeSource, POD, host({ configMaps: rootCa, token: 'jwt' }));
    expect(files(p)).toEqual({ token: 'jwt:web:3607', 'ca.crt': CA, namespace: 'team-a' });
  });

  it('2 a missing kube-root-ca.crt fails the set-up with the configmap NotFound text', () => {
    const p = projectedVolumePayload(tokenVolumeSource() as ProjectedVolumeSource, POD, host({ token: 'jwt' }));
    expect(error(p)).toBe('configmap "kube-root-ca.crt" not found');
  });

  it('3 the token error and the configmap error together are one aggregate, in source order', () => {
    const p = projectedVolumePayload(tokenVolumeSource() as ProjectedVolumeSource, POD, host());
    expect(error(p)).toBe('[failed to fetch token: serviceaccounts "default" not found, configmap "kube-root-ca.crt" not found]');
  });
});

describe('projected volume: configMap and secret sources', () => {
  const cms = { 'team-a/cfg': { data: { a: '1', b: '2' }, binaryData: { bin: Buffer.from('raw').toString('base64') } } };
  const secrets = { 'team-a/creds': { data: { user: Buffer.from('admin').toString('base64'), pass: Buffer.from('s3cret').toString('base64') } } };

  it('1 a configMap without items projects every key (data and binaryData)', () => {
    expect(files(projectedVolumePayload({ sources: [{ configMap: { name: 'cfg' } }] }, POD, host({ configMaps: cms })))).toEqual({ a: '1', b: '2', bin: 'raw' });
  });

  it('2 items choose keys and paths (nested paths allowed)', () => {
    const src: ProjectedVolumeSource = { sources: [{ configMap: { name: 'cfg', items: [{ key: 'b', path: 'conf/b.txt' }] } }] };
    expect(files(projectedVolumePayload(src, POD, host({ configMaps: cms })))).toEqual({ 'conf/b.txt': '2' });
  });

  it('3 an item naming a missing key fails; optional skips it', () => {
    const items = [{ key: 'nope', path: 'n' }, { key: 'a', path: 'a' }];
    expect(error(projectedVolumePayload({ sources: [{ configMap: { name: 'cfg', items } }] }, POD, host({ configMaps: cms })))).toBe(
      'configmap references non-existent config key: nope',
    );
    expect(files(projectedVolumePayload({ sources: [{ configMap: { name: 'cfg', items, optional: true } }] }, POD, host({ configMaps: cms })))).toEqual({ a: '1' });
  });

  it('4 a missing optional configMap projects nothing; a missing required one fails', () => {
    expect(files(projectedVolumePayload({ sources: [{ configMap: { name: 'gone', optional: true } }] }, POD, host()))).toEqual({});
    expect(error(projectedVolumePayload({ sources: [{ configMap: { name: 'gone', optional: false } }] }, POD, host()))).toBe('configmap "gone" not found');
  });

  it('5 a secret is decoded; items, missing keys and missing secrets as for configMaps, in the secret words', () => {
    expect(files(projectedVolumePayload({ sources: [{ secret: { name: 'creds' } }] }, POD, host({ secrets })))).toEqual({ user: 'admin', pass: 's3cret' });
    expect(files(projectedVolumePayload({ sources: [{ secret: { name: 'creds', items: [{ key: 'pass', path: 'pw' }] } }] }, POD, host({ secrets })))).toEqual({ pw: 's3cret' });
    expect(error(projectedVolumePayload({ sources: [{ secret: { name: 'creds', items: [{ key: 'x', path: 'x' }] } }] }, POD, host({ secrets })))).toBe(
      'references non-existent secret key: x',
    );
    expect(error(projectedVolumePayload({ sources: [{ secret: { name: 'nope' } }] }, POD, host()))).toBe('secret "nope" not found');
    expect(files(projectedVolumePayload({ sources: [{ secret: { name: 'nope', optional: true } }] }, POD, host()))).toEqual({});
  });

  it('6 later sources overwrite earlier files at the same path', () => {
    const src: ProjectedVolumeSource = { sources: [{ configMap: { name: 'cfg', items: [{ key: 'a', path: 'x' }] } }, { secret: { name: 'creds', items: [{ key: 'user', path: 'x' }] } }] };
    expect(files(projectedVolumePayload(src, POD, host({ configMaps: cms, secrets })))).toEqual({ x: 'admin' });
  });
});

describe('downward API items (projected and downwardAPI volumes)', () => {
  it('1 fieldRef reads the pod metadata: name, namespace, uid, labels and annotations as key="value" lines', () => {
    const items = [
      { path: 'name', fieldRef: { fieldPath: 'metadata.name' } },
      { path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' } },
      { path: 'uid', fieldRef: { fieldPath: 'metadata.uid' } },
      { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
      { path: 'tier', fieldRef: { fieldPath: "metadata.labels['tier']" } },
      { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } },
    ];
    expect(files(downwardApiVolumePayload(items, POD, host()))).toEqual({
      name: 'web',
      ns: 'team-a',
      uid: 'u-1',
      labels: 'app="web"\ntier="front"',
      tier: 'front',
      annotations: 'note="hi"',
    });
  });

  it('2 resourceFieldRef: requests over the divisor, unset limits from the node allocatable, init containers too', () => {
    const items = [
      { path: 'cpu_req', resourceFieldRef: { containerName: 'app', resource: 'requests.cpu', divisor: '1m' } },
      { path: 'mem_limit', resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' } },
      { path: 'cpu_limit', resourceFieldRef: { containerName: 'app', resource: 'limits.cpu', divisor: '1m' } },
      { path: 'init_cpu', resourceFieldRef: { containerName: 'init', resource: 'limits.cpu' } },
    ];
    expect(files(downwardApiVolumePayload(items, POD, host()))).toEqual({ cpu_req: '250', mem_limit: '128', cpu_limit: '1930', init_cpu: '1' });
  });

  it('3 a missing container and an unsupported field are gathered into one aggregate', () => {
    const items = [
      { path: 'a', resourceFieldRef: { containerName: 'ghost', resource: 'limits.cpu' } },
      { path: 'b', fieldRef: { fieldPath: 'spec.nodeName' } },
    ];
    expect(error(downwardApiVolumePayload(items, POD, host()))).toBe('[container ghost not found, unsupported fieldPath: spec.nodeName]');
  });

  it('4 inside a projected volume, downward API errors fail the volume', () => {
    const src: ProjectedVolumeSource = { sources: [{ downwardAPI: { items: [{ path: 'x', fieldRef: { fieldPath: 'status.podIP' } }] } }] };
    expect(error(projectedVolumePayload(src, POD, host()))).toBe('unsupported fieldPath: status.podIP');
  });
});

describe('aggregateError', () => {
  it('1 none, one, several, repeats dropped', () => {
    expect(aggregateError([])).toBeUndefined();
    expect(aggregateError(['a'])).toBe('a');
    expect(aggregateError(['a', 'b'])).toBe('[a, b]');
    expect(aggregateError(['a', 'a'])).toBe('a');
    expect(aggregateError(['a', 'b', 'a'])).toBe('[a, b]');
  });
});
