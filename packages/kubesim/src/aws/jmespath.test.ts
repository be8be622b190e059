import { describe, expect, it } from 'vitest';
import { type Json, JmesPathError, search } from './jmespath.js';

const doc: Json = {
  Volumes: [
    { VolumeId: 'vol-1', State: 'available', Size: 5, Tags: [{ Key: 'a', Value: '1' }], Attachments: [] },
    { VolumeId: 'vol-2', State: 'in-use', Size: 10, Tags: [], Attachments: [{ InstanceId: 'i-1', Device: '/dev/xvdba' }] },
  ],
};

describe('JMESPath subset', () => {
  it.each([
    ['Volumes[0].VolumeId', 'vol-1'],
    ['Volumes[-1].Size', 10],
    ['Volumes[*].VolumeId', ['vol-1', 'vol-2']],
    ['Volumes[].Attachments[].InstanceId', ['i-1']],
    ['Volumes[*].Attachments[*].InstanceId', [[], ['i-1']]],
    ['Volumes[].[VolumeId, State]', [['vol-1', 'available'], ['vol-2', 'in-use']]],
    ['Volumes[].{ID: VolumeId, Size: Size}', [{ ID: 'vol-1', Size: 5 }, { ID: 'vol-2', Size: 10 }]],
    ['length(Volumes)', 2],
    ['Volumes | length(@)', 2],
    ["Volumes[?State == 'in-use'].VolumeId", ['vol-2']],
    ['Volumes[0].Missing', null],
    ['Volumes[5]', null],
  ])('%s', (expr, want) => {
    expect(search(expr, doc)).toEqual(want);
  });

  it('rejects malformed expressions', () => {
    expect(() => search('Volumes[', doc)).toThrow(JmesPathError);
  });
});
