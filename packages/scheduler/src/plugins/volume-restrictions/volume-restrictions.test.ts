import { describe, expect, it } from 'vitest';
import { makePod, makePVC, makeStorageClass, newCluster, pluginHarness } from '../../testing/index.js';
import { ERR_REASON_DISK_CONFLICT, ERR_REASON_READ_WRITE_ONCE_POD_CONFLICT, VOLUME_RESTRICTIONS } from './volume-restrictions.js';

describe('VolumeRestrictions', () => {
  const { core, nodes } = newCluster(1);
  const [a, b] = nodes;
  core.store.create(makeStorageClass('gp2'));
  core.store.create(makePVC('rwop', { modes: ['ReadWriteOncePod'], volumeName: 'pv-x', bound: true }));
  core.store.create(makePVC('rwo', { volumeName: 'pv-y', bound: true }));
  core.store.create(makePod('holder').nodeName(a).ebs('vol-0123456789abcdef0').pvc('rwop').obj());
  core.store.create(makePod('rwo-holder').nodeName(a).pvc('rwo').obj());
  core.loop.settle();
  const h = pluginHarness(core);
  it.each([
    ['same inline EBS volume on the node', makePod('p').ebs('vol-0123456789abcdef0').obj(), a, ERR_REASON_DISK_CONFLICT],
    ['same inline EBS volume on another node', makePod('p').ebs('vol-0123456789abcdef0').obj(), b, undefined],
    ['different inline EBS volume', makePod('p').ebs('vol-0fffffffffffffff0').obj(), a, undefined],
    ['ReadWriteOncePod claim already in use', makePod('p').pvc('rwop').obj(), b, ERR_REASON_READ_WRITE_ONCE_POD_CONFLICT],
    ['ReadWriteOnce claim shared on the node', makePod('p').pvc('rwo').obj(), a, undefined],
    ['missing claim', makePod('p').pvc('nope').obj(), a, 'persistentvolumeclaim "nope" not found'],
  ])('%s', (_n, pod, node, reason) => {
    expect(h.filter(VOLUME_RESTRICTIONS, pod, node)?.reasons[0]).toBe(reason);
  });
  it('reason texts are the upstream literals', () => {
    expect(ERR_REASON_DISK_CONFLICT).toBe('node(s) had no available disk');
    expect(ERR_REASON_READ_WRITE_ONCE_POD_CONFLICT).toBe(
      'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode',
    );
  });
});
