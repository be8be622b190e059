/**
 * The kubelet builds each container's environment before creating it; a bad reference leaves the
 * container uncreated in `CreateContainerConfigError`, retried after the pod worker's back-off.
 */
import type { ConfigMap, Secret, Service } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/object.js';
import type { CoreEvent } from '../events/recorder.js';
import { CREATE_CONTAINER_CONFIG_ERROR } from './pod-starter.js';
import { NodeAgentReasons } from './reasons.js';
import { containerState, makePod, newTestCluster, type TestCluster } from './testing.js';

const COLOR_FROM_CFG = { name: 'COLOR', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'color' } } };
/** A container process that keeps running. */
const SLEEP = ['sleep', '3600'];

function createConfigMap(c: TestCluster, data: Record<string, string>, name = 'cfg'): void {
  c.core.api.create<ConfigMap & KubeObject>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data });
}

/** The runtime's newest instance of a container of a pod (by name), if it was ever created. */
function runtimeContainer(c: TestCluster, podName: string, container: string) {
  const pod = c.pod(podName);
  return c.w.kubelets.get(pod?.spec?.nodeName ?? '')?.runtime.latest(pod?.metadata.uid ?? '', container);
}

/** How many times the kubelet reported `Failed` for a pod (the aggregated event's count). */
function failedCount(c: TestCluster, podName: string): number {
  const pod = c.pod(podName);
  return pod ? (c.core.recorder.eventsFor(pod).find((e) => e.reason === NodeAgentReasons.Failed)?.count ?? 0) : 0;
}

/** Virtual times at which a pod event with `reason` was recorded or counted again. */
function eventTimes(c: TestCluster, reason: string): number[] {
  const times: number[] = [];
  c.core.store.watch<CoreEvent>('Event', (e) => {
    if (e.type !== 'DELETED' && e.object.reason === reason && e.object.count !== (e.old as CoreEvent | undefined)?.count) times.push(c.core.clock.now());
  });
  return times;
}

