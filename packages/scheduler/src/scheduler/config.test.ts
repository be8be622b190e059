import { describe, expect, it } from 'vitest';
import { LABEL_TOPOLOGY_ZONE } from '../api/well-known.js';
import { eventMessages, getPod, makePod, newCluster } from '../testing/index.js';
import { resolveConfig } from './config.js';
import { installScheduler } from './scheduler.js';

describe('scheduler config', () => {
  it('1 default profile lists the upstream plugins in MultiPoint order with their weights', () => {
    const c = resolveConfig();
    expect(c.schedulerName).toBe('default-scheduler');
    expect(c.profile.entries.map((e) => `${e.name}:${e.weight}`)).toEqual([
      'NodeUnschedulable:0',
      'NodeName:0',
      'TaintToleration:3',
      'NodeAffinity:2',
      'NodeResourcesFit:1',
      'VolumeRestrictions:0',
      'NodeVolumeLimits:0',
      'VolumeBinding:0',
      'VolumeZone:0',
      'PodTopologySpread:2',
      'InterPodAffinity:2',
      'DefaultPreemption:0',
      'NodeResourcesBalancedAllocation:1',
    ]);
  });
  it('2 unknown plugin names are rejected', () => {
    expect(() => resolveConfig({ disabledPlugins: ['NodeAffinty'] })).toThrow('plugin "NodeAffinty" does not exist');
  });
  it('3 a disabled Filter plugin no longer rejects, and without DefaultPreemption there is no preemption suffix', () => {
    const { core } = newCluster(1);
    installScheduler(core, { disabledPlugins: ['NodeResourcesFit', 'DefaultPreemption'] });
    core.store.create(makePod('big').req('64', '1Gi').obj());
    core.store.create(makePod('lost').nodeSelector({ [LABEL_TOPOLOGY_ZONE]: 'nowhere' }).obj());
    core.loop.settle();
    expect(getPod(core, 'big').spec.nodeName).toBeDefined();
    expect(eventMessages(core, getPod(core, 'lost'), 'FailedScheduling')).toEqual([
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.",
    ]);
  });
  it('4 a custom profile name schedules only its own pods', () => {
    const { core } = newCluster(1);
    installScheduler(core, { schedulerName: 'batch' });
    core.store.create(makePod('mine').schedulerName('batch').obj());
    core.store.create(makePod('default').obj());
    core.loop.settle();
    expect(getPod(core, 'mine').spec.nodeName).toBeDefined();
    expect(getPod(core, 'default').spec.nodeName).toBeUndefined();
    const ev = core.recorder.eventsFor(getPod(core, 'mine'))[0];
    expect((ev.source as { component: string }).component).toBe('batch');
  });
  it('5 deleting an assigned pod frees its resources and retries pods it blocked', () => {
    const c = newCluster(1).core;
    installScheduler(c);
    c.store.create(makePod('a').req('1500m').nodeSelector({ [LABEL_TOPOLOGY_ZONE]: 'us-east-1a' }).obj());
    c.loop.settle();
    c.store.create(makePod('b').req('1500m').nodeSelector({ [LABEL_TOPOLOGY_ZONE]: 'us-east-1a' }).obj());
    c.loop.settle();
    expect(getPod(c, 'b').spec.nodeName).toBeUndefined();
    expect(eventMessages(c, getPod(c, 'b'), 'FailedScheduling')[0]).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
    c.store.remove('Pod', 'default', 'a');
    c.loop.advance('2s');
    expect(getPod(c, 'b').spec.nodeName).toBeDefined();
  });
});
