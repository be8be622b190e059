import type { KubeObject } from '@kubesim/core';
import { describe, expect, it } from 'vitest';
import { makeHarness } from '../testing/index.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.25
        envFrom:
        - secretRef:
            name: db
        volumeMounts:
        - name: config
          mountPath: /etc/web
      volumes:
      - name: config
        configMap:
          name: web-config
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
`;

/** A base (Deployment, Service, generated ConfigMap and Secret) and a prod overlay. */
const BASE: Readonly<Record<string, string>> = {
  'app/base/kustomization.yaml': `resources:
- deployment.yaml
- service.yaml
configMapGenerator:
- name: web-config
  literals:
  - LOG_LEVEL=info
secretGenerator:
- name: db
  literals:
  - password=s3cret
`,
  'app/base/deployment.yaml': DEPLOYMENT,
  'app/base/service.yaml': SERVICE,
  'app/overlays/prod/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: prod
namePrefix: prod-
commonLabels:
  env: prod
resources:
- ../../base
- namespace.yaml
images:
- name: nginx
  newTag: "1.27"
replicas:
- name: web
  count: 3
`,
  'app/overlays/prod/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: placeholder\n',
};

/** What kustomize builds from the prod overlay: legacy order, namespace, prefix, labels, image, replicas, hashed names referenced. */
const PROD = `apiVersion: v1
kind: Namespace
metadata:
  labels:
    env: prod
  name: prod
---
apiVersion: v1
data:
  LOG_LEVEL: info
kind: ConfigMap
metadata:
  labels:
    env: prod
  name: prod-web-config-9m962g9m6b
  namespace: prod
---
apiVersion: v1
data:
  password: czNjcmV0
kind: Secret
metadata:
  labels:
    env: prod
  name: prod-db-td79ct8f24
  namespace: prod
type: Opaque
---
apiVersion: v1
kind: Service
metadata:
  labels:
    env: prod
  name: prod-web
  namespace: prod
spec:
  ports:
  - port: 80
    targetPort: 8080
  selector:
    app: web
    env: prod
---
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    env: prod
  name: prod-web
  namespace: prod
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
      env: prod
  template:
    metadata:
      labels:
        app: web
        env: prod
    spec:
      containers:
      - envFrom:
        - secretRef:
            name: prod-db-td79ct8f24
        image: nginx:1.27
        name: web
        volumeMounts:
        - mountPath: /etc/web
          name: config
      volumes:
      - configMap:
          name: prod-web-config-9m962g9m6b
        name: config
`;

type Deployment = KubeObject & { spec: { replicas: number; template: { spec: { containers: { image: string }[]; volumes: { configMap: { name: string } }[] } } } };

