import { describe, expect, it } from 'vitest';
import { defaultDeployment } from '../defaults/apps.js';
import { defaultSecret, defaultService } from '../defaults/core.js';
import { defaultPod } from '../defaults/pod-spec.js';
import type { KubeObject } from '../object.js';
import type { MutableObject } from '../strategy.js';
import { validateDeployment } from './apps.js';
import { validateConfigMap, validatePod, validatePodUpdate, validateSecret, validateSecretUpdate, validateService } from './core.js';
import { validateObjectMeta } from './object-meta.js';
import { validatePersistentVolume, validatePersistentVolumeClaim } from './storage.js';
import { claimManifest, deploymentManifest, podManifest, serviceManifest, volumeManifest } from './testing.js';
import { isConfigMapKey, nameIsDNSSubdomain } from '../names.js';

const texts = (errs: readonly { toString(): string }[]) => errs.map(String);
const ns = <T extends MutableObject>(o: T): T => {
  o.metadata.namespace = 'default';
  return o;
};

function pod(change: (p: ReturnType<typeof podManifest>) => void): MutableObject {
  const p = ns(podManifest());
  change(p);
  defaultPod(p);
  return p;
}

describe('object metadata', () => {
  it.each<[string, MutableObject, boolean, string[]]>([
    ['name or generateName required', { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'default' } }, true, ['metadata.name: Required value: name or generateName is required']],
    ['generateName alone is fine (the store names it)', { apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'web-', namespace: 'default' } }, true, []],
    ['namespace required on namespaced kinds', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' } }, true, ['metadata.namespace: Required value']],
    ['namespace forbidden on cluster kinds', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'a', namespace: 'x' } }, false, ['metadata.namespace: Forbidden: not allowed on this type']],
    [
      'annotation keys are qualified names',
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'a', annotations: { 'a/b/c': 'x' } } },
      false,
      [
        `metadata.annotations: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
      ],
    ],
    [
      'annotations over 256 KiB',
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'a', annotations: { big: 'x'.repeat(262144) } } },
      false,
      ['metadata.annotations: Too long: may not be more than 262144 bytes'],
    ],
  ])('%s', (_case, obj, namespaced, expected) => {
    expect(texts(validateObjectMeta(obj, namespaced, nameIsDNSSubdomain))).toEqual(expected);
  });
});

describe('pod spec rules', () => {
  it.each<[string, (p: ReturnType<typeof podManifest>) => void, string[]]>([
    ['containerPort out of range', (p) => (p.spec.containers[0].ports = [{ containerPort: 70000 }]), ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive']],
    ['containerPort required', (p) => (p.spec.containers[0].ports = [{ name: 'http' }]), ['spec.containers[0].ports[0].containerPort: Required value']],
    [
      'unsupported protocol',
      (p) => (p.spec.containers[0].ports = [{ containerPort: 80, protocol: 'HTTP' }]),
      ['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    ],
    ['duplicate container names', (p) => p.spec.containers.push({ name: 'app', image: 'x:1' }), ['spec.containers[1].name: Duplicate value: "app"']],
    [
      'container name must be a DNS label',
      (p) => (p.spec.containers[0].name = 'App'),
      [
        "spec.containers[0].name: Invalid value: \"App\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
    ['claim volume needs claimName', (p) => (p.spec.volumes = [{ name: 'd', persistentVolumeClaim: {} }]), ['spec.volumes[0].persistentVolumeClaim.claimName: Required value']],
    ['two volume sources', (p) => (p.spec.volumes = [{ name: 'd', emptyDir: {}, hostPath: { path: '/x' } }]), ['spec.volumes[0].emptyDir: Forbidden: may not specify more than 1 volume type']],
    ['mountPath required', (p) => {
      p.spec.volumes = [{ name: 'd', emptyDir: {} }];
      p.spec.containers[0].volumeMounts = [{ name: 'd' }];
    }, ['spec.containers[0].volumeMounts[0].mountPath: Required value']],
    ['unsupported dnsPolicy', (p) => (p.spec.dnsPolicy = 'Cluster'), ['spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"']],
    [
      'toleration seconds need NoExecute',
      (p) => (p.spec.tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }]),
      ["spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"],
    ],
  ])('%s', (_case, change, expected) => {
    expect(texts(validatePod(pod(change)))).toEqual(expected);
  });

  it('pod updates may only change images, deadlines and add tolerations', () => {
    const old = pod(() => {});
    const next = structuredClone(old);
    next.spec.containers[0].image = 'nginx:1.26';
    expect(validatePodUpdate(next, old as never)).toEqual([]);
    next.spec.containers[0].command = ['sh'];
    expect(texts(validatePodUpdate(next, old as never))[0]).toMatch(/^spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`/);
  });

  it('an existing toleration may change only its tolerationSeconds', () => {
    const old = pod((p) => (p.spec.tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]));
    const next = structuredClone(old);
    next.spec.tolerations[0].tolerationSeconds = 60;
    expect(texts(validatePodUpdate(next, old as never))).toEqual([]);
    next.spec.tolerations[0].key = 'other';
    expect(texts(validatePodUpdate(next, old as never))).toEqual(['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds']);
  });

  describe('a gated pod may narrow where it schedules (ValidatePodUpdate, mutable scheduling directives)', () => {
    const ZONE = 'topology.kubernetes.io/zone';
    const TERMS = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';
    const zoneIn = (...values: string[]) => ({ key: ZONE, operator: 'In', values });
    const required = (...terms: object[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } });
    type Manifest = ReturnType<typeof podManifest>;
    const base = (gated: boolean, change: (p: Manifest) => void = () => {}) =>
      pod((p) => {
        if (gated) p.spec.schedulingGates = [{ name: 'example.com/quota' }];
        change(p);
      });
    const update = (old: MutableObject, change: (spec: Manifest['spec']) => void) => {
      const next = structuredClone(old) as Manifest;
      change(next.spec);
      return texts(validatePodUpdate(next, old as never));
    };
    const FORBIDDEN = /^spec: Forbidden: pod updates may not change fields other than/;

    it.each<[string, boolean, (p: Manifest) => void, (spec: Manifest['spec']) => void, (string | RegExp)[]]>([
      ['gated: a nodeSelector entry added', true, () => {}, (s) => (s.nodeSelector = { [ZONE]: 'us-east-1b' }), []],
      ['gated: an entry added beside an existing one', true, (p) => (p.spec.nodeSelector = { disk: 'ssd' }), (s) => (s.nodeSelector.zone = 'b'), []],
      [
        'gated: an existing entry changed',
        true,
        (p) => (p.spec.nodeSelector = { disk: 'ssd' }),
        (s) => (s.nodeSelector = { disk: 'hdd', zone: 'b' }),
        ['spec.nodeSelector: Invalid value: map[string]string{"disk":"hdd", "zone":"b"}: only additions to spec.nodeSelector are allowed (no mutations or deletions)'],
      ],
      [
        'gated: the nodeSelector removed',
        true,
        (p) => (p.spec.nodeSelector = { disk: 'ssd' }),
        (s) => delete s.nodeSelector,
        ['spec.nodeSelector: Invalid value: map[string]string(nil): only additions to spec.nodeSelector are allowed (no mutations or deletions)'],
      ],
      ['not gated: a nodeSelector entry added', false, () => {}, (s) => (s.nodeSelector = { [ZONE]: 'us-east-1b' }), [FORBIDDEN]],
      ['gated: required node affinity set where there was none', true, () => {}, (s) => (s.affinity = required({ matchExpressions: [zoneIn('us-east-1a')] })), []],
      [
        'gated: a match expression added to an existing term',
        true,
        (p) => (p.spec.affinity = required({ matchExpressions: [zoneIn('us-east-1a', 'us-east-1b')] })),
        (s) => s.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions.push({ key: 'disk', operator: 'Exists' }),
        [],
      ],
      [
        'gated: an existing match expression changed',
        true,
        (p) => (p.spec.affinity = required({ matchExpressions: [zoneIn('us-east-1a', 'us-east-1b')] })),
        (s) => (s.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions = [zoneIn('us-east-1a')]),
        [
          `${TERMS}[0]: Invalid value: core.NodeSelectorTerm{MatchExpressions:[]core.NodeSelectorRequirement{core.NodeSelectorRequirement{Key:"${ZONE}", Operator:"In", Values:[]string{"us-east-1a"}}}, MatchFields:[]core.NodeSelectorRequirement(nil)}: only additions are allowed (no mutations or deletions)`,
        ],
      ],
      [
        'gated: a term added to a non-empty list',
        true,
        (p) => (p.spec.affinity = required({ matchExpressions: [zoneIn('us-east-1a')] })),
        (s) => s.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.push({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }),
        [
          `${TERMS}: Invalid value: []core.NodeSelectorTerm{core.NodeSelectorTerm{MatchExpressions:[]core.NodeSelectorRequirement{core.NodeSelectorRequirement{Key:"${ZONE}", Operator:"In", Values:[]string{"us-east-1a"}}}, MatchFields:[]core.NodeSelectorRequirement(nil)}, core.NodeSelectorTerm{MatchExpressions:[]core.NodeSelectorRequirement(nil), MatchFields:[]core.NodeSelectorRequirement{core.NodeSelectorRequirement{Key:"metadata.name", Operator:"In", Values:[]string{"n1"}}}}}: no additions/deletions to non-empty NodeSelectorTerms list are allowed`,
        ],
      ],
      [
        'gated: preferred node affinity changed freely',
        true,
        (p) => (p.spec.affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [zoneIn('us-east-1a')] } }] } }),
        (s) => (s.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight = 50),
        [],
      ],
      ['not gated: required node affinity set', false, () => {}, (s) => (s.affinity = required({ matchExpressions: [zoneIn('us-east-1a')] })), [FORBIDDEN]],
      [
        'gated: pod affinity is not among them',
        true,
        () => {},
        (s) => (s.affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: ZONE, labelSelector: { matchLabels: { app: 'db' } } }] } }),
        [FORBIDDEN],
      ],
      ['gated: another field still may not change', true, () => {}, (s) => (s.containers[0].command = ['sh']), [FORBIDDEN]],
    ])('%s', (_case, gated, given, change, expected) => {
      const errs = update(base(gated, given), change);
      expect(errs).toHaveLength(expected.length);
      for (const [i, e] of expected.entries()) {
        if (typeof e === 'string') expect(errs[i]).toBe(e);
        else expect(errs[i]).toMatch(e);
      }
    });
  });
});

