import type { Container, Probe } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { CoreEvent } from '../events/recorder.js';
import { NodeAgentReasons } from './reasons.js';
import { containerState, makePod, newTestCluster, type TestCluster } from './testing.js';

/** A busybox container running `script` under sh. */
function shell(script: string, extra: Partial<Container> = {}): Partial<Container> {
  return { command: ['sh', '-c', script], ...extra };
}

/** The pod's events, oldest first. */
function eventsOf(c: TestCluster, pod: string): CoreEvent[] {
  const obj = c.pod(pod);
  return obj ? c.core.recorder.eventsFor(obj) : [];
}

function event(c: TestCluster, pod: string, reason: string): CoreEvent | undefined {
  return eventsOf(c, pod).find((e) => e.reason === reason);
}

function status(c: TestCluster, pod: string, index = 0) {
  return c.pod(pod)?.status?.containerStatuses?.[index];
}

function condition(c: TestCluster, pod: string, type: string): string | undefined {
  return c.pod(pod)?.status?.conditions?.find((x) => x.type === type)?.status;
}

/** The pod's kubelet record (tests of timing read its container instances). */
function record(c: TestCluster, pod: string) {
  return c.w.kubelets.get(c.nodes[0])?.podRecord('default', pod);
}

/** Advances in 100 ms steps until `done` holds (at most `maxMs`); the virtual ms it took. */
function advanceUntil(c: TestCluster, done: () => boolean, maxMs = 600_000): number {
  const start = c.core.clock.now();
  while (!done()) {
    if (c.core.clock.now() - start > maxMs) throw new Error('condition not reached');
    c.advance(100);
  }
  return c.core.clock.now() - start;
}

const LIVENESS_DOCS: Probe = { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 };

