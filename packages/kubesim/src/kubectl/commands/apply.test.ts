import { beforeEach, describe, expect, it } from 'vitest';
import { type KubectlHarness, MANIFESTS, makeHarness } from '../testing/index.js';

let h: KubectlHarness;

beforeEach(() => {
  // The API server's own strategies (core's built-in validation) judge the manifests.
  h = makeHarness({}, { 'sc.yaml': MANIFESTS.storageClass, 'deploy.yaml': MANIFESTS.deployment });
});

describe('kubectl apply', () => {
  it('fixture 01 is rejected with the single-cause Invalid text and nothing is created', () => {
    expect(h.kubectl('apply -f -', MANIFESTS.deploymentMismatch)).toEqual({
      stdout: '',
      stderr:
        'The Deployment "randserver" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"example"}: `selector` does not match template `labels`\n',
      exitCode: 1,
    });
    expect(h.core.store.get('Deployment', 'default', 'randserver')).toBeUndefined();
  });

  it('several causes print one `* field: body` line each under the prefix line', () => {
    const bad = MANIFESTS.deploymentMismatch.replace('spec:\n  selector', 'spec:\n  replicas: -1\n  selector');
    expect(h.kubectl('apply -f -', bad).stderr).toBe(
      [
        'The Deployment "randserver" is invalid: ',
        '* spec.replicas: Invalid value: -1: must be greater than or equal to 0',
        '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"example"}: `selector` does not match template `labels`',
        '',
      ].join('\n'),
    );
  });

  it('created, unchanged, configured', () => {
    expect(h.kubectl('apply -f -', MANIFESTS.deployment)).toEqual({ stdout: 'deployment.apps/randserver created\n', stderr: '', exitCode: 0 });
    expect(h.kubectl('apply -f deploy.yaml').stdout).toBe('deployment.apps/randserver unchanged\n');
    const changed = MANIFESTS.deployment.replace('spec:\n  selector', 'spec:\n  replicas: 2\n  selector');
    expect(h.kubectl('apply -f -', changed).stdout).toBe('deployment.apps/randserver configured\n');
    expect(h.core.store.get('Deployment', 'default', 'randserver')?.spec).toMatchObject({ replicas: 2 });
  });

  it('multi-document: valid documents are applied, the invalid one reported at the end, exit 1', () => {
    const docs = [MANIFESTS.headlessService, MANIFESTS.deploymentMismatch.replace('name: randserver\nspec', 'name: bad\nspec'), MANIFESTS.storageClass].join('---\n');
    const r = h.kubectl('apply -f -', docs);
    expect(r.stdout).toBe('service/randserver created\nstorageclass.storage.k8s.io/general-purpose created\n');
    expect(r.stderr).toBe(
      'The Deployment "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"example"}: `selector` does not match template `labels`\n',
    );
    expect(r.exitCode).toBe(1);
  });

  it('decode errors are BadRequest with the source: unquoted iopsPerGB', () => {
    const sc = MANIFESTS.storageClass.replace('type: gp2', 'type: io1\n  iopsPerGB: 10');
    expect(h.kubectl('apply -f -', sc)).toEqual({
      stdout: '',
      stderr:
        'Error from server (BadRequest): error when creating "STDIN": StorageClass in version "v1" cannot be handled as a StorageClass: json: cannot unmarshal number into Go struct field StorageClass.parameters of type string\n',
      exitCode: 1,
    });
  });

  it('unknown kinds and missing files', () => {
    const r = h.kubectl('apply -f -', 'apiVersion: v1\nkind: Widget\nmetadata:\n  name: w\n');
    expect(r.stderr).toBe('error: resource mapping not found for name: "w" namespace: "" from "STDIN": no matches for kind "Widget" in version "v1"\nensure CRDs are installed first\n');
    // Several errors print as kubectl's MultipleErrors: one per line, API errors in their standard form, no `error: `.
    const two = h.kubectl('apply -f -', 'apiVersion: v1\nkind: Widget\nmetadata:\n  name: w\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: Bad_Name\n').stderr;
    expect(two.split('\n')[0]).toBe('resource mapping not found for name: "w" namespace: "" from "STDIN": no matches for kind "Widget" in version "v1"');
    expect(two.split('\n')[2]).toMatch(/^Error from server \(Invalid\): error when creating "STDIN": Namespace "Bad_Name" is invalid: /);
    expect(h.kubectl('apply -f nope.yaml')).toEqual({ stdout: '', stderr: 'error: the path "nope.yaml" does not exist\n', exitCode: 1 });
    expect(h.kubectl('apply').stderr).toBe('error: must specify one of -f and -k\n');
    expect(h.kubectl('apply -f -', 'metadata:\n  name: x\n').stderr).toContain('error: error validating "STDIN": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false');
  });

  it('--dry-run=client changes nothing', () => {
    expect(h.kubectl('apply -f sc.yaml --dry-run=client').stdout).toBe('storageclass.storage.k8s.io/general-purpose created (dry run)\n');
    expect(h.core.store.get('StorageClass', undefined, 'general-purpose')).toBeUndefined();
  });

  it('-n sets the namespace of namespaced objects; a conflicting one is refused', () => {
    h.kubectl('create namespace web');
    expect(h.kubectl('apply -n web -f deploy.yaml').stdout).toBe('deployment.apps/randserver created\n');
    expect(h.core.store.get('Deployment', 'web', 'randserver')).toBeDefined();
    const pinned = MANIFESTS.deployment.replace('name: randserver\nspec', 'name: randserver\n  namespace: default\nspec');
    expect(h.kubectl('apply -n web -f -', pinned).stderr).toBe(
      `error: the namespace from the provided object "default" does not match the namespace "web". You must pass '--namespace=default' to perform this operation.\n`,
    );
  });
});