describe('CreateContainerConfigError', () => {
  it('5-1 a missing ConfigMap: no container, Failed "Error: …", waiting with the message; retried every 10–15s; starts once it exists', () => {
    const c = newTestCluster();
    const failed = eventTimes(c, NodeAgentReasons.Failed);
    c.core.api.create(makePod('app').container('app', 'busybox:1.36', { command: SLEEP, env: [COLOR_FROM_CFG] }).node(c.nodes[0]).obj());
    c.advance('5s');
    const pod = c.pod('app');
    expect(pod?.status?.phase).toBe('Pending');
    expect(pod?.status?.containerStatuses?.[0].state).toEqual({ waiting: { reason: 'CreateContainerConfigError', message: 'configmap "cfg" not found' } });
    expect(containerState(pod)).toBe(CREATE_CONTAINER_CONFIG_ERROR);
    expect(c.events('Pod', 'app').map((e) => e.split(':')[0])).toEqual(['Pulling', 'Pulled', 'Failed']);
    expect(c.events('Pod', 'app')[2]).toBe('Failed: Error: configmap "cfg" not found');
    expect(runtimeContainer(c, 'app', 'app')).toBeUndefined();

    c.advance('60s');
    expect(failed.length).toBeGreaterThanOrEqual(5);
    const gaps = failed.slice(1).map((t, i) => t - failed[i]);
    // The pod worker's 10s back-off with up to 50% jitter, plus the create latency (≤ 300ms).
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(10_000);
      expect(gap).toBeLessThan(15_300);
    }
    expect(new Set(gaps).size).toBeGreaterThan(1);
    expect(runtimeContainer(c, 'app', 'app')).toBeUndefined();

    createConfigMap(c, { color: 'blue' });
    c.advance('15300ms');
    expect(containerState(c.pod('app'))).toBe('Running');
    expect(c.pod('app')?.status?.containerStatuses?.[0].restartCount).toBe(0);
    expect(runtimeContainer(c, 'app', 'app')?.ctx.env.COLOR).toBe('blue');
    expect(c.events('Pod', 'app').slice(-2)).toEqual(['Created: Created container: app', 'Started: Started container app']);
  });

  it("5-2 the pod's other containers start meanwhile", () => {
    const c = newTestCluster();
    const env = [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } }];
    c.core.api.create(makePod('two').container('bad', 'busybox:1.36', { command: SLEEP, env }).container('good', 'busybox:1.36', { command: SLEEP }).node(c.nodes[0]).obj());
    c.advance('10s');
    const pod = c.pod('two');
    expect(containerState(pod, 0)).toBe('CreateContainerConfigError');
    expect(pod?.status?.containerStatuses?.[0].state?.waiting?.message).toBe('secret "creds" not found');
    expect(containerState(pod, 1)).toBe('Running');
    expect(pod?.status?.conditions?.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', message: 'containers with unready status: [bad]' });
  });

  it('5-3 an init container waits in CreateContainerConfigError and holds the app containers back', () => {
    const c = newTestCluster();
    createConfigMap(c, { other: 'x' });
    c.core.api.create(makePod('init').initContainer('setup', 'busybox:1.36', { command: ['true'], env: [COLOR_FROM_CFG] }).container('main', 'busybox:1.36', { command: SLEEP }).node(c.nodes[0]).obj());
    c.advance('30s');
    const pod = c.pod('init');
    expect(pod?.status?.initContainerStatuses?.[0].state?.waiting).toEqual({ reason: 'CreateContainerConfigError', message: "couldn't find key color in ConfigMap default/cfg" });
    expect(pod?.status?.containerStatuses?.[0].state?.waiting?.reason).toBe('PodInitializing');
    expect(runtimeContainer(c, 'init', 'main')).toBeUndefined();
    // Tried at ~2s, then after 10–15s each time: two or three attempts in 30s, not a busy loop.
    expect(failedCount(c, 'init')).toBeGreaterThanOrEqual(2);
    expect(failedCount(c, 'init')).toBeLessThanOrEqual(3);
  });

  it('5-4 a restart that cannot build the environment keeps the exited instance as last state and does not count', () => {
    const c = newTestCluster();
    createConfigMap(c, { color: 'red' });
    c.core.api.create(makePod('r').container('app', 'busybox:1.36', { command: ['sh', '-c', 'sleep 5; exit 1'], env: [COLOR_FROM_CFG] }).node(c.nodes[0]).obj());
    c.advance('3s');
    expect(containerState(c.pod('r'))).toBe('Running');
    c.core.api.delete('ConfigMap', 'default', 'cfg');
    c.advance('7s');
    const status = c.pod('r')?.status?.containerStatuses?.[0];
    expect(status?.state?.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "cfg" not found' });
    expect(status?.lastState?.terminated?.exitCode).toBe(1);
    expect(status?.restartCount).toBe(0);
    expect(failedCount(c, 'r')).toBe(1);
    createConfigMap(c, { color: 'green' });
    c.advance('16s');
    expect(containerState(c.pod('r'))).toBe('Running');
    expect(c.pod('r')?.status?.containerStatuses?.[0].restartCount).toBe(1);
    expect(runtimeContainer(c, 'r', 'app')?.ctx.env.COLOR).toBe('green');
  });

  it('5-5 the process sees the kubelet variables: downward API, Secret, envFrom, service links, image env', () => {
    const c = newTestCluster();
    createConfigMap(c, { LEVEL: 'debug', 'app.mode': 'dark' }, 'settings');
    c.core.api.create<Secret & KubeObject>({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'default' }, data: { password: Buffer.from('hunter2').toString('base64') } });
    c.core.api.create<Service & KubeObject>({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'default' }, spec: { ports: [{ name: 'pg', port: 5432 }] } });
    c.advance('1s');
    const dbIP = c.core.store.get<Service & KubeObject>('Service', 'default', 'db')?.spec?.clusterIP;
    expect(dbIP).toMatch(/^10\.100\./);
    c.core.api.create(
      makePod('web')
        .container('nginx', 'nginx:1.27', {
          envFrom: [{ configMapRef: { name: 'settings' }, prefix: 'CFG_' }],
          env: [
            { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
            { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
            { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
            { name: 'DSN', value: 'postgres://$(DB_SERVICE_HOST):$(DB_SERVICE_PORT_PG)/?level=$(CFG_LEVEL)' },
          ],
        })
        .node(c.nodes[0])
        .obj(),
    );
    c.advance('5s');
    const pod = c.pod('web');
    const env = runtimeContainer(c, 'web', 'nginx')?.ctx.env ?? {};
    const names = Object.keys(env);
    expect(names.slice(0, 8)).toEqual(['PATH', 'HOSTNAME', 'NGINX_VERSION', 'NJS_VERSION', 'NJS_RELEASE', 'PKG_RELEASE', 'DYNPKG_RELEASE', 'CFG_LEVEL']);
    expect(env).toMatchObject({
      HOSTNAME: 'web',
      CFG_LEVEL: 'debug',
      'CFG_app.mode': 'dark',
      POD_IP: pod?.status?.podIP,
      NODE: c.nodes[0],
      PASSWORD: 'hunter2',
      DSN: `postgres://${dbIP}:5432/?level=debug`,
      DB_SERVICE_HOST: dbIP,
      DB_PORT_5432_TCP: `tcp://${dbIP}:5432`,
      KUBERNETES_SERVICE_HOST: '10.100.0.1',
      HOME: '/root',
    });
    expect(names.at(-1)).toBe('HOME');
  });
});
