import type { ProjectedVolumeSource } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { tokenVolumeSource } from '../api/admission/service-account.js';
import type { KubeObject } from '../api/object.js';
import { EXPIRATION_EXTENSION_SECONDS, serviceAccountTokenIssuer } from '../api/token-request.js';
import { makePod, newTestCluster, type TestCluster } from './testing.js';

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
/** 2026-01-01T00:00:00Z, the default start instant, in Unix seconds. */
const START_S = 1767225600;

function decodeJwt(token: string): { header: Record<string, unknown>; claims: Record<string, unknown>; signature: string } {
  const [h, p, s] = token.split('.');
  return { header: JSON.parse(Buffer.from(h, 'base64url').toString()), claims: JSON.parse(Buffer.from(p, 'base64url').toString()), signature: s };
}

function runningPod(c: TestCluster, name = 'web', extra: (b: ReturnType<typeof makePod>) => ReturnType<typeof makePod> = (b) => b) {
  c.core.api.create(extra(makePod(name).container('app', 'busybox', { command: ['sleep', '3600'] }).node(c.nodes[0])).obj());
  c.advance('10s');
  return c.pod(name);
}

const cat = (c: TestCluster, pod: string, file: string) => c.w.exec('default', pod, undefined, ['cat', `${SA_DIR}/${file}`]);

