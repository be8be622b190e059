import { describe, expect, it } from 'vitest';
import { makeHarness } from '../testing/index.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    tier: frontend
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
        env:
        - name: MODE
          value: base
      - name: sidecar
        image: busybox:1.35
      volumes:
      - name: cache
        emptyDir: {}
      - name: scratch
        emptyDir: {}
`;

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n';

const files = (kustomization: string, extra: Record<string, string> = {}) =>
  makeHarness({}, { 'base/kustomization.yaml': 'resources:\n- deployment.yaml\n- service.yaml\n', 'base/deployment.yaml': DEPLOYMENT, 'base/service.yaml': SERVICE, 'o/kustomization.yaml': kustomization, ...extra });

describe('strategic merge patches', () => {
  it('merge maps, delete with null and $patch: delete, merge containers by name with the patch elements first', () => {
    const h = files('resources:\n- ../base\npatches:\n- path: patch.yaml\n', {
      'o/patch.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    tier: null
spec:
  template:
    spec:
      containers:
      - name: sidecar
        image: busybox:1.36
      - name: logger
        image: fluent-bit:3
      - name: web
        env:
        - name: MODE
          value: prod
      volumes:
      - name: scratch
        $patch: delete
`,
    });
    expect(h.kubectl('kustomize o').stdout).toBe(`apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  labels: {}
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
      - image: busybox:1.36
        name: sidecar
      - image: fluent-bit:3
        name: logger
      - env:
        - name: MODE
          value: prod
        image: nginx:1.25
        name: web
      volumes:
      - emptyDir: {}
        name: cache
`);
  });

  it('a patch with $patch: delete at the top removes the resource; a target patches every match', () => {
    const h = files(
      `resources:
- ../base
patches:
- patch: |-
    apiVersion: v1
    kind: Service
    metadata:
      name: web
    $patch: delete
- target:
    kind: Deploy.*
    labelSelector: tier=frontend
  patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: any
      annotations:
        patched: "true"
`,
    );
    const out = h.kubectl('kustomize o').stdout;
    expect(out).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n {2}annotations:\n {4}patched: "true"\n {2}labels:\n {4}tier: frontend\n {2}name: web\n/);
    expect(out).not.toContain('kind: Service');
  });

  it('a patch naming nothing is an error', () => {
    const h = files('resources:\n- ../base\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: api\n    spec:\n      replicas: 2\n');
    expect(h.kubectl('kustomize o')).toEqual({
      stdout: '',
      stderr:
        'error: no resource matches strategic merge patch "Deployment.v1.apps/api.[noNs]": no matches for Id Deployment.v1.apps/api.[noNs]; failed to find unique target for patch Deployment.v1.apps/api.[noNs]\n',
      exitCode: 1,
    });
  });

  it('patchesStrategicMerge (deprecated, with its warning) patches the resource its id names, also after a prefix', () => {
    const h = files(
      'namePrefix: p-\nresources:\n- ../base\npatchesStrategicMerge:\n- replicas.yaml\n',
      { 'o/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 5\n' },
    );
    const r = h.kubectl('kustomize o');
    expect(r.stderr).toBe("# Warning: 'patchesStrategicMerge' is deprecated. Please use 'patches' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n");
    expect(r.stdout).toContain('  name: p-web\nspec:\n  replicas: 5\n');
  });
});

describe('JSON 6902 patches', () => {
  it('apply their operations to the target, in YAML or JSON', () => {
    const h = files(
      `resources:
- ../base
patches:
- target:
    group: apps
    kind: Deployment
    name: web
  patch: |-
    - op: replace
      path: /spec/replicas
      value: 4
    - op: add
      path: /spec/template/spec/containers/0/args
      value: ["--verbose"]
    - op: remove
      path: /spec/template/spec/volumes/1
- target:
    version: v1
    kind: Service
  patch: '[{"op": "add", "path": "/spec/type", "value": "NodePort"}]'
`,
    );
    const out = h.kubectl('kustomize o').stdout;
    expect(out).toContain('spec:\n  ports:\n  - port: 80\n  type: NodePort\n');
    expect(out).toContain('  replicas: 4\n');
    expect(out).toContain('      containers:\n      - args:\n        - --verbose\n        env:\n');
    expect(out).toContain('      volumes:\n      - emptyDir: {}\n        name: cache\n');
    expect(out).not.toContain('scratch');
  });

  it('need a target; a failing operation is the JSON patch library error', () => {
    const h = files('resources:\n- ../base\npatches:\n- patch: |-\n    - op: replace\n      path: /spec/replicas\n      value: 2\n');
    expect(h.kubectl('kustomize o').stderr).toBe('error: must specify a target for JSON patch - op: replace\n  path: /spec/replicas\n  value: 2\n');
    const bad = files('resources:\n- ../base\npatches:\n- target:\n    kind: Service\n  patch: |-\n    - op: replace\n      path: /spec/type\n      value: NodePort\n');
    expect(bad.kubectl('kustomize o').stderr).toBe('error: replace operation does not apply: doc is missing key: /spec/type: missing value\n');
  });
});
