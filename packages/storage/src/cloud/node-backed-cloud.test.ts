import { CoreCluster } from '@kubesim/core';
import { describe, expect, it } from 'vitest';
import { installStorage } from '../install.js';
import { makeNode } from '../testing/index.js';
import { NodeBackedCloud, parseProviderID } from './node-backed-cloud.js';

describe('instances derived from Node objects', () => {
  it('parses EKS providerIDs', () => {
    expect(parseProviderID('aws:///us-east-1a/i-0123456789abcdef0')).toEqual({ zone: 'us-east-1a', instanceId: 'i-0123456789abcdef0' });
    expect(parseProviderID('kind://docker/kind/kind-worker')).toBeUndefined();
  });

  it('serves instances, zones and attach rules without a cloud model', () => {
    const core = new CoreCluster();
    core.store.create(makeNode('ip-10-0-1-23.ec2.internal', 'us-east-1a', 'i-0123456789abcdef0').obj());
    core.store.create(makeNode('ip-10-0-2-31.ec2.internal', 'us-east-1b', 'i-0fedcba9876543210', 'm4.large').obj());
    const cloud = new NodeBackedCloud(core);
    expect(cloud.zones).toEqual(['us-east-1a', 'us-east-1b']);
    expect(cloud.getInstance('i-0fedcba9876543210')).toMatchObject({ nodeName: 'ip-10-0-2-31.ec2.internal', zone: 'us-east-1b', instanceType: 'm4.large', privateIp: '10.0.2.31' });
    expect(cloud.instanceType('m4.large')).toMatchObject({ nitro: false, ebsAttachLimit: 39 });
    expect(cloud.instanceType('m5.large')).toMatchObject({ nitro: true, ebsAttachLimit: 26 });
    const storage = installStorage(core);
    const v = storage.ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 1 });
    core.loop.advance('5s');
    expect(() => storage.ec2.attachVolume({ VolumeId: v.volumeId, InstanceId: 'i-0fedcba9876543210' })).toThrow(/ZoneMismatch|not in the same availability zone/);
    expect(storage.ec2.attachVolume({ VolumeId: v.volumeId, InstanceId: 'i-0123456789abcdef0' }).device).toBe('/dev/xvdba');
  });
});
