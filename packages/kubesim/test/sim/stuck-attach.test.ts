/**
 * An EBS attachment that stays `attaching`: the CSI attacher gives up after two minutes with its
 * timeout (one FailedAttachVolume per try, retried after the backoff, aggregated into one event);
 * once EC2 finishes, the attach succeeds and the pod starts.
 */
import { describe, expect, it } from 'vitest';
import { CHAPTER_MANIFESTS as m, createCluster } from 'kubesim';

describe('a stuck EBS attachment', () => {
  it('times out every try until EC2 attaches, then the pod runs', () => {
    const c = createCluster({ seed: 3, nodes: [{ zone: 'us-east-1a' }] });
    c.faults.ebs.stuckAttach();
    c.kubectl('apply -f -', { stdin: `${m['05-storageclass-general-purpose.yaml']}---\n${m['03-pvc-randserver-data.yaml']}---\n${m['04-randserver-pvc.yaml']}` });
    c.advance('30s');
    const [pod] = c.list('Pod', { labelSelector: 'app=randserver' });
    const volumeId = c.aws('ec2 describe-volumes --query Volumes[0].VolumeId --output text').stdout.trim();
    expect(volumeId).toMatch(/^vol-[0-9a-f]{17}$/);
    const failed = () => c.events({ reason: 'FailedAttachVolume', name: pod.metadata.name }) as unknown as { message: string; count: number }[];
    expect(failed()).toEqual([]);
    c.advance('2m');
    const pv = c.list('PersistentVolume')[0].metadata.name;
    expect(failed()).toMatchObject([
      { message: `AttachVolume.Attach failed for volume "${pv}" : timed out waiting for external-attacher of ebs.csi.aws.com CSI driver to attach volume ${volumeId}`, count: 1 },
    ]);
    c.advance('5m');
    expect(failed()[0].count).toBe(3);
    expect(c.get('Pod', pod.metadata.name as string)?.status).toMatchObject({ phase: 'Pending' });
    c.faults.ebs.unstickAttach();
    c.advance('4m');
    expect(c.events({ reason: 'SuccessfulAttachVolume', name: pod.metadata.name })).toHaveLength(1);
    expect(c.get('Pod', pod.metadata.name as string)?.status).toMatchObject({ phase: 'Running' });
    const count = failed()[0].count;
    c.advance('10m');
    expect(failed()[0].count).toBe(count);
  });
});
