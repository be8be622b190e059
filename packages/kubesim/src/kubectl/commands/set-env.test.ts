import { beforeEach, describe, expect, it } from 'vitest';
import type { KubectlHarness } from '../testing/index.js';
import { failure, makeSetHarness, POD_FORBIDDEN, setHelpers } from './set.fixtures.js';

let h: KubectlHarness;

beforeEach(() => {
  h = makeSetHarness();
});

const { env, unchanged } = setHelpers(() => h);

describe('kubectl set env', () => {
  it('adds and replaces variables in every container, init containers included', () => {
    expect(h.kubectl('set env deployment/web FOO=bar MODE=dev')).toEqual({ stdout: 'deployment.apps/web env updated\n', stderr: '', exitCode: 0 });
    // Existing variables keep their place; new ones are appended.
    expect(env('app')).toEqual([
      { name: 'MODE', value: 'dev' },
      { name: 'POD', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
      { name: 'FOO', value: 'bar' },
    ]);
    expect(env('sidecar')).toEqual([
      { name: 'FOO', value: 'bar' },
      { name: 'MODE', value: 'dev' },
    ]);
    expect(env('init')).toEqual(env('sidecar'));
  });

  it('--list prints each container (then init containers), references as comments, and changes nothing', () => {
    expect(unchanged('set env deploy/web --list')).toEqual({
      stdout: [
        '# Deployment web, container app',
        'MODE=prod',
        '# POD from field path metadata.name',
        '# CPU from resource field limits.cpu',
        '# Deployment web, container sidecar',
        '# Deployment web, container init',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    });
    // With changes, --list shows the result without writing it.
    expect(unchanged('set env deploy/web -c app MODE=dev --list').stdout).toBe(
      '# Deployment web, container app\nMODE=dev\n# POD from field path metadata.name\n# CPU from resource field limits.cpu\n',
    );
  });

  it('--list --resolve resolves field and resource references', () => {
    h.kubectl('set resources deploy/web -c app --limits=cpu=500m');
    expect(h.kubectl('set env deploy/web -c app --list --resolve').stdout).toBe('# Deployment web, container app\nMODE=prod\nPOD=web\nCPU=500\n');
  });

  it('KEY- removes; a container left without variables loses its env list', () => {
    h.kubectl('set env deploy/web FOO=bar');
    expect(h.kubectl('set env deploy/web FOO- MODE-').stdout).toBe('deployment.apps/web env updated\n');
    expect(env('app')?.map((e) => e.name)).toEqual(['POD', 'CPU']);
    expect(env('sidecar')).toBeUndefined();
    expect(env('init')).toBeUndefined();
    // Removing what is not there changes nothing: no line.
    expect(unchanged('set env deploy/web FOO-')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('-c selects containers (wildcards too); no match is a warning', () => {
    expect(h.kubectl('set env deploy/web -c side* X=1').stdout).toBe('deployment.apps/web env updated\n');
    expect(env('sidecar')).toEqual([{ name: 'X', value: '1' }]);
    expect(env('init')).toBeUndefined();
    expect(unchanged('set env deploy/web -c nomatch X=1')).toEqual({
      stdout: '',
      stderr: 'warning: Deployment/web does not have any containers matching "nomatch"\n',
      exitCode: 0,
    });
  });

  it('-e and "-" (NAME=value lines on stdin, # comments dropped)', () => {
    expect(h.kubectl('set env deploy/web -c sidecar -e A=1 -', 'B=2\n# C=3\nD=4 # four\n').stdout).toBe('deployment.apps/web env updated\n');
    expect(env('sidecar')).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
      { name: 'D', value: '4 ' },
    ]);
  });

  it('--from imports every key of a Secret or ConfigMap as references, with --prefix and --keys', () => {
    h.put({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default' }, type: 'Opaque', data: { 'db-pass': 'aHVudGVyMg==', user: 'YWRtaW4=' } });
    h.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { 'log.level': 'debug', other: 'x' } });
    expect(h.kubectl('set env deploy/web -c sidecar --from=secret/db --prefix=APP_').stdout).toBe('deployment.apps/web env updated\n');
    expect(h.kubectl('set env deploy/web -c sidecar --from=configmap/cfg --keys=log.level').stdout).toBe('deployment.apps/web env updated\n');
    expect(env('sidecar')).toEqual([
      { name: 'APP_DB_PASS', valueFrom: { secretKeyRef: { name: 'db', key: 'db-pass' } } },
      { name: 'APP_USER', valueFrom: { secretKeyRef: { name: 'db', key: 'user' } } },
      { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'log.level' } } },
    ]);
    expect(h.kubectl('set env deploy/web -c sidecar --list').stdout).toBe(
      '# Deployment web, container sidecar\n# APP_DB_PASS from secret db, key db-pass\n# APP_USER from secret db, key user\n# LOG_LEVEL from configmap cfg, key log.level\n',
    );
    expect(h.kubectl('set env deploy/web -c sidecar --list --resolve').stdout).toBe('# Deployment web, container sidecar\nAPP_DB_PASS=hunter2\nAPP_USER=admin\nLOG_LEVEL=debug\n');
    // A reference that does not resolve is listed as such, its error on stderr (exit 0: --list).
    h.kubectl('delete configmap cfg');
    expect(h.kubectl('set env deploy/web -c sidecar --list --resolve')).toEqual({
      stdout: '# Deployment web, container sidecar\nAPP_DB_PASS=hunter2\nAPP_USER=admin\n# LOG_LEVEL from configmap cfg, key log.level\n',
      stderr: 'error retrieving reference for LOG_LEVEL: configmaps "cfg" not found\n',
      exitCode: 0,
    });
    expect(unchanged('set env deploy/web --from=svc/frontend')).toEqual(failure('error: unsupported resource specified in --from\n'));
    expect(unchanged('set env deploy/web --from=secret/nope')).toEqual(failure('Error from server (NotFound): secrets "nope" not found\n'));
  });

  it.each([
    ['set env deploy/web MODE=dev --overwrite=false', "error: deployments/web 'MODE' already has a value (prod), and --overwrite is false\n"],
    [
      'set env deploy/web 1X=y',
      `error: "1X" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')\n`,
    ],
    ['set env deploy/web A=1 A-', 'error: can not both modify and remove the same environment variable in the same command\n'],
    ['set env deploy/web -e A', 'error: unknown environment variable: A\n'],
    ['set env deploy/web A=1 deploy/other', 'error: all resources must be specified before environment changes: deploy/web A=1 deploy/other\n'],
    ['set env A=1', 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
    ['set env deploy/web --list -o yaml', 'error: --list and --output may not be specified together\n'],
    ['set env deploy/web --keys=a', 'error: when specifying --keys, a configmap or secret must be provided with --from\n'],
    ['set env deployments --all -l tier=frontend A=1', 'error: cannot set --all and --selector at the same time\n'],
    ['set env deploy/nope A=1', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    ['set env svc/frontend A=1', 'error: services/frontend the object is not a pod or does not have a pod template: *v1.Service\n'],
  ])('%s fails in kubectl words and changes nothing', (line, stderr) => {
    expect(unchanged(line)).toEqual(failure(stderr));
  });

  it("a running pod's env is immutable: the API server's refusal, wrapped", () => {
    expect(unchanged('set env pod/solo A=1', 'Pod', 'solo')).toEqual(
      failure(`error: failed to patch env update to pod template: Pod "solo" is invalid: ${POD_FORBIDDEN}\n`),
    );
  });
});
