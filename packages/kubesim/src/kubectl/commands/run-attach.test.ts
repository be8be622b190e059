import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster.js';

function cluster() {
  const c = createCluster({ seed: 1 });
  c.kubectl('create deployment web --image=nginx');
  c.kubectl('expose deployment web --port=80');
  c.advance('1m');
  return c;
}

describe('kubectl run attached (run.go: handleAttachPod, waitForPod, removeCreatedObjects)', () => {
  it('the classic in-cluster check: output, then the pod deleted; -t without a terminal says so and goes on', () => {
    const c = cluster();
    const r = c.kubectl('run tmp --image=busybox --rm -it --restart=Never -- wget -qO- http://web');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('<title>Welcome to nginx!</title>');
    expect(r.stdout.endsWith('</html>\npod "tmp" deleted\n')).toBe(true);
    expect(r.stderr).toBe('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    c.advance('1m');
    expect(c.get('Pod', 'tmp')).toBeUndefined();
  });

  it('follows the process on virtual time and ends with its exit code (restart Never)', () => {
    const c = cluster();
    const t0 = c.now();
    const r = c.kubectl('run job --image=busybox --rm -i --restart=Never -- sh -c "echo hi; sleep 5; echo bye; exit 3"');
    expect(r).toEqual({ stdout: 'hi\nbye\npod "job" deleted\n', stderr: 'pod default/job terminated (Error)\n', exitCode: 3 });
    expect(c.now() - t0).toBeGreaterThanOrEqual(5000);
  });

  it("a shell without a command reads its script from kubectl's standard input", () => {
    const c = cluster();
    const r = c.kubectl('run sh --image=busybox -i --restart=Never', { stdin: 'echo from stdin\nhostname\n' });
    expect(r).toEqual({ stdout: 'from stdin\nsh\n', stderr: '', exitCode: 0 });
    // Without --rm the pod stays, completed; its spec says what kubectl run -i asked for.
    const pod = c.get('Pod', 'sh') as unknown as { spec: { containers: { stdin?: boolean; stdinOnce?: boolean }[] }; status: { phase: string } };
    expect(pod.status.phase).toBe('Succeeded');
    expect(pod.spec.containers[0]).toMatchObject({ stdin: true, stdinOnce: true });
  });

  it('a pod that cannot run in time: the wait times out and --rm still cleans up', () => {
    const c = cluster();
    const r = c.kubectl(`run stuck --image=busybox --rm -i --restart=Never --overrides='{"spec":{"nodeSelector":{"nope":"x"}}}' -- echo hi`);
    expect(r).toEqual({ stdout: 'pod "stuck" deleted\n', stderr: 'error: timed out waiting for the condition\n', exitCode: 1 });
  });

  it('a process that does not end is followed until --request-timeout, then left as a Ctrl-C leaves it', () => {
    const c = cluster();
    const r = c.kubectl('run forever --image=busybox --rm -i --request-timeout=10m -- sh -c "echo up; sleep 3600"');
    expect(r).toEqual({ stdout: 'up\n', stderr: '', exitCode: 130 });
    expect(c.get('Pod', 'forever')).toBeDefined();
  });

  it('exec -it runs without a TTY and says so, as kubectl does when its input is no terminal; -t alone or -q says nothing', () => {
    const c = cluster();
    c.kubectl('run bb --image=busybox -- sleep 3600');
    c.advance('1m');
    expect(c.kubectl('exec -it bb -- hostname')).toEqual({ stdout: 'bb\n', stderr: 'Unable to use a TTY - input is not a terminal or the right kind of file\n', exitCode: 0 });
    expect(c.kubectl('exec -t bb -- hostname').stderr).toBe('');
    expect(c.kubectl('exec -itq bb -- hostname').stderr).toBe('');
  });
});

describe('kubectl attach (attach.go)', () => {
  it('prints what the container writes from now on, until --request-timeout ends it as a Ctrl-C; -i feeds a waiting shell', () => {
    const c = cluster();
    c.kubectl('run ticker --image=busybox -- sh -c "while true; do echo tick; sleep 5; done"');
    c.apply(`apiVersion: v1
kind: Pod
metadata: { name: shell }
spec:
  restartPolicy: Never
  containers: [{ name: sh, image: busybox, stdin: true, stdinOnce: true }]
`);
    c.kubectl('run short --image=busybox --restart=Never -- sh -c "sleep 5; echo bye"');
    c.advance('1m');
    const t0 = c.now();
    expect(c.kubectl('attach ticker --request-timeout=20s')).toEqual({ stdout: 'tick\ntick\ntick\ntick\n', stderr: '', exitCode: 130 });
    expect(c.now() - t0).toBe(20_000);
    expect(c.kubectl('attach shell -i', { stdin: 'echo from attach\n' })).toEqual({ stdout: 'from attach\n', stderr: '', exitCode: 0 });
    expect(c.kubectl('attach short')).toEqual({ stdout: '', stderr: 'error: cannot attach a container in a completed pod; current phase is Succeeded\n', exitCode: 1 });
    expect(c.kubectl('attach ticker -t --request-timeout=1s').stderr).toBe('error: Unable to use a TTY - container ticker did not allocate one\n');
    expect(c.kubectl('attach')).toMatchObject({ stderr: "error: at least 1 argument is required for attach\nSee 'kubectl attach -h' for help and examples\n", exitCode: 1 });
  });
});
