import { describe, expect, it } from 'vitest';
import type { PersistentVolume } from '../../api/types.js';
import { LABEL_TOPOLOGY_ZONE } from '../../api/well-known.js';
import { makePod, makePV, makePVC, makeStorageClass, newCluster, pluginHarness } from '../../testing/index.js';
import {
  ERR_REASON_BIND_CONFLICT,
  ERR_REASON_NODE_CONFLICT,
  ERR_REASON_NOT_ENOUGH_SPACE,
  ERR_REASON_PV_NOT_EXIST,
  ERR_REASON_UNBOUND_IMMEDIATE,
} from './binder.js';
import { VOLUME_BINDING } from './volume-binding.js';

function setup() {
  const { core, nodes } = newCluster(1);
  core.store.create(makeStorageClass('gp2'));
  core.store.create(makeStorageClass('wffc', { wffc: true }));
  core.store.create(makeStorageClass('wffc-1a', { wffc: true, zones: ['us-east-1a'] }));
  core.store.create(makeStorageClass('manual', { wffc: true, provisioner: 'kubernetes.io/no-provisioner' }));
  core.store.create(makePV('pv-a', { zone: 'us-east-1a', claim: { name: 'bound-a' } }));
  core.store.create(makePVC('bound-a', { volumeName: 'pv-a', bound: true }));
  core.store.create(makePVC('bound-missing', { volumeName: 'pv-gone', bound: true }));
  core.store.create(makePVC('immediate'));
  core.store.create(makePVC('wait', { className: 'wffc' }));
  core.store.create(makePVC('wait-1a', { className: 'wffc-1a' }));
  core.store.create(makePVC('static', { className: 'manual', size: '5Gi' }));
  core.store.create(makePV('static-b-small', { className: 'manual', zone: 'us-east-1b', size: '1Gi' }));
  core.store.create(makePV('static-b', { className: 'manual', zone: 'us-east-1b', size: '10Gi' }));
  return { core, nodes, h: pluginHarness(core) };
}

describe('VolumeBinding', () => {
  const { nodes, h } = setup();
  const [a, b, c] = nodes;
  it.each([
    ['pod without claims', 'none', a, undefined],
    ['bound PV in the node zone', 'bound-a', a, undefined],
    ['bound PV in another zone', 'bound-a', b, ERR_REASON_NODE_CONFLICT],
    ['bound to a PV that does not exist', 'bound-missing', a, ERR_REASON_PV_NOT_EXIST],
    ['unbound Immediate claim', 'immediate', a, ERR_REASON_UNBOUND_IMMEDIATE],
    ['WaitForFirstConsumer can provision anywhere', 'wait', c, undefined],
    ['WaitForFirstConsumer allowedTopologies admit the node', 'wait-1a', a, undefined],
    ['WaitForFirstConsumer allowedTopologies exclude the node', 'wait-1a', b, ERR_REASON_BIND_CONFLICT],
    ['static PV big enough in the node zone', 'static', b, undefined],
    ['no static PV in the node zone and no provisioner', 'static', a, ERR_REASON_BIND_CONFLICT],
  ])('%s', (_n, claim, node, reason) => {
    const pod = claim === 'none' ? makePod('p').obj() : makePod('p').pvc(claim).obj();
    const st = h.filter(VOLUME_BINDING, pod, node);
    expect(st?.reasons[0]).toBe(reason);
    if (reason) expect(st?.code).toBe('UnschedulableAndUnresolvable');
  });
  it('reason texts are the upstream literals', () => {
    expect(ERR_REASON_BIND_CONFLICT).toBe("node(s) didn't find available persistent volumes to bind");
    expect(ERR_REASON_NODE_CONFLICT).toBe('node(s) had volume node affinity conflict');
    expect(ERR_REASON_NOT_ENOUGH_SPACE).toBe('node(s) did not have enough free storage');
    expect(ERR_REASON_PV_NOT_EXIST).toBe('node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)');
    expect(ERR_REASON_UNBOUND_IMMEDIATE).toBe('pod has unbound immediate PersistentVolumeClaims');
  });
  it('a claim with selected-node set only fits that node', () => {
    const { core, nodes: n, h: h2 } = setup();
    core.store.update('PersistentVolumeClaim', 'default', 'wait', (d) => {
      d.metadata.annotations = { 'volume.kubernetes.io/selected-node': n[1] };
    });
    expect(h2.filter(VOLUME_BINDING, makePod('p').pvc('wait').obj(), n[0])?.reasons).toEqual([ERR_REASON_BIND_CONFLICT]);
    expect(h2.filter(VOLUME_BINDING, makePod('p').pvc('wait').obj(), n[1])).toBeUndefined();
  });
  it('the smallest matching static PV is chosen and pre-bound in PreBind', () => {
    const { core } = setup();
    core.store.create(makePod('p').pvc('static').nodeSelector({ [LABEL_TOPOLOGY_ZONE]: 'us-east-1b' }).obj());
    core.loop.settle();
    const pv = core.store.get<PersistentVolume>('PersistentVolume', undefined, 'static-b');
    expect(pv?.spec.claimRef?.name).toBe('static');
    expect(pv?.metadata.annotations?.['pv.kubernetes.io/bound-by-controller']).toBe('yes');
    const small = core.store.get<PersistentVolume>('PersistentVolume', undefined, 'static-b-small');
    expect(small?.spec.claimRef).toBeUndefined();
  });
});