describe('prober: liveness', () => {
  it('1-1 the docs liveness-exec pod: three failures 5 s apart, Killing, SIGKILL at the 30 s grace period, restarted once with exit 137', () => {
    const c = newTestCluster();
    c.core.api.create(
      makePod('liveness-exec')
        .container('liveness', 'registry.k8s.io/busybox:1.27.2', {
          args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
          livenessProbe: { ...LIVENESS_DOCS, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
        })
        .node(c.nodes[0])
        .obj(),
    );
    c.advance('20s');
    expect(event(c, 'liveness-exec', NodeAgentReasons.Unhealthy)).toBeUndefined();
    const catError = c.w.exec('default', 'liveness-exec', 'liveness', ['cat', '/tmp/nowhere']).stderr.replace('/tmp/nowhere', '/tmp/healthy');
    advanceUntil(c, () => event(c, 'liveness-exec', NodeAgentReasons.Killing) !== undefined);
    const unhealthy = event(c, 'liveness-exec', NodeAgentReasons.Unhealthy) as CoreEvent;
    expect(unhealthy.type).toBe('Warning');
    expect(unhealthy.message).toBe(`Liveness probe failed: ${catError}`);
    expect(unhealthy.count).toBe(3);
    expect(c.core.clock.parse(unhealthy.lastTimestamp) - c.core.clock.parse(unhealthy.firstTimestamp)).toBe(10_000);
    const killing = event(c, 'liveness-exec', NodeAgentReasons.Killing) as CoreEvent;
    expect(killing.type).toBe('Normal');
    expect(killing.message).toBe('Container liveness failed liveness probe, will be restarted');
    expect(killing.lastTimestamp).toBe(unhealthy.lastTimestamp);
    // sh as PID 1 ignores SIGTERM: the container runs out the pod's 30 s grace period.
    const killedAt = c.core.clock.now();
    const first = record(c, 'liveness-exec')?.slots[0].current;
    c.advance(29_000);
    expect(first?.running).toBe(true);
    expect(status(c, 'liveness-exec')?.restartCount).toBe(0);
    c.advance(2_000);
    expect(first?.exitCode).toBe(137);
    expect((first?.finishedAtMs ?? 0) - killedAt).toBeLessThanOrEqual(30_000);
    expect((first?.finishedAtMs ?? 0) - killedAt).toBeGreaterThan(29_000);
    c.advance('2s');
    const st = status(c, 'liveness-exec');
    expect(st?.restartCount).toBe(1);
    expect(st?.state?.running).toBeDefined();
    expect(st?.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    // The first liveness kill restarts at once: no back-off.
    expect(event(c, 'liveness-exec', NodeAgentReasons.BackOff)).toBeUndefined();
  });

  it('1-2 the probe\'s terminationGracePeriodSeconds overrides the pod\'s; the kill waits at least 2 s', () => {
    const failing: Probe = { exec: { command: ['false'] }, periodSeconds: 1, failureThreshold: 1 };
    const killTakes = (probe: Probe, podGraceSeconds: number) => {
      const c = newTestCluster();
      c.core.api.create(makePod('p').container('app', 'busybox:1.36', shell('sleep 3600', { livenessProbe: probe })).grace(podGraceSeconds).node(c.nodes[0]).obj());
      advanceUntil(c, () => event(c, 'p', NodeAgentReasons.Killing) !== undefined);
      const killed = record(c, 'p')?.slots[0].current;
      const at = c.core.clock.now();
      advanceUntil(c, () => killed?.running === false);
      expect(killed?.exitCode).toBe(137);
      return (killed?.finishedAtMs ?? 0) - at;
    };
    const probeGrace = killTakes({ ...failing, terminationGracePeriodSeconds: 5 }, 30);
    expect(probeGrace).toBeGreaterThan(4_900);
    expect(probeGrace).toBeLessThanOrEqual(5_000);
    const podGrace = killTakes(failing, 1);
    expect(podGrace).toBeGreaterThan(1_900);
    expect(podGrace).toBeLessThanOrEqual(2_000);
  });

  it('1-3 an HTTP liveness probe on nginx: 404 fails with the status code; nginx stops at once on the signal', () => {
    const c = newTestCluster();
    c.core.api.create(
      makePod('web')
        .container('nginx', 'nginx:1.27', { livenessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 3, failureThreshold: 2 } })
        .node(c.nodes[0])
        .obj(),
    );
    advanceUntil(c, () => (status(c, 'web')?.restartCount ?? 0) === 1);
    expect(event(c, 'web', NodeAgentReasons.Unhealthy)?.message).toBe('Liveness probe failed: HTTP probe failed with statuscode: 404');
    expect(event(c, 'web', NodeAgentReasons.Unhealthy)?.count).toBe(2);
    const killing = event(c, 'web', NodeAgentReasons.Killing) as CoreEvent;
    expect(killing.message).toBe('Container nginx failed liveness probe, will be restarted');
    // The restart follows the kill within the second: nginx exits on the stop signal.
    expect(c.core.clock.now() - c.core.clock.parse(killing.lastTimestamp)).toBeLessThan(2_000);
  });

  it('1-4 restartPolicy Never: the failed container is killed with the pod (Stopping container), never restarted; the pod fails', () => {
    const c = newTestCluster();
    c.core.api.create(
      makePod('once')
        .container('app', 'busybox:1.36', shell('sleep 3600', { livenessProbe: { exec: { command: ['false'] }, periodSeconds: 2, failureThreshold: 2 } }))
        .restartPolicy('Never')
        .grace(3)
        .node(c.nodes[0])
        .obj(),
    );
    advanceUntil(c, () => c.pod('once')?.status?.phase === 'Failed');
    expect(eventsOf(c, 'once').filter((e) => e.reason === NodeAgentReasons.Killing).map((e) => e.message)).toEqual(['Stopping container app']);
    expect(status(c, 'once')?.state?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    c.advance('1m');
    expect(status(c, 'once')?.restartCount).toBe(0);
    expect(event(c, 'once', NodeAgentReasons.Unhealthy)?.count).toBe(2);
  });

  it('1-5 a second liveness kill restarts at once too; the third waits out the back-off from the second exit', () => {
    const c = newTestCluster();
    c.core.api.create(
      makePod('flaky')
        .container('app', 'busybox:1.36', shell('sleep 3600', { livenessProbe: { exec: { command: ['false'] }, periodSeconds: 1, failureThreshold: 1 } }))
        .grace(1)
        .node(c.nodes[0])
        .obj(),
    );
    const exits: number[] = [];
    const starts: number[] = [];
    let seen: unknown;
    advanceUntil(c, () => {
      const slot = record(c, 'flaky')?.slots[0];
      const cur = slot?.current;
      if (cur && cur !== seen) {
        seen = cur;
        starts.push(cur.startedAtMs);
        if (slot?.previous?.finishedAtMs !== undefined) exits.push(slot.previous.finishedAtMs);
      }
      return starts.length === 4;
    });
    // Start delays (image present, create and start) are under a second; a back-off is 10 s.
    expect(starts[1] - exits[0]).toBeLessThan(1_000);
    expect(starts[2] - exits[1]).toBeLessThan(1_000);
    expect(starts[3] - exits[2]).toBeGreaterThanOrEqual(10_000);
    expect(eventsOf(c, 'flaky').find((e) => e.reason === NodeAgentReasons.BackOff)?.count).toBeGreaterThanOrEqual(1);
  });
  it('1-6 restartPolicy Never with another container still running: only the failed one is killed, not restarted', () => {
    const c = newTestCluster();
    c.core.api.create(
      makePod('pair')
        .container('app', 'busybox:1.36', shell('sleep 3600', { livenessProbe: { exec: { command: ['false'] }, periodSeconds: 2, failureThreshold: 1 } }))
        .container('helper', 'busybox:1.36', shell('sleep 3600'))
        .restartPolicy('Never')
        .grace(2)
        .node(c.nodes[0])
        .obj(),
    );
    advanceUntil(c, () => status(c, 'pair')?.state?.terminated !== undefined);
    expect(eventsOf(c, 'pair').filter((e) => e.reason === NodeAgentReasons.Killing).map((e) => e.message)).toEqual(['Container app failed liveness probe']);
    c.advance('30s');
    expect(status(c, 'pair')?.restartCount).toBe(0);
    expect(status(c, 'pair', 1)?.state?.running).toBeDefined();
    expect(c.pod('pair')?.status?.phase).toBe('Running');
  });

  it('1-7 a sidecar (restartable init container) that fails its liveness probe is killed as an init container and restarted', () => {
    const c = newTestCluster();
    c.core.api.create(
      makePod('sidecar')
        .initContainer('proxy', 'busybox:1.36', shell('sleep 3600', { restartPolicy: 'Always', livenessProbe: { exec: { command: ['false'] }, periodSeconds: 2, failureThreshold: 1 } }))
        .container('app', 'busybox:1.36', shell('sleep 3600'))
        .grace(2)
        .node(c.nodes[0])
        .obj(),
    );
    advanceUntil(c, () => (c.pod('sidecar')?.status?.initContainerStatuses?.[0].restartCount ?? 0) === 1);
    expect(event(c, 'sidecar', NodeAgentReasons.Killing)?.message).toBe('Init container proxy failed liveness probe');
    expect(status(c, 'sidecar')?.restartCount).toBe(0);
  });
});

describe('prober: readiness', () => {
  it('2-1 Ready follows the probe: ready after successThreshold passes, unready after failureThreshold failures, with no kill', () => {
    const c = newTestCluster();
    const readinessProbe: Probe = { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 5, successThreshold: 2, failureThreshold: 2 };
    c.core.api.create(makePod('gate').container('app', 'busybox:1.36', shell('sleep 3600', { readinessProbe })).node(c.nodes[0]).obj());
    c.advance('30s');
    expect(containerState(c.pod('gate'))).toBe('Running');
    expect(status(c, 'gate')?.ready).toBe(false);
    expect(status(c, 'gate')?.started).toBe(true);
    expect(condition(c, 'gate', 'Ready')).toBe('False');
    expect(event(c, 'gate', NodeAgentReasons.Unhealthy)?.message).toMatch(/^Readiness probe failed: cat: .*\/tmp\/ready.*No such file or directory\n$/);
    c.w.exec('default', 'gate', 'app', ['touch', '/tmp/ready']);
    const toReady = advanceUntil(c, () => condition(c, 'gate', 'Ready') === 'True');
    // Two passes 5 s apart: the second comes 5–10 s after the file appears.
    expect(toReady).toBeGreaterThan(5_000);
    expect(toReady).toBeLessThanOrEqual(10_100);
    expect(condition(c, 'gate', 'ContainersReady')).toBe('True');
    expect(status(c, 'gate')?.ready).toBe(true);
    c.w.exec('default', 'gate', 'app', ['rm', '/tmp/ready']);
    const toUnready = advanceUntil(c, () => condition(c, 'gate', 'Ready') === 'False');
    expect(toUnready).toBeGreaterThan(5_000);
    expect(toUnready).toBeLessThanOrEqual(10_100);
    expect(event(c, 'gate', NodeAgentReasons.Killing)).toBeUndefined();
    expect(status(c, 'gate')?.restartCount).toBe(0);
  });

  it('2-2 a readiness probe runs as soon as the container starts (UpdatePodStatus trigger), not a period later', () => {
    const c = newTestCluster();
    // Long after the kubelet started: no start-up jitter, ticks every 60 s from the pod's first sync.
    c.advance('10m');
    c.core.api.create(
      makePod('quick').container('app', 'busybox:1.36', shell('sleep 3600', { readinessProbe: { exec: { command: ['true'] }, periodSeconds: 60 } })).node(c.nodes[0]).obj(),
    );
    advanceUntil(c, () => status(c, 'quick')?.ready === true);
    const startedMs = record(c, 'quick')?.slots[0].current?.startedAtMs ?? 0;
    expect(c.core.clock.now() - startedMs).toBeLessThan(200);
  });

  it('2-3 a container without a readiness probe is ready at start; a plain init container only once it completed', () => {
    const c = newTestCluster();
    c.core.api.create(makePod('plain').initContainer('setup', 'busybox:1.36', shell('sleep 5')).container('app', 'busybox:1.36', shell('sleep 3600')).node(c.nodes[0]).obj());
    advanceUntil(c, () => c.pod('plain')?.status?.initContainerStatuses?.[0].state?.running !== undefined);
    expect(c.pod('plain')?.status?.initContainerStatuses?.[0].ready).toBe(false);
    expect(c.pod('plain')?.status?.initContainerStatuses?.[0].started).toBe(true);
    advanceUntil(c, () => status(c, 'plain')?.state?.running !== undefined);
    expect(status(c, 'plain')?.ready).toBe(true);
    expect(c.pod('plain')?.status?.initContainerStatuses?.[0].ready).toBe(true);
  });
});

describe('prober: startup', () => {
  it('3-1 liveness and readiness wait for the startup probe; started stays false until it passes', () => {
    const c = newTestCluster();
    c.core.api.create(
      makePod('slow-start')
        .container(
          'app',
          'busybox:1.36',
          shell('sleep 3600', {
            startupProbe: { exec: { command: ['cat', '/tmp/started'] }, periodSeconds: 2, failureThreshold: 30 },
            livenessProbe: { exec: { command: ['cat', '/tmp/alive'] }, periodSeconds: 2, failureThreshold: 1 },
            readinessProbe: { exec: { command: ['true'] }, periodSeconds: 2 },
          }),
        )
        .node(c.nodes[0])
        .obj(),
    );
    c.advance('20s');
    expect(status(c, 'slow-start')?.started).toBe(false);
    expect(status(c, 'slow-start')?.ready).toBe(false);
    const messages = () => eventsOf(c, 'slow-start').filter((e) => e.reason === NodeAgentReasons.Unhealthy).map((e) => e.message.split(':')[0]);
    expect(messages()).toEqual(['Startup probe failed']);
    c.w.exec('default', 'slow-start', 'app', ['touch', '/tmp/started', '/tmp/alive']);
    advanceUntil(c, () => status(c, 'slow-start')?.ready === true, 10_000);
    expect(status(c, 'slow-start')?.started).toBe(true);
    c.w.exec('default', 'slow-start', 'app', ['rm', '/tmp/alive']);
    advanceUntil(c, () => event(c, 'slow-start', NodeAgentReasons.Killing) !== undefined, 10_000);
    expect(messages()).toEqual(['Startup probe failed', 'Liveness probe failed']);
    expect(event(c, 'slow-start', NodeAgentReasons.Killing)?.message).toBe('Container app failed liveness probe, will be restarted');
  });

  it('3-2 failing the startup probe kills the container with the startup text, as liveness would', () => {
    const c = newTestCluster();
    c.core.api.create(
      makePod('never-starts')
        .container('app', 'busybox:1.36', shell('sleep 3600', { startupProbe: { exec: { command: ['false'] }, periodSeconds: 1, failureThreshold: 4 } }))
        .node(c.nodes[0])
        .obj(),
    );
    advanceUntil(c, () => event(c, 'never-starts', NodeAgentReasons.Killing) !== undefined);
    expect(event(c, 'never-starts', NodeAgentReasons.Killing)?.message).toBe('Container app failed startup probe, will be restarted');
    expect(event(c, 'never-starts', NodeAgentReasons.Unhealthy)).toMatchObject({ message: 'Startup probe failed: ', count: 4 });
    // On hold after its verdict: no more runs until the new container.
    c.advance('10s');
    expect(event(c, 'never-starts', NodeAgentReasons.Unhealthy)?.count).toBe(4);
  });
});

describe('prober: network probes and errors', () => {
  it('4-1 tcpSocket on randserver\'s port 3000 passes; one on a closed port names the pod IP', () => {
    const c = newTestCluster();
    const pod = (name: string, port: number) =>
      makePod(name)
        .container('randserver', 'errm/randserver', { volumeMounts: [{ mountPath: '/data', name: 'data' }], readinessProbe: { tcpSocket: { port }, periodSeconds: 5 } })
        .emptyDir()
        .node(c.nodes[0])
        .obj();
    c.core.api.create(pod('open', 3000));
    c.core.api.create(pod('closed', 3306));
    c.advance('30s');
    expect(condition(c, 'open', 'Ready')).toBe('True');
    expect(condition(c, 'closed', 'Ready')).toBe('False');
    expect(event(c, 'closed', NodeAgentReasons.Unhealthy)?.message).toBe(`Readiness probe failed: dial tcp ${c.pod('closed')?.status?.podIP}:3306: connect: connection refused`);
  });

  it('4-2 a port name the container does not declare: errored events, the result thrown away (never ready, never killed)', () => {
    const c = newTestCluster();
    const probe: Probe = { httpGet: { path: '/', port: 'http' }, periodSeconds: 5, failureThreshold: 1 };
    c.core.api.create(makePod('misnamed').container('nginx', 'nginx:1.27', { readinessProbe: probe, livenessProbe: probe }).node(c.nodes[0]).obj());
    c.advance('1m');
    const unhealthy = eventsOf(c, 'misnamed').filter((e) => e.reason === NodeAgentReasons.Unhealthy);
    expect(unhealthy.map((e) => e.message).sort()).toEqual([
      'Liveness probe errored and resulted in unknown state: port "http" not found',
      'Readiness probe errored and resulted in unknown state: port "http" not found',
    ]);
    expect(condition(c, 'misnamed', 'Ready')).toBe('False');
    expect(event(c, 'misnamed', NodeAgentReasons.Killing)).toBeUndefined();
  });
  it('4-3 an HTTP probe answered with a redirect passes with a ProbeWarning event carrying the body', () => {
    const c = newTestCluster();
    c.w.agents.images.register('example/redirector', {
      start: () => ({ kind: 'running' }),
      http: (_ctx, port) => (port === 8080 ? { status: 301, body: '<a href="/login">Moved Permanently</a>.' } : undefined),
    });
    c.core.api.create(makePod('moved').container('web', 'example/redirector:1', { readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 5 } }).node(c.nodes[0]).obj());
    c.advance('20s');
    expect(condition(c, 'moved', 'Ready')).toBe('True');
    expect(event(c, 'moved', NodeAgentReasons.ProbeWarning)).toMatchObject({
      type: 'Warning',
      message: 'Readiness probe warning: Probe terminated redirects, Response body: <a href="/login">Moved Permanently</a>.',
    });
    expect(event(c, 'moved', NodeAgentReasons.Unhealthy)).toBeUndefined();
  });
});

describe('prober: scheduling', () => {
  it('5-1 the first probe waits a random part of the period only while the kubelet started less than a period ago; same seed, same wait', () => {
    const firstTick = (seed: number, afterMs: number) => {
      const c = newTestCluster({ seed });
      c.advance(afterMs);
      c.core.api.create(makePod('p').container('app', 'busybox:1.36', shell('sleep 3600', { livenessProbe: { exec: { command: ['true'] }, periodSeconds: 30 } })).node(c.nodes[0]).obj());
      // Event by event: the worker's first tick is due the moment it is created.
      while (record(c, 'p')?.probeWorkers === undefined) c.core.loop.step();
      const w = record(c, 'p')?.probeWorkers?.[0];
      return (w?.tick?.atMs ?? Number.NaN) - c.core.clock.now();
    };
    const early = [1, 2, 3].map((seed) => firstTick(seed, 0));
    for (const ms of early) {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(30_000);
    }
    expect(new Set(early).size).toBe(3);
    expect(firstTick(2, 0)).toBe(early[1]);
    expect(firstTick(1, 60_000)).toBe(0);
  });

  it('6-1 a silent kubelet probes nothing; a restarted one starts over: the container is unready until its probe passes again', () => {
    const c = newTestCluster();
    const node = c.nodes[0];
    c.core.api.create(makePod('ok').container('app', 'busybox:1.36', shell('sleep 3600', { readinessProbe: { exec: { command: ['true'] }, periodSeconds: 10 } })).node(node).obj());
    c.core.api.create(makePod('bad').container('app', 'busybox:1.36', shell('sleep 3600', { readinessProbe: { exec: { command: ['false'] }, periodSeconds: 10 } })).node(node).obj());
    c.advance('1m');
    expect(condition(c, 'ok', 'Ready')).toBe('True');
    const failures = () => event(c, 'bad', NodeAgentReasons.Unhealthy)?.count ?? 0;
    const before = failures();
    c.w.agents.silence(node, 'crash');
    c.advance('2m');
    expect(failures()).toBe(before);
    c.w.agents.unsilence(node, 'crash');
    c.advance(1);
    expect(condition(c, 'ok', 'Ready')).toBe('False');
    c.advance('10s');
    expect(condition(c, 'ok', 'Ready')).toBe('True');
    expect(failures()).toBeGreaterThan(before);
  });

  it('6-2 deleting the pod stops its liveness probe: no probe kill during the grace period', () => {
    const c = newTestCluster();
    c.core.api.create(
      makePod('going')
        .container('app', 'busybox:1.36', shell('sleep 3600', { livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 15, periodSeconds: 1, failureThreshold: 1 } }))
        .node(c.nodes[0])
        .obj(),
    );
    c.advance('10s');
    c.core.api.delete('Pod', 'default', 'going');
    c.advance('25s');
    expect(c.pod('going')).toBeDefined();
    expect(eventsOf(c, 'going').filter((e) => e.reason === NodeAgentReasons.Unhealthy || e.reason === NodeAgentReasons.Killing).map((e) => e.message)).toEqual([
      'Stopping container app',
    ]);
  });
});