describe('kubelet: the kube-api-access volume', () => {
  it('1 the container sees namespace, ca.crt (the kube-root-ca.crt bundle) and token, read-only', () => {
    const c = newTestCluster();
    const pod = runningPod(c);
    expect(pod?.status?.phase).toBe('Running');
    expect(c.w.exec('default', 'web', undefined, ['ls', SA_DIR]).stdout).toBe('ca.crt\nnamespace\ntoken\n');
    expect(cat(c, 'web', 'namespace').stdout).toBe('default');
    const ca = c.core.store.get<KubeObject & { data: Record<string, string> }>('ConfigMap', 'default', 'kube-root-ca.crt')?.data['ca.crt'];
    expect(cat(c, 'web', 'ca.crt').stdout).toBe(ca);
    const write = c.w.exec('default', 'web', undefined, ['sh', '-c', `echo x > ${SA_DIR}/namespace`]);
    expect(write.exitCode).not.toBe(0);
    expect(write.stderr).toContain('Read-only file system');
  });

  it('2 the token is a bound JWT: RS256 header with kid, the 1.33 claims in json.Marshal order, a year of validity, warnafter at 3607 s', () => {
    const c = newTestCluster();
    const pod = runningPod(c);
    const token = cat(c, 'web', 'token').stdout;
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]{342}$/);
    const { header, claims } = decodeJwt(token);
    const issuer = serviceAccountTokenIssuer(c.core);
    expect(header).toEqual({ alg: 'RS256', kid: issuer.keyId });
    expect(issuer.keyId).toMatch(/^[\w-]{43}$/);
    expect(Object.keys(claims)).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'kubernetes.io', 'nbf', 'sub']);
    const node = c.node(c.nodes[0]);
    const sa = c.core.store.get('ServiceAccount', 'default', 'default');
    // The kubelet mounted the volume at once: the token was issued at the start instant.
    expect(claims).toEqual({
      aud: ['https://kubernetes.default.svc'],
      exp: START_S + EXPIRATION_EXTENSION_SECONDS,
      iat: START_S,
      iss: issuer.issuer,
      jti: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      'kubernetes.io': {
        namespace: 'default',
        node: { name: c.nodes[0], uid: node?.metadata.uid },
        pod: { name: 'web', uid: pod?.metadata.uid },
        serviceaccount: { name: 'default', uid: sa?.metadata.uid },
        warnafter: START_S + 3607,
      },
      nbf: START_S,
      sub: 'system:serviceaccount:default:default',
    });
    expect(issuer.issuer).toMatch(/^https:\/\/oidc\.eks\.us-east-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
    expect(Object.keys((claims['kubernetes.io'] as Record<string, unknown>) ?? {})).toEqual(['namespace', 'node', 'pod', 'serviceaccount', 'warnafter']);
  });

  it('3 an expiry other than 3607 s, or another audience, is not extended and has no warnafter', () => {
    const c = newTestCluster();
    runningPod(c, 'vault', (b) =>
      b
        .volume({ name: 'vault-token', projected: { sources: [{ serviceAccountToken: { path: 'token', audience: 'vault', expirationSeconds: 7200 } }] } })
        .volume({ name: 'plain', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } })
        .volume({ name: 'vault-3607', projected: { sources: [{ serviceAccountToken: { path: 'token', audience: 'vault', expirationSeconds: 3607 } }] } }),
    );
    const kubelet = c.w.kubelets.get(c.nodes[0]);
    const uid = c.pod('vault')?.metadata.uid ?? '';
    const read = (vol: string) => decodeJwt(kubelet?.volumes.volumesOf(uid).get(vol)?.fs.readFile('token') ?? '').claims;
    const vault = read('vault-token');
    expect(vault.aud).toEqual(['vault']);
    expect((vault.exp as number) - (vault.iat as number)).toBe(7200);
    expect((vault['kubernetes.io'] as Record<string, unknown>).warnafter).toBeUndefined();
    const plain = read('plain');
    expect((plain.exp as number) - (plain.iat as number)).toBe(3600); // the projection's default expiry
    // 3607 s for an audience other than the API server's: not a kube audience, not extended.
    const vault3607 = read('vault-3607');
    expect((vault3607.exp as number) - (vault3607.iat as number)).toBe(3607);
    expect((vault3607['kubernetes.io'] as Record<string, unknown>).warnafter).toBeUndefined();
  });

  it('4 tokens come from their own streams: same seed, same token; the next pod gets another jti', () => {
    const a = newTestCluster();
    const b = newTestCluster();
    runningPod(a);
    runningPod(b);
    expect(cat(a, 'web', 'token').stdout).toBe(cat(b, 'web', 'token').stdout);
    runningPod(a, 'web2');
    expect(decodeJwt(cat(a, 'web2', 'token').stdout).claims.jti).not.toBe(decodeJwt(cat(a, 'web', 'token').stdout).claims.jti);
  });

  it('5 a pod in a namespace without its account and CA bundle: FailedMount with the aggregate, then the ConfigMap text alone', () => {
    const c = newTestCluster();
    // A namespace the controllers leave alone (not Active), and a pod stored as admission would have left it.
    c.core.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'odd' }, status: { phase: 'Terminating' } } as KubeObject);
    const mount = { mountPath: SA_DIR, name: 'kube-api-access-abcde', readOnly: true };
    const pod = makePod('web')
      .container('app', 'busybox', { command: ['sleep', '3600'], volumeMounts: [mount] })
      .serviceAccount('default')
      .volume({ name: 'kube-api-access-abcde', projected: tokenVolumeSource() as ProjectedVolumeSource })
      .node(c.nodes[0])
      .obj();
    pod.metadata.namespace = 'odd';
    c.core.store.create(pod);
    c.advance('5s');
    const both = 'MountVolume.SetUp failed for volume "kube-api-access-abcde" : [failed to fetch token: serviceaccounts "default" not found, configmap "kube-root-ca.crt" not found]';
    expect(c.events('Pod', 'web', 'odd')).toContain(`FailedMount: ${both}`);
    c.core.store.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'odd' } } as KubeObject);
    c.advance('1m');
    const events = c.events('Pod', 'web', 'odd');
    expect(events).toContain('FailedMount: MountVolume.SetUp failed for volume "kube-api-access-abcde" : configmap "kube-root-ca.crt" not found');
    expect(c.pod('web', 'odd')?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
    // The bundle appears: the next retry mounts the volume and the pod runs.
    c.core.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: 'odd' }, data: { 'ca.crt': 'x' } } as KubeObject);
    c.advance('3m');
    expect(c.pod('web', 'odd')?.status?.phase).toBe('Running');
    expect(c.w.exec('odd', 'web', undefined, ['cat', `${SA_DIR}/namespace`]).stdout).toBe('odd');
  });

  it('6 a plain downwardAPI volume gets its files', () => {
    const c = newTestCluster();
    runningPod(c, 'info', (b) =>
      b.labels({ app: 'info' }).volume({ name: 'podinfo', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'name', fieldRef: { fieldPath: 'metadata.name' } }] } }),
    );
    const uid = c.pod('info')?.metadata.uid ?? '';
    const fs = c.w.kubelets.get(c.nodes[0])?.volumes.volumesOf(uid).get('podinfo')?.fs;
    expect(fs?.readFile('labels')).toBe('app="info"');
    expect(fs?.readFile('name')).toBe('info');
  });

  it('7 automountServiceAccountToken false: no directory at all', () => {
    const c = newTestCluster();
    runningPod(c, 'quiet', (b) => b.serviceAccount(undefined, false));
    expect(c.pod('quiet')?.spec?.volumes).toBeUndefined();
    const r = c.w.exec('default', 'quiet', undefined, ['ls', SA_DIR]);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain('No such file or directory');
  });
});
