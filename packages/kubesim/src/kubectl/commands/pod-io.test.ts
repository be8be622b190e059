import { beforeEach, describe, expect, it } from 'vitest';
import { CHAPTER_NODE, type KubectlHarness, makeDeployment, makeHarness, makeNode, makeReplicaSetFor, PodBuilder } from '../testing/index.js';

let h: KubectlHarness;
const calls: string[] = [];

beforeEach(() => {
  calls.length = 0;
  h = makeHarness({
    exec: (ns, pod, container, argv) => {
      calls.push(`exec ${ns}/${pod}/${container} ${argv.join(' ')}`);
      return argv[0] === 'ls' ? { stdout: 'qzkxvbtd\n', exitCode: 0 } : { stdout: '', stderr: `sh: ${argv[0]}: not found\n`, exitCode: 127 };
    },
    // The kubelet applies --tail (tailLines); this stand-in does too.
    logs: (ns, pod, container, options) =>
      [`serving /data on :3000 (${ns}/${pod}/${container})`, 'GET /', 'GET /']
        .slice(options?.tailLines === undefined ? 0 : -options.tailLines || 3)
        .map((l) => `${l}\n`)
        .join(''),
    http: (ns, pod, port, path) => {
      calls.push(`http ${ns}/${pod}:${port}${path}`);
      return { status: 200, body: 'qzkxvbtd\n' };
    },
  });
  h.put(makeNode(CHAPTER_NODE));
  const d = h.put(makeDeployment('randserver', 1));
  const rs = h.put(makeReplicaSetFor(d, '79559c5fb6'));
  h.put(
    new PodBuilder('randserver-79559c5fb6-htnxm')
      .labels({ app: 'randserver', 'pod-template-hash': '79559c5fb6' })
      .owner('ReplicaSet', rs.metadata.name ?? '', rs.metadata.uid ?? '')
      .emptyDir()
      .running(CHAPTER_NODE, '10.0.1.77')
      .obj(),
  );
  h.put(new PodBuilder('waiting').containerCreating(CHAPTER_NODE).obj());
});

describe('kubectl exec', () => {
  it('runs the command through the hook; deploy/x resolves to its pod', () => {
    expect(h.kubectl('exec randserver-79559c5fb6-htnxm -- ls /data')).toEqual({ stdout: 'qzkxvbtd\n', stderr: '', exitCode: 0 });
    expect(h.kubectl('exec deploy/randserver -- ls /data').stdout).toBe('qzkxvbtd\n');
    expect(calls).toEqual(['exec default/randserver-79559c5fb6-htnxm/randserver ls /data', 'exec default/randserver-79559c5fb6-htnxm/randserver ls /data']);
  });

  it('a failing command: its stderr, kubectl\'s exit-code line, the same exit code', () => {
    expect(h.kubectl('exec randserver-79559c5fb6-htnxm -- cat /nope')).toEqual({
      stdout: '',
      stderr: 'sh: cat: not found\ncommand terminated with exit code 127\n',
      exitCode: 127,
    });
  });

  it('errors: no --, container not running, NotFound, unknown container', () => {
    expect(h.kubectl('exec randserver-79559c5fb6-htnxm ls').stderr).toBe(
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
    );
    expect(h.kubectl('exec randserver-79559c5fb6-htnxm --').stderr).toBe(
      "error: you must specify at least one command for the container\nSee 'kubectl exec -h' for help and examples\n",
    );
    expect(h.kubectl('exec waiting -- ls').stderr).toBe('error: unable to upgrade connection: container not found ("randserver")\n');
    expect(h.kubectl('exec nope -- ls').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(h.kubectl('exec randserver-79559c5fb6-htnxm -c sidecar -- ls').stderr).toBe('error: container sidecar not found in pod randserver-79559c5fb6-htnxm\n');
  });
});

describe('kubectl logs', () => {
  it('prints the container log; --tail keeps the last lines', () => {
    expect(h.kubectl('logs randserver-79559c5fb6-htnxm').stdout).toBe('serving /data on :3000 (default/randserver-79559c5fb6-htnxm/randserver)\nGET /\nGET /\n');
    expect(h.kubectl('logs deployment/randserver --tail=1').stdout).toBe('GET /\n');
  });

  it('a container still being created is a BadRequest from the server', () => {
    expect(h.kubectl('logs waiting')).toEqual({
      stdout: '',
      stderr: 'Error from server (BadRequest): container "randserver" in pod "waiting" is waiting to start: ContainerCreating\n',
      exitCode: 1,
    });
  });
});

describe('kubectl port-forward', () => {
  it('prints both listeners and returns what a browser shows', () => {
    const r = h.kubectl('port-forward deployment/randserver 3000:3000');
    expect(r.stdout).toBe('Forwarding from 127.0.0.1:3000 -> 3000\nForwarding from [::1]:3000 -> 3000\nHandling connection for 3000\n');
    expect(r.browser).toBe('qzkxvbtd\n');
    expect(calls).toEqual(['http default/randserver-79559c5fb6-htnxm:3000/']);
  });

  it('a Service port is forwarded to its target port', () => {
    h.put({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'randserver', namespace: 'default' }, spec: { selector: { app: 'randserver' }, ports: [{ port: 80, targetPort: 3000, protocol: 'TCP' }] } });
    expect(h.kubectl('port-forward svc/randserver 8080:80').stdout.split('\n').slice(0, 2)).toEqual([
      'Forwarding from 127.0.0.1:8080 -> 3000',
      'Forwarding from [::1]:8080 -> 3000',
    ]);
    expect(calls).toEqual(['http default/randserver-79559c5fb6-htnxm:3000/']);
  });

  it('local port differs from the remote one; a pod not running is refused', () => {
    expect(h.kubectl('port-forward pod/randserver-79559c5fb6-htnxm 8080:3000').stdout.split('\n')[0]).toBe('Forwarding from 127.0.0.1:8080 -> 3000');
    expect(h.kubectl('port-forward waiting 3000').stderr).toBe('error: unable to forward port because pod is not running. Current status=Pending\n');
  });
});
