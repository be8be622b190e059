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
