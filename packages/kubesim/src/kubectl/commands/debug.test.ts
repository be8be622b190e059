import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster.js';
import { LEGACY_PROFILE_WARNING } from './debug-profiles.js';

const WARN = `${LEGACY_PROFILE_WARNING}\n`;

function cluster() {
  const c = createCluster({ seed: 1 });
  c.kubectl('run web --image=nginx');
  c.advance('1m');
  return c;
}

type EphemeralPod = {
  spec: { ephemeralContainers?: Record<string, unknown>[]; volumes?: unknown[]; [k: string]: unknown };
  status: { ephemeralContainerStatuses?: { name: string; ready: boolean; restartCount: number; state: Record<string, { exitCode?: number }> }[] };
};
const pod = (c: ReturnType<typeof cluster>, name = 'web') => c.get('Pod', name) as unknown as EphemeralPod;
/** The generated debug container name `Defaulting debug container name to …` announced. */
const defaulted = (stdout: string) => /Defaulting debug container name to (debugger-[bcdfghjklmnpqrstvwxz2456789]{5})\.\n/.exec(stdout)?.[1] ?? '';

describe('kubectl debug POD (debug.go: debugByEphemeralContainer, handleAttachPod)', () => {
  it('-i sends stdin to the new container, prints what it wrote, and exits 0 as attach does', () => {
    const c = cluster();
    const r = c.kubectl('debug web -i --image=busybox -- sh', { stdin: 'echo hi; exit 3' });
    const name = defaulted(r.stdout);
    expect(name).not.toBe('');
    expect(r).toEqual({ stdout: `Defaulting debug container name to ${name}.\nhi\n`, stderr: WARN, exitCode: 0 });
    const p = pod(c);
    expect(p.spec.ephemeralContainers).toEqual([
      { name, image: 'busybox', command: ['sh'], terminationMessagePolicy: 'File', stdin: true, imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log' },
    ]);
    expect(p.status.ephemeralContainerStatuses?.[0]).toMatchObject({ name, ready: false, restartCount: 0, state: { terminated: { exitCode: 3 } } });
    // READY counts the regular container only.
    expect(c.kubectl('get pods').stdout).toMatch(/^web\s+1\/1\s+Running\s+0\s/m);
  });

  it('-it: no terminal here, so attach says so and goes on; -q says nothing at all', () => {
    const c = cluster();
    const r = c.kubectl('debug web -it --image=busybox', { stdin: 'echo tty' });
    expect(r.stdout.endsWith('.\ntty\n')).toBe(true);
    expect(r.stderr).toBe(`${WARN}Unable to use a TTY - input is not a terminal or the right kind of file\n`);
    expect(c.kubectl('debug web -itq --image=busybox -c quiet', { stdin: 'echo q' })).toEqual({ stdout: 'q\n', stderr: WARN, exitCode: 0 });
  });

  it('without -i the container keeps running; exec -c and logs -c reach it; the names differ each time', () => {
    const c = cluster();
    const r = c.kubectl('debug web --image=busybox --target=web --env=B=2 --env A=1 -- sh -c "echo started; sleep 3600"');
    const name = defaulted(r.stdout);
    expect(r.stdout).toBe(
      `Targeting container "web". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\nDefaulting debug container name to ${name}.\n`,
    );
    c.advance('30s');
    expect(pod(c).status.ephemeralContainerStatuses?.[0].state.running).toBeDefined();
    expect(pod(c).spec.ephemeralContainers?.[0]).toMatchObject({ targetContainerName: 'web', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] });
    expect(c.kubectl(`exec web -c ${name} -- sh -c 'echo $A$B; hostname'`)).toEqual({ stdout: '12\nweb\n', stderr: '', exitCode: 0 });
    expect(c.kubectl(`logs web -c ${name}`).stdout).toBe('started\n');
    const second = defaulted(c.kubectl('debug web --image=busybox -- sleep 3600').stdout);
    expect(second).not.toBe(name);
    expect(pod(c).spec.ephemeralContainers?.map((e) => e.name)).toEqual([name, second]);
  });

  it('-c names the container; the profile shapes it; the API refuses a duplicate name', () => {
    const c = cluster();
    expect(c.kubectl('debug web --image=busybox -c dbg --profile=general -- sleep 1d')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(pod(c).spec.ephemeralContainers?.[0].securityContext).toEqual({ capabilities: { add: ['SYS_PTRACE'] } });
    c.kubectl('debug web --image=busybox -c res --profile=restricted -- sleep 1d');
    expect(pod(c).spec.ephemeralContainers?.[1].securityContext).toEqual({
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
      allowPrivilegeEscalation: false,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(c.kubectl('debug web --image=busybox -c web --profile=baseline').stderr).toBe('The Pod "web" is invalid: spec.ephemeralContainers[2].name: Duplicate value: "web"\n');
  });

  it('Validate() and Complete() errors, with their texts', () => {
    const c = cluster();
    const err = (line: string) => c.kubectl(line).stderr;
    expect(err('debug web')).toBe('error: you must specify --image when not using --copy-to.\n');
    expect(err('debug web --attach')).toBe('error: you must specify --container or create a new container using --image in order to attach.\n');
    expect(err('debug web --image=busybox --replace')).toBe('error: --replace may only be used with --copy-to.\n');
    expect(err('debug web --image=busybox --same-node')).toBe('error: --same-node may only be used with --copy-to.\n');
    expect(err('debug web --image=busybox --set-image=*=nginx')).toBe('error: --set-image may only be used with --copy-to.\n');
    expect(err('debug web --image=Busy:box')).toBe('error: invalid image name "Busy:box": invalid reference format\n');
    expect(err('debug --image=busybox')).toBe('error: NAME or filename is required for debug\n');
    expect(err('debug web --image=busybox --image-pull-policy=Sometimes')).toBe('error: invalid image pull policy: Sometimes\n');
    expect(err('debug web --image=busybox -t')).toBe('error: -i/--stdin is required for containers with -t/--tty=true\n');
    expect(err('debug web --image=busybox --profile=nope')).toBe('error: unknown profile: nope\n');
    expect(err('debug web --copy-to=x')).toBe('error: you must specify --image, --set-image or command arguments.\n');
    expect(err('debug web --copy-to=x --target=web --image=busybox')).toBe('error: --target is incompatible with --copy-to. Use --share-processes instead.\n');
    expect(err('debug web --copy-to=x --image=busybox')).toContain('kubectl debug --copy-to is not modelled');
    expect(err('debug nope --image=busybox')).toBe(`${WARN}Error from server (NotFound): pods "nope" not found\n`);
    expect(err('debug foo/web --image=busybox')).toBe(`${WARN}error: the server doesn't have a resource type "foo"\n`);
    c.kubectl('create deployment d --image=nginx');
    expect(err('debug deployment/d --image=busybox')).toBe(`${WARN}error: "apps/v1, Kind=Deployment" not supported by debug\n`);
    expect(pod(c).spec.ephemeralContainers).toBeUndefined();
  });
});

describe('kubectl debug node/NAME (generateNodeDebugPod)', () => {
  it('creates node-debugger-<node>-xxxxx in the host namespaces with / at /host, and attaches with -i', () => {
    const c = cluster();
    const node = c.list('Node')[0].metadata.name ?? '';
    const r = c.kubectl(`debug node/${node} -i --image=busybox`, { stdin: 'test -d /host && echo host-mounted' });
    const m = new RegExp(`^Creating debugging pod (node-debugger-${node.replaceAll('.', '\\.')}-[bcdfghjklmnpqrstvwxz2456789]{5}) with container debugger on node ${node.replaceAll('.', '\\.')}\\.\\n`).exec(r.stdout);
    expect(m).not.toBeNull();
    expect(r).toEqual({ stdout: `${m?.[0]}host-mounted\n`, stderr: WARN, exitCode: 0 });
    const p = pod(c, m?.[1]);
    expect(p.spec).toMatchObject({
      nodeName: node,
      restartPolicy: 'Never',
      hostNetwork: true,
      hostPID: true,
      hostIPC: true,
      tolerations: [{ operator: 'Exists' }],
    });
    // The service account admission adds its token volume after the profile's host root.
    expect(p.spec.volumes?.[0]).toEqual({ name: 'host-root', hostPath: { path: '/', type: '' } });
    const container = (p.spec.containers as Record<string, unknown>[])[0];
    expect(container).toMatchObject({ name: 'debugger', image: 'busybox', stdin: true, terminationMessagePolicy: 'File' });
    expect((container.volumeMounts as unknown[])[0]).toEqual({ mountPath: '/host', name: 'host-root' });
    // The pod's IP is the node's (host network).
    expect(c.kubectl(`get pod ${m?.[1]} -o jsonpath={.status.podIP}`).stdout).toBe(c.kubectl(`get node ${node} -o jsonpath={.status.addresses[0].address}`).stdout);
  });

  it('-q prints nothing of its own; -c names the container; an unknown node is NotFound', () => {
    const c = cluster();
    const node = c.list('Node')[0].metadata.name ?? '';
    expect(c.kubectl(`debug node/${node} -q -c shell --image=busybox --profile=general -- sleep 1d`)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    const created = c.list('Pod').find((p) => p.metadata.name?.startsWith('node-debugger-')) as unknown as { spec: { containers: { name: string; securityContext?: unknown }[] } };
    expect(created.spec.containers[0].name).toBe('shell');
    expect(c.kubectl('debug node/nope --image=busybox').stderr).toBe(`${WARN}Error from server (NotFound): nodes "nope" not found\n`);
  });
});

describe('kubectl describe pod: Ephemeral Containers (describe.go describePod)', () => {
  it('lists them after Containers, with their state and Ready False', () => {
    const c = cluster();
    c.kubectl('debug web --image=busybox -c dbg -- sleep 3600');
    c.advance('30s');
    const out = c.kubectl('describe pod web').stdout;
    const block = out.slice(out.indexOf('Ephemeral Containers:'), out.indexOf('Conditions:'));
    expect(out.indexOf('Containers:\n  web:')).toBeLessThan(out.indexOf('Ephemeral Containers:'));
    expect(block).toMatch(
      /^Ephemeral Containers:\n {2}dbg:\n {4}Container ID: {2}containerd:\/\/[0-9a-f]{64}\n {4}Image: {9}busybox\n {4}Image ID: {6}docker\.io\/library\/busybox@sha256:[0-9a-f]{64}\n {4}Port: {10}<none>\n {4}Host Port: {5}<none>\n {4}Command:\n {6}sleep\n {6}3600\n {4}State: {10}Running\n {6}Started: {6}.+\n {4}Ready: {10}False\n {4}Restart Count: {2}0\n {4}Environment: {4}<none>\n {4}Mounts: {9}<none>\n$/,
    );
    expect(c.kubectl('describe pod web').stdout).not.toContain('Ephemeral Containers:\n  web');
  });
});
