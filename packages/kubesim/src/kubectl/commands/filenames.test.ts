import { beforeEach, describe, expect, it } from 'vitest';
import { type KubectlHarness, MANIFESTS, makeHarness } from '../testing/index.js';

const cm = (name: string, ns?: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}data:\n  k: v\n`;

let h: KubectlHarness;

beforeEach(() => {
  h = makeHarness(
    {},
    {
      'k8s/10-sc.yaml': MANIFESTS.storageClass,
      'k8s/20-cm.yml': cm('one'),
      'k8s/README.md': '# not a manifest',
      'k8s/extra/30-cm.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'two' } }),
      'docs/README.md': 'nothing',
      'cm-three.yaml': cm('three'),
      'patch.yaml': 'data:\n  k: patched\n',
      'config/app.properties': 'a=1\n',
      'config/log.level': 'debug\n',
    },
  );
});

describe('-f with files, directories and patterns (FilenameParam)', () => {
  it('a directory applies its manifests in lexical order and skips other files; -R walks subdirectories', () => {
    expect(h.kubectl('apply -f k8s')).toEqual({
      stdout: 'storageclass.storage.k8s.io/general-purpose created\nconfigmap/one created\n',
      stderr: '',
      exitCode: 0,
    });
    expect(h.core.store.get('ConfigMap', 'default', 'two')).toBeUndefined();
    expect(h.kubectl('apply -R -f k8s/').stdout).toBe(
      'storageclass.storage.k8s.io/general-purpose unchanged\nconfigmap/one unchanged\nconfigmap/two created\n',
    );
  });

  it('a pattern names the files it matches', () => {
    expect(h.kubectl('apply -f k8s/*.yml -f cm-*.yaml').stdout).toBe('configmap/one created\nconfigmap/three created\n');
  });

  it('the builder errors: a path that does not exist, a directory without manifests', () => {
    expect(h.kubectl('apply -f nope/*.yaml')).toEqual({ stdout: '', stderr: 'error: the path "nope/*.yaml" does not exist\n', exitCode: 1 });
    expect(h.kubectl('apply -f docs')).toEqual({
      stdout: '',
      stderr: 'error: error reading [docs]: recognized file extensions are [.json .yaml .yml]\n',
      exitCode: 1,
    });
    expect(h.core.store.list('ConfigMap', 'default')).toEqual([]);
  });

  it('get, describe, label, wait and delete take the objects a file names', () => {
    h.kubectl('apply -f cm-three.yaml');
    expect(h.kubectl('get -f cm-three.yaml -o name').stdout).toBe('configmap/three\n');
    expect(h.kubectl('describe -f cm-three.yaml').stdout).toMatch(/^Name: {9}three\nNamespace: {4}default\n/);
    expect(h.kubectl('label -f cm-three.yaml tier=db')).toEqual({ stdout: 'configmap/three labeled\n', stderr: '', exitCode: 0 });
    expect(h.core.store.get('ConfigMap', 'default', 'three')?.metadata.labels).toEqual({ tier: 'db' });
    expect(h.kubectl('wait -f cm-three.yaml --for=jsonpath={.data.k}=v').stdout).toBe('configmap/three condition met\n');
    expect(h.kubectl('label -f cm-three.yaml configmap/three a=b').stderr).toBe(
      'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n',
    );
    expect(h.kubectl('delete -f cm-three.yaml').stdout).toBe('configmap "three" deleted\n');
    expect(h.kubectl('describe -f cm-three.yaml')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): configmaps "three" not found\n', exitCode: 1 });
  });

  it('patch --patch-file reads the file, and says so when it cannot', () => {
    h.kubectl('apply -f cm-three.yaml');
    expect(h.kubectl('patch configmap three --patch-file patch.yaml').stdout).toBe('configmap/three patched\n');
    expect(h.core.store.get<{ data: Record<string, string> } & import('@kubesim/core').KubeObject>('ConfigMap', 'default', 'three')?.data).toEqual({ k: 'patched' });
    expect(h.kubectl('patch configmap three --patch-file missing.yaml')).toEqual({
      stdout: '',
      stderr: 'error: unable to read patch file: open missing.yaml: no such file or directory\n',
      exitCode: 1,
    });
  });

  it('create configmap --from-file=DIR takes each regular file under its name; a key for a directory is refused', () => {
    expect(h.kubectl('create configmap app --from-file=config -o jsonpath={.data}').stdout).toBe('{"app.properties":"a=1\\n","log.level":"debug\\n"}');
    expect(h.kubectl('create configmap app --from-file=cfg=config').stderr).toBe('error: cannot give a key name for a directory path\n');
    expect(h.kubectl('create configmap app --from-file=nope').stderr).toBe('error: error reading nope: no such file or directory\n');
  });
});

describe('kubectl patch with a body that is no object (found by the kubectl fuzz)', () => {
  it("is the API server's BadRequest, for each patch type", () => {
    const h = makeHarness({}, { 'cm.yaml': cm('three') });
    h.kubectl('apply -f cm.yaml');
    expect(h.kubectl('patch -f cm.yaml -p web')).toEqual({
      stdout: '',
      stderr: 'Error from server (BadRequest): json: cannot unmarshal string into Go value of type map[string]interface {}\n',
      exitCode: 1,
    });
    expect(h.kubectl('patch configmap three --type=merge -p [1]').stderr).toBe(
      'Error from server (BadRequest): json: cannot unmarshal array into Go value of type map[string]interface {}\n',
    );
    expect(h.kubectl('patch configmap three --type=json -p {"a":1}').stderr).toBe(
      'Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch\n',
    );
  });
});

describe('commands without arguments (found by the kubectl fuzz)', () => {
  it('api-resources and api-versions refuse stray arguments as Complete does', () => {
    const h = makeHarness();
    expect(h.kubectl('api-resources pods x')).toEqual({
      stdout: '',
      stderr: "error: unexpected arguments: [pods x]\nSee 'kubectl api-resources -h' for help and examples\n",
      exitCode: 1,
    });
    expect(h.kubectl('api-versions v1').stderr).toBe("error: unexpected arguments: [v1]\nSee 'kubectl api-versions -h' for help and examples\n");
  });
});
