import { describe, expect, it } from 'vitest';
import { makePod, makePV, makePVC, makeStorageClass, newCluster, pluginHarness } from '../../testing/index.js';
import { ERR_REASON_CONFLICT, VOLUME_ZONE } from './volume-zone.js';

describe('VolumeZone', () => {
  const { core, nodes } = newCluster(1);
  const [a, b] = nodes;
  core.store.create(makeStorageClass('gp2'));
  core.store.create(makeStorageClass('wffc', { wffc: true }));
  core.store.create(makePV('labelled-a', { zone: 'us-east-1a', zoneLabels: true, claim: { name: 'la' } }));
  core.store.create(makePVC('la', { volumeName: 'labelled-a', bound: true }));
  core.store.create(makePV('affinity-only', { zone: 'us-east-1a', claim: { name: 'aff' } }));
  core.store.create(makePVC('aff', { volumeName: 'affinity-only', bound: true }));
  core.store.create(makePVC('wait', { className: 'wffc' }));
  const h = pluginHarness(core);
  it.each([
    ['PV zone label matches the node', 'la', a, undefined],
    ['PV zone label differs from the node', 'la', b, ERR_REASON_CONFLICT],
    ['PV without zone labels (nodeAffinity only) is not this plugin', 'aff', b, undefined],
    ['unbound WaitForFirstConsumer claim is skipped', 'wait', b, undefined],
  ])('%s', (_n, claim, node, reason) => {
    const st = h.filter(VOLUME_ZONE, makePod('p').pvc(claim).obj(), node);
    expect(st?.reasons[0]).toBe(reason);
    if (reason) expect(st?.code).toBe('UnschedulableAndUnresolvable');
  });
  it('reason text is the upstream literal', () => {
    expect(ERR_REASON_CONFLICT).toBe('node(s) had no available volume zone');
  });
});