describe('deployment strategy', () => {
  it.each<[string, object, string[]]>([
    ['both zero', { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }, ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0']],
    [
      'bad percent',
      { type: 'RollingUpdate', rollingUpdate: { maxSurge: '1%', maxUnavailable: 'half' } },
      [
        "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"half\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      ],
    ],
    ['over 100%', { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '150%' } }, ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%']],
    ['Recreate with rollingUpdate', { type: 'Recreate', rollingUpdate: {} }, ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]],
  ])('%s', (_case, strategy, expected) => {
    const d = ns(deploymentManifest());
    d.spec.strategy = strategy;
    defaultDeployment(d);
    expect(texts(validateDeployment(d))).toEqual(expected);
  });

  it('an image with surrounding whitespace is refused in a pod (validateContainersOnlyForPod) but not in a template', () => {
    const d = ns(deploymentManifest());
    d.spec.template.spec.containers[0].image = ' nginx';
    defaultDeployment(d);
    expect(texts(validateDeployment(d))).toEqual([]);
    // After every spec error, as upstream appends the pod-only checks last.
    const p = pod((x) => {
      x.spec.containers[0].image = 'nginx ';
      x.spec.dnsPolicy = 'Cluster';
    });
    expect(texts(validatePod(p))).toEqual([
      'spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"',
      'spec.containers[0].image: Invalid value: "nginx ": must not have leading or trailing whitespace',
    ]);
  });

  it('matchExpressions select the template too', () => {
    const d = ns(deploymentManifest());
    d.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] };
    defaultDeployment(d);
    expect(validateDeployment(d)).toEqual([]);
    d.spec.selector.matchExpressions[0].values = ['api'];
    expect(texts(validateDeployment(d))).toEqual(['spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`']);
  });
});

