import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CoreCluster } from '../cluster/core-cluster.js';
import { StatusError } from './errors.js';
import { parseManifests } from './manifest.js';
import type { MutableObject } from './strategy.js';
import {
  claimManifest,
  deploymentManifest,
  podManifest,
  replicaSetManifest,
  serviceManifest,
  statefulSetManifest,
  storageClassManifest,
  volumeManifest,
} from './validation/testing.js';

/** The chapter's manifests as the repository keeps them (copied verbatim from the shared fixtures). */
const FIXTURES = fileURLToPath(new URL('../../../../examples/seed-walkthrough/manifests', import.meta.url));
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const MISMATCH = '`selector` does not match template `labels`';
const EMPTY_SELECTOR = 'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}';

/** The StatusError a call throws (fails the test when it does not throw). */
function failure(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StatusError);
    return e as StatusError;
  }
  throw new Error('expected the call to throw');
}

function edit<T extends MutableObject>(obj: T, change: (o: T) => void): T {
  change(obj);
  return obj;
}

describe('create validation through the API server', () => {
  it.each<[string, MutableObject, string]>([
    [
      'deployment selector does not match template labels',
      edit(deploymentManifest(), (d) => (d.spec.template.metadata.labels = { app: 'other' })),
      `Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: ${MISMATCH}`,
    ],
    [
      'deployment without selector',
      edit(deploymentManifest(), (d) => delete d.spec.selector),
      `Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: ${MISMATCH}]`,
    ],
    [
      'deployment with an empty selector',
      edit(deploymentManifest(), (d) => (d.spec.selector = {})),
      `Deployment.apps "web" is invalid: spec.selector: Invalid value: ${EMPTY_SELECTOR}: empty selector is invalid for deployment`,
    ],
    [
      'deployment with negative replicas',
      edit(deploymentManifest(), (d) => (d.spec.replicas = -1)),
      'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ],
    [
      'deployment without containers',
      edit(deploymentManifest(), (d) => (d.spec.template.spec.containers = [])),
      'Deployment.apps "web" is invalid: spec.template.spec.containers: Required value',
    ],
    [
      'container without image',
      edit(deploymentManifest(), (d) => delete d.spec.template.spec.containers[0].image),
      'Deployment.apps "web" is invalid: spec.template.spec.containers[0].image: Required value',
    ],
    [
      'container without name',
      edit(deploymentManifest(), (d) => delete d.spec.template.spec.containers[0].name),
      'Deployment.apps "web" is invalid: spec.template.spec.containers[0].name: Required value',
    ],
    [
      'volume mount of an undeclared volume',
      edit(deploymentManifest(), (d) => (d.spec.template.spec.containers[0].volumeMounts = [{ name: 'data', mountPath: '/data' }])),
      'Deployment.apps "web" is invalid: spec.template.spec.containers[0].volumeMounts[0].name: Not found: "data"',
    ],
    [
      'duplicate volume names',
      edit(deploymentManifest(), (d) => (d.spec.template.spec.volumes = [{ name: 'data', emptyDir: {} }, { name: 'data', emptyDir: {} }])),
      'Deployment.apps "web" is invalid: spec.template.spec.volumes[1].name: Duplicate value: "data"',
    ],
    [
      'deployment template restartPolicy Never',
      edit(deploymentManifest(), (d) => (d.spec.template.spec.restartPolicy = 'Never')),
      'Deployment.apps "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
    ['invalid object name', deploymentManifest('Web_1'), `Deployment.apps "Web_1" is invalid: metadata.name: Invalid value: "Web_1": ${SUBDOMAIN}`],
    [
      'replicaset with an empty selector reuses the deployment wording',
      edit(replicaSetManifest(), (d) => (d.spec.selector = {})),
      `ReplicaSet.apps "web-1" is invalid: spec.selector: Invalid value: ${EMPTY_SELECTOR}: empty selector is invalid for deployment`,
    ],
    [
      'statefulset selector does not match',
      edit(statefulSetManifest(), (d) => (d.spec.template.metadata.labels = { app: 'x' })),
      `StatefulSet.apps "db" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: ${MISMATCH}`,
    ],
    [
      'statefulset with an empty selector',
      edit(statefulSetManifest(), (d) => (d.spec.selector = {})),
      `StatefulSet.apps "db" is invalid: spec.selector: Invalid value: ${EMPTY_SELECTOR}: empty selector is invalid for statefulset`,
    ],
    ['statefulset names are DNS labels', edit(statefulSetManifest('db.v1'), (s) => (s.spec.serviceName = 'db')), 'StatefulSet.apps "db.v1" is invalid: metadata.name: Invalid value: "db.v1": must not contain dots'],
    [
      'statefulset serviceName must be a DNS label (1.33)',
      edit(statefulSetManifest(), (s) => (s.spec.serviceName = 'Db_Svc')),
      `StatefulSet.apps "db" is invalid: spec.serviceName: Invalid value: "Db_Svc": ${LABEL}`,
    ],
    ['service names are DNS-1035 labels', serviceManifest('1web'), `Service "1web" is invalid: metadata.name: Invalid value: "1web": ${DNS1035}`],
    ['service without ports', edit(serviceManifest(), (s) => (s.spec.ports = [])), 'Service "web" is invalid: spec.ports: Required value'],
    [
      'claim without access modes',
      edit(claimManifest(), (c) => delete c.spec.accessModes),
      'PersistentVolumeClaim "data" is invalid: spec.accessModes: Required value: at least 1 access mode is required',
    ],
    ['claim without storage request', edit(claimManifest(), (c) => (c.spec.resources = {})), 'PersistentVolumeClaim "data" is invalid: spec.resources[storage]: Required value'],
    ['claim of zero bytes', claimManifest('data', '0'), 'PersistentVolumeClaim "data" is invalid: spec.resources[storage]: Invalid value: "0": must be greater than zero'],
    [
      'claim mixing ReadWriteOncePod',
      edit(claimManifest(), (c) => (c.spec.accessModes = ['ReadWriteOncePod', 'ReadWriteOnce'])),
      'PersistentVolumeClaim "data" is invalid: spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes',
    ],
    ['storage class without provisioner', edit(storageClassManifest(), (s) => delete s.provisioner), 'StorageClass.storage.k8s.io "gp2" is invalid: provisioner: Required value'],
    [
      'volume without a source',
      edit(volumeManifest(), (v) => delete v.spec.awsElasticBlockStore),
      'PersistentVolume "pv-1" is invalid: spec: Required value: must specify a volume type',
    ],
    ['namespace names are DNS labels', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'My_NS' } }, `Namespace "My_NS" is invalid: metadata.name: Invalid value: "My_NS": ${LABEL}`],
    [
      'pod label values are checked',
      edit(podManifest(), (p) => (p.metadata.labels = { tier: 'bad value' })),
      `Pod "p" is invalid: metadata.labels: Invalid value: "bad value": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ],
  ])('%s', (_case, manifest, message) => {
    const c = new CoreCluster();
    const before = c.store.writes;
    const err = failure(() => c.api.create(manifest));
    expect(err.reason).toBe('Invalid');
    expect(err.code).toBe(422);
    expect(err.message).toBe(message);
    expect(c.store.writes).toBe(before);
  });

  it('valid manifests of every kind are created', () => {
    const c = new CoreCluster();
    for (const m of [deploymentManifest(), replicaSetManifest(), statefulSetManifest(), podManifest(), claimManifest(), volumeManifest(), storageClassManifest(), serviceManifest()]) {
      expect(c.api.create(m).metadata.uid).toBeDefined();
    }
  });
});

describe('decode errors through the API server', () => {
  it.each<[string, MutableObject, string]>([
    [
      'storage class parameter that is a number',
      edit(storageClassManifest(), (s) => (s.parameters = { iopsPerGB: 10 })),
      'StorageClass in version "v1" cannot be handled as a StorageClass: json: cannot unmarshal number into Go struct field StorageClass.parameters of type string',
    ],
    [
      'storage class parameter that is a bool',
      edit(storageClassManifest(), (s) => (s.parameters = { encrypted: true })),
      'StorageClass in version "v1" cannot be handled as a StorageClass: json: cannot unmarshal bool into Go struct field StorageClass.parameters of type string',
    ],
    [
      'replicas written as a string',
      edit(deploymentManifest(), (d) => (d.spec.replicas = '3')),
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    ],
    [
      'unknown field under strict validation',
      edit(deploymentManifest(), (d) => (d.spec.replica = 3)),
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"',
    ],
    [
      'invalid storage quantity',
      claimManifest('data', '1GB'),
      "PersistentVolumeClaim in version \"v1\" cannot be handled as a PersistentVolumeClaim: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ],
  ])('%s', (_case, manifest, message) => {
    const c = new CoreCluster();
    const err = failure(() => c.api.create(manifest));
    expect(err.reason).toBe('BadRequest');
    expect(err.message).toBe(message);
  });
});

describe('update validation through the API server', () => {
  it('deployment selector is immutable', () => {
    const c = new CoreCluster();
    c.api.create(deploymentManifest());
    const next = edit(deploymentManifest(), (d) => {
      d.spec.selector = { matchLabels: { app: 'web2' } };
      d.spec.template.metadata.labels = { app: 'web2' };
    });
    expect(failure(() => c.api.update(next)).message).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });

  it('statefulset spec other than the mutable fields is frozen; replicas may change', () => {
    const c = new CoreCluster();
    c.api.create(statefulSetManifest());
    const forbidden =
      "StatefulSet.apps \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";
    expect(failure(() => c.api.update(edit(statefulSetManifest(), (s) => (s.spec.serviceName = 'other')))).message).toBe(forbidden);
    const bigger = edit(statefulSetManifest(), (s) => (s.spec.volumeClaimTemplates[0].spec.resources.requests.storage = '2Gi'));
    expect(failure(() => c.api.update(bigger)).message).toBe(forbidden);
    expect(c.api.update(edit(statefulSetManifest(), (s) => (s.spec.replicas = 5))).spec).toMatchObject({ replicas: 5 });
  });

  it('bound claims may grow, come back down only above status.capacity (recovery from a failed expansion), and other spec fields are frozen', () => {
    const c = new CoreCluster();
    c.api.create(claimManifest('data', '2Gi'));
    c.api.updateWith('PersistentVolumeClaim', 'default', 'data', (d) => {
      (d as { status?: unknown }).status = { phase: 'Bound', capacity: { storage: '2Gi' } };
    });
    expect(c.api.update(claimManifest('data', '8Gi')).spec).toMatchObject({ resources: { requests: { storage: '8Gi' } } });
    expect(c.api.update(claimManifest('data', '4Gi')).spec).toMatchObject({ resources: { requests: { storage: '4Gi' } } });
    for (const size of ['2Gi', '1Gi']) {
      expect(failure(() => c.api.update(claimManifest('data', size))).message).toBe(
        'PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity',
      );
    }
    const err = failure(() => c.api.update(edit(claimManifest('data', '4Gi'), (p) => (p.spec.storageClassName = 'io1'))));
    expect(err.message.startsWith('PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n')).toBe(true);
    expect(err.message).toContain('- \tStorageClassName: "gp2",');
    expect(err.message).toContain('+ \tStorageClassName: "io1",');
  });

  it.each<[string, (s: MutableObject) => void, string]>([
    ['provisioner', (s) => (s.provisioner = 'kubernetes.io/aws-ebs'), 'provisioner: Forbidden: updates to provisioner are forbidden.'],
    ['parameters', (s) => (s.parameters = { type: 'gp3' }), 'parameters: Forbidden: updates to parameters are forbidden.'],
    ['reclaimPolicy', (s) => (s.reclaimPolicy = 'Retain'), 'reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.'],
    ['volumeBindingMode', (s) => (s.volumeBindingMode = 'WaitForFirstConsumer'), 'volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable'],
  ])('storage class %s is immutable', (_field, change, detail) => {
    const c = new CoreCluster();
    c.api.create(storageClassManifest());
    expect(failure(() => c.api.update(edit(storageClassManifest(), change))).message).toBe(`StorageClass.storage.k8s.io "gp2" is invalid: ${detail}`);
    expect(c.api.update(edit(storageClassManifest(), (s) => (s.allowVolumeExpansion = true))).allowVolumeExpansion).toBe(true);
  });

  it('persistent volume source is immutable', () => {
    const c = new CoreCluster();
    c.api.create(volumeManifest());
    const err = failure(() => c.api.update(edit(volumeManifest(), (v) => (v.spec.awsElasticBlockStore.volumeID = 'vol-9'))));
    expect(err.message.startsWith('PersistentVolume "pv-1" is invalid: spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation\n')).toBe(true);
  });
});

describe('seed chapter fixtures', () => {
  const load = (name: string) => parseManifests(readFileSync(`${FIXTURES}/${name}.yaml`, 'utf8'), `${name}.yaml`);

  it('01 (template labels do not match) is rejected with the exact text', () => {
    const c = new CoreCluster();
    const [deploy] = load('01-randserver-emptydir');
    const err = failure(() => c.api.apply(deploy as MutableObject));
    expect(err.reason).toBe('Invalid');
    expect(err.message).toBe(`Deployment.apps "randserver" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"example"}: ${MISMATCH}`);
    expect(c.store.get('Deployment', 'default', 'randserver')).toBeUndefined();
  });

  it('apply 01b creates, then 01 (changed labels) is Invalid and leaves 01b in place', () => {
    const c = new CoreCluster();
    const [fixed] = load('01b-randserver-emptydir-fixed');
    expect(c.api.apply(fixed as MutableObject).action).toBe('created');
    const [broken] = load('01-randserver-emptydir');
    const err = failure(() => c.api.apply(broken as MutableObject));
    expect(err.reason).toBe('Invalid');
    expect(err.message).toBe(`Deployment.apps "randserver" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"example"}: ${MISMATCH}`);
    const live = c.store.get('Deployment', 'default', 'randserver');
    expect(live?.spec).toMatchObject({ template: { metadata: { labels: { app: 'randserver' } } } });
  });

  it('every other seed manifest is accepted', () => {
    const c = new CoreCluster();
    for (const f of ['05-storageclass-general-purpose', '06-storageclasses-io1', '07-storageclass-throughput', '08-storageclass-cold-storage', '03-pvc-randserver-data', '02-randserver-ebs-inline', '04-randserver-pvc', '09-service-randserver-headless', '10-statefulset-randserver']) {
      for (const obj of load(f)) expect(['created', 'configured']).toContain(c.api.apply(obj as MutableObject).action);
    }
  });
});
