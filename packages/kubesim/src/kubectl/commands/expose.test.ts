import type { KubeObject } from '@kubesim/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { type KubectlHarness, makeHarness } from '../testing/index.js';

let h: KubectlHarness;

const services = () => h.core.store.list('Service');
const service = (name: string) => h.core.store.get('Service', 'default', name) as (KubeObject & { spec: Record<string, unknown> }) | undefined;

/** A running pod with `labels` and containers exposing `ports` (one container per entry). */
function putPod(name: string, labels: Record<string, string>, ports: { containerPort: number; protocol?: string }[][]): void {
  h.put({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { containers: ports.map((p, i) => ({ name: `c${i}`, image: 'nginx', ...(p.length > 0 ? { ports: p } : {}) })) },
    status: { phase: 'Running' },
  } as unknown as KubeObject);
}

/** An apps/v1 Deployment with `selector` and one container exposing `ports`. */
function putDeployment(name: string, selector: Record<string, unknown>, ports: number[] = [8080]): void {
  h.put({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      replicas: 1,
      selector,
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx', ports: ports.map((containerPort) => ({ containerPort })) }] } },
    },
  } as unknown as KubeObject);
}

/** The failure kubectl reports: exact stderr, exit code 1, nothing on stdout and no Service created. */
function expectFailure(line: string, stderr: string): void {
  const before = services().length;
  expect(h.kubectl(line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  expect(services().length).toBe(before);
}

beforeEach(() => {
  h = makeHarness({});
});

describe('kubectl expose', () => {
  it('exposes a deployment: selector from matchLabels, labels and the port from the object, `service/NAME exposed`', () => {
    h.kubectl('create deployment web --image=nginx --port=80');
    expect(h.kubectl('expose deployment web')).toEqual({ stdout: 'service/web exposed\n', stderr: '', exitCode: 0 });
    const svc = service('web');
    expect(svc?.metadata.labels).toEqual({ app: 'web' });
    expect(svc?.spec).toMatchObject({ selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], type: 'ClusterIP' });
    expect(svc?.spec.ports).toHaveLength(1);
    // --port/--target-port win over the container port; a named target port stays a name.
    expect(h.kubectl('expose deploy/web --port=8080 --target-port=http --name=web-alt').stdout).toBe('service/web-alt exposed\n');
    expect(service('web-alt')?.spec.ports).toEqual([{ port: 8080, protocol: 'TCP', targetPort: 'http' }]);
    expect(h.kubectl('expose deployment.apps web --port=81 --target-port=9000 --name=web-num').exitCode).toBe(0);
    expect(service('web-num')?.spec.ports).toEqual([{ port: 81, protocol: 'TCP', targetPort: 9000 }]);
  });

  it('exposes a pod: the selector is all its labels; several container ports are named port-1, port-2… with their protocols', () => {
    putPod('db', { app: 'db', tier: 'backend' }, [[{ containerPort: 5432 }, { containerPort: 9187, protocol: 'TCP' }], [{ containerPort: 53, protocol: 'UDP' }]]);
    expect(h.kubectl('expose pod db --dry-run=client -o yaml')).toEqual({
      stdout: [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  creationTimestamp: null',
        '  labels:',
        '    app: db',
        '    tier: backend',
        '  name: db',
        'spec:',
        '  ports:',
        '  - name: port-1',
        '    port: 5432',
        '    protocol: TCP',
        '    targetPort: 5432',
        '  - name: port-2',
        '    port: 9187',
        '    protocol: TCP',
        '    targetPort: 9187',
        '  - name: port-3',
        '    port: 53',
        '    protocol: UDP',
        '    targetPort: 53',
        '  selector:',
        '    app: db',
        '    tier: backend',
        'status:',
        '  loadBalancer: {}',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    });
    expect(services()).toEqual([]);
    expect(h.kubectl('expose po db').stdout).toBe('service/db exposed\n');
    expect(service('db')?.spec.selector).toEqual({ app: 'db', tier: 'backend' });
    // --protocol stomps every derived protocol.
    expect(h.kubectl('expose pod db --protocol=UDP --name=db-udp').exitCode).toBe(0);
    const udp = (service('db-udp')?.spec.ports ?? []) as { protocol: string }[];
    expect(udp.map((p) => p.protocol)).toEqual(['UDP', 'UDP', 'UDP']);
  });

  it('one port served over two protocols becomes port-1-tcp and port-1-udp', () => {
    putPod('dns', { app: 'dns' }, [[{ containerPort: 53, protocol: 'TCP' }], [{ containerPort: 53, protocol: 'UDP' }]]);
    expect(h.kubectl('expose pod dns').exitCode).toBe(0);
    expect(service('dns')?.spec.ports).toEqual([
      { name: 'port-1-tcp', protocol: 'TCP', port: 53, targetPort: 53 },
      { name: 'port-1-udp', protocol: 'UDP', port: 53, targetPort: 53 },
    ]);
    // As upstream: the port list drops a repeated container port, the protocol list does not.
    putPod('twice', { app: 'twice' }, [[{ containerPort: 8080 }], [{ containerPort: 8080 }]]);
    const ports = JSON.parse(h.kubectl('expose pod twice --dry-run=client -o json').stdout).spec.ports;
    expect(ports.map((p: { name: string }) => p.name)).toEqual(['port-1-tcp', 'port-1-tcp']);
  });

  it('exposes a service: its selector, labels and ports (target port = port unless --target-port)', () => {
    h.put({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'nginx', namespace: 'default', labels: { team: 'edge' } },
      spec: { selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80, targetPort: 3000, protocol: 'TCP' }] },
    } as unknown as KubeObject);
    expect(h.kubectl('expose service nginx --port=443 --target-port=8443 --name=nginx-https').stdout).toBe('service/nginx-https exposed\n');
    const svc = service('nginx-https');
    expect(svc?.metadata.labels).toEqual({ team: 'edge' });
    expect(svc?.spec).toMatchObject({ selector: { app: 'nginx' }, ports: [{ port: 443, targetPort: 8443, protocol: 'TCP' }] });
    expect(h.kubectl('expose svc nginx --name=copy').exitCode).toBe(0);
    expect(service('copy')?.spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }]);
  });

  it('--labels and --selector replace what would be derived', () => {
    h.kubectl('create deployment web --image=nginx --port=80');
    expect(h.kubectl('expose deployment web -l tier=front,env=prod --selector=app=web,track=stable --name=sel').exitCode).toBe(0);
    expect(service('sel')?.metadata.labels).toEqual({ env: 'prod', tier: 'front' });
    expect(service('sel')?.spec.selector).toEqual({ app: 'web', track: 'stable' });
  });

  it('--type, --external-ip, --session-affinity, --cluster-ip and --load-balancer-ip (LoadBalancer only), in Go field order', () => {
    h.kubectl('create deployment web --image=nginx --port=80');
    expect(h.kubectl('expose deployment web --type=NodePort --name=np').stdout).toBe('service/np exposed\n');
    expect(service('np')?.spec).toMatchObject({ type: 'NodePort', externalTrafficPolicy: 'Cluster' });
    const json = h.kubectl('expose deployment web --type=LoadBalancer --load-balancer-ip=10.0.0.9 --external-ip=1.2.3.4 --session-affinity=ClientIP --cluster-ip=10.100.0.50 --dry-run=client -o json').stdout;
    expect(Object.keys(JSON.parse(json))).toEqual(['kind', 'apiVersion', 'metadata', 'spec', 'status']);
    expect(Object.keys(JSON.parse(json).metadata)).toEqual(['name', 'creationTimestamp', 'labels']);
    expect(JSON.stringify(JSON.parse(json).spec)).toBe(
      '{"ports":[{"protocol":"TCP","port":80,"targetPort":80}],"selector":{"app":"web"},"clusterIP":"10.100.0.50","type":"LoadBalancer","externalIPs":["1.2.3.4"],"sessionAffinity":"ClientIP","loadBalancerIP":"10.0.0.9"}',
    );
    expect(JSON.parse(h.kubectl('expose deployment web --type=NodePort --load-balancer-ip=10.0.0.9 --dry-run=client -o json').stdout).spec.loadBalancerIP).toBeUndefined();
    expect(h.kubectl('expose deployment web --cluster-ip=None --name=headless').exitCode).toBe(0);
    expect(service('headless')?.spec.clusterIP).toBe('None');
  });

  it('a headless service needs no port', () => {
    putPod('bare', { app: 'bare' }, [[]]);
    expect(h.kubectl('expose pod bare --cluster-ip=None --dry-run=client -o yaml').stdout).toBe(
      ['apiVersion: v1', 'kind: Service', 'metadata:', '  creationTimestamp: null', '  labels:', '    app: bare', '  name: bare', 'spec:', '  clusterIP: None', '  selector:', '    app: bare', 'status:', '  loadBalancer: {}', ''].join('\n'),
    );
  });

  it('a client dry run prints the service as sent (namespace only with -n) and creates nothing; -o name', () => {
    h.kubectl('create deployment web --image=nginx --port=80');
    expect(h.kubectl('expose deployment web --dry-run=client')).toEqual({ stdout: 'service/web exposed (dry run)\n', stderr: '', exitCode: 0 });
    expect(h.kubectl('expose deployment web --dry-run=client -o name').stdout).toBe('service/web\n');
    expect(h.kubectl('expose deployment web --port=80 --dry-run=client -n default -o yaml').stdout).toBe(
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  creationTimestamp: null',
        '  labels:',
        '    app: web',
        '  name: web',
        '  namespace: default',
        'spec:',
        '  ports:',
        '  - port: 80',
        '    protocol: TCP',
        '    targetPort: 80',
        '  selector:',
        '    app: web',
        'status:',
        '  loadBalancer: {}',
        '',
      ].join('\n'),
    );
    expect(h.kubectl('expose deployment web --dry-run=client -o jsonpath={.spec.selector.app}').stdout).toBe('web');
    expect(services()).toEqual([]);
  });

  it('a server dry run validates against the API and stores nothing', () => {
    h.kubectl('create deployment web --image=nginx --port=80');
    expect(h.kubectl('expose deployment web --dry-run=server')).toEqual({ stdout: 'service/web exposed (server dry run)\n', stderr: '', exitCode: 0 });
    const yaml = h.kubectl('expose deployment web --dry-run=server -o yaml').stdout;
    expect(yaml).toContain('  namespace: default\n');
    expect(yaml).toContain('  sessionAffinity: None\n  type: ClusterIP\n');
    expect(services()).toEqual([]);
    // The API's validation still answers: an invalid type is refused.
    expect(h.kubectl('expose deployment web --type=Bogus --dry-run=server').stderr).toMatch(/^The Service "web" is invalid: spec\.type: Unsupported value: "Bogus"/);
  });

  it('-f exposes the object as written in the file, without fetching it, in the namespace in effect', () => {
    h = makeHarness(
      {},
      {
        'rs.yaml': [
          'apiVersion: apps/v1',
          'kind: ReplicaSet',
          'metadata:',
          '  name: front',
          '  labels:',
          '    app: front',
          'spec:',
          '  selector:',
          '    matchLabels:',
          '      app: front',
          '  template:',
          '    metadata:',
          '      labels:',
          '        app: front',
          '    spec:',
          '      containers:',
          '      - name: web',
          '        image: nginx',
          '        ports:',
          '        - containerPort: 8000',
          '',
        ].join('\n'),
      },
    );
    expect(h.core.store.list('ReplicaSet')).toEqual([]);
    expect(h.kubectl('expose -f rs.yaml --port=80 --target-port=8000')).toEqual({ stdout: 'service/front exposed\n', stderr: '', exitCode: 0 });
    expect(service('front')?.spec).toMatchObject({ selector: { app: 'front' }, ports: [{ port: 80, targetPort: 8000 }] });
    expectFailure('expose -f rs.yaml rs front', 'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n');
    expectFailure('expose -f rs.yaml rs/front', 'error: resource/name arguments cannot be provided when a path is specified\n');
    expectFailure('expose -f missing.yaml', 'error: the path "missing.yaml" does not exist\n');
  });

  it('--save-config stores the object as sent in the last-applied annotation', () => {
    h.kubectl('create deployment web --image=nginx --port=80');
    h.kubectl('expose deployment web --save-config');
    expect(service('web')?.metadata.annotations).toEqual({
      'kubectl.kubernetes.io/last-applied-configuration':
        '{"kind":"Service","apiVersion":"v1","metadata":{"name":"web","creationTimestamp":null,"labels":{"app":"web"}},"spec":{"ports":[{"protocol":"TCP","port":80,"targetPort":80}],"selector":{"app":"web"}},"status":{"loadBalancer":{}}}\n',
    });
  });

  it('several objects: each printed as it is exposed, YAML documents separated; what the first filled in stays', () => {
    putPod('a', { app: 'a' }, [[{ containerPort: 80 }]]);
    putPod('b', { app: 'b' }, [[{ containerPort: 81 }]]);
    const docs = h.kubectl('expose pod a b --dry-run=client -o yaml').stdout.split('---\n');
    expect(docs).toHaveLength(2);
    expect(docs[1]).toContain('  name: b\n');
    // As upstream's options are reused, b gets a's selector, labels and port.
    expect(docs[1]).toContain('  selector:\n    app: a\n');
    expect(docs[1]).toContain('  - port: 80\n');
  });

  it('the default name is the object name cut to 63 characters', () => {
    const long = `a${'b'.repeat(70)}`;
    putPod(long, { app: 'x' }, [[{ containerPort: 80 }]]);
    expect(h.kubectl(`expose pod ${long}`).stdout).toBe(`service/${long.slice(0, 63)} exposed\n`);
  });
});