describe('kubectl create', () => {
  it('create -f then AlreadyExists with the file as source', () => {
    expect(h.kubectl('create -f sc.yaml').stdout).toBe('storageclass.storage.k8s.io/general-purpose created\n');
    expect(h.kubectl('create -f sc.yaml')).toEqual({
      stdout: '',
      stderr: 'Error from server (AlreadyExists): error when creating "sc.yaml": storageclasses.storage.k8s.io "general-purpose" already exists\n',
      exitCode: 1,
    });
  });

  it('create namespace and create deployment --image', () => {
    expect(h.kubectl('create namespace team-a').stdout).toBe('namespace/team-a created\n');
    expect(h.kubectl('create deployment web --image=nginx:1.27 --replicas=2').stdout).toBe('deployment.apps/web created\n');
    const d = h.core.store.get('Deployment', 'default', 'web');
    expect(d?.spec).toMatchObject({ replicas: 2 });
  });

  it('-o name and -o yaml print the written objects (documents separated); a client dry run writes nothing', () => {
    expect(h.kubectl('apply -f - --dry-run=client', MANIFESTS.deployment)).toEqual({ stdout: 'deployment.apps/randserver created (dry run)\n', stderr: '', exitCode: 0 });
    expect(h.core.store.get('Deployment', 'default', 'randserver')).toBeUndefined();
    const two = `${MANIFESTS.storageClass}\n---\n${MANIFESTS.deployment}`;
    const yaml = h.kubectl('create -f - -o yaml', two).stdout;
    expect(yaml.split('\n---\n')).toHaveLength(2);
    expect(yaml).toMatch(/^apiVersion: storage.k8s.io\/v1\nkind: StorageClass\n/);
    expect(yaml).toContain(`resourceVersion: "${h.core.store.get('Deployment', 'default', 'randserver')?.metadata.resourceVersion}"`);
    expect(h.kubectl('apply -f deploy.yaml -o name').stdout).toBe('deployment.apps/randserver\n');
    expect(h.kubectl('apply -f deploy.yaml -o wide')).toMatchObject({ stdout: '', exitCode: 1 });
  });
});

