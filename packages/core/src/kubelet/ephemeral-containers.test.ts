import type { ContainerStatus } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { makePod, newTestCluster } from './testing.js';

/** A running pod `web` with one ready container and an emptyDir `data` holding a file. */
function runningPod() {
  const c = newTestCluster();
  c.core.api.create(makePod('web').container('app', 'nginx:1.27', { volumeMounts: [{ name: 'data', mountPath: '/data' }] }).emptyDir().node(c.nodes[0]).obj());
  c.advance('10s');
  c.w.exec('default', 'web', 'app', ['sh', '-c', 'echo kept > /data/f']);
  const debug = (name: string, extra: Record<string, unknown> = {}) =>
    c.core.api.patchEphemeralContainers('default', 'web', { spec: { ephemeralContainers: [{ name, image: 'busybox', ...extra }] } });
  const ephemeral = (): readonly ContainerStatus[] => (c.pod('web')?.status as { ephemeralContainerStatuses?: ContainerStatus[] } | undefined)?.ephemeralContainerStatuses ?? [];
  return { c, debug, ephemeral };
}

describe('kubelet: ephemeral containers (computePodActions, convertToAPIContainerStatuses)', () => {
  it('starts an added ephemeral container with the usual events; its status is apart, never ready, READY unchanged', () => {
    const { c, debug, ephemeral } = runningPod();
    const conditionsBefore = c.pod('web')?.status?.conditions;
    const eventsBefore = c.events('Pod', 'web').length;
    debug('debugger-abcde', { command: ['sleep', '3600'], volumeMounts: [{ name: 'data', mountPath: '/data' }] });
    c.core.loop.settle();
    // Before it runs: waiting as any container not created yet.
    expect(ephemeral()).toEqual([{ image: 'busybox', imageID: '', lastState: {}, name: 'debugger-abcde', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } }, volumeMounts: [{ mountPath: '/data', name: 'data' }] }]);
    c.advance('10s');
    const events = c.events('Pod', 'web').slice(eventsBefore);
    expect(events.map((e) => e.split(':')[0])).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
    expect(events[0]).toBe('Pulling: Pulling image "busybox"');
    expect(events[2]).toBe('Created: Created container: debugger-abcde');
    expect(events[3]).toBe('Started: Started container debugger-abcde');
    const [s] = ephemeral();
    expect(Object.keys(s).sort()).toEqual(['containerID', 'image', 'imageID', 'lastState', 'name', 'ready', 'restartCount', 'state', 'volumeMounts']);
    expect(s).toMatchObject({ image: 'docker.io/library/busybox:latest', name: 'debugger-abcde', ready: false, restartCount: 0, lastState: {} });
    expect(s.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(s.imageID).toMatch(/^docker\.io\/library\/busybox@sha256:[0-9a-f]{64}$/);
    expect(s.state?.running?.startedAt).toBeDefined();
    // The pod's containers and conditions are the regular containers' only.
    expect(c.pod('web')?.status?.containerStatuses?.map((x) => x.name)).toEqual(['app']);
    expect(c.pod('web')?.status?.conditions).toEqual(conditionsBefore);
    // It shares the pod's volumes: the file the app wrote.
    expect(c.w.exec('default', 'web', 'debugger-abcde', ['cat', '/data/f']).stdout).toBe('kept\n');
  });

  it('is never restarted: it ends terminated, the pod keeps running', () => {
    const { c, debug, ephemeral } = runningPod();
    debug('quick', { command: ['sh', '-c', 'echo bye; exit 3'] });
    c.advance('1m');
    const [s] = ephemeral();
    expect(s.state?.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(s.restartCount).toBe(0);
    expect(s.lastState).toEqual({});
    expect(c.events('Pod', 'web').filter((e) => e === 'Started: Started container quick')).toHaveLength(1);
    expect(c.events('Pod', 'web').some((e) => e.startsWith('BackOff'))).toBe(false);
    expect(c.pod('web')?.status?.phase).toBe('Running');
    expect(c.w.logs('default', 'web', 'quick')).toBe('bye\n');
  });

  it('a second ephemeral container starts too; deleting the pod stops them all', () => {
    const { c, debug, ephemeral } = runningPod();
    debug('one', { command: ['sleep', '3600'] });
    c.advance('10s');
    debug('two', { command: ['sleep', '3600'] });
    c.advance('10s');
    expect(ephemeral().map((s) => [s.name, !!s.state?.running])).toEqual([
      ['one', true],
      ['two', true],
    ]);
    c.core.api.delete('Pod', 'default', 'web');
    c.core.loop.settle();
    expect(c.events('Pod', 'web').filter((e) => e.startsWith('Killing'))).toEqual(['Killing: Stopping container app', 'Killing: Stopping container one', 'Killing: Stopping container two']);
    c.advance('1m');
    expect(c.pod('web')).toBeUndefined();
  });
});
