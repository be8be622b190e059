import type { ConfigMap, Container, EnvVar as ApiEnvVar, Pod, Secret, Service, ServicePort } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import {
  configMapKeyNotFoundMessage,
  configMapNotFoundMessage,
  type EnvResult,
  type EnvSources,
  getServiceEnvVarMap,
  makeEnvironmentVariables,
  secretKeyNotFoundMessage,
  secretNotFoundMessage,
} from './container-env.js';
import { fromServices, makeEnvVariableName } from './envvars.js';
import { expand, mappingFuncFor } from './expansion.js';
import { containerProcessEnv, DEFAULT_PATH } from './image-env.js';

const KUBERNETES: Service = {
  metadata: { name: 'kubernetes', namespace: 'default' },
  spec: { clusterIP: '10.100.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 443 }] },
};

/** The eight variables every pod gets for `default/kubernetes` on EKS, in FromServices order. */
const KUBERNETES_VARS = [
  ['KUBERNETES_SERVICE_HOST', '10.100.0.1'],
  ['KUBERNETES_SERVICE_PORT', '443'],
  ['KUBERNETES_SERVICE_PORT_HTTPS', '443'],
  ['KUBERNETES_PORT', 'tcp://10.100.0.1:443'],
  ['KUBERNETES_PORT_443_TCP', 'tcp://10.100.0.1:443'],
  ['KUBERNETES_PORT_443_TCP_PROTO', 'tcp'],
  ['KUBERNETES_PORT_443_TCP_PORT', '443'],
  ['KUBERNETES_PORT_443_TCP_ADDR', '10.100.0.1'],
];

const NET = { podIP: '10.0.1.23', podIPs: ['10.0.1.23'], hostIPs: ['10.0.1.5'] };

function service(name: string, namespace: string, clusterIP: string, ports: ServicePort[] = [{ port: 80, protocol: 'TCP' }]): Service {
  return { metadata: { name, namespace }, spec: { clusterIP, ports } };
}

/** In-memory sources: `default/kubernetes` plus what the case adds. */
function sources(extra: { configMaps?: ConfigMap[]; secrets?: Secret[]; services?: Service[]; allocatable?: Record<string, string> } = {}): EnvSources {
  const byName = <T extends { metadata?: { name?: string; namespace?: string } }>(list: T[] | undefined, ns: string, name: string) =>
    list?.find((o) => o.metadata?.namespace === ns && o.metadata?.name === name);
  const services = [KUBERNETES, ...(extra.services ?? [])];
  return {
    configMap: (ns, name) => byName(extra.configMaps, ns, name),
    secret: (ns, name) => byName(extra.secrets, ns, name),
    services: (ns) => services.filter((s) => s.metadata?.namespace === ns),
    service: (ns, name) => byName(services, ns, name),
    nodeAllocatable: () => extra.allocatable ?? { cpu: '1930m', memory: '7291604Ki', 'ephemeral-storage': '18242267924', pods: '29' },
  };
}

function configMap(name: string, data: Record<string, string>, namespace = 'default'): ConfigMap {
  return { metadata: { name, namespace }, data };
}

function secret(name: string, data: Record<string, string>, namespace = 'default'): Secret {
  const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')]));
  return { metadata: { name, namespace }, data: encoded };
}

function pod(container: Partial<Container>, extra: Partial<NonNullable<Pod['spec']>> = {}, namespace = 'default'): { pod: Pod; container: Container } {
  const c: Container = { name: 'app', image: 'busybox', ...container };
  const p: Pod = {
    metadata: { name: 'web-0', namespace, uid: '6f1e0c5a-1b2c-4d3e-8f90-123456789abc', labels: { app: 'web', tier: 'front' }, annotations: { 'example.com/owner': 'team-a' } },
    spec: { nodeName: 'ip-10-0-1-5.ec2.internal', serviceAccountName: 'default', enableServiceLinks: true, containers: [c], ...extra },
  };
  return { pod: p, container: c };
}

function build(container: Partial<Container>, src = sources(), extra: Partial<NonNullable<Pod['spec']>> = {}): EnvResult {
  const p = pod(container, extra);
  return makeEnvironmentVariables(p.pod, p.container, NET, src);
}

/** The kubelet's variables as `[name, value]` pairs, or the error. */
function pairs(r: EnvResult): string[][] | string {
  return 'error' in r ? r.error : r.env.map((e) => [e.name, e.value]);
}

/** The kubelet's variables without the service links of `default/kubernetes`. */
function own(r: EnvResult): string[][] | string {
  const p = pairs(r);
  return typeof p === 'string' ? p : p.filter(([n]) => !n.startsWith('KUBERNETES_'));
}

describe('expansion (expand.go)', () => {
  const vars = new Map([
    ['A', 'alpha'],
    ['B', 'beta'],
  ]);
  it.each([
    ['1-1 known reference', '$(A)', 'alpha'],
    ['1-2 references in text', 'x-$(A)-$(B)-y', 'x-alpha-beta-y'],
    ['1-3 unknown reference left as written', '$(C)/$(A)', '$(C)/alpha'],
    ['1-4 $$ escapes the operator', '$$(A)', '$(A)'],
    ['1-5 $$ alone is one $', 'cost: $$5', 'cost: $5'],
    ['1-6 $ before another character stays', '$A and $1', '$A and $1'],
    ['1-7 incomplete reference stays', '$(A', '$(A'],
    ['1-8 trailing $ stays', 'tail$', 'tail$'],
    ['1-9 empty name maps to $()', '$()', '$()'],
    ['1-10 $$$(A): escape then reference', '$$$(A)', '$alpha'],
  ])('%s', (_name, input, want) => {
    expect(expand(input, mappingFuncFor(vars))).toBe(want);
  });

  it('1-11 the first context that has the name wins', () => {
    const mapping = mappingFuncFor(new Map([['X', 'first']]), new Map([['X', 'second'], ['Y', 'only-second']]));
    expect(expand('$(X) $(Y)', mapping)).toBe('first only-second');
  });
});

describe('service links (envvars.go, getServiceEnvVarMap)', () => {
  it('2-1 default/kubernetes gives the eight variables a real EKS pod has', () => {
    expect(fromServices([KUBERNETES]).map((e) => [e.name, e.value])).toEqual(KUBERNETES_VARS);
  });

  it('2-2 every port: host, first port, named ports, then the Docker link variables per port', () => {
    const svc = service('my-svc', 'default', '10.100.12.34', [
      { name: 'http', port: 80, protocol: 'TCP' },
      { name: 'dns-udp', port: 53, protocol: 'UDP' },
    ]);
    expect(fromServices([svc]).map((e) => `${e.name}=${e.value}`)).toEqual([
      'MY_SVC_SERVICE_HOST=10.100.12.34',
      'MY_SVC_SERVICE_PORT=80',
      'MY_SVC_SERVICE_PORT_HTTP=80',
      'MY_SVC_SERVICE_PORT_DNS_UDP=53',
      'MY_SVC_PORT=tcp://10.100.12.34:80',
      'MY_SVC_PORT_80_TCP=tcp://10.100.12.34:80',
      'MY_SVC_PORT_80_TCP_PROTO=tcp',
      'MY_SVC_PORT_80_TCP_PORT=80',
      'MY_SVC_PORT_80_TCP_ADDR=10.100.12.34',
      'MY_SVC_PORT_53_UDP=udp://10.100.12.34:53',
      'MY_SVC_PORT_53_UDP_PROTO=udp',
      'MY_SVC_PORT_53_UDP_PORT=53',
      'MY_SVC_PORT_53_UDP_ADDR=10.100.12.34',
    ]);
  });

  it('2-3 names: dashes to _, upper case, nothing else changed', () => {
    expect(['web', 'my-svc', '80-80', 'https'].map(makeEnvVariableName)).toEqual(['WEB', 'MY_SVC', '80_80', 'HTTPS']);
  });

  it('2-3b an IPv6 ClusterIP is bracketed in the URLs', () => {
    const svc = service('v6', 'default', 'fd00:10:96::a', [{ port: 80, protocol: 'TCP' }]);
    expect(fromServices([svc]).find((e) => e.name === 'V6_PORT')?.value).toBe('tcp://[fd00:10:96::a]:80');
  });

  it('2-4 only ClusterIP Services of the pod namespace, plus default/kubernetes; headless and ExternalName skipped', () => {
    const src = sources({
      services: [
        service('db', 'shop', '10.100.7.7'),
        service('headless', 'shop', 'None'),
        service('external', 'shop', ''),
        service('elsewhere', 'other', '10.100.8.8'),
      ],
    });
    const names = [...getServiceEnvVarMap('shop', true, src).keys()];
    expect(names.filter((n) => n.endsWith('_SERVICE_HOST'))).toEqual(['DB_SERVICE_HOST', 'KUBERNETES_SERVICE_HOST']);
  });

  it('2-5 enableServiceLinks false: the master service only', () => {
    const src = sources({ services: [service('db', 'shop', '10.100.7.7')] });
    expect([...getServiceEnvVarMap('shop', false, src)]).toEqual(KUBERNETES_VARS);
  });

  it("2-6 the pod namespace's own `kubernetes` Service wins over default's", () => {
    const src = sources({ services: [service('kubernetes', 'shop', '10.100.9.9')] });
    expect(getServiceEnvVarMap('shop', true, src).get('KUBERNETES_SERVICE_HOST')).toBe('10.100.9.9');
  });

  it("2-7 a headless `kubernetes` Service in the pod namespace does not hide default's", () => {
    const src = sources({ services: [service('kubernetes', 'shop', 'None')] });
    expect([...getServiceEnvVarMap('shop', true, src)]).toEqual(KUBERNETES_VARS);
  });
});

describe('makeEnvironmentVariables', () => {
  it('3-1 value and $(VAR) expansion against earlier env, envFrom and service variables; later ones stay', () => {
    const src = sources({ configMaps: [configMap('cfg', { MODE: 'prod' })] });
    const env: ApiEnvVar[] = [
      { name: 'A', value: 'one' },
      { name: 'B', value: '$(A)-$(MODE)-$(LATER)' },
      { name: 'API', value: 'https://$(KUBERNETES_SERVICE_HOST):$(KUBERNETES_SERVICE_PORT)' },
      { name: 'LATER', value: 'late' },
      { name: 'ESC', value: '$$(A)' },
      { name: 'EMPTY', value: '' },
    ];
    expect(own(build({ envFrom: [{ configMapRef: { name: 'cfg' } }], env }, src))).toEqual([
      ['MODE', 'prod'],
      ['A', 'one'],
      ['B', 'one-prod-$(LATER)'],
      ['API', 'https://10.100.0.1:443'],
      ['LATER', 'late'],
      ['ESC', '$(A)'],
      ['EMPTY', ''],
    ]);
  });

  it.each([
    ['metadata.name', 'web-0'],
    ['metadata.namespace', 'default'],
    ['metadata.uid', '6f1e0c5a-1b2c-4d3e-8f90-123456789abc'],
    ["metadata.labels['app']", 'web'],
    ["metadata.labels['missing']", ''],
    ["metadata.annotations['example.com/owner']", 'team-a'],
    ['metadata.labels', 'app="web"\ntier="front"'],
    ['spec.nodeName', 'ip-10-0-1-5.ec2.internal'],
    ['spec.serviceAccountName', 'default'],
    ['status.hostIP', '10.0.1.5'],
    ['status.hostIPs', '10.0.1.5'],
    ['status.podIP', '10.0.1.23'],
    ['status.podIPs', '10.0.1.23'],
    ['spec.host', 'ip-10-0-1-5.ec2.internal'],
  ])('3-2 fieldRef %s', (fieldPath, want) => {
    expect(own(build({ env: [{ name: 'V', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } }] }))).toEqual([['V', want]]);
  });

  it.each([
    ['spec.schedulerName', 'unsupported fieldPath: spec.schedulerName'],
    ["spec.nodeName['x']", "field label does not support subscript: spec.nodeName['x']"],
    ['spec.containers', 'field label not supported: spec.containers'],
  ])('3-3 fieldRef %s fails: %s', (fieldPath, want) => {
    expect(own(build({ env: [{ name: 'V', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } }] }))).toBe(want);
  });

  it.each([
    ['limits.cpu, 500m, divisor 1m', { resource: 'limits.cpu', divisor: '1m' }, '500'],
    ['limits.cpu, 500m, no divisor: rounded up', { resource: 'limits.cpu' }, '1'],
    ['limits.memory unset: node allocatable', { resource: 'limits.memory' }, String(7291604 * 1024)],
    ['limits.memory unset, divisor 1Mi', { resource: 'limits.memory', divisor: '1Mi' }, String(Math.ceil((7291604 * 1024) / 1048576))],
    ['requests.memory 64Mi, divisor 1Mi', { resource: 'requests.memory', divisor: '1Mi' }, '64'],
    ['requests.cpu 250m, divisor 1m', { resource: 'requests.cpu', divisor: '1m' }, '250'],
    ['requests.ephemeral-storage unset', { resource: 'requests.ephemeral-storage' }, '0'],
    ['limits.ephemeral-storage unset: node allocatable', { resource: 'limits.ephemeral-storage' }, '18242267924'],
    ['another container by name', { resource: 'limits.cpu', divisor: '1m', containerName: 'side' }, '1930'],
  ])('3-4 resourceFieldRef %s', (_name, ref, want) => {
    const c: Partial<Container> = {
      resources: { limits: { cpu: '500m' }, requests: { cpu: '250m', memory: '64Mi' } },
      env: [{ name: 'V', valueFrom: { resourceFieldRef: ref } }],
    };
    const extra = { containers: [{ name: 'app', image: 'busybox', ...c }, { name: 'side', image: 'busybox' }] };
    const p = pod(c, extra);
    expect(own(makeEnvironmentVariables(p.pod, p.container, NET, sources()))).toEqual([['V', want]]);
  });

  it('3-4b a zero limit reads as the node allocatable too', () => {
    const c = { resources: { limits: { memory: '0' } }, env: [{ name: 'V', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Ki' } } }] };
    expect(own(build(c))).toEqual([['V', '7291604']]);
  });

  it('3-5 resourceFieldRef of an unknown resource or container fails with upstream text', () => {
    expect(own(build({ env: [{ name: 'V', valueFrom: { resourceFieldRef: { resource: 'limits.pods' } } }] }))).toBe('unsupported container resource : limits.pods');
    expect(own(build({ env: [{ name: 'V', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', containerName: 'nope' } } }] }))).toBe('container nope not found');
  });

  it('3-6 configMapKeyRef and secretKeyRef (decoded), optional ones skipped when missing', () => {
    const src = sources({ configMaps: [configMap('cfg', { color: 'blue' })], secrets: [secret('creds', { password: 's3cr3t' })] });
    const env: ApiEnvVar[] = [
      { name: 'COLOR', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'color' } } },
      { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
      { name: 'NO_CM', valueFrom: { configMapKeyRef: { name: 'absent', key: 'k', optional: true } } },
      { name: 'NO_KEY', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'size', optional: true } } },
      { name: 'NO_SECRET', valueFrom: { secretKeyRef: { name: 'absent', key: 'k', optional: true } } },
      { name: 'NO_SECRET_KEY', valueFrom: { secretKeyRef: { name: 'creds', key: 'user', optional: true } } },
      { name: 'REF', value: '$(NO_CM)' },
    ];
    expect(own(build({ env }, src))).toEqual([
      ['COLOR', 'blue'],
      ['PASSWORD', 's3cr3t'],
      ['REF', '$(NO_CM)'],
    ]);
  });

  it.each([
    ['missing ConfigMap', { configMapKeyRef: { name: 'cfg', key: 'k' } }, 'configmap "cfg" not found'],
    ['missing key in ConfigMap', { configMapKeyRef: { name: 'present', key: 'k' } }, "couldn't find key k in ConfigMap default/present"],
    ['missing Secret', { secretKeyRef: { name: 'creds', key: 'k' } }, 'secret "creds" not found'],
    ['missing key in Secret', { secretKeyRef: { name: 'present', key: 'k' } }, "couldn't find key k in Secret default/present"],
  ])('3-7 %s: %s', (_name, valueFrom, want) => {
    const src = sources({ configMaps: [configMap('present', { other: '1' })], secrets: [secret('present', { other: '1' })] });
    expect(build({ env: [{ name: 'V', valueFrom }] }, src)).toEqual({ error: want });
  });

  it('3-8 error texts are upstream’s', () => {
    expect(configMapNotFoundMessage('cfg')).toBe('configmap "cfg" not found');
    expect(secretNotFoundMessage('creds')).toBe('secret "creds" not found');
    expect(configMapKeyNotFoundMessage('k', 'shop', 'cfg')).toBe("couldn't find key k in ConfigMap shop/cfg");
    expect(secretKeyNotFoundMessage('k', 'shop', 'creds')).toBe("couldn't find key k in Secret shop/creds");
  });

  it('3-9 envFrom: keys sorted per source, prefix, optional skip, non-identifier keys kept (1.30+), env overrides in place', () => {
    const src = sources({
      configMaps: [configMap('cfg', { 'app.invalid': 'dotted', b_key: '2', a_key: '1', '1st': 'digit' })],
      secrets: [secret('creds', { token: 't0k' })],
    });
    const r = build(
      {
        envFrom: [{ configMapRef: { name: 'cfg' } }, { configMapRef: { name: 'absent', optional: true } }, { secretRef: { name: 'creds' }, prefix: 'S_' }],
        env: [
          { name: 'b_key', value: 'from-env' },
          { name: 'KUBERNETES_SERVICE_PORT', value: '8443' },
        ],
      },
      src,
    );
    const p = pairs(r) as string[][];
    expect(p.slice(0, 6)).toEqual([
      ['1st', 'digit'],
      ['a_key', '1'],
      ['app.invalid', 'dotted'],
      ['b_key', 'from-env'],
      ['S_token', 't0k'],
      ['KUBERNETES_SERVICE_PORT', '8443'],
    ]);
    // A service variable the pod set itself is not added again.
    expect(p.filter(([n]) => n === 'KUBERNETES_SERVICE_PORT')).toEqual([['KUBERNETES_SERVICE_PORT', '8443']]);
    expect(p.slice(6)).toEqual(KUBERNETES_VARS.filter(([n]) => n !== 'KUBERNETES_SERVICE_PORT'));
  });

  it('3-10 envFrom errors: missing ConfigMap or Secret', () => {
    expect(build({ envFrom: [{ configMapRef: { name: 'cfg' } }] })).toEqual({ error: 'configmap "cfg" not found' });
    expect(build({ envFrom: [{ secretRef: { name: 'creds' } }] })).toEqual({ error: 'secret "creds" not found' });
  });

  it('3-11 service variables come last, Services in name order; enableServiceLinks false keeps only the master service', () => {
    const src = sources({ services: [service('zeta', 'default', '10.100.1.2'), service('alpha', 'default', '10.100.1.1')] });
    const hosts = (r: EnvResult) => (pairs(r) as string[][]).filter(([n]) => n.endsWith('_SERVICE_HOST')).map(([n]) => n);
    expect(hosts(build({ env: [{ name: 'A', value: '1' }] }, src))).toEqual(['ALPHA_SERVICE_HOST', 'KUBERNETES_SERVICE_HOST', 'ZETA_SERVICE_HOST']);
    expect(pairs(build({ env: [{ name: 'A', value: '1' }] }, src, { enableServiceLinks: false }))).toEqual([['A', '1'], ...KUBERNETES_VARS]);
  });
});

describe('process environment (containerd + runc)', () => {
  const kubelet = [
    { name: 'A', value: '1' },
    { name: 'KUBERNETES_SERVICE_HOST', value: '10.100.0.1' },
  ];

  it('4-1 busybox: PATH, HOSTNAME, the kubelet variables, then HOME', () => {
    const p = pod({ image: 'busybox:1.36' });
    expect(Object.entries(containerProcessEnv(p.pod, p.container, 'web-0', kubelet))).toEqual([
      ['PATH', DEFAULT_PATH],
      ['HOSTNAME', 'web-0'],
      ['A', '1'],
      ['KUBERNETES_SERVICE_HOST', '10.100.0.1'],
      ['HOME', '/root'],
    ]);
  });

  it("4-2 nginx: the image's ENV after HOSTNAME; a kubelet variable of the same name replaces it in place", () => {
    const p = pod({ image: 'nginx:1.27', tty: true });
    expect(Object.entries(containerProcessEnv(p.pod, p.container, 'web-0', [{ name: 'NJS_VERSION', value: 'mine' }, ...kubelet]))).toEqual([
      ['PATH', DEFAULT_PATH],
      ['TERM', 'xterm'],
      ['HOSTNAME', 'web-0'],
      ['NGINX_VERSION', '1.27.5'],
      ['NJS_VERSION', 'mine'],
      ['NJS_RELEASE', '1~bookworm'],
      ['PKG_RELEASE', '1~bookworm'],
      ['DYNPKG_RELEASE', '1~bookworm'],
      ['A', '1'],
      ['KUBERNETES_SERVICE_HOST', '10.100.0.1'],
      ['HOME', '/root'],
    ]);
  });

  it('4-3 PATH and HOSTNAME from the pod replace the defaults in place; HOME set by the pod is kept, an empty one is not', () => {
    const p = pod({ image: 'busybox' });
    const env = [
      { name: 'HOSTNAME', value: 'custom' },
      { name: 'PATH', value: '/opt/bin' },
      { name: 'HOME', value: '/data' },
    ];
    expect(Object.entries(containerProcessEnv(p.pod, p.container, 'web-0', env))).toEqual([
      ['PATH', '/opt/bin'],
      ['HOSTNAME', 'custom'],
      ['HOME', '/data'],
    ]);
    expect(containerProcessEnv(p.pod, p.container, 'web-0', [{ name: 'HOME', value: '' }]).HOME).toBe('/root');
  });

  it('4-4 a non-root user gets HOME=/', () => {
    const p = pod({ image: 'busybox', securityContext: { runAsUser: 1000 } });
    expect(containerProcessEnv(p.pod, p.container, 'web-0', []).HOME).toBe('/');
    const q = pod({ image: 'busybox' }, { securityContext: { runAsUser: 65534 } });
    expect(containerProcessEnv(q.pod, q.container, 'web-0', []).HOME).toBe('/');
  });
});