describe('kubectl expose errors', () => {
  it('no port on the object and none given', () => {
    putPod('bare', { app: 'bare' }, [[]]);
    expectFailure('expose pod bare', "error: couldn't find port via --port flag or introspection\n");
  });

  it('selectors that cannot be derived', () => {
    putPod('nolabels', {}, [[{ containerPort: 80 }]]);
    expectFailure('expose pod nolabels', "error: couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed\n");
    putDeployment('expr', { matchLabels: { app: 'expr' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }, { key: 'env', operator: 'Exists' }] });
    expectFailure(
      'expose deployment expr',
      'error: couldn\'t retrieve selectors via --selector flag or introspection: couldn\'t convert expressions - "[{Key:tier Operator:In Values:[a b]} {Key:env Operator:Exists Values:[]}]" to map-based selector format\n',
    );
    putDeployment('onlyexpr', { matchExpressions: [{ key: 'app', operator: 'In', values: ['x'] }] });
    expectFailure('expose deployment onlyexpr', "error: couldn't retrieve selectors via --selector flag or introspection: invalid deployment: no selectors, therefore cannot be exposed\n");
    h.put({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'example.com' } } as unknown as KubeObject);
    expectFailure('expose svc ext --port=80 --name=other', "error: couldn't retrieve selectors via --selector flag or introspection: the service has no pod selector set\n");
    // An explicit --selector needs nothing derived.
    expect(h.kubectl('expose deployment expr --selector=app=expr').exitCode).toBe(0);
  });

  it('kinds that cannot be exposed, and objects that do not exist', () => {
    h.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: {} } as unknown as KubeObject);
    expectFailure('expose configmap cfg --port=80', 'error: cannot expose a ConfigMap\n');
    h.put({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'ss', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'ss' } } } } as unknown as KubeObject);
    expectFailure('expose sts ss --port=80', 'error: cannot expose a StatefulSet.apps\n');
    expectFailure('expose deployment nope', 'Error from server (NotFound): deployments.apps "nope" not found\n');
    expectFailure('expose rc nope', 'error: the server doesn\'t have a resource type "rc"\n');
  });

  it('bad flags: port, labels, session affinity, output format, dry-run', () => {
    h.kubectl('create deployment web --image=nginx --port=80');
    expectFailure('expose deployment web --port=http', 'error: strconv.Atoi: parsing "http": invalid syntax\n');
    expectFailure('expose deployment web -l tier', 'error: unexpected label spec: tier\n');
    expectFailure('expose deployment web --selector==web', 'error: unexpected empty label key\n');
    expectFailure('expose deployment web --session-affinity=Sticky', 'error: unknown session affinity: Sticky\n');
    expectFailure(
      'expose deployment web -o wide',
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    );
    expectFailure('expose deployment web --dry-run=maybe', 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n');
  });

  it('resource arguments as the builder checks them', () => {
    expectFailure(
      'expose',
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
    expectFailure('expose deployment', 'error: resource(s) were provided, but no name was specified\n');
    expectFailure('expose all web', 'error: you must specify only one resource\n');
    expectFailure('expose widget web', 'error: the server doesn\'t have a resource type "widget"\n');
    expectFailure(
      'expose deployment deployment/web',
      "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n",
    );
    expectFailure('expose deployment/web/x', 'error: arguments in resource/name form may not have more than one slash\n');
  });

  it('the API refuses a name that is taken', () => {
    h.kubectl('create deployment web --image=nginx --port=80');
    h.kubectl('expose deployment web');
    expectFailure('expose deployment web', 'Error from server (AlreadyExists): services "web" already exists\n');
  });

  it('each object is visited: the others are exposed, the errors listed at the end in their bare form', () => {
    h.kubectl('create deployment web --image=nginx --port=80');
    h.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web', namespace: 'default' }, data: {} } as unknown as KubeObject);
    expect(h.kubectl('expose deployment nope web other')).toEqual({
      stdout: 'service/web exposed\n',
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found\nError from server (NotFound): deployments.apps "other" not found\n',
      exitCode: 1,
    });
    // One failure is printed as checkErr prints any error; several, one bare line each.
    expect(h.kubectl('expose cm/web deploy/web --name=second')).toEqual({ stdout: 'service/second exposed\n', stderr: 'error: cannot expose a ConfigMap\n', exitCode: 1 });
    expect(h.kubectl('expose cm/web deploy/web cm/web --name=third')).toEqual({ stdout: 'service/third exposed\n', stderr: 'cannot expose a ConfigMap\ncannot expose a ConfigMap\n', exitCode: 1 });
  });
});
