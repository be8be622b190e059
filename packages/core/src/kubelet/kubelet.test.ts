import { describe, expect, it } from 'vitest';
import type { KubeletVolumePlugin } from './volume-plugin.js';
import { VolumeFilesystem } from './filesystem.js';
import { bindPod, containerState, makePod, newTestCluster } from './testing.js';
import { NodeAgentReasons } from './reasons.js';

describe('kubelet pod lifecycle', () => {
  it('1-1 ContainerCreating then Running with Pulling/Pulled/Created/Started', () => {
    const c = newTestCluster();
    c.core.api.create(makePod('web').randserver().emptyDir().node(c.nodes[0]).obj());
    c.core.loop.settle();
    expect(c.pod('web')?.status?.phase).toBe('Pending');
    expect(containerState(c.pod('web'))).toBe('ContainerCreating');
    c.advance('5s');
    const pod = c.pod('web');
    expect(pod?.status?.phase).toBe('Running');
    expect(containerState(pod)).toBe('Running');
    expect(pod?.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('True');
    expect(pod?.status?.containerStatuses?.[0].image).toBe('docker.io/errm/randserver:latest');
    expect(pod?.status?.hostIP).toBe(c.w.cloud.instanceForNode(c.nodes[0])?.privateIp);
    const events = c.events('Pod', 'web');
    expect(events.map((e) => e.split(':')[0])).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
    expect(events[0]).toBe('Pulling: Pulling image "errm/randserver"');
    expect(events[1]).toMatch(/^Pulled: Successfully pulled image "errm\/randserver" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/);
    expect(events[2]).toBe('Created: Created container: randserver');
    expect(events[3]).toBe('Started: Started container randserver');
  });

  it('1-1b a host-network pod has the node address as its IP, and leaves the subnet pool alone', () => {
    const c = newTestCluster();
    const pod = makePod('hn').container('app', 'nginx:1.27').node(c.nodes[0]).obj();
    c.core.api.create({ ...pod, spec: { ...pod.spec, hostNetwork: true } });
    c.core.api.create(makePod('pn').container('app', 'nginx:1.27').node(c.nodes[0]).obj());
    c.advance('5s');
    const nodeIp = c.w.cloud.instanceForNode(c.nodes[0])?.privateIp;
    expect(c.pod('hn')?.status?.podIP).toBe(nodeIp);
    expect(c.pod('hn')?.status?.podIPs).toEqual([{ ip: nodeIp }]);
    expect(c.pod('pn')?.status?.podIP).not.toBe(nodeIp);
    // Deleting the host-network pod must not hand the node's address to the next pod.
    c.core.api.delete('Pod', 'default', 'hn', { gracePeriodSeconds: 0 });
    c.advance('5s');
    expect(c.pod('hn')).toBeUndefined();
    expect((c.w.cloud as unknown as { usedIps: Set<string> }).usedIps.has(nodeIp as string)).toBe(true);
  });

  it('1-2 an unscheduled pod is left alone until bound', () => {
    const c = newTestCluster();
    c.core.api.create(makePod('later').container('app', 'nginx:1.27').obj());
    c.advance('10s');
    expect(c.pod('later')?.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    bindPod(c.core, 'default', 'later', c.nodes[1]);
    c.advance('5s');
    expect(containerState(c.pod('later'))).toBe('Running');
    // IfNotPresent image pulled once per node: a second pod on the node sees it present.
    c.core.api.create(makePod('again').container('app', 'nginx:1.27').node(c.nodes[1]).obj());
    c.advance('5s');
    expect(c.events('Pod', 'again')[0]).toBe('Pulled: Container image "nginx:1.27" already present on machine');
  });

  it('1-3 graceful termination honours the grace period, then deletes the pod', () => {
    const c = newTestCluster();
    c.core.api.create(makePod('slow').container('app', 'busybox:1.36', { command: ['sleep', '3600'] }).grace(20).node(c.nodes[0]).obj());
    c.advance('5s');
    const deleted = c.core.api.delete('Pod', 'default', 'slow');
    expect(deleted.metadata.deletionTimestamp).toBeDefined();
    expect(deleted.metadata.deletionGracePeriodSeconds).toBe(20);
    c.advance('19s');
    expect(c.pod('slow')).toBeDefined();
    expect(c.events('Pod', 'slow')).toContain('Killing: Stopping container app');
    c.advance('2s');
    expect(c.pod('slow')).toBeUndefined();
  });

  it('1-4 default grace period is 30s; a requested grace period overrides it', () => {
    const c = newTestCluster();
    c.core.api.create(makePod('a').container('app', 'busybox:1.36', { command: ['sleep', '3600'] }).node(c.nodes[0]).obj());
    c.core.api.create(makePod('b').container('app', 'busybox:1.36', { command: ['sleep', '3600'] }).node(c.nodes[0]).obj());
    c.advance('5s');
    expect(c.core.api.delete('Pod', 'default', 'a').metadata.deletionGracePeriodSeconds).toBe(30);
    c.core.api.delete('Pod', 'default', 'b', { gracePeriodSeconds: 3 });
    c.advance('4s');
    expect(c.pod('b')).toBeUndefined();
    expect(c.pod('a')).toBeDefined();
    c.advance('27s');
    expect(c.pod('a')).toBeUndefined();
  });

  it('1-5 randserver exits on SIGTERM at once; grace 0 and unscheduled pods go immediately', () => {
    const c = newTestCluster();
    c.core.api.create(makePod('rs').randserver().emptyDir().node(c.nodes[0]).obj());
    c.core.api.create(makePod('floating').container('app', 'busybox', { command: ['sleep', '3600'] }).obj());
    c.advance('5s');
    c.core.api.delete('Pod', 'default', 'rs');
    c.advance('1s');
    expect(c.pod('rs')).toBeUndefined();
    c.core.api.delete('Pod', 'default', 'floating');
    expect(c.pod('floating')).toBeUndefined();
  });

  it('1-6 CrashLoopBackOff: immediate first restart, then 10s, 20s, 40s back-off', () => {
    const c = newTestCluster();
    c.core.api.create(makePod('crash').container('app', 'busybox:1.36', { command: ['false'] }).node(c.nodes[0]).obj());
    const restartsAt: number[] = [];
    let last = 0;
    for (let t = 0; t < 120_000; t += 100) {
      c.advance(100);
      const n = c.pod('crash')?.status?.containerStatuses?.[0].restartCount ?? 0;
      if (n !== last) {
        restartsAt.push(c.core.now());
        last = n;
      }
    }
    expect(restartsAt.length).toBeGreaterThanOrEqual(4);
    const gaps = restartsAt.slice(1).map((t, i) => t - restartsAt[i]);
    // Each gap = back-off + PLEG + run time; the back-off doubles.
    expect(gaps[0]).toBeGreaterThanOrEqual(10_000);
    expect(gaps[0]).toBeLessThan(11_500);
    expect(gaps[1]).toBeGreaterThanOrEqual(20_000);
    expect(gaps[1]).toBeLessThan(21_500);
    expect(gaps[2]).toBeGreaterThanOrEqual(40_000);
    const pod = c.pod('crash');
    expect(pod?.status?.phase).toBe('Running');
    const st = pod?.status?.containerStatuses?.[0];
    expect(st?.lastState?.terminated?.reason).toBe('Error');
    expect(st?.lastState?.terminated?.exitCode).toBe(1);
    const backOff = c.core.recorder.eventsFor(pod as never).find((e) => e.reason === NodeAgentReasons.BackOff);
    expect(backOff?.message).toBe(`Back-off restarting failed container app in pod crash_default(${pod?.metadata.uid})`);
    expect(backOff?.type).toBe('Warning');
  });

  it('1-7 CrashLoopBackOff waiting message names the back-off', () => {
    const c = newTestCluster();
    c.core.api.create(makePod('crash').container('app', 'busybox:1.36', { command: ['false'] }).node(c.nodes[0]).obj());
    c.core.loop.runUntil(() => containerState(c.pod('crash')) === 'CrashLoopBackOff', { timeout: '30s' });
    const st = c.pod('crash')?.status?.containerStatuses?.[0];
    expect(st?.state?.waiting?.message).toBe(`back-off 10s restarting failed container=app pod=crash_default(${c.pod('crash')?.metadata.uid})`);
    expect(st?.ready).toBe(false);
  });

  it('1-8 restartPolicy Never: exit 0 → Completed/Succeeded, exit 1 → Error/Failed', () => {
    const c = newTestCluster();
    c.core.api.create(makePod('ok').container('job', 'busybox', { command: ['true'] }).restartPolicy('Never').node(c.nodes[0]).obj());
    c.core.api.create(makePod('bad').container('job', 'busybox', { command: ['sh', '-c', 'exit 3'] }).restartPolicy('Never').node(c.nodes[0]).obj());
    c.advance('15s');
    expect(c.pod('ok')?.status?.phase).toBe('Succeeded');
    expect(containerState(c.pod('ok'))).toBe('Completed');
    expect(c.pod('bad')?.status?.phase).toBe('Failed');
    expect(containerState(c.pod('bad'))).toBe('Error');
    expect(c.pod('bad')?.status?.containerStatuses?.[0].state?.terminated?.exitCode).toBe(3);
    // Terminal pods are deleted at once.
    c.core.api.delete('Pod', 'default', 'ok');
    expect(c.pod('ok')).toBeUndefined();
  });
});

describe('kubelet volume manager', () => {
  it('2-1 a PVC that is not Bound keeps the pod ContainerCreating without IP; binding releases it', () => {
    const c = newTestCluster();
    const fs = new VolumeFilesystem();
    const plugin: KubeletVolumePlugin = {
      name: 'test/disk',
      attachable: false,
      canSupport: (ctx) => ctx.pv !== undefined,
      setUp: () => ({ state: 'ready', fs }),
      tearDown: () => {},
    };
    c.core.volumes.register(plugin);
    c.core.api.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'claim', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    c.core.api.create(makePod('db').randserver().pvc('claim').node(c.nodes[0]).obj());
    c.advance('60s');
    expect(containerState(c.pod('db'))).toBe('ContainerCreating');
    expect(c.w.kubelets.get(c.nodes[0])?.volumeWaitOf('default', 'db')).toMatchObject({ unmounted: ['data'], unprocessed: ['data'], sinceMs: 0 });
    expect(c.pod('db')?.status?.podIP).toBeUndefined();
    c.core.store.create({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] } });
    c.core.store.update('PersistentVolumeClaim', 'default', 'claim', (d) => {
      const claim = d as unknown as { spec: { volumeName?: string }; status?: { phase?: string } };
      claim.spec.volumeName = 'pv-1';
      claim.status = { phase: 'Bound' };
    });
    c.advance('5s');
    expect(containerState(c.pod('db'))).toBe('Running');
    expect(fs.list('')).toHaveLength(1);
  });

  it('2-2 a plugin failure emits FailedMount with its message; a pure timeout emits nothing', () => {
    const c = newTestCluster();
    let answer: 'fail' | 'wait' = 'fail';
    c.core.volumes.register({
      name: 'test/ebs',
      attachable: true,
      canSupport: (ctx) => ctx.volume.awsElasticBlockStore !== undefined,
      setUp: () => (answer === 'fail' ? { state: 'failed', message: 'MountVolume.MountDevice failed for volume "v" : boom' } : { state: 'waiting', reason: 'unattached' }),
      tearDown: () => {},
    });
    c.core.api.create(makePod('a').randserver().volume({ name: 'data', awsElasticBlockStore: { volumeID: 'vol-1' } }).node(c.nodes[0]).obj());
    c.advance('3s');
    expect(c.events('Pod', 'a')).toContain('FailedMount: MountVolume.MountDevice failed for volume "v" : boom');
    answer = 'wait';
    c.core.api.create(makePod('b').randserver().volume({ name: 'data', awsElasticBlockStore: { volumeID: 'vol-2' } }).node(c.nodes[0]).obj());
    c.advance('10m');
    expect(containerState(c.pod('b'))).toBe('ContainerCreating');
    expect(c.events('Pod', 'b')).toEqual([]);
    const traces = c.core.trace.list().filter((r) => r.text.includes('Error syncing pod') && r.text.includes('default/b'));
    expect(traces.length).toBeGreaterThanOrEqual(4);
    expect(traces[0].text).toContain('unmounted volumes=[data], unattached volumes=[data], failed to process volumes=[]: context deadline exceeded');
  });

  it('2-3 attachable volumes are reported in node.status.volumesInUse and removed after tear-down', () => {
    const c = newTestCluster();
    const torn: string[] = [];
    const plugin: KubeletVolumePlugin & { getVolumeName(): string } = {
      name: 'test/ebs',
      attachable: true,
      canSupport: (ctx) => ctx.volume.awsElasticBlockStore !== undefined,
      getVolumeName: () => 'kubernetes.io/csi/ebs.csi.aws.com^vol-1',
      setUp: () => ({ state: 'ready', fs: new VolumeFilesystem() }),
      tearDown: (ctx) => torn.push(ctx.pod.metadata?.name ?? ''),
    };
    c.core.volumes.register(plugin);
    c.core.api.create(makePod('a').randserver().volume({ name: 'data', awsElasticBlockStore: { volumeID: 'vol-1' } }).node(c.nodes[0]).obj());
    c.advance('1s');
    expect(containerState(c.pod('a'))).toBe('ContainerCreating');
    c.advance('15s');
    expect(c.node(c.nodes[0])?.status?.volumesInUse).toEqual(['kubernetes.io/csi/ebs.csi.aws.com^vol-1']);
    expect(containerState(c.pod('a'))).toBe('Running');
    c.core.api.delete('Pod', 'default', 'a');
    c.advance('15s');
    expect(torn).toEqual(['a']);
    expect(c.node(c.nodes[0])?.status?.volumesInUse).toBeUndefined();
  });

  it('2-4 configMap volumes need their ConfigMap', () => {
    const c = newTestCluster();
    c.core.api.create(makePod('cfg').container('app', 'busybox', { command: ['sleep', '3600'], volumeMounts: [{ name: 'conf', mountPath: '/etc/app' }] }).volume({ name: 'conf', configMap: { name: 'settings' } }).node(c.nodes[0]).obj());
    c.advance('3s');
    expect(c.events('Pod', 'cfg')).toContain('FailedMount: MountVolume.SetUp failed for volume "conf" : configmap "settings" not found');
    c.core.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { 'app.conf': 'x=1' } });
    c.advance('5s');
    expect(containerState(c.pod('cfg'))).toBe('Running');
    expect(c.w.exec('default', 'cfg', 'app', ['cat', '/etc/app/app.conf']).stdout).toBe('x=1');
  });

  it('2-5 repeated mount failures are reported with exponential back-off (aggregated count)', () => {
    const c = newTestCluster();
    c.core.volumes.register({
      name: 'test/ebs',
      attachable: false,
      canSupport: (ctx) => ctx.volume.awsElasticBlockStore !== undefined,
      setUp: () => ({ state: 'failed', message: 'MountVolume.SetUp failed for volume "data" : boom' }),
      tearDown: () => {},
    });
    c.core.api.create(makePod('a').randserver().volume({ name: 'data', awsElasticBlockStore: { volumeID: 'vol-1' } }).node(c.nodes[0]).obj());
    c.advance('5m');
    const pod = c.pod('a');
    const failed = c.core.recorder.eventsFor(pod as never).filter((e) => e.reason === NodeAgentReasons.FailedMount);
    expect(failed).toHaveLength(1);
    expect(failed[0].type).toBe('Warning');
    expect(failed[0].count).toBeGreaterThanOrEqual(6);
    expect(failed[0].count).toBeLessThanOrEqual(12);
  });

  it('2-6 init containers run first: PodInitializing, Initialized=False, then the app starts', () => {
    const c = newTestCluster();
    c.w.registerImage('example/slow-init', { start: () => ({ kind: 'exit', exitCode: 0, afterMs: 5_000 }) });
    c.core.api.create(makePod('app').initContainer('setup', 'example/slow-init:1').container('main', 'busybox:1.36', { command: ['sleep', '3600'] }).node(c.nodes[0]).obj());
    c.advance('4s');
    let pod = c.pod('app');
    expect(pod?.status?.phase).toBe('Pending');
    expect(pod?.status?.initContainerStatuses?.[0].state?.running).toBeDefined();
    expect(containerState(pod)).toBe('PodInitializing');
    expect(pod?.status?.conditions?.find((x) => x.type === 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [setup]',
    });
    c.advance('10s');
    pod = c.pod('app');
    expect(pod?.status?.phase).toBe('Running');
    expect(pod?.status?.initContainerStatuses?.[0].state?.terminated?.reason).toBe('Completed');
    expect(pod?.status?.conditions?.find((x) => x.type === 'Initialized')?.status).toBe('True');
    expect(containerState(pod)).toBe('Running');
  });

  it('2-7 a failing init container under restartPolicy Never fails the pod', () => {
    const c = newTestCluster();
    c.core.api.create(makePod('app').initContainer('setup', 'busybox:1.36', { command: ['false'] }).container('main', 'busybox:1.36', { command: ['sleep', '3600'] }).restartPolicy('Never').node(c.nodes[0]).obj());
    c.advance('15s');
    const pod = c.pod('app');
    expect(pod?.status?.phase).toBe('Failed');
    expect(pod?.status?.initContainerStatuses?.[0].state?.terminated?.reason).toBe('Error');
    expect(pod?.status?.containerStatuses?.[0].state?.waiting?.reason).toBe('PodInitializing');
  });

  it('2-8 a readiness probe delays Ready until its first run after initialDelaySeconds, at most one period later', () => {
    const c = newTestCluster();
    c.core.api.create(
      makePod('probed')
        .container('main', 'busybox:1.36', { command: ['sleep', '3600'], readinessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 20 } })
        .node(c.nodes[0])
        .obj(),
    );
    c.advance('10s');
    expect(containerState(c.pod('probed'))).toBe('Running');
    const startedMs = c.w.kubelets.get(c.nodes[0])?.podRecord('default', 'probed')?.slots[0].current?.startedAtMs ?? Number.NaN;
    const ready = () => c.pod('probed')?.status?.conditions?.find((x) => x.type === 'Ready');
    c.advance(startedMs + 20_000 - 1 - c.core.clock.now());
    expect(ready()?.status).toBe('False');
    // periodSeconds defaults to 10: the first run at or after the initial delay comes within one period.
    c.advance(10_001);
    expect(ready()?.status).toBe('True');
    expect(c.core.clock.parse(ready()?.lastTransitionTime ?? '')).toBeGreaterThanOrEqual(Math.floor((startedMs + 20_000) / 1000) * 1000);
  });
});
