/**
 * Containers of images kubesim has no behaviour for run their own command as busybox would: the
 * classic `kubectl create job hello --image=busybox -- echo "Hello World"` completes and logs its
 * line, and a `sleep 20` pod runs for 20 s, then completes.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from 'kubesim';

describe('busybox commands', () => {
  it('a Job that echoes completes, and its log is the line', () => {
    const c = createCluster({ seed: 1 });
    c.kubectl('create job hello --image=busybox -- echo "Hello World"');
    expect(c.kubectl('wait --for=condition=complete job/hello --timeout=2m').stdout).toBe('job.batch/hello condition met\n');
    expect(c.kubectl('logs job/hello')).toEqual({ stdout: 'Hello World\n', stderr: '', exitCode: 0 });
    expect(c.kubectl('get pods --no-headers').stdout).toMatch(/^hello-[a-z0-9]{5} +0\/1 +Completed +0 +\d+s\n$/);
  });

  it('sh -c with a write into the container and a sleep: Running for the sleep, then Completed; the file is there meanwhile', () => {
    const c = createCluster({ seed: 1 });
    c.kubectl('run writer --image=busybox --restart=Never -- sh -c "echo saved > /tmp/x; sleep 20"');
    c.advance('10s');
    expect(c.kubectl('get pod writer -o jsonpath={.status.phase}').stdout).toBe('Running');
    expect(c.kubectl('exec writer -- cat /tmp/x').stdout).toBe('saved\n');
    c.advance('15s');
    expect(c.kubectl('get pod writer -o jsonpath={.status.phase}').stdout).toBe('Succeeded');
  });

  it('what follows a sleep runs when the sleep ends: its lines are logged then, and the exit code is the script\'s', () => {
    const c = createCluster({ seed: 1 });
    c.kubectl('run steps --image=busybox --restart=Never -- sh -c "echo start; sleep 5; echo done > /tmp/done; cat /tmp/done; exit 3"');
    c.kubectl('wait --for=condition=Ready pod/steps --timeout=1m');
    expect(c.kubectl('logs steps').stdout).toBe('start\n');
    expect(c.kubectl('exec steps -- ls /tmp').stdout).toBe('');
    c.advance('10s');
    const stamped = c.kubectl('logs steps --timestamps').stdout.trim().split('\n');
    expect(stamped.map((l) => l.split(' ')[1])).toEqual(['start', 'done']);
    const [t0, t1] = stamped.map((l) => Date.parse(l.split(' ')[0]));
    expect(t1 - t0).toBe(5000);
    const pod = c.get('Pod', 'steps') as unknown as { status: { containerStatuses: { state: { terminated?: { exitCode: number } } }[] } };
    const state = pod.status.containerStatuses[0].state;
    expect(state.terminated?.exitCode).toBe(3);
  });

  it('kubectl exec -i hands the command its standard input; without -i it reads none', () => {
    const c = createCluster({ seed: 1 });
    c.kubectl('run box --image=busybox -- sleep 3600');
    c.kubectl('wait --for=condition=Ready pod/box --timeout=1m');
    expect(c.kubectl("exec -i box -- sh -c 'cat > /tmp/in; wc -l < /tmp/in'", { stdin: 'a\nb\n' }).stdout).toBe('2\n');
    expect(c.kubectl('exec box -- cat /tmp/in').stdout).toBe('a\nb\n');
    expect(c.kubectl("exec box -- sh -c 'cat | wc -c'", { stdin: 'ignored' }).stdout).toBe('0\n');
    expect(c.kubectl('exec -i box -- sh', { stdin: 'for i in 1 2; do echo line $i; done\nexit 3\n' })).toEqual({ stdout: 'line 1\nline 2\n', stderr: 'command terminated with exit code 3\n', exitCode: 3 });
  });

  it('busybox with no command runs its CMD, sh, which finds no script on its empty stdin and exits 0: the pod goes into CrashLoopBackOff; with stdin: true the shell waits', () => {
    const c = createCluster({ seed: 1 });
    c.kubectl('run bb --image=busybox');
    c.advance('1m');
    expect(c.kubectl('get pod bb --no-headers').stdout).toMatch(/^bb +0\/1 +(CrashLoopBackOff|Completed) +[2-9] +/);
    const pod = c.get('Pod', 'bb') as unknown as { status: { containerStatuses: { lastState: { terminated?: { exitCode: number; reason: string } } }[] } };
    expect(pod.status.containerStatuses[0].lastState.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    c.kubectl('apply -f -', {
      stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: waiting\nspec:\n  containers:\n  - name: shell\n    image: busybox:1.36\n    stdin: true\n    tty: true\n',
    });
    c.advance('1m');
    expect(c.kubectl('get pod waiting --no-headers').stdout).toMatch(/^waiting +1\/1 +Running +0 +/);
    expect(c.kubectl('exec waiting -- sh -c \'echo $TERM\'').stdout).toBe('xterm\n');
  });

  it('deleting a pod: a shell that traps SIGTERM while in `wait` exits at once; one sleeping in the foreground holds out for the 30 s grace period', () => {
    const c = createCluster({ seed: 1 });
    c.kubectl('run quick --image=busybox -- sh -c "trap \'echo stopping\' TERM; sleep infinity & wait"');
    c.kubectl('run slow --image=busybox -- sleep infinity');
    c.kubectl('wait --for=condition=Ready pod/quick pod/slow --timeout=1m');
    c.kubectl('delete pod quick slow --wait=false');
    c.advance('2s');
    expect(c.kubectl('get pods --no-headers -o custom-columns=NAME:.metadata.name').stdout).toBe('slow\n');
    c.advance('27s');
    expect(c.kubectl('get pods --no-headers -o custom-columns=NAME:.metadata.name').stdout).toBe('slow\n');
    c.advance('3s');
    expect(c.kubectl('get pods').stderr).toBe('No resources found in default namespace.\n');
  });

  it('a pod name longer than 63 characters gives a hostname cut to 63, without a trailing dash (truncatePodHostnameIfNeeded)', () => {
    const c = createCluster({ seed: 1 });
    const name = `${'a'.repeat(62)}-bcd`;
    // (`kubectl run` would also use the name as a label value and the container name, both at most 63.)
    c.kubectl('apply -f -', { stdin: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: box\n    image: busybox\n    command: [sleep, '3600']\n` });
    c.advance('10s');
    expect(c.kubectl(`exec ${name} -- hostname`).stdout).toBe(`${'a'.repeat(62)}\n`);
    expect(c.kubectl(`exec ${name} -- sh -c 'echo $HOSTNAME'`).stdout).toBe(`${'a'.repeat(62)}\n`);
  });

  it('$RANDOM in a container: numbers 0–32767 from the container\'s own stream, the same for the same seed', () => {
    const run = () => {
      const c = createCluster({ seed: 5 });
      c.kubectl('run box --image=busybox -- sleep 3600');
      c.advance('10s');
      return c.kubectl("exec box -- sh -c 'echo $RANDOM $RANDOM $RANDOM'").stdout;
    };
    const first = run();
    const numbers = first.trim().split(' ').map(Number);
    expect(numbers).toHaveLength(3);
    for (const n of numbers) expect(n >= 0 && n < 32_768 && Number.isInteger(n)).toBe(true);
    expect(new Set(numbers).size).toBeGreaterThan(1);
    expect(run()).toBe(first);
  });

  it("df: the service account token volume is a tmpfs of the node's allocatable memory, or of the pod's memory limit", () => {
    const c = createCluster({ seed: 1 });
    c.kubectl('run plain --image=busybox -- sleep 3600');
    c.kubectl(`run capped --image=busybox --overrides='{"spec":{"containers":[{"name":"capped","image":"busybox","args":["sleep","3600"],"resources":{"limits":{"memory":"256Mi"}}}]}}'`);
    c.advance('1m');
    const allocatable = c.kubectl('get node -o jsonpath={.items[0].status.allocatable.memory}').stdout;
    expect(allocatable).toMatch(/^\d+Ki$/);
    const token = (pod: string) => c.kubectl(`exec ${pod} -- df /var/run/secrets/kubernetes.io/serviceaccount`).stdout.split('\n')[1];
    expect(token('plain')).toMatch(new RegExp(`^tmpfs +${allocatable.slice(0, -2)} +12 +\\d+ +0% /var/run/secrets/kubernetes.io/serviceaccount$`));
    expect(c.kubectl('exec capped -- df -h /var/run/secrets/kubernetes.io/serviceaccount').stdout.split('\n')[1]).toBe(
      'tmpfs                   256.0M     12.0K    256.0M   0% /var/run/secrets/kubernetes.io/serviceaccount',
    );
  });

  it('a log whose last line has no newline keeps it that way, as the CRI keeps a partial line', () => {
    const c = createCluster({ seed: 1 });
    c.kubectl(`run p --image=busybox --restart=Never -- sh -c "echo one; printf two"`);
    c.advance('30s');
    expect(c.kubectl('logs p').stdout).toBe('one\ntwo');
  });

  it('/etc/resolv.conf and /etc/hosts are the kubelet\'s: cluster DNS with the search path, the pod IP and name', () => {
    const c = createCluster({ seed: 1 });
    c.kubectl('create namespace shop');
    c.kubectl('run bb -n shop --image=busybox -- sleep 3600');
    c.advance('1m');
    expect(c.kubectl('exec -n shop bb -- cat /etc/resolv.conf').stdout).toBe(
      'search shop.svc.cluster.local svc.cluster.local cluster.local ec2.internal\nnameserver 10.100.0.10\noptions ndots:5\n',
    );
    const ip = c.kubectl('get pod -n shop bb -o jsonpath={.status.podIP}').stdout;
    expect(c.kubectl('exec -n shop bb -- tail -1 /etc/hosts').stdout).toBe(`${ip}\tbb\n`);
    expect(c.kubectl('exec -n shop bb -- hostname -i').stdout).toBe(`${ip}\n`);
    expect(c.kubectl('exec -n shop bb -- hostname -f').stdout).toBe('bb\n');
  });

  it("exec runs the program itself: one the image lacks (bash in busybox) is the runtime's error; through sh it is sh's", () => {
    const c = createCluster({ seed: 1 });
    c.kubectl('run bb --image=busybox -- sleep 3600');
    c.kubectl('run deb --image=debian -- sleep 3600');
    c.advance('1m');
    const r = c.kubectl('exec bb -- bash');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown\n$/,
    );
    expect(c.kubectl('exec bb -- /bin/bash').stderr).toContain('exec: "/bin/bash": stat /bin/bash: no such file or directory: unknown\n');
    expect(c.kubectl('exec bb -- sh -c bash')).toEqual({ stdout: '', stderr: 'sh: bash: not found\ncommand terminated with exit code 127\n', exitCode: 127 });
    expect(c.kubectl('exec deb -- bash -c "echo hi"')).toEqual({ stdout: 'hi\n', stderr: '', exitCode: 0 });
  });

  it('a container whose program the image lacks never starts: StartError 128 with the runtime\'s message, then the restart back-off', () => {
    const c = createCluster({ seed: 1 });
    c.kubectl('run once --image=busybox --restart=Never -- bash -c "echo hi"');
    c.kubectl('run again --image=busybox -- bash -c "echo hi"');
    c.advance('3m');
    const message = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown';
    const state = JSON.parse(c.kubectl('get pod once -o jsonpath={.status.containerStatuses[0].state.terminated}').stdout);
    expect(state).toMatchObject({ exitCode: 128, reason: 'StartError', message, startedAt: '1970-01-01T00:00:00Z' });
    expect(c.kubectl('get pod once -o jsonpath={.status.phase}').stdout).toBe('Failed');
    expect(c.events({ reason: 'Failed', name: 'once' })).toMatchObject([{ message: `Error: ${message}` }]);
    expect(c.events({ reason: 'Started', name: 'once' })).toEqual([]);
    expect(c.kubectl('get pods --no-headers').stdout).toMatch(/^again +0\/1 +CrashLoopBackOff +\d+ \(\d+s ago\) +3m\nonce +0\/1 +StartError +0 +3m\n$/);
  });
});
