/**
 * The chapter walkthrough, asserted step by step against the behaviour the book describes
 * (../shared/reference/seed-chapter.md), not just printed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoResult, runDemo } from './walkthrough.js';

let demo: DemoResult;
const out = (name: string) => {
  const step = demo.checkpoints.get(name);
  if (!step) throw new Error(`no checkpoint ${name}`);
  return step.result;
};
const listing = (name: string) => [...(out(name).browser ?? '').matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]);
const podNames = (stdout: string) => stdout.split('\n').slice(1).filter(Boolean).map((l) => l.split(/\s+/)[0]);

beforeAll(() => {
  demo = runDemo();
});

describe('chapter 1: emptyDir', () => {
  it('rejects the printed manifest with the API server text and creates nothing', () => {
    expect(out('emptydir-invalid')).toMatchObject({
      exitCode: 1,
      stderr:
        'The Deployment "randserver" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"example"}: `selector` does not match template `labels`\n',
    });
    expect(out('emptydir-nothing-created').stderr).toBe('No resources found in default namespace.\n');
  });

  it('the corrected Deployment runs one pod that serves one random file', () => {
    expect(out('emptydir-created').stdout).toBe('deployment.apps/randserver created\n');
    expect(out('emptydir-rollout').stdout).toContain('deployment "randserver" successfully rolled out');
    expect(out('emptydir-pods').stdout).toMatch(/^randserver-[4-9bcdf]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}\s+1\/1\s+Running\s+0\s+/m);
    expect(listing('emptydir-listing-1')).toHaveLength(1);
  });

  it('deleting the pod brings a new pod name and an empty dir with one different file', () => {
    const before = podNames(out('emptydir-pods').stdout);
    const after = podNames(out('emptydir-pods-2').stdout);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before[0]);
    expect(after[0].slice(0, -6)).toBe(before[0].slice(0, -6));
    expect(listing('emptydir-listing-2')).toHaveLength(1);
    expect(listing('emptydir-listing-2')[0]).not.toBe(listing('emptydir-listing-1')[0]);
  });
});

describe('chapter 2: an EBS volume by ID', () => {
  it('create-volume prints the AWS CLI JSON of a creating gp2 volume', () => {
    const v = JSON.parse(out('ebs-create-volume').stdout);
    expect(v).toMatchObject({ AvailabilityZone: 'us-east-1a', Encrypted: false, Size: 5, SnapshotId: '', State: 'creating', Iops: 100, Tags: [], VolumeType: 'gp2' });
    expect(v.VolumeId).toMatch(/^vol-[0-9a-f]{17}$/);
  });

  it('the data survives pod deletion: the listing grows 1, 2, 3', () => {
    const l1 = listing('ebs-listing-1');
    const l2 = listing('ebs-listing-2');
    const l3 = listing('ebs-listing-3');
    expect([l1.length, l2.length, l3.length]).toEqual([1, 2, 3]);
    expect(l2).toEqual(expect.arrayContaining(l1));
    expect(l3).toEqual(expect.arrayContaining(l2));
    expect(out('ebs-attached').stdout.trim()).toBe('"attached"');
  });

  it('the volume can be deleted once the Deployment is gone', () => {
    expect(out('ebs-delete-volume')).toMatchObject({ exitCode: 0, stderr: '' });
  });
});

describe('chapter 3: PVC and StorageClass', () => {
  it('without the class the claim stays Pending with ProvisioningFailed', () => {
    expect(out('pvc-pending').stdout).toMatch(/^randserver-data\s+Pending\s+general-purpose\s+<unset>\s+30s$/m);
    expect(out('pvc-pending-describe').stdout).toMatch(/Warning\s+ProvisioningFailed\s+.*persistentvolume-controller\s+storageclass\.storage\.k8s\.io "general-purpose" not found/);
  });

  it('with the class a volume pvc-<uid> is provisioned and bound', () => {
    expect(out('pvc-bound').stdout).toMatch(/^randserver-data\s+Bound\s+pvc-[0-9a-f-]{36}\s+1Gi\s+RWO\s+general-purpose\s/m);
    const d = out('pvc-describe').stdout;
    expect(d).toMatch(/^Status:\s+Bound$/m);
    expect(d).toMatch(/^Volume:\s+pvc-[0-9a-f-]{36}$/m);
    expect(d).toMatch(/^Capacity:\s+1Gi$/m);
    expect(d).toMatch(/^Access Modes:\s+RWO$/m);
    expect(d).toMatch(/^StorageClass:\s+general-purpose$/m);
  });

  it('describe pv shows the claim, Delete policy and the in-tree EBS source', () => {
    const d = out('pv-describe').stdout;
    expect(d).toMatch(/^Claim:\s+default\/randserver-data$/m);
    expect(d).toMatch(/^Reclaim Policy:\s+Delete$/m);
    expect(d).toContain('Type:       AWSElasticBlockStore (a Persistent Disk resource in AWS)');
    expect(d).toMatch(/VolumeID:\s+aws:\/\/us-east-1a\/vol-[0-9a-f]{17}/);
    expect(d).toMatch(/FSType:\s+ext4\n\s+Partition:\s+0\n\s+ReadOnly:\s+false/);
  });

  it('the Deployment that refers to the claim rolls out', () => {
    expect(out('deployment-pvc-rollout').stdout).toContain('successfully rolled out');
  });
});

describe('chapter 4: StorageClasses', () => {
  it('lists the five classes with the default marked', () => {
    const s = out('storageclasses').stdout;
    for (const name of ['cold-storage', 'general-purpose (default)', 'high-iops-ssd', 'medium-iops-ssd', 'throughput']) {
      expect(s).toMatch(new RegExp(`^${name.replace(/[()]/g, '\\$&')}\\s+kubernetes.io/aws-ebs\\s+Delete\\s+Immediate\\s+false`, 'm'));
    }
  });
});

describe('chapter 5: the Deployment scaling deadlock', () => {
  it('a pod on the second node of the zone is stuck in ContainerCreating with one Multi-Attach event', () => {
    const pods = out('deadlock-pods').stdout;
    expect(pods.match(/\sRunning\s/g)?.length).toBe(2);
    expect(pods.match(/\sContainerCreating\s/g)?.length).toBe(1);
    const d = out('deadlock-describe').stdout;
    const multi = d.match(/Warning\s+FailedAttachVolume\s+\S+\s+attachdetach-controller\s+(Multi-Attach error for volume "pvc-[0-9a-f-]+" Volume is already used by pod\(s\) randserver-\S+)/);
    expect(multi).not.toBeNull();
    expect(d.match(/FailedAttachVolume/g)).toHaveLength(1);
    expect(d).not.toContain('FailedMount');
  });

  it('is still stuck after 24 hours of virtual time', () => {
    expect(out('deadlock-after-24h').stdout.match(/\sContainerCreating\s+0\s+24h/g)?.length).toBe(1);
  });
});

describe('chapter 6: StatefulSets', () => {
  it('creates randserver-0..2 in order with increasing age and one claim each', () => {
    const pods = out('sts-pods').stdout.split('\n').slice(1).filter(Boolean).map((l) => l.split(/\s+/));
    expect(pods.map((p) => [p[0], p[1], p[2]])).toEqual([
      ['randserver-0', '1/1', 'Running'],
      ['randserver-1', '1/1', 'Running'],
      ['randserver-2', '1/1', 'Running'],
    ]);
    const ages = pods.map((p) => Number.parseInt(p[4], 10));
    expect(ages[0]).toBeGreaterThan(ages[1]);
    expect(ages[1]).toBeGreaterThan(ages[2]);
    const claims = out('sts-pvc').stdout;
    for (const i of [0, 1, 2]) expect(claims).toMatch(new RegExp(`^data-randserver-${i}\\s+Bound\\s+pvc-`, 'm'));
  });

  it('each pod has a DNS name through the headless service', () => {
    expect(out('sts-dns').stdout).toMatch(/Name:\s+randserver-1\.randserver\.default\.svc\.cluster\.local\nAddress: 10\.0\.\d+\.\d+/);
  });

  it('deleting randserver-1 brings back a pod with the same name', () => {
    expect(out('sts-delete-pod').stdout).toBe('pod "randserver-1" deleted\n');
    expect(out('sts-pod-back').stdout).toBe('pod/randserver-1 condition met\n');
    expect(podNames(out('sts-pods-after-delete').stdout)).toEqual(['randserver-0', 'randserver-1', 'randserver-2']);
  });

  it('scaling down keeps the claims and scaling up reuses them', () => {
    expect(podNames(out('sts-pods-scaled-down').stdout)).toEqual(['randserver-0']);
    const kept = out('sts-pvc-kept').stdout;
    const reused = out('sts-pvc-reused').stdout;
    const volumes = (s: string) => s.split('\n').slice(1).filter(Boolean).map((l) => l.split(/\s+/).slice(0, 3).join(' '));
    expect(volumes(kept)).toHaveLength(3);
    expect(volumes(reused)).toEqual(volumes(kept));
  });

  it('cleanup removes the claims by label and their volumes', () => {
    expect(out('sts-delete-pvc').stdout.split('\n').filter(Boolean)).toEqual([
      'persistentvolumeclaim "data-randserver-0" deleted',
      'persistentvolumeclaim "data-randserver-1" deleted',
      'persistentvolumeclaim "data-randserver-2" deleted',
    ]);
    expect(out('cleanup').stderr).toBe('No resources found in default namespace.\n');
  });
});

describe('the demo as a whole', () => {
  it('is deterministic: the same seed gives the same transcript and fingerprint', () => {
    const again = runDemo();
    expect(again.transcript).toBe(demo.transcript);
    expect(again.report.fingerprint).toBe(demo.report.fingerprint);
  });

  it('records one report step per command, with snapshots that show the stuck pod', () => {
    expect(demo.report.steps.length).toBe(demo.session.steps.length);
    const deadlock = demo.report.steps.find((s) => s.command === 'kubectl get pods -o wide' && s.section?.startsWith('5.'));
    const stuck = deadlock?.cluster.zones.flatMap((z) => z.nodes.flatMap((n) => n.pods)).filter((p) => p.stuck);
    expect(stuck?.map((p) => p.status)).toEqual(['ContainerCreating']);
    expect(deadlock?.cluster.volumes.some((v) => v.conflict?.message.startsWith('Multi-Attach error'))).toBe(true);
  });
});
