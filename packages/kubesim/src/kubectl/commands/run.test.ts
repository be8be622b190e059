import { beforeEach, describe, expect, it } from 'vitest';
import { type KubectlHarness, makeHarness } from '../testing/index.js';

let h: KubectlHarness;

beforeEach(() => {
  h = makeHarness({});
});

const pods = () => h.core.store.list('Pod');

describe('kubectl run', () => {
  it('a client dry run prints the pod kubectl would send, as kubectl 1.33 prints it, and creates nothing', () => {
    expect(h.kubectl('run nginx --image=nginx --dry-run=client -o yaml')).toEqual({
      stdout: [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  creationTimestamp: null',
        '  labels:',
        '    run: nginx',
        '  name: nginx',
        'spec:',
        '  containers:',
        '  - image: nginx',
        '    name: nginx',
        '    resources: {}',
        '  dnsPolicy: ClusterFirst',
        '  restartPolicy: Always',
        'status: {}',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    });
    expect(pods()).toEqual([]);
  });

  it('--expose --port adds a ClusterIP service selecting the pod, printed after it as a second YAML document', () => {
    const out = h.kubectl('run web --image=nginx:1.27 --port=80 --expose --dry-run=client -o yaml').stdout;
    const [pod, svc] = out.split('---\n');
    expect(pod).toContain('    ports:\n    - containerPort: 80\n');
    expect(svc).toBe(
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  creationTimestamp: null',
        '  name: web',
        'spec:',
        '  ports:',
        '  - port: 80',
        '    protocol: TCP',
        '    targetPort: 80',
        '  selector:',
        '    run: web',
        'status:',
        '  loadBalancer: {}',
        '',
      ].join('\n'),
    );
    expect(h.kubectl('run web --image=nginx:1.27 --port=80 --expose').stdout).toBe('pod/web created\nservice/web created\n');
    expect(h.core.store.get('Service', 'default', 'web')?.spec).toMatchObject({ selector: { run: 'web' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] });
  });

  it('-o json prints the typed object in Go field order, kind first', () => {
    const json = h.kubectl('run nginx --image=nginx --dry-run=client -o json').stdout;
    expect(json.split('\n').slice(0, 8)).toEqual(['{', '    "kind": "Pod",', '    "apiVersion": "v1",', '    "metadata": {', '        "name": "nginx",', '        "creationTimestamp": null,', '        "labels": {', '            "run": "nginx"']);
    expect(JSON.parse(json).spec).toEqual({ containers: [{ name: 'nginx', image: 'nginx', resources: {} }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' });
  });

  it('creates the pod: args after --, --command, env, labels, restart policy, image pull policy, annotations', () => {
    expect(h.kubectl('run bb --image=busybox --restart=Never --env=A=1 --env=B=x=y -l app=x,tier=db --annotations=note=hi -- sleep 3600')).toEqual({
      stdout: 'pod/bb created\n',
      stderr: '',
      exitCode: 0,
    });
    const bb = h.core.store.get('Pod', 'default', 'bb');
    expect(bb?.metadata.labels).toEqual({ app: 'x', tier: 'db' });
    expect(bb?.metadata.annotations).toEqual({ note: 'hi' });
    expect(bb?.spec).toMatchObject({
      restartPolicy: 'Never',
      containers: [{ name: 'bb', image: 'busybox', args: ['sleep', '3600'], env: [{ name: 'A', value: '1' }, { name: 'B', value: 'x=y' }] }],
    });
    h.kubectl('run cmd --image=busybox --image-pull-policy=IfNotPresent --command -- sh -c true');
    expect(h.core.store.get('Pod', 'default', 'cmd')?.spec).toMatchObject({ containers: [{ command: ['sh', '-c', 'true'], imagePullPolicy: 'IfNotPresent' }] });
  });

  it('-n sets the namespace in the printed object and creates the pod there', () => {
    h.kubectl('create namespace team-a');
    expect(h.kubectl('run x --image=nginx -n team-a --dry-run=client -o yaml').stdout).toContain('  name: x\n  namespace: team-a\n');
    expect(h.kubectl('run x --image=nginx -n team-a -o name').stdout).toBe('pod/x\n');
    expect(h.core.store.get('Pod', 'team-a', 'x')).toBeDefined();
  });

  it('a server dry run is validated by the API (AlreadyExists) but stores nothing', () => {
    expect(h.kubectl('run x --image=nginx --dry-run=server').stdout).toBe('pod/x created (server dry run)\n');
    expect(pods()).toEqual([]);
    h.kubectl('run x --image=nginx');
    expect(h.kubectl('run x --image=nginx --dry-run=server')).toEqual({ stdout: '', stderr: 'Error from server (AlreadyExists): pods "x" already exists\n', exitCode: 1 });
  });

  it.each([
    ['run', 'error: required flag(s) "image" not set'],
    ['run x', 'error: required flag(s) "image" not set'],
    ['run --image=nginx', 'error: NAME is required for run'],
    ['run x --image=', 'error: --image is required'],
    ['run x --image=Nginx', 'error: invalid image name "Nginx": invalid reference format'],
    ['run x --image=nginx --restart=Sometimes', 'error: invalid restart policy: Sometimes, valid values are: Always, OnFailure, Never'],
    ['run x --image=nginx --image-pull-policy=Maybe', 'error: invalid image pull policy: Maybe'],
    ['run x --image=nginx --env=1A=b', 'error: invalid env: 1A=b'],
    ['run x --image=nginx -l app', 'error: unexpected label spec: app'],
    ['run x --image=nginx --annotations==v --annotations=k', 'error: invalid annotations format: =v, k'],
    ['run x --image=nginx --expose', 'error: --port must be set when exposing a service'],
    ['run x --image=nginx --port=http', 'error: --port must be a number'],
    ['run x --image=nginx -t', 'error: -i/--stdin is required for containers with -t/--tty=true'],
    ['run x --image=nginx --rm', 'error: --rm should only be used for attached containers'],
    ['run x --image=nginx -i --dry-run=client', "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)"],
    ['run x --image=nginx --dry-run=maybe', 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".'],
    [
      'run x --image=nginx -o wide',
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml',
    ],
  ])('%s → %s, nothing created', (line, stderr) => {
    expect(h.kubectl(line)).toEqual({ stdout: '', stderr: `${stderr}\n`, exitCode: 1 });
    expect(pods()).toEqual([]);
  });

  it('a valid registry reference with port, path, tag and digest is accepted', () => {
    const image = `registry.example.com:5000/team/app_v2:1.0@sha256:${'a'.repeat(64)}`;
    expect(h.kubectl(`run x --image=${image}`).stdout).toBe('pod/x created\n');
  });

  it('the deprecated bare --dry-run means client, with kubectl\'s warning', () => {
    expect(h.kubectl('run x --image=nginx --dry-run')).toEqual({
      stdout: 'pod/x created (dry run)\n',
      stderr: '--dry-run is deprecated and can be replaced with --dry-run=client.\n',
      exitCode: 0,
    });
    expect(pods()).toEqual([]);
  });

  it('--overrides merges JSON into the generated pod', () => {
    expect(h.kubectl(`run x --image=nginx --overrides='{"spec":{"nodeSelector":{"disk":"ssd"}}}'`).stdout).toBe('pod/x created\n');
    expect(h.core.store.get('Pod', 'default', 'x')?.spec).toMatchObject({ nodeSelector: { disk: 'ssd' } });
    expect(h.kubectl(`run y --image=nginx --overrides='{"spec":'`).stderr).toBe('error: Invalid JSON Patch\n');
    expect(h.kubectl(`run y --image=nginx --override-type=yaml --overrides='{}'`).stderr).toBe('error: invalid override type: yaml\n');
    expect(h.core.store.get('Pod', 'default', 'y')).toBeUndefined();
  });
});