describe('kubectl apply: the three-way strategic merge patch (last applied, manifest, live)', () => {
  const manifest = (image: string, podSpec = '') =>
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  selector:',
      '    matchLabels: {app: web}',
      '  template:',
      '    metadata:',
      '      labels: {app: web}',
      '    spec:',
      `${podSpec}      containers:`,
      '      - name: web',
      `        image: ${image}`,
      '',
    ].join('\n');
  const podSpec = () => (h.core.store.get('Deployment', 'default', 'web')?.spec as { template: { spec: Record<string, unknown> } } | undefined)?.template.spec ?? {};
  const containers = () => podSpec().containers as Record<string, unknown>[];

  it('a new image keeps the env `kubectl set env` gave the live container (merged by name, not replaced)', () => {
    expect(h.kubectl('apply -f -', manifest('nginx:1.27')).stdout).toBe('deployment.apps/web created\n');
    expect(h.kubectl('set env deploy/web A=1').exitCode).toBe(0);
    expect(h.kubectl('apply -f -', manifest('nginx:1.28')).stdout).toBe('deployment.apps/web configured\n');
    expect(containers()).toHaveLength(1);
    expect(containers()[0]).toMatchObject({ name: 'web', image: 'nginx:1.28', env: [{ name: 'A', value: '1' }] });
  });

  it('a container dropped from the manifest goes; one another client added stays', () => {
    const side = '      - name: side\n        image: busybox\n';
    h.kubectl('apply -f -', manifest('nginx:1.27').replace(/\n$/, `\n${side}`));
    expect(containers().map((c) => c.name)).toEqual(['web', 'side']);
    const other = JSON.stringify([{ op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'other', image: 'redis' } }]);
    expect(h.kubectl(`patch deploy web --type=json -p '${other}'`).exitCode).toBe(0);
    expect(h.kubectl('apply -f -', manifest('nginx:1.27')).stdout).toBe('deployment.apps/web configured\n');
    expect(containers().map((c) => [c.name, c.image])).toEqual([
      ['web', 'nginx:1.27'],
      ['other', 'redis'],
    ]);
  });

  it('a field dropped from the manifest is removed from the live object', () => {
    h.kubectl('apply -f -', manifest('nginx:1.27', '      nodeSelector: {disk: ssd}\n'));
    expect(podSpec().nodeSelector).toEqual({ disk: 'ssd' });
    expect(h.kubectl('apply -f -', manifest('nginx:1.27')).stdout).toBe('deployment.apps/web configured\n');
    expect(podSpec().nodeSelector).toBeUndefined();
  });

  it('the same manifest again is unchanged, also after another client added an env var; diff and a dry run agree with apply', () => {
    h.kubectl('apply -f -', manifest('nginx:1.27'));
    h.kubectl('set env deploy/web A=1');
    const writes = h.core.store.writes;
    expect(h.kubectl('apply -f -', manifest('nginx:1.27')).stdout).toBe('deployment.apps/web unchanged\n');
    expect(h.core.store.writes).toBe(writes);
    // The dry run computes what apply stores: the new image with the env kept.
    const dry = h.kubectl('apply -f - --dry-run=server -o jsonpath={.spec.template.spec.containers[0].image}/{.spec.template.spec.containers[0].env[0].name}', manifest('nginx:1.28'));
    expect(dry.stdout).toBe('nginx:1.28/A');
    const diff = h.kubectl('diff -f -', manifest('nginx:1.28'));
    expect(diff.exitCode).toBe(1);
    expect(diff.stdout).toContain('-        image: nginx:1.27\n+        image: nginx:1.28\n');
    expect(diff.stdout).not.toMatch(/^-.*name: A$/m);
  });
});
