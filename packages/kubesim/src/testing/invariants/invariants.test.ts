import { describe, expect, it } from 'vitest';
import { type Cluster, createCluster } from '../../cluster.js';
import { noEbsDataLoss } from './data-loss.js';
import { attachSameZone, bindingSymmetric, rwoSingleNode, statefulSetOrdinalUnique } from './safety.js';

interface FakeVolume {
  volumeId: string;
  zone: string;
  state: string;
  multiAttachEnabled: boolean;
  attachments: { instanceId: string; state: string }[];
  fs: { list(dir?: string): string[]; isDirectory(p: string): boolean };
}

/** A cluster stand-in whose EC2 model holds the given volumes (the invariants read nothing else). */
function withVolumes(volumes: FakeVolume[], zones: Record<string, string> = {}): Cluster {
  return {
    now: () => 0,
    components: { storage: { ec2: { volumes: () => volumes } } },
    core: { cloud: { getInstance: (id: string) => (zones[id] ? { zone: zones[id] } : undefined) } },
  } as unknown as Cluster;
}

const fs = (files: string[]) => ({ list: (dir = '') => (dir ? [] : files), isDirectory: () => false });
const vol = (over: Partial<FakeVolume>): FakeVolume => ({ volumeId: 'vol-1', zone: 'us-east-1a', state: 'in-use', multiAttachEnabled: false, attachments: [], fs: fs([]), ...over });

describe('safety invariants', () => {
  it('rwo-single-node flags a volume attached to two instances, unless Multi-Attach is enabled', () => {
    const two = [{ instanceId: 'i-1', state: 'attached' }, { instanceId: 'i-2', state: 'attaching' }];
    expect(rwoSingleNode.check(withVolumes([vol({ attachments: two })])).map((v) => v.invariant)).toEqual(['rwo-single-node']);
    expect(rwoSingleNode.check(withVolumes([vol({ attachments: two, multiAttachEnabled: true })]))).toEqual([]);
  });

  it('attach-same-zone flags an attachment to an instance in another zone', () => {
    const c = withVolumes([vol({ attachments: [{ instanceId: 'i-1', state: 'attached' }] })], { 'i-1': 'us-east-1b' });
    expect(attachSameZone.check(c)[0]?.message).toBe('vol-1 (us-east-1a) attached to i-1 in us-east-1b');
  });

  it('no-ebs-data-loss flags a file that disappeared from a live volume, not from a deleted one', () => {
    const v = vol({ fs: fs(['a.txt']) });
    const checker = noEbsDataLoss();
    expect(checker.check(withVolumes([v]))).toEqual([]);
    v.fs = fs([]);
    expect(checker.check(withVolumes([v]))[0]?.message).toBe('vol-1 lost a.txt');
    const deleted = noEbsDataLoss();
    deleted.check(withVolumes([vol({ fs: fs(['a.txt']) })]));
    expect(deleted.check(withVolumes([vol({ state: 'deleted' })]))).toEqual([]);
  });

  it('binding-symmetric flags a Bound claim whose PV points elsewhere', () => {
    const c = createCluster({ seed: 1, zones: ['us-east-1a'], nodes: [{ zone: 'us-east-1a' }] });
    c.core.store.create({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1' }, spec: { claimRef: { namespace: 'default', name: 'other' } }, status: { phase: 'Bound' } });
    c.core.store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { volumeName: 'pv-1' }, status: { phase: 'Bound' } });
    expect(bindingSymmetric.check(c).map((v) => v.objects[0])).toEqual(['pvc/default/data', 'pv/pv-1']);
  });

  it('statefulset-ordinal-unique flags two pods of one ordinal', () => {
    const c = createCluster({ seed: 1, zones: ['us-east-1a'], nodes: [{ zone: 'us-east-1a' }] });
    for (const name of ['web-0', 'web-0-copy']) {
      c.core.store.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'default', labels: { 'apps.kubernetes.io/pod-index': '0' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u', controller: true }] },
        spec: { containers: [] },
      });
    }
    expect(statefulSetOrdinalUnique.check(c)[0]?.message).toBe('ordinal default/web/0 has pods web-0 and web-0-copy');
  });
});
