import { describe, expect, it } from 'vitest';
import { parseEbsParameters, ProvisionError, requestedIops } from './parameters.js';

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProvisionError) return e.message;
    throw e;
  }
  throw new Error('expected a ProvisionError');
}

describe('EBS StorageClass parameters', () => {
  it('defaults: gp3 for CSI classes, gp2 for in-tree classes, ext4', () => {
    expect(parseEbsParameters({}).type).toBe('gp3');
    expect(parseEbsParameters({}, true).type).toBe('gp2');
    expect(parseEbsParameters({}).fsType).toBe('ext4');
  });

  it('in-tree fsType is translated to csi.storage.k8s.io/fstype', () => {
    expect(parseEbsParameters({ type: 'io1', iopsPerGB: '50', fsType: 'xfs' }, true)).toMatchObject({ type: 'io1', iopsPerGB: 50, fsType: 'xfs' });
    expect(parseEbsParameters({ 'csi.storage.k8s.io/fstype': 'xfs' }).fsType).toBe('xfs');
  });

  it('keys are case-insensitive', () => {
    expect(parseEbsParameters({ Type: 'IO2', IOPS: '1000', Encrypted: 'true' })).toMatchObject({ type: 'io2', iops: 1000, encrypted: true });
  });

  it.each([
    ['unknown key', { type: 'gp3', foo: 'bar' }, 'rpc error: code = InvalidArgument desc = Invalid parameter key foo for CreateVolume'],
    [
      'iops and iopsPerGB together',
      { type: 'io1', iops: '1000', iopsPerGB: '10' },
      'rpc error: code = InvalidArgument desc = invalid StorageClass parameters; specify either IOPS or IOPSPerGb, not both',
    ],
    [
      'unparsable iopsPerGB',
      { type: 'io1', iopsPerGB: 'ten' },
      'rpc error: code = InvalidArgument desc = Could not parse invalid iopsPerGB: strconv.Atoi: parsing "ten": invalid syntax',
    ],
  ])('rejects %s', (_name, params, text) => {
    expect(errorOf(() => parseEbsParameters(params))).toBe(text);
  });

  it('capIOPS: iopsPerGB × size, capped at the per-GiB ratio and the maximum', () => {
    expect(requestedIops(parseEbsParameters({ type: 'io1', iopsPerGB: '25' }), 10)).toBe(250);
    expect(requestedIops(parseEbsParameters({ type: 'io1', iopsPerGB: '100' }), 10)).toBe(500);
    expect(requestedIops(parseEbsParameters({ type: 'io1', iops: '90000' }), 16000)).toBe(64000);
    expect(requestedIops(parseEbsParameters({ type: 'gp2' }), 10)).toBeUndefined();
    expect(requestedIops(parseEbsParameters({ type: 'gp3' }), 10)).toBeUndefined();
  });

  it('capIOPS: below the minimum fails unless allowAutoIOPSPerGBIncrease', () => {
    expect(errorOf(() => requestedIops(parseEbsParameters({ type: 'io1', iopsPerGB: '10' }), 4))).toBe(
      'invalid IOPS: 40 is too low, it must be at least 100',
    );
    expect(requestedIops(parseEbsParameters({ type: 'io1', iopsPerGB: '10', allowAutoIOPSPerGBIncrease: 'true' }), 4)).toBe(100);
  });
});
