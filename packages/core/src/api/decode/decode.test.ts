import { describe, expect, it } from 'vitest';
import { deploymentManifest, storageClassManifest } from '../validation/testing.js';
import { decodeErrors, decodeGoBase64 } from './decode.js';
import { decoderFor, KIND_SCHEMAS } from './kinds.js';

const decode = (kind: string, obj: unknown) => decodeErrors(obj, KIND_SCHEMAS[kind] as never);

describe('decode type checks', () => {
  it('a valid manifest decodes', () => {
    expect(decode('Deployment', deploymentManifest())).toBeUndefined();
  });

  it.each<[string, string, (d: ReturnType<typeof deploymentManifest>) => void, string]>([
    ['label value number', 'Deployment', (d) => (d.metadata.labels = { v: 1 }), 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'],
    ['spec as a string', 'Deployment', (d) => (d.spec = 'x' as never), 'json: cannot unmarshal string into Go struct field Deployment.spec of type v1.DeploymentSpec'],
    ['replicas fractional', 'Deployment', (d) => (d.spec.replicas = 1.5), 'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['replicas overflow', 'Deployment', (d) => (d.spec.replicas = 3000000000), 'json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    [
      'containerPort as string',
      'Deployment',
      (d) => (d.spec.template.spec.containers[0].ports = [{ containerPort: '80' }]),
      'json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
    ],
    ['containers as an object', 'Deployment', (d) => (d.spec.template.spec.containers = {}), 'json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container'],
    ['command as a string', 'Deployment', (d) => (d.spec.template.spec.containers[0].command = 'sleep 1'), 'json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.command of type []string'],
    ['maxSurge bool', 'Deployment', (d) => (d.spec.strategy = { rollingUpdate: { maxSurge: true } }), 'json: cannot unmarshal bool into Go value of type int32'],
    [
      'unknown fields are listed with their paths',
      'Deployment',
      (d) => {
        d.spec.template.spec.containers[0].imagee = 'x';
        d.extra = 1;
      },
      'strict decoding error: unknown field "spec.template.spec.containers[0].imagee", unknown field "extra"',
    ],
    ['quantity error beats a type error', 'Deployment', (d) => {
      d.spec.replicas = 'x';
      d.spec.template.spec.containers[0].resources = { limits: { memory: '1 Gi' } };
    }, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['first type error wins over unknown fields', 'Deployment', (d) => {
      d.spec.replica = 1;
      d.spec.paused = 'yes';
    }, 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool'],
  ])('%s', (_case, kind, change, text) => {
    const m = deploymentManifest() as ReturnType<typeof deploymentManifest> & Record<string, unknown>;
    change(m);
    expect(decode(kind, m)).toBe(text);
  });

  it('nulls and numeric quantities are accepted', () => {
    const m = deploymentManifest();
    m.spec.template.spec.containers[0].resources = { requests: { cpu: 1, memory: null } };
    m.spec.replicas = null;
    expect(decode('Deployment', m)).toBeUndefined();
  });

  it('storage class parameters must be strings', () => {
    const sc = storageClassManifest();
    sc.parameters = { iopsPerGB: '10', encrypted: true };
    expect(decode('StorageClass', sc)).toBe('json: cannot unmarshal bool into Go struct field StorageClass.parameters of type string');
  });
});

describe('DaemonSets and ServiceAccounts are typed (found by an edit fuzz: a DaemonSet with env as a map was stored and crashed the printer)', () => {
  const daemonSet = (env: unknown) => ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'd' },
    spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x', env }] } } },
  });

  it('a DaemonSet decodes as its Go type', () => {
    expect(decode('DaemonSet', daemonSet([{ name: 'A', value: '1' }]))).toBeUndefined();
    expect(decode('DaemonSet', daemonSet({ valueFrom: {} }))).toBe('json: cannot unmarshal object into Go struct field Container.spec.template.spec.containers.env of type []v1.EnvVar');
  });

  it('a ServiceAccount decodes as its Go type', () => {
    expect(decode('ServiceAccount', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 's' }, secrets: [{ name: 't' }], automountServiceAccountToken: false })).toBeUndefined();
    expect(decode('ServiceAccount', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 's' }, automountServiceAccountToken: 'no' })).toBe(
      'json: cannot unmarshal string into Go struct field ServiceAccount.automountServiceAccountToken of type bool',
    );
  });
});

describe('nulls decode to Go zero values (found by the manifest fuzz: a null nodeSelector crashed the scheduler)', () => {
  it('a null struct field goes, a null string in a map or list is "", a null struct in a list {}; free-form parts keep theirs', () => {
    const decoder = decoderFor('Deployment') as (o: unknown) => string | undefined;
    const m = deploymentManifest() as ReturnType<typeof deploymentManifest> & { status?: unknown };
    const spec = m.spec.template.spec as Record<string, unknown>;
    spec.nodeSelector = null;
    spec.tolerations = [null];
    m.spec.replicas = null;
    m.metadata.labels = { a: null } as never;
    m.spec.template.spec.containers[0].args = ['x', null] as never;
    m.status = { anything: null };
    expect(decoder(m)).toBeUndefined();
    expect('nodeSelector' in spec).toBe(false);
    expect('replicas' in m.spec).toBe(false);
    expect(spec.tolerations).toEqual([{}]);
    expect(m.metadata.labels).toEqual({ a: '' });
    expect(m.spec.template.spec.containers[0].args).toEqual(['x', '']);
    expect(m.status).toEqual({ anything: null });
  });
});

describe('Secret data is []byte: base64 as Go decodes it', () => {
  it('CorruptInputError offsets as base64.StdEncoding reports them; newlines skipped, then re-encoded on one line', () => {
    expect(decodeGoBase64('aGVsbG8=')).toEqual({ bytes: [...Buffer.from('hello')] });
    expect(decodeGoBase64('aGVs\nbG8=')).toEqual({ bytes: [...Buffer.from('hello')] });
    expect(decodeGoBase64('')).toEqual({ bytes: [] });
    expect(decodeGoBase64('abc')).toEqual({ corruptAt: 0 });
    expect(decodeGoBase64('ab!d')).toEqual({ corruptAt: 2 });
    expect(decodeGoBase64('a===')).toEqual({ corruptAt: 1 });
    expect(decodeGoBase64('ab=')).toEqual({ corruptAt: 3 });
    expect(decodeGoBase64('ab==xx')).toEqual({ corruptAt: 4 });
    expect(decodeGoBase64('aGVsbG8')).toEqual({ corruptAt: 4 });
    const decoder = decoderFor('Secret') as (o: unknown) => string | undefined;
    expect(decoder({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 'not base64!' } })).toBe('illegal base64 data at input byte 3');
    expect(decoder({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 5 } })).toBe('json: cannot unmarshal number into Go struct field Secret.data of type []uint8');
    const wrapped = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: `${'QUFB'.repeat(20)}\n${'QUFB'.repeat(5)}` } };
    expect(decoder(wrapped)).toBeUndefined();
    expect(wrapped.data.k).toBe('QUFB'.repeat(25));
  });
});