describe('secrets', () => {
  const secret = (extra: Record<string, unknown>): MutableObject => {
    const o = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, ...extra } as MutableObject;
    defaultSecret(o);
    return o;
  };

  it('stringData is merged into data as base64 (overwriting) and dropped; type defaults to Opaque', () => {
    const o = secret({ data: { a: Buffer.from('old').toString('base64'), b: 'Yg==' }, stringData: { a: 'new', c: 'ç' } });
    expect(o).toMatchObject({ type: 'Opaque', data: { a: 'bmV3', b: 'Yg==', c: 'w6c=' } });
    expect(o).not.toHaveProperty('stringData');
    expect(texts(validateSecret(o))).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['bad key', { data: { 'a b': 'eA==' } }, ["data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"]],
    ['tls needs both keys', { type: 'kubernetes.io/tls', data: {} }, ['data[tls.crt]: Required value', 'data[tls.key]: Required value']],
    ['docker config json', { type: 'kubernetes.io/dockerconfigjson', data: {} }, ['data[.dockerconfigjson]: Required value']],
    ['basic auth needs one of them', { type: 'kubernetes.io/basic-auth', data: {} }, ['data[username]: Required value', 'data[password]: Required value']],
    ['basic auth with a username only', { type: 'kubernetes.io/basic-auth', stringData: { username: 'u' } }, []],
    ['service account token', { type: 'kubernetes.io/service-account-token' }, ['metadata.annotations[kubernetes.io/service-account.name]: Required value']],
    ['over 1 MiB decoded', { stringData: { big: 'x'.repeat(1024 * 1024 + 1) } }, ['data: Too long: may not be more than 1048576 bytes']],
  ])('%s', (_case, extra, expected) => {
    expect(texts(validateSecret(secret(extra)))).toEqual(expected);
  });

  it('updates keep the type, and an immutable secret its data', () => {
    const old = secret({ stringData: { a: 'x' }, immutable: true });
    const next = secret({ stringData: { a: 'y' }, type: 'kubernetes.io/basic-auth', immutable: true });
    expect(texts(validateSecretUpdate(next, old as unknown as KubeObject))).toEqual([
      'type: Invalid value: "kubernetes.io/basic-auth": field is immutable',
      'data: Forbidden: field is immutable when `immutable` is set',
      // Then ValidateSecret of the new object, as upstream appends it.
      'data[username]: Required value',
      'data[password]: Required value',
    ]);
  });
});