describe('kubectl kustomize', () => {
  it('builds a base and an overlay as kustomize prints them', () => {
    const h = makeHarness({}, BASE);
    expect(h.kubectl('kustomize app/overlays/prod')).toEqual({ stdout: PROD, stderr: '', exitCode: 0 });
    // The base alone: its own hashes (the name is part of the hash), references to them.
    const base = h.kubectl('kustomize app/base').stdout;
    expect(base).toMatch(/^apiVersion: v1\ndata:\n {2}LOG_LEVEL: info\nkind: ConfigMap\nmetadata:\n {2}name: web-config-2kd5bf9d5g\n---\n/);
    expect(base).toContain('        - secretRef:\n            name: db-bmmf6cm8cf\n        image: nginx:1.25\n');
    expect(base).toContain('      - configMap:\n          name: web-config-2kd5bf9d5g\n        name: config\n');
  });

  it('hashes a generated ConfigMap as kubectl documents it (configmap/special-config-2-c92b5mmcf2)', () => {
    const h = makeHarness({}, { 'kustomization.yaml': 'configMapGenerator:\n- name: special-config-2\n  literals:\n  - special.how=very\n  - special.type=charm\n' });
    expect(h.kubectl('kustomize')).toEqual({
      stdout: 'apiVersion: v1\ndata:\n  special.how: very\n  special.type: charm\nkind: ConfigMap\nmetadata:\n  name: special-config-2-c92b5mmcf2\n',
      stderr: '',
      exitCode: 0,
    });
    expect(h.kubectl('apply -k .').stdout).toBe('configmap/special-config-2-c92b5mmcf2 created\n');
  });

  it('writes to a file with -o; takes one directory at most', () => {
    const h = makeHarness({}, BASE);
    expect(h.kubectl('kustomize app/overlays/prod -o out/prod.yaml')).toEqual({ stdout: '', stderr: 'error: open out/prod.yaml: no such file or directory\n', exitCode: 1 });
    expect(h.kubectl('kustomize app/overlays/prod -o prod.yaml')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(h.ctx.files?.readFile('prod.yaml')).toBe(PROD);
    expect(h.kubectl('kustomize app/base app/overlays/prod')).toEqual({ stdout: '', stderr: 'error: specify one path to kustomization.yaml\n', exitCode: 1 });
  });

  it('holds files to the kustomization root unless --load-restrictor LoadRestrictionsNone', () => {
    const h = makeHarness({}, { 'shared/svc.yaml': BASE['app/base/service.yaml'], 'app/kustomization.yaml': 'resources:\n- ../shared/svc.yaml\n' });
    expect(h.kubectl('kustomize app').stderr).toBe(
      "error: accumulating resources: accumulation err='accumulating resources from '../shared/svc.yaml': security; file '/shared/svc.yaml' is not in or below '/app'': must build at directory: '/shared/svc.yaml': file is not directory\n",
    );
    expect(h.kubectl('kustomize app --load-restrictor LoadRestrictionsNone').stdout).toMatch(/^apiVersion: v1\nkind: Service\nmetadata:\n {2}name: web\n/);
    expect(h.kubectl('kustomize app --load-restrictor Open').stderr).toBe(
      'error: illegal flag value --load-restrictor Open; legal values: [LoadRestrictionsRootOnly LoadRestrictionsNone]\n',
    );
  });
});

describe('kustomize errors', () => {
  const h = makeHarness(
    {},
    {
      ...BASE,
      'plain/deployment.yaml': BASE['app/base/deployment.yaml'],
      'missing/kustomization.yaml': 'resources:\n- deployment.yaml\n',
      'uses-plain/kustomization.yaml': 'resources:\n- ../plain\n',
      'uses-missing/kustomization.yaml': 'resources:\n- ../missing\n',
      'typo/kustomization.yaml': 'resource:\n- deployment.yaml\n',
      'helm/kustomization.yaml': 'helmCharts:\n- name: minecraft\n  repo: https://itzg.github.io/minecraft-server-charts\n',
      'empty-helm/kustomization.yaml': 'resources:\n- ../app/base\nhelmCharts: []\n',
      'vars/kustomization.yaml': 'resources:\n- ../app/base\nvars:\n- name: X\n  objref:\n    kind: Service\n    name: web\n    apiVersion: v1\n',
      'two/kustomization.yaml': 'resources: []\n',
      'two/kustomization.yml': 'resources: []\n',
      'empty/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n',
      'kind/kustomization.yaml': 'kind: Deployment\nresources: []\n',
      'dup/kustomization.yaml': 'resources:\n- ../app/base\n- svc.yaml\n',
      'dup/svc.yaml': BASE['app/base/service.yaml'],
      'ping/kustomization.yaml': 'resources:\n- ../pong\n',
      'pong/kustomization.yaml': 'resources:\n- ../ping\n',
    },
  );
  const err = (line: string) => {
    const r = h.kubectl(line);
    expect(r.stdout).toBe('');
    expect(r.exitCode).toBe(1);
    return r.stderr;
  };

  it('a directory without a kustomization, at the top and as a base', () => {
    expect(err('kustomize plain')).toBe("error: unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '/plain'\n");
    expect(err('kustomize uses-plain')).toBe(
      "error: accumulating resources: accumulation err='accumulating resources from '../plain': '/plain' must resolve to a file': couldn't make target for path '/plain': unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '/plain'\n",
    );
    expect(err('kustomize nowhere')).toBe("error: must build at directory: not a valid directory: evalsymlink failure on 'nowhere' : lstat /nowhere: no such file or directory\n");
    expect(err('kustomize app/base/service.yaml')).toBe("error: must build at directory: '/app/base/service.yaml': file is not directory\n");
  });

  it('a resource file that does not exist, directly and in a base', () => {
    const missing =
      "accumulating resources: accumulation err='accumulating resources from 'deployment.yaml': evalsymlink failure on '/missing/deployment.yaml' : lstat /missing/deployment.yaml: no such file or directory': must build at directory: not a valid directory: evalsymlink failure on '/missing/deployment.yaml' : lstat /missing/deployment.yaml: no such file or directory";
    expect(err('kustomize missing')).toBe(`error: ${missing}\n`);
    expect(err('kustomize uses-missing')).toBe(
      `error: accumulating resources: accumulation err='accumulating resources from '../missing': '/missing' must resolve to a file': recursed accumulation of path '/missing': ${missing}\n`,
    );
  });

  it('an unknown field is kustomize strict decoding error; a known one kubesim does not emulate is named', () => {
    expect(err('kustomize typo')).toBe('error: invalid Kustomization: json: unknown field "resource"\n');
    expect(err('kustomize helm')).toBe('error: kubesim does not emulate the kustomization field "helmCharts"\n');
    expect(err('kustomize vars')).toBe(
      "# Warning: 'vars' is deprecated. Please use 'replacements' instead. [EXPERIMENTAL] Run 'kustomize edit fix' to update your Kustomization automatically.\nerror: kubesim does not emulate the kustomization field \"vars\"\n",
    );
    // An empty field does nothing, so there is nothing to refuse.
    expect(h.kubectl('kustomize empty-helm').exitCode).toBe(0);
  });

  it('bases that name each other are a cycle, not an endless build', () => {
    expect(err('kustomize ping')).toBe(
      "error: accumulating resources: accumulation err='accumulating resources from '../pong': '/pong' must resolve to a file': recursed accumulation of path '/pong': accumulating resources: accumulation err='accumulating resources from '../ping': '/ping' must resolve to a file': cycle detected: candidate root '/ping' contains visited root '/ping'\n",
    );
  });

  it('several kustomization files, an empty one, a wrong kind, a resource twice', () => {
    expect(err('kustomize two')).toBe('error: Found multiple kustomization files under: /two\n');
    expect(err('kustomize empty')).toBe('error: kustomization.yaml is empty\n');
    expect(err('kustomize kind')).toBe('error: Failed to read kustomization file under /kind:\nkind should be Kustomization or Component\n');
    expect(err('kustomize dup')).toBe(
      "error: accumulating resources: accumulation err='merging resources from 'svc.yaml': may not add resource with an already registered id: Service.v1.[noGrp]/web.[noNs]': must build at directory: '/dup/svc.yaml': file is not directory\n",
    );
  });
});

describe('apply -k, get -k, delete -k', () => {
  it('apply -k creates what the build gives, in its order; a second apply changes nothing', () => {
    const h = makeHarness({}, BASE);
    expect(h.kubectl('apply -k app/overlays/prod')).toEqual({
      stdout:
        'namespace/prod created\nconfigmap/prod-web-config-9m962g9m6b created\nsecret/prod-db-td79ct8f24 created\nservice/prod-web created\ndeployment.apps/prod-web created\n',
      stderr: '',
      exitCode: 0,
    });
    const d = h.core.store.get<Deployment>('Deployment', 'prod', 'prod-web');
    expect(d?.spec.replicas).toBe(3);
    expect(d?.spec.template.spec.containers[0].image).toBe('nginx:1.27');
    expect(d?.spec.template.spec.volumes[0].configMap.name).toBe('prod-web-config-9m962g9m6b');
    expect(h.core.store.get('ConfigMap', 'prod', 'prod-web-config-9m962g9m6b')).toMatchObject({ data: { LOG_LEVEL: 'info' }, metadata: { labels: { env: 'prod' } } });
    expect(h.core.store.get('Secret', 'prod', 'prod-db-td79ct8f24')).toMatchObject({ data: { password: 'czNjcmV0' }, type: 'Opaque' });
    expect(h.core.store.get('ConfigMap', 'default', 'web-config-2kd5bf9d5g')).toBeUndefined();
    expect(h.kubectl('apply -k app/overlays/prod').stdout).toBe(
      'namespace/prod unchanged\nconfigmap/prod-web-config-9m962g9m6b unchanged\nsecret/prod-db-td79ct8f24 unchanged\nservice/prod-web unchanged\ndeployment.apps/prod-web unchanged\n',
    );
  });

  it('get -k finds each object in its namespace; delete -k deletes them', () => {
    const h = makeHarness({}, BASE);
    h.kubectl('apply -k app/overlays/prod');
    expect(h.kubectl('get -k app/overlays/prod -o name')).toEqual({
      stdout: 'namespace/prod\nconfigmap/prod-web-config-9m962g9m6b\nsecret/prod-db-td79ct8f24\nservice/prod-web\ndeployment.apps/prod-web\n',
      stderr: '',
      exitCode: 0,
    });
    expect(h.kubectl('delete -k app/overlays/prod --wait=false').stdout).toBe(
      'namespace "prod" deleted\nconfigmap "prod-web-config-9m962g9m6b" deleted\nsecret "prod-db-td79ct8f24" deleted\nservice "prod-web" deleted\ndeployment.apps "prod-web" deleted\n',
    );
  });

  it('build errors, and -k with -f or -R, are kubectl errors before anything is sent', () => {
    const h = makeHarness({}, { ...BASE, 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' });
    expect(h.kubectl('apply -k app')).toEqual({
      stdout: '',
      stderr: "error: unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '/app'\n",
      exitCode: 1,
    });
    expect(h.kubectl('apply -f cm.yaml -k app/base')).toEqual({ stdout: '', stderr: 'error: only one of -f or -k can be specified\n', exitCode: 1 });
    expect(h.kubectl('delete -f cm.yaml -R -k app/base').stderr).toBe("error: [only one of -f or -k can be specified, the -k flag can't be used with -f or -R]\n");
    expect(h.kubectl('apply')).toEqual({ stdout: '', stderr: 'error: must specify one of -f and -k\n', exitCode: 1 });
    expect(h.core.store.list('ConfigMap', 'default')).toEqual([]);
  });

  it('an object of the build that the server refuses is reported with the directory as its source', () => {
    const h = makeHarness({}, { ...BASE, 'app/overlays/dev/kustomization.yaml': 'namespace: dev\nresources:\n- ../../base\n' });
    const notFound = 'Error from server (NotFound): error when creating "app/overlays/dev": namespaces "dev" not found';
    expect(h.kubectl('apply -k app/overlays/dev')).toEqual({ stdout: '', stderr: `${[notFound, notFound, notFound, notFound].join('\n')}\n`, exitCode: 1 });
  });
});
