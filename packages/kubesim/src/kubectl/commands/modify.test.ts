import { beforeEach, describe, expect, it } from 'vitest';
import { chapterStatefulSet, type KubectlHarness, makeDeployment, makeHarness } from '../testing/index.js';

let h: KubectlHarness;

beforeEach(() => {
  h = makeHarness();
  chapterStatefulSet(h);
  h.put(makeDeployment('randserver', 1));
});

const replicas = (kind: string, name: string) => (h.core.store.get(kind, 'default', name)?.spec as { replicas?: number } | undefined)?.replicas;

describe('kubectl scale', () => {
  it('type/name and type name forms', () => {
    expect(h.kubectl('scale deployment/randserver --replicas=3')).toEqual({ stdout: 'deployment.apps/randserver scaled\n', stderr: '', exitCode: 0 });
    expect(replicas('Deployment', 'randserver')).toBe(3);
    expect(h.kubectl('scale sts randserver --replicas=1').stdout).toBe('statefulset.apps/randserver scaled\n');
    expect(replicas('StatefulSet', 'randserver')).toBe(1);
  });

  it('errors: missing --replicas, NotFound, not scalable, --current-replicas mismatch', () => {
    expect(h.kubectl('scale deploy randserver').stderr).toBe('error: required flag(s) "replicas" not set\n');
    expect(h.kubectl('scale deploy nope --replicas=1').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(h.kubectl('scale svc randserver --replicas=1').stderr).toBe('error: no scaler has been implemented for {"" "Service"}\n');
    expect(h.kubectl('scale deploy randserver --current-replicas=5 --replicas=2').stderr).toBe('error: Expected replicas to be 5, was 1\n');
  });
});

describe('kubectl label / annotate', () => {
  it('labeled, already-has-a-value error, --overwrite, removal, not labeled', () => {
    expect(h.kubectl('label pod randserver-0 tier=web').stdout).toBe('pod/randserver-0 labeled\n');
    expect(h.kubectl('label pod randserver-0 tier=db')).toEqual({ stdout: '', stderr: "error: 'tier' already has a value (web), and --overwrite is false\n", exitCode: 1 });
    expect(h.kubectl('label pod randserver-0 tier=db --overwrite').stdout).toBe('pod/randserver-0 labeled\n');
    expect(h.core.store.get('Pod', 'default', 'randserver-0')?.metadata.labels?.tier).toBe('db');
    expect(h.kubectl('label pod randserver-0 tier-').stdout).toBe('pod/randserver-0 unlabeled\n');
    expect(h.kubectl('label pod randserver-0 app=randserver').stdout).toBe('pod/randserver-0 not labeled\n');
    expect(h.kubectl('label pod randserver-0').stderr).toBe('error: at least one label update is required\n');
  });

  it('-l applies to every match', () => {
    expect(h.kubectl('label pods -l app=randserver team=storage').stdout).toBe('pod/randserver-0 labeled\npod/randserver-1 labeled\npod/randserver-2 labeled\n');
    expect(h.kubectl('get pods -l team=storage -o name').stdout.split('\n').length).toBe(4);
  });

  it('annotate follows the same rules', () => {
    expect(h.kubectl('annotate deploy randserver kubernetes.io/change-cause=first').stdout).toBe('deployment.apps/randserver annotated\n');
    expect(h.kubectl('annotate deploy randserver kubernetes.io/change-cause=second').stderr).toBe(
      "error: 'kubernetes.io/change-cause' already has a value (first), and --overwrite is false\n",
    );
    expect(h.kubectl('annotate deploy randserver kubernetes.io/change-cause=second --overwrite').exitCode).toBe(0);
  });
});

describe('kubectl patch', () => {
  it('merge, json and strategic patches; "(no change)"', () => {
    expect(h.kubectl(`patch deployment randserver --type merge -p '{"spec":{"replicas":2}}'`).stdout).toBe('deployment.apps/randserver patched\n');
    expect(replicas('Deployment', 'randserver')).toBe(2);
    expect(h.kubectl(`patch deployment randserver --type merge -p '{"spec":{"replicas":2}}'`).stdout).toBe('deployment.apps/randserver patched (no change)\n');
    expect(h.kubectl(`patch deployment randserver --type json -p '[{"op":"replace","path":"/spec/replicas","value":4}]'`).exitCode).toBe(0);
    expect(replicas('Deployment', 'randserver')).toBe(4);
    expect(h.kubectl(`patch pvc data-randserver-0 -p '{"metadata":{"labels":{"x":"y"}}}'`).stdout).toBe('persistentvolumeclaim/data-randserver-0 patched\n');
  });

  it('a strategic patch (the default) merges containers by name and keeps what it does not name; --type merge replaces the list', () => {
    h.kubectl('set env deploy/randserver A=1');
    const containers = () => (h.core.store.get('Deployment', 'default', 'randserver')?.spec as { template: { spec: { containers: Record<string, unknown>[] } } } | undefined)?.template.spec.containers ?? [];
    const name = containers()[0].name as string;
    const mounts = [{ name: 'data', mountPath: '/data' }];
    expect(containers()[0].volumeMounts).toEqual(mounts);
    const image = (tag: string) => JSON.stringify({ spec: { template: { spec: { containers: [{ name, image: `errm/randserver:${tag}` }] } } } });
    expect(h.kubectl(`patch deploy randserver -p '${image('v2')}'`).stdout).toBe('deployment.apps/randserver patched\n');
    expect(containers()).toHaveLength(1);
    expect(containers()[0]).toMatchObject({ name, image: 'errm/randserver:v2', env: [{ name: 'A', value: '1' }], volumeMounts: mounts });
    // The same as a client dry run: the would-be object keeps the env too (it prints "patched", no change counted).
    expect(h.kubectl(`patch deploy randserver --dry-run=client -o jsonpath={.spec.template.spec.containers[0].env[0].name} -p '${image('v3')}'`).exitCode).toBe(0);
    // An element without its merge key: strategicpatch's error, as the server returns it (no reason).
    expect(h.kubectl(`patch deploy randserver -p '{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}'`).stderr).toBe(
      'Error from server: map: map[image:x] does not contain declared merge key: name\n',
    );
    expect(h.kubectl(`patch deploy randserver --type merge -p '${image('v4')}'`).exitCode).toBe(0);
    expect(containers()[0].env).toBeUndefined();
    expect(containers()[0].volumeMounts).toBeUndefined();
    expect(containers()[0].image).toBe('errm/randserver:v4');
  });

  it('errors: bad type, missing patch, invalid result', () => {
    expect(h.kubectl(`patch deploy randserver --type xml -p '{}'`).stderr).toBe('error: --type must be one of [json merge strategic], not "xml"\n');
    expect(h.kubectl('patch deploy randserver').stderr).toBe('error: must specify --patch or --patch-file containing the contents of the patch\n');
    const r = h.kubectl(`patch deploy randserver --type merge -p '{"spec":{"replicas":-1}}'`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('The Deployment "randserver" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  });
});

describe('--dry-run', () => {
  const live = (kind: string, name: string) => h.core.store.get(kind, 'default', name);
  const rv = (kind: string, name: string) => live(kind, name)?.metadata.resourceVersion;

  it('scale: client and server dry runs print "(dry run)" / "(server dry run)" and change nothing', () => {
    const before = rv('Deployment', 'randserver');
    expect(h.kubectl('scale deploy randserver --replicas=5 --dry-run=client')).toEqual({ stdout: 'deployment.apps/randserver scaled (dry run)\n', stderr: '', exitCode: 0 });
    expect(h.kubectl('scale deploy randserver --replicas=5 --dry-run=server')).toEqual({ stdout: 'deployment.apps/randserver scaled (server dry run)\n', stderr: '', exitCode: 0 });
    expect(replicas('Deployment', 'randserver')).toBe(1);
    expect(rv('Deployment', 'randserver')).toBe(before);
    // The server still checks the precondition; the client checks nothing.
    expect(h.kubectl('scale deploy randserver --current-replicas=5 --replicas=2 --dry-run=server').stderr).toBe('error: Expected replicas to be 5, was 1\n');
    expect(h.kubectl('scale deploy randserver --current-replicas=5 --replicas=2 --dry-run=client').stdout).toBe('deployment.apps/randserver scaled (dry run)\n');
    expect(rv('Deployment', 'randserver')).toBe(before);
  });

  it('patch: no dry-run suffix (kubectl overwrites it), "(no change)" from the would-be object, nothing written', () => {
    const before = rv('Deployment', 'randserver');
    const merge = `--type merge -p '{"spec":{"replicas":3}}'`;
    expect(h.kubectl(`patch deploy randserver ${merge} --dry-run=client`)).toEqual({ stdout: 'deployment.apps/randserver patched\n', stderr: '', exitCode: 0 });
    expect(h.kubectl(`patch deploy randserver ${merge} --dry-run=server`)).toEqual({ stdout: 'deployment.apps/randserver patched\n', stderr: '', exitCode: 0 });
    const same = `--type merge -p '{"spec":{"replicas":1}}'`;
    expect(h.kubectl(`patch deploy randserver ${same} --dry-run=client`).stdout).toBe('deployment.apps/randserver patched (no change)\n');
    expect(h.kubectl(`patch deploy randserver ${same} --dry-run=server`).stdout).toBe('deployment.apps/randserver patched (no change)\n');
    expect(replicas('Deployment', 'randserver')).toBe(1);
    expect(rv('Deployment', 'randserver')).toBe(before);
  });

  it('patch: a server dry run of an invalid patch fails with the API error; a client one is not validated', () => {
    const before = rv('Deployment', 'randserver');
    const bad = `--type merge -p '{"spec":{"replicas":-1}}'`;
    const r = h.kubectl(`patch deploy randserver ${bad} --dry-run=server`);
    expect(r).toEqual({
      stdout: '',
      stderr: 'The Deployment "randserver" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
      exitCode: 1,
    });
    expect(h.kubectl(`patch deploy randserver ${bad} --dry-run=client`).stdout).toBe('deployment.apps/randserver patched\n');
    // A JSON patch is applied locally: kubectl's "missing field" error, nothing sent.
    expect(h.kubectl(`patch deploy randserver --type json -p '[{"op":"replace","path":"/spec/nope","value":1}]' --dry-run=client`)).toEqual({
      stdout: '',
      stderr: 'error: Object to be patched is missing field (/spec/nope: missing value)\n',
      exitCode: 1,
    });
    expect(rv('Deployment', 'randserver')).toBe(before);
  });

  it('label and annotate: "(dry run)" / "(server dry run)" suffixes, labels and annotations unchanged', () => {
    const before = live('Pod', 'randserver-0');
    expect(h.kubectl('label pod randserver-0 tier=web --dry-run=client')).toEqual({ stdout: 'pod/randserver-0 labeled (dry run)\n', stderr: '', exitCode: 0 });
    expect(h.kubectl('label pod randserver-0 tier=web --dry-run=server')).toEqual({ stdout: 'pod/randserver-0 labeled (server dry run)\n', stderr: '', exitCode: 0 });
    expect(h.kubectl('label pod randserver-0 app- --dry-run=client').stdout).toBe('pod/randserver-0 unlabeled (dry run)\n');
    expect(h.kubectl('annotate pod randserver-0 note=x --dry-run=client')).toEqual({ stdout: 'pod/randserver-0 annotated (dry run)\n', stderr: '', exitCode: 0 });
    expect(h.kubectl('annotate pod randserver-0 note=x --dry-run=server')).toEqual({ stdout: 'pod/randserver-0 annotated (server dry run)\n', stderr: '', exitCode: 0 });
    const after = live('Pod', 'randserver-0');
    expect(after?.metadata.labels).toEqual(before?.metadata.labels);
    expect(after?.metadata.annotations).toEqual(before?.metadata.annotations);
    expect(after?.metadata.resourceVersion).toBe(before?.metadata.resourceVersion);
  });

  it('a bad --dry-run value is reported first, before anything is checked or written', () => {
    const before = rv('Deployment', 'randserver');
    const err = 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n';
    expect(h.kubectl(`patch deploy randserver --type merge -p '{"spec":{"replicas":3}}' --dry-run=maybe`)).toEqual({ stdout: '', stderr: err, exitCode: 1 });
    expect(h.kubectl('patch deploy randserver --dry-run=maybe').stderr).toBe(err);
    expect(h.kubectl('scale deploy randserver --replicas=3 --dry-run=maybe').stderr).toBe(err);
    expect(h.kubectl('scale deploy randserver --replicas=-1 --dry-run=maybe').stderr).toBe(err);
    expect(h.kubectl('label deploy randserver tier=web --dry-run=maybe').stderr).toBe(err);
    expect(h.kubectl('annotate deploy randserver --dry-run=maybe').stderr).toBe(err);
    expect(rv('Deployment', 'randserver')).toBe(before);
    expect(live('Deployment', 'randserver')?.metadata.labels?.tier).toBeUndefined();
  });
});
