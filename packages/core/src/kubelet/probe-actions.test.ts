import type { Container, Probe } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { ExecResult } from './exec.js';
import type { HttpResponse } from './images.js';
import { expandStaticCommand, type ProbeTarget, resolveContainerPort, runProbe } from './probe-actions.js';

const POD_IP = '10.0.1.77';

/** A target whose container listens on the given ports with fixed answers, and runs commands with `exec`. */
function target(opts: { container?: Partial<Container>; answers?: Record<number, HttpResponse>; exec?: (argv: readonly string[]) => ExecResult } = {}) {
  const seen: { argv?: readonly string[]; request?: [number, string] } = {};
  const t: ProbeTarget = {
    container: { name: 'app', ...opts.container },
    podIP: POD_IP,
    podDesc: 'web_default(uid-1)',
    exec: (argv) => {
      seen.argv = argv;
      return opts.exec?.(argv) ?? { stdout: '', stderr: '', exitCode: 0 };
    },
    http: (port, path) => {
      seen.request = [port, path];
      return opts.answers?.[port];
    },
  };
  return { t, seen };
}

describe('probe actions (pkg/probe)', () => {
  it('1-1 exec: exit 0 succeeds, another exit fails with stdout and stderr as the output', () => {
    const ok = target({ exec: () => ({ stdout: 'fine\n', stderr: '', exitCode: 0 }) });
    expect(runProbe({ exec: { command: ['cat', '/tmp/healthy'] } }, ok.t)).toEqual({ status: 'success', output: 'fine\n' });
    expect(ok.seen.argv).toEqual(['cat', '/tmp/healthy']);
    const bad = target({ exec: () => ({ stdout: 'out\n', stderr: 'err\n', exitCode: 2 }) });
    expect(runProbe({ exec: { command: ['check'] } }, bad.t)).toEqual({ status: 'failure', output: 'out\nerr\n' });
  });

  it('1-2 exec: a command that never ends times out with the runtime\'s error as the output', () => {
    const { t } = target({ exec: () => ({ stdout: '', stderr: '', exitCode: 130, unfinished: true }) });
    expect(runProbe({ exec: { command: ['sh', '-c', 'sleep infinity'] } }, t)).toEqual({ status: 'failure', output: 'command "sh -c sleep infinity" timed out' });
    // A command that ends with status 130 by itself is an ordinary failure.
    const interrupted = target({ exec: () => ({ stdout: 'bye\n', stderr: '', exitCode: 130 }) });
    expect(runProbe({ exec: { command: ['sh', '-c', 'echo bye; exit 130'] } }, interrupted.t)).toEqual({ status: 'failure', output: 'bye\n' });
  });

  it('1-2b exec: a command whose sleeps outlast timeoutSeconds (default 1) times out; one within it answers', () => {
    const slow = target({ exec: () => ({ stdout: 'ok\n', stderr: '', exitCode: 0, elapsedMs: 3000 }) });
    expect(runProbe({ exec: { command: ['sh', '-c', 'sleep 3; echo ok'] } }, slow.t)).toEqual({ status: 'failure', output: 'command "sh -c sleep 3; echo ok" timed out' });
    expect(runProbe({ exec: { command: ['sh', '-c', 'sleep 3; echo ok'] }, timeoutSeconds: 5 }, slow.t)).toEqual({ status: 'success', output: 'ok\n' });
  });

  it('1-3 exec: the output keeps its first 10 KiB (maxReadLength)', () => {
    const { t } = target({ exec: () => ({ stdout: 'x'.repeat(20_000), stderr: '', exitCode: 1 }) });
    expect(runProbe({ exec: { command: ['big'] } }, t).output).toBe('x'.repeat(10_240));
  });

  it('1-4 exec: $(VAR) expands from the container\'s static env only', () => {
    const container: Partial<Container> = { env: [{ name: 'FILE', value: '/tmp/ok' }, { name: 'FROM', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] };
    expect(expandStaticCommand(['cat', '$(FILE)', '$(FROM)', '$(NONE)', '$$(FILE)'], { name: 'app', ...container })).toEqual(['cat', '/tmp/ok', '', '$(NONE)', '$(FILE)']);
    const { t, seen } = target({ container });
    runProbe({ exec: { command: ['cat', '$(FILE)'] } }, t);
    expect(seen.argv).toEqual(['cat', '/tmp/ok']);
  });

  it('2-1 httpGet: 200–299 succeeds, 300–399 is a warning with the body, others fail with the status code only', () => {
    const probe = (status: number) => runProbe({ httpGet: { path: '/healthz', port: 8080 } }, target({ answers: { 8080: { status, body: 'body' } } }).t);
    expect(probe(200)).toEqual({ status: 'success', output: 'body' });
    expect(probe(204).status).toBe('success');
    expect(probe(302)).toEqual({ status: 'warning', output: 'Probe terminated redirects, Response body: body' });
    expect(probe(404)).toEqual({ status: 'failure', output: 'HTTP probe failed with statuscode: 404' });
    expect(probe(500)).toEqual({ status: 'failure', output: 'HTTP probe failed with statuscode: 500' });
    expect(probe(199).status).toBe('failure');
  });

  it('2-2 httpGet: nothing listening fails with Go\'s client error naming the URL', () => {
    const { t } = target();
    expect(runProbe({ httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' } }, t)).toEqual({
      status: 'failure',
      output: 'Get "http://10.0.1.77:8080/healthz": dial tcp 10.0.1.77:8080: connect: connection refused',
    });
    expect(runProbe({ httpGet: { path: '/', port: 8443, scheme: 'HTTPS', host: '10.0.9.9' } }, t).output).toBe(
      'Get "https://10.0.9.9:8443/": dial tcp 10.0.9.9:8443: connect: connection refused',
    );
  });

  it('2-3 httpGet: a named port resolves through the container\'s ports; the query is not part of the path asked', () => {
    const { t, seen } = target({ container: { ports: [{ name: 'http', containerPort: 3000 }] }, answers: { 3000: { status: 200, body: '' } } });
    expect(runProbe({ httpGet: { path: '/ready?full=1', port: 'http' } }, t).status).toBe('success');
    expect(seen.request).toEqual([3000, '/ready']);
  });

  it('2-4 a port name the container lacks is an error, not a failure; so is a port out of range or a missing handler', () => {
    const { t } = target();
    expect(runProbe({ httpGet: { path: '/', port: 'metrics' } }, t)).toEqual({ status: 'unknown', output: '', error: 'port "metrics" not found' });
    expect(runProbe({ tcpSocket: { port: 70000 } }, t)).toEqual({ status: 'unknown', output: '', error: 'invalid port number: 70000' });
    expect(runProbe({} as Probe, t)).toEqual({ status: 'unknown', output: '', error: 'missing probe handler for web_default(uid-1):app' });
    // 1.33 resolves a string only as a name.
    expect(resolveContainerPort('8080', { name: 'app' })).toEqual({ error: 'port "8080" not found' });
  });

  it('3-1 tcpSocket: a listening port succeeds with no output; a closed one is refused', () => {
    const { t } = target({ answers: { 3000: { status: 404, body: '' } } });
    expect(runProbe({ tcpSocket: { port: 3000 } }, t)).toEqual({ status: 'success', output: '' });
    expect(runProbe({ tcpSocket: { port: 3306 } }, t)).toEqual({ status: 'failure', output: 'dial tcp 10.0.1.77:3306: connect: connection refused' });
  });

  it('4-1 grpc: nothing listening waits out the timeout; a listening port is taken as SERVING', () => {
    const { t } = target({ answers: { 9090: { status: 200, body: '' } } });
    expect(runProbe({ grpc: { port: 9091 }, timeoutSeconds: 1 }, t)).toEqual({
      status: 'failure',
      output: 'timeout: failed to connect service "10.0.1.77:9091" within 1s: context deadline exceeded',
    });
    expect(runProbe({ grpc: { port: 9090 } }, t)).toEqual({ status: 'success', output: 'service healthy' });
  });
});