describe('services, config maps, storage', () => {
  it('multi-port services need port names; ports in range', () => {
    const s = ns(serviceManifest());
    s.spec.ports = [{ port: 80 }, { port: 0, name: 'b' }];
    defaultService(s);
    expect(texts(validateService(s))).toEqual([
      'spec.ports[0].name: Required value',
      'spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      // targetPort defaults to port, so it is out of range too
      'spec.ports[1].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
  });

  it('config map keys', () => {
    expect(isConfigMapKey('..x')).toEqual(["must not start with '..'"]);
    const cm: MutableObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { 'a b': 'x' } };
    expect(texts(validateConfigMap(cm))).toEqual([
      "data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
  });

  it('claim storage class names and volume modes', () => {
    const c = ns(claimManifest());
    c.spec.storageClassName = 'Fast_SSD';
    c.spec.volumeMode = 'Raw';
    const errs = texts(validatePersistentVolumeClaim(c));
    expect(errs[0]).toMatch(/^spec\.storageClassName: Invalid value: "Fast_SSD": a lowercase RFC 1123 subdomain/);
    expect(errs[1]).toBe('spec.volumeMode: Unsupported value: "Raw": supported values: "Block", "Filesystem"');
  });

  it('volumes need a positive storage capacity and a reclaim policy', () => {
    const v = volumeManifest();
    v.spec.capacity = { storage: '0' };
    v.spec.persistentVolumeReclaimPolicy = 'Retain';
    expect(texts(validatePersistentVolume(v))).toEqual(['spec.capacity[storage]: Invalid value: "0": must be greater than zero']);
  });

  it('a hostPath volume source is checked as a pod volume is: no .. in its path, a known type', () => {
    const v = volumeManifest();
    delete v.spec.awsElasticBlockStore;
    delete v.spec.csi;
    v.spec.persistentVolumeReclaimPolicy = 'Retain';
    v.spec.hostPath = { path: '/mnt/../data', type: 'Folder' };
    expect(texts(validatePersistentVolume(v))).toEqual([
      'spec.hostPath.path: Invalid value: "/mnt/../data": must not contain \'..\'',
      'spec.hostPath.type: Unsupported value: "Folder": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
    ]);
    v.spec.hostPath = { path: '/mnt/data', type: 'DirectoryOrCreate' };
    expect(texts(validatePersistentVolume(v))).toEqual([]);
  });
});
