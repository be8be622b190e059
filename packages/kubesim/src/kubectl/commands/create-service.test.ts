import { beforeEach, describe, expect, it } from 'vitest';
import { type KubectlHarness, makeHarness } from '../testing/index.js';

let h: KubectlHarness;

beforeEach(() => {
  h = makeHarness({});
});

const failure = (stderr: string) => ({ stdout: '', stderr: `${stderr}\n`, exitCode: 1 });
const services = () => h.core.store.list('Service').filter((s) => s.metadata.name !== 'kubernetes');
const spec = (name: string) => h.core.store.get('Service', 'default', name)?.spec as Record<string, unknown>;

describe('kubectl create service', () => {
  it('a client dry run prints the Service as kubectl 1.33 does (status.loadBalancer: {}) and creates nothing', () => {
    expect(h.kubectl('create service clusterip my-cs --tcp=5678:8080 --dry-run=client -o yaml')).toEqual({
      stdout: [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  creationTimestamp: null',
        '  labels:',
        '    app: my-cs',
        '  name: my-cs',
        'spec:',
        '  ports:',
        '  - name: 5678-8080',
        '    port: 5678',
        '    protocol: TCP',
        '    targetPort: 8080',
        '  selector:',
        '    app: my-cs',
        '  type: ClusterIP',
        'status:',
        '  loadBalancer: {}',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    });
    // Headless: no ports needed, clusterIP None.
    expect(h.kubectl('create svc clusterip db --clusterip=None --dry-run=client -o yaml').stdout).toBe(
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  creationTimestamp: null',
        '  labels:',
        '    app: db',
        '  name: db',
        'spec:',
        '  clusterIP: None',
        '  selector:',
        '    app: db',
        '  type: ClusterIP',
        'status:',
        '  loadBalancer: {}',
        '',
      ].join('\n'),
    );
    // -o json keeps the Go struct order: ports, selector, clusterIP, type, externalName; a port's name, protocol, port, targetPort, nodePort.
    expect(JSON.parse(h.kubectl('create service nodeport np --tcp=80:http --node-port=30080 --dry-run=client -o json').stdout)).toEqual({
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name: 'np', creationTimestamp: null, labels: { app: 'np' } },
      spec: { ports: [{ name: '80-http', protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 30080 }], selector: { app: 'np' }, type: 'NodePort' },
      status: { loadBalancer: {} },
    });
    expect(h.kubectl('create service externalname ext --external-name=db.example.com -n team --dry-run=client -o json').stdout).toBe(
      `${JSON.stringify(
        {
          kind: 'Service',
          apiVersion: 'v1',
          metadata: { name: 'ext', namespace: 'team', creationTimestamp: null, labels: { app: 'ext' } },
          spec: { selector: { app: 'ext' }, type: 'ExternalName', externalName: 'db.example.com' },
          status: { loadBalancer: {} },
        },
        null,
        4,
      )}\n`,
    );
    expect(h.kubectl('create service loadbalancer lb --tcp=80 --dry-run=server').stdout).toBe('service/lb created (server dry run)\n');
    expect(services()).toEqual([]);
  });

  it('creates each type; a bare port targets itself, several --tcp give several ports', () => {
    expect(h.kubectl('create service clusterip web --tcp=80,443:8443')).toEqual({ stdout: 'service/web created\n', stderr: '', exitCode: 0 });
    expect(spec('web')).toMatchObject({
      type: 'ClusterIP',
      selector: { app: 'web' },
      ports: [
        { name: '80', protocol: 'TCP', port: 80, targetPort: 80 },
        { name: '443-8443', protocol: 'TCP', port: 443, targetPort: 8443 },
      ],
    });
    expect(h.core.store.get('Service', 'default', 'web')?.metadata.labels).toEqual({ app: 'web' });
    expect(h.kubectl('create service nodeport np --tcp=80:8080 --node-port=30080').stdout).toBe('service/np created\n');
    expect(spec('np')).toMatchObject({ type: 'NodePort', ports: [{ name: '80-8080', port: 80, targetPort: 8080, nodePort: 30080 }] });
    expect(h.kubectl('create service loadbalancer lb --tcp=443:https').stdout).toBe('service/lb created\n');
    expect(spec('lb')).toMatchObject({ type: 'LoadBalancer', ports: [{ name: '443-https', port: 443, targetPort: 'https' }] });
    expect(h.kubectl('create service externalname ext --external-name=db.example.com').stdout).toBe('service/ext created\n');
    expect(spec('ext')).toMatchObject({ type: 'ExternalName', externalName: 'db.example.com' });
    expect(spec('ext').ports).toBeUndefined();
  });

  it('an API error comes back wrapped with the type (`failed to create %s service: %v`)', () => {
    h.kubectl('create service clusterip web --tcp=80');
    expect(h.kubectl('create service clusterip web --tcp=80')).toEqual(failure('error: failed to create ClusterIP service: services "web" already exists'));
    expect(h.kubectl('create service nodeport Web --tcp=80').stderr).toMatch(/^error: failed to create NodePort service: Service "Web" is invalid: metadata\.name: Invalid value: "Web": a DNS-1035 label/);
  });

  it.each([
    ['create service clusterip --tcp=80', "error: exactly one NAME is required, got 0\nSee 'kubectl create service clusterip -h' for help and examples"],
    ['create svc nodeport a b --tcp=80', "error: exactly one NAME is required, got 2\nSee 'kubectl create service nodeport -h' for help and examples"],
    ['create service clusterip web', 'error: at least one tcp port specifier must be provided'],
    ['create service loadbalancer lb', 'error: at least one tcp port specifier must be provided'],
    ['create service nodeport np --clusterip=None', "error: unknown flag: --clusterip\nSee 'kubectl create service nodeport --help' for usage."],
    ['create service clusterip web --tcp=80 --node-port=30000', "error: unknown flag: --node-port\nSee 'kubectl create service clusterip --help' for usage."],
    ['create service externalname ext', 'error: required flag(s) "external-name" not set'],
    ['create service externalname --tcp=80', 'error: required flag(s) "external-name" not set'],
    ['create service externalname ext --external-name=Bad_Name', 'error: invalid service external name Bad_Name'],
    ['create service clusterip web --tcp=http', 'error: strconv.ParseUint: parsing "http": invalid syntax'],
    ['create service clusterip web --tcp=:80', 'error: strconv.ParseUint: parsing "": invalid syntax'],
    ['create service clusterip web --tcp=65536', 'error: strconv.ParseUint: parsing "65536": value out of range'],
    ['create service clusterip web --tcp=80:0', 'error: must be between 1 and 65535, inclusive'],
    ['create service clusterip web --tcp=80:-1', 'error: must be between 1 and 65535, inclusive'],
    ['create service clusterip web --tcp=80:', 'error: must contain only alphanumeric characters (a-z, 0-9), and hyphens (-),must contain at least one letter (a-z)'],
    ['create service clusterip web --tcp=80:Web--', 'error: must contain only alphanumeric characters (a-z, 0-9), and hyphens (-),must not contain consecutive hyphens,must not begin or end with a hyphen'],
    ['create service clusterip web --tcp=80:a-very-long-port-name', 'error: must be no more than 15 characters'],
    ['create service clusterip web --tcp=80 --dry-run=maybe', 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".'],
  ])('%s → %s, nothing created', (line, stderr) => {
    expect(h.kubectl(line)).toEqual(failure(stderr));
    expect(services()).toEqual([]);
  });
});
