import { beforeEach, describe, expect, it } from 'vitest';
import { type KubectlHarness, makeHarness } from '../testing/index.js';

let h: KubectlHarness;

/** The containers of a stored Deployment's pod template. */
function containers(name: string): Record<string, unknown>[] {
  const spec = h.core.store.get('Deployment', 'default', name)?.spec as { template: { spec: { containers: Record<string, unknown>[] } } } | undefined;
  return spec?.template.spec.containers ?? [];
}

beforeEach(() => {
  h = makeHarness({});
});

describe('kubectl create job', () => {
  it('a client dry run prints the Job createJob builds (container named after the Job, restartPolicy Never)', () => {
    expect(h.kubectl('create job pi --image=perl --dry-run=client -o yaml -- perl -e exit')).toEqual({
      stdout: [
        'apiVersion: batch/v1',
        'kind: Job',
        'metadata:',
        '  creationTimestamp: null',
        '  name: pi',
        'spec:',
        '  template:',
        '    metadata:',
        '      creationTimestamp: null',
        '    spec:',
        '      containers:',
        '      - command:',
        '        - perl',
        '        - -e',
        '        - exit',
        '        image: perl',
        '        name: pi',
        '        resources: {}',
        '      restartPolicy: Never',
        'status: {}',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    });
    expect(h.core.store.list('Job')).toEqual([]);
  });
});

describe('kubectl create deployment', () => {
  it('a client dry run prints the deployment as kubectl 1.33 does and creates nothing', () => {
    expect(h.kubectl('create deployment web --image=nginx --dry-run=client -o yaml')).toEqual({
      stdout: [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  creationTimestamp: null',
        '  labels:',
        '    app: web',
        '  name: web',
        'spec:',
        '  replicas: 1',
        '  selector:',
        '    matchLabels:',
        '      app: web',
        '  strategy: {}',
        '  template:',
        '    metadata:',
        '      creationTimestamp: null',
        '      labels:',
        '        app: web',
        '    spec:',
        '      containers:',
        '      - image: nginx',
        '        name: nginx',
        '        resources: {}',
        'status: {}',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    });
    expect(h.kubectl('create deployment web --image=nginx --dry-run=server').stdout).toBe('deployment.apps/web created (server dry run)\n');
    expect(h.core.store.list('Deployment')).toEqual([]);
  });

  it('--port, a command after --, and container names from image references', () => {
    expect(h.kubectl('create deployment web --image=registry.example.com:5000/team/app_v2:1.0 --port=8080 -- sleep 60').stdout).toBe('deployment.apps/web created\n');
    const [c] = containers('web');
    // `_` and `.` become `-`, then five random characters make the name unique (sanitizeAndUniquify).
    expect(c.name).toMatch(/^app-v2-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(c).toMatchObject({ image: 'registry.example.com:5000/team/app_v2:1.0', command: ['sleep', '60'], ports: [{ containerPort: 8080 }] });
    h.kubectl('create deployment two --image=nginx:1.27 --image=redis@sha256:0123456789abcdef0123456789abcdef');
    expect(containers('two').map((x) => x.name)).toEqual(['nginx', 'redis']);
  });

  it.each([
    ['create deployment web', 'error: required flag(s) "image" not set'],
    ['create deployment --image=nginx', "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples"],
    ['create deployment a b --image=nginx', "error: exactly one NAME is required, got 2\nSee 'kubectl create deployment -h' for help and examples"],
    ['create deployment web --image=nginx --image=redis -- sleep 1', 'error: cannot specify multiple --image options and command'],
    ['create deployment web --image=nginx --dry-run=maybe', 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".'],
  ])('%s → %s, nothing created', (line, stderr) => {
    expect(h.kubectl(line)).toEqual({ stdout: '', stderr: `${stderr}\n`, exitCode: 1 });
    expect(h.core.store.list('Deployment')).toEqual([]);
  });

  it('an API error comes back wrapped, as create_deployment.go does', () => {
    h.kubectl('create deployment web --image=nginx');
    expect(h.kubectl('create deployment web --image=nginx').stderr).toBe('error: failed to create deployment: deployments.apps "web" already exists\n');
  });
});

describe('kubectl create namespace', () => {
  it('dry runs print or validate, create writes', () => {
    expect(h.kubectl('create ns team-a --dry-run=client -o yaml').stdout).toBe(
      ['apiVersion: v1', 'kind: Namespace', 'metadata:', '  creationTimestamp: null', '  name: team-a', 'spec: {}', 'status: {}', ''].join('\n'),
    );
    expect(h.kubectl('create namespace team-a --dry-run=server -o name').stdout).toBe('namespace/team-a\n');
    expect(h.core.store.get('Namespace', undefined, 'team-a')).toBeUndefined();
    expect(h.kubectl('create namespace team-a').stdout).toBe('namespace/team-a created\n');
    expect(h.kubectl('create namespace team-a')).toEqual({ stdout: '', stderr: 'Error from server (AlreadyExists): namespaces "team-a" already exists\n', exitCode: 1 });
  });
});

describe('kubectl create serviceaccount', () => {
  it('builds a ServiceAccount with only its name (and the namespace -n gave); dry runs print, create writes', () => {
    expect(h.kubectl('create sa robot -n kube-system --dry-run=client -o yaml').stdout).toBe(
      ['apiVersion: v1', 'kind: ServiceAccount', 'metadata:', '  creationTimestamp: null', '  name: robot', '  namespace: kube-system', ''].join('\n'),
    );
    expect(h.core.store.get('ServiceAccount', 'kube-system', 'robot')).toBeUndefined();
    expect(h.kubectl('create serviceaccount robot').stdout).toBe('serviceaccount/robot created\n');
    expect(h.core.store.get('ServiceAccount', 'default', 'robot')).toMatchObject({ metadata: { name: 'robot', namespace: 'default' } });
    expect(h.kubectl('create sa robot').stderr).toBe('Error from server (AlreadyExists): serviceaccounts "robot" already exists\n');
    expect(h.kubectl('create sa robot --image=x').stderr).toBe("error: unknown flag: --image\nSee 'kubectl create serviceaccount --help' for usage.\n");
  });
});

describe('kubectl create priorityclass', () => {
  it('prints the class kubectl builds on a client dry run; creates it, with the API server refusals otherwise', () => {
    expect(h.kubectl('create priorityclass high --value=1000 --description="batch jobs" --preemption-policy=Never --dry-run=client -o json').stdout).toBe(
      // The typed object in Go field order: TypeMeta, ObjectMeta, value, globalDefault (omitted when false), description, preemptionPolicy.
      `${JSON.stringify({ kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1', metadata: { name: 'high', creationTimestamp: null }, value: 1000, description: 'batch jobs', preemptionPolicy: 'Never' }, null, 4)}\n`,
    );
    expect(h.core.store.get('PriorityClass', undefined, 'high')).toBeUndefined();
    expect(h.kubectl('create pc high --value=1000 --global-default').stdout).toBe('priorityclass.scheduling.k8s.io/high created\n');
    expect(h.core.store.get('PriorityClass', undefined, 'high')).toMatchObject({ value: 1000, globalDefault: true, preemptionPolicy: 'PreemptLowerPriority' });
    expect(h.kubectl('create pc low --value=10 --global-default').stderr).toBe(
      'Error from server (Forbidden): priorityclasses.scheduling.k8s.io "low" is forbidden: PriorityClass high is already marked as default. Only one default can exist\n',
    );
    expect(h.kubectl('create pc big --value=2000000000').stderr).toBe(
      'The PriorityClass "big" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000\n',
    );
    expect(h.kubectl('create pc img --value=5 --image=nginx').stderr).toBe("error: unknown flag: --image\nSee 'kubectl create priorityclass --help' for usage.\n");
  });
});

describe('kubectl create: groups and unknown subcommands', () => {
  const failure = (stderr: string) => ({ stdout: '', stderr, exitCode: 1 });

  it('a bare `create secret` or `create service` prints its help on stderr and exits 1 (DefaultSubCommandRun)', () => {
    expect(h.kubectl('create secret')).toEqual(
      failure(`Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.

Available Commands:
  docker-registry   Create a secret for use with a Docker registry
  generic           Create a secret from a local file, directory, or literal value
  tls               Create a TLS secret

Usage:
  kubectl create secret (docker-registry | generic | tls) [options]

Use "kubectl create secret <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`),
    );
    expect(h.kubectl('create svc')).toEqual(
      failure(`Create a service using a specified subcommand.

Aliases:
service, svc

Available Commands:
  clusterip      Create a ClusterIP service
  externalname   Create an ExternalName service
  loadbalancer   Create a LoadBalancer service
  nodeport       Create a NodePort service

Usage:
  kubectl create service [flags] [options]

Use "kubectl create service <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`),
    );
  });

  it.each([
    // RequireNoArguments names every argument, under the group's own path (never its alias).
    ['create secret opaque s', `error: unknown command "opaque s"\nSee 'kubectl create secret -h' for help and examples\n`],
    ['create svc headless web', `error: unknown command "headless web"\nSee 'kubectl create service -h' for help and examples\n`],
    // `create` itself runs without -f: its hint, then the usage error.
    ['create foo bar', `Error: must specify one of -f and -k\n\nerror: unknown command "foo bar"\nSee 'kubectl create -h' for help and examples\n`],
    ['create cronjob c --image=busybox', 'error: required flag(s) "schedule" not set\n'],
    ['create job j --image=busybox --from=cronjob/c', 'error: either --image or --from must be specified\n'],
    ['create job j --from=cronjob/c -- date', 'error: cannot specify --from and command\n'],
    ['create job j --image=busybox --port=80', "error: unknown flag: --port\nSee 'kubectl create job --help' for usage.\n"],
    ['create role r', 'error: kubesim does not implement "kubectl create role"\n'],
    ['create secret tls t', 'error: kubesim does not implement "kubectl create secret tls"\n'],
    // Another generator's flags are unknown to this one.
    ['create namespace team --tcp=80', "error: unknown flag: --tcp\nSee 'kubectl create namespace --help' for usage.\n"],
    ['create deployment web --image=nginx --from-literal=a=b', "error: unknown flag: --from-literal\nSee 'kubectl create deployment --help' for usage.\n"],
  ])('%s', (line, stderr) => {
    expect(h.kubectl(line)).toEqual(failure(stderr));
    expect(h.core.store.list('Namespace').map((n) => n.metadata.name)).not.toContain('team');
    expect(h.core.store.list('Deployment')).toEqual([]);
  });
});
