/**
 * The public contract of ARCHITECTURE.md, call by call, as users and acceptance tests use it.
 */
import { describe, expect, it } from 'vitest';
import { CHAPTER_MANIFESTS as m, createCluster } from 'kubesim';

describe('createCluster defaults and options', () => {
  it('defaults: seed 1, us-east-1, one m5.large in each of three zones', () => {
    const c = createCluster();
    expect(c.seed).toBe(1);
    const nodes = c.list('Node');
    expect(nodes.map((n) => n.metadata.labels?.['topology.kubernetes.io/zone'])).toEqual(
      expect.arrayContaining(['us-east-1a', 'us-east-1b', 'us-east-1c']),
    );
    expect(nodes.every((n) => n.metadata.labels?.['node.kubernetes.io/instance-type'] === 'm5.large')).toBe(true);
    expect(c.now()).toBe(0);
  });

  it('node groups, region and zones are honoured; a zone outside the list is refused', () => {
    const c = createCluster({ region: 'eu-west-1', zones: ['eu-west-1a'], nodes: [{ zone: 'eu-west-1a', count: 2, instanceType: 'm5.xlarge' }] });
    const nodes = c.list('Node');
    expect(nodes).toHaveLength(2);
    expect(nodes.every((n) => n.metadata.labels?.['topology.kubernetes.io/region'] === 'eu-west-1')).toBe(true);
    expect(() => createCluster({ nodes: [{ zone: 'us-west-2a' }] })).toThrow(/not one of the cluster zones/);
  });

  it('bad options are refused with a clear error: region and zone names, a zone twice, an unknown instance type', () => {
    expect(() => createCluster({ region: 'mars-1' })).toThrow('createCluster: "mars-1" is not an AWS region name (like us-east-1)');
    expect(() => createCluster({ zones: ['eu-west-1a'] })).toThrow('createCluster: zone "eu-west-1a" is not an availability zone of region "us-east-1" (like us-east-1a)');
    expect(() => createCluster({ zones: ['us-east-1a', 'us-east-1a'] })).toThrow('createCluster: zone "us-east-1a" is listed twice');
    expect(() => createCluster({ nodes: [{ zone: 'us-east-1a', instanceType: 'm5.nope' }] })).toThrow(/^createCluster: unknown instance type "m5.nope"; known types: .*m5\.large/);
    expect(createCluster({ region: 'us-gov-west-1' }).list('Node')).toHaveLength(3);
  });

  it("the cluster's name is in the kubeconfig's ARN context; a name EKS refuses is refused", () => {
    const c = createCluster({ name: 'storage-demo', region: 'eu-west-1', nodes: [] });
    expect(c.kubectl('config current-context').stdout).toBe('arn:aws:eks:eu-west-1:123456789012:cluster/storage-demo\n');
    expect(c.kubectl('config view -o jsonpath={.users[0].user.exec.args}').stdout).toBe('["--region","eu-west-1","eks","get-token","--cluster-name","storage-demo","--output","json"]');
    expect(createCluster({ nodes: [] }).kubectl('config current-context').stdout).toBe('arn:aws:eks:us-east-1:123456789012:cluster/kubesim\n');
    expect(() => createCluster({ name: '-demo' })).toThrow('createCluster: name "-demo" is not an EKS cluster name (1-100 letters, digits, hyphens and underscores, starting with a letter or digit)');
    expect(() => createCluster({ name: 'a'.repeat(101) })).toThrow(/is not an EKS cluster name/);
  });

  it('eventTtl deletes each Event that long after its last write (--event-ttl); unset, Events stay', () => {
    const c = createCluster({ eventTtl: '1h' });
    c.kubectl('create deployment web --image=nginx');
    c.advance('59m');
    expect(c.events().length).toBeGreaterThan(0);
    // The rollout's events were written in its first seconds.
    c.advance('2m');
    expect(c.events()).toEqual([]);
    expect(c.kubectl('get events')).toMatchObject({ stdout: '', stderr: 'No resources found in default namespace.\n' });
    const keeps = createCluster();
    keeps.kubectl('create deployment web --image=nginx');
    keeps.advance('2h');
    expect(keeps.events().length).toBeGreaterThan(0);
  });
});

describe('kubectl, aws, advance, now', () => {
  it('kubectl returns stdout/stderr/exitCode; the leading program name is optional', () => {
    const c = createCluster({ seed: 42 });
    expect(c.kubectl('apply -f -', { stdin: m['01b-randserver-emptydir-fixed.yaml'] })).toEqual({
      stdout: 'deployment.apps/randserver created\n',
      stderr: '',
      exitCode: 0,
    });
    expect(c.kubectl('kubectl get deploy randserver -o jsonpath={.spec.replicas}').stdout).toBe('1');
    expect(c.kubectl('get pods nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
  });

  it('aws prints the CLI JSON and errors with exit code 254', () => {
    const c = createCluster({ seed: 42 });
    const v = JSON.parse(c.aws('ec2 create-volume --availability-zone=us-east-1a --size=5 --volume-type=gp2').stdout);
    expect(v.VolumeId).toMatch(/^vol-[0-9a-f]{17}$/);
    const bad = c.aws('ec2 delete-volume --volume-id vol-0123456789abcdef0');
    expect(bad.exitCode).toBe(254);
    expect(bad.stderr).toContain('An error occurred (InvalidVolume.NotFound) when calling the DeleteVolume operation');
  });

  it('time moves only through advance (string or ms) and waiting commands', () => {
    const c = createCluster();
    c.kubectl('get nodes');
    expect(c.now()).toBe(0);
    c.advance('90s');
    c.advance(500);
    expect(c.now()).toBe(90_500);
    c.kubectl('apply -f -', { stdin: m['01b-randserver-emptydir-fixed.yaml'] });
    c.kubectl('rollout status deployment/randserver');
    expect(c.now()).toBeGreaterThan(90_500);
  });
});

describe('typed API', () => {
  it('apply (object or YAML), get, list with selectors, delete; snapshots are frozen', () => {
    const c = createCluster({ seed: 3 });
    const [res] = c.apply(m['03-pvc-randserver-data.yaml']);
    expect(res.action).toBe('created');
    const pvc = c.get('pvc', 'randserver-data');
    expect(Object.isFrozen(pvc)).toBe(true);
    c.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels: { app: 'x', tier: 'web' } }, data: {} });
    c.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', labels: { app: 'y' } }, data: {} });
    expect(c.list('ConfigMap', { labelSelector: 'app in (x,z),tier' }).map((o) => o.metadata.name)).toEqual(['a']);
    expect(c.list('configmaps', { labelSelector: { matchLabels: { app: 'y' } } }).map((o) => o.metadata.name)).toEqual(['b']);
    c.delete('ConfigMap', 'a');
    expect(c.get('ConfigMap', 'a')).toBeUndefined();
    expect(() => c.apply(m['01-randserver-emptydir.yaml'])).toThrow('`selector` does not match template `labels`');
  });

  it('events by object or filter, watch, trace and fingerprint', () => {
    const c = createCluster({ seed: 3 });
    const kinds: string[] = [];
    const stop = c.on('Pod', (e) => kinds.push(e.type));
    c.kubectl('apply -f -', { stdin: m['03-pvc-randserver-data.yaml'] });
    c.advance('20s');
    const pvc = c.get('PersistentVolumeClaim', 'randserver-data');
    if (!pvc) throw new Error('claim missing');
    expect(c.events(pvc).map((e) => e.reason)).toContain('ProvisioningFailed');
    expect(c.events({ reason: 'ProvisioningFailed' })[0].message).toBe('storageclass.storage.k8s.io "general-purpose" not found');
    c.kubectl('apply -f -', { stdin: m['01b-randserver-emptydir-fixed.yaml'] });
    c.advance('10s');
    stop();
    expect(kinds[0]).toBe('ADDED');
    expect(c.trace().length).toBeGreaterThan(10);
    expect(c.fingerprint()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('faults and diagnose: a stopped node makes its pod Terminating, diagnose says why', () => {
    const c = createCluster({ seed: 9, zones: ['us-east-1a'], nodes: [{ zone: 'us-east-1a', count: 2 }] });
    c.kubectl('apply -f -', { stdin: m['01b-randserver-emptydir-fixed.yaml'] });
    c.kubectl('rollout status deployment/randserver');
    const [pod] = c.list('Pod');
    c.faults.stopInstance((pod.spec as { nodeName: string }).nodeName);
    c.advance('6m');
    const old = c.get('Pod', pod.metadata.name ?? '');
    expect(old?.metadata.deletionTimestamp).toBeDefined();
    const d = c.diagnose(pod.metadata.name ?? '');
    expect(d.status).toBe('Terminating');
    expect(d.causes).toContain('node-not-ready');
  });

  it('http shows what a pod serves; registerImage adds an image behaviour', () => {
    const c = createCluster({ seed: 4 });
    c.registerImage('example/hello', {
      start: () => ({ kind: 'running' }),
      http: (_ctx, port, path) => (port === 8080 ? { status: 200, body: `hello from ${path}` } : undefined),
    });
    c.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'hello' }, spec: { containers: [{ name: 'hello', image: 'example/hello' }] } });
    c.advance('30s');
    expect(c.http('hello', 8080, '/x')).toEqual({ status: 200, body: 'hello from /x' });
    expect(c.http('hello', 9999).status).toBe(0);
    c.kubectl('apply -f -', { stdin: m['01b-randserver-emptydir-fixed.yaml'] });
    c.kubectl('rollout status deployment/randserver');
    const [pod] = c.list('Pod', { labelSelector: 'app=randserver' });
    expect(c.http(pod, 3000).body).toMatch(/<a href="[a-z0-9]+">/);
  });

  it('same seed and steps give the same fingerprint; another seed differs', () => {
    const run = (seed: number) => {
      const c = createCluster({ seed });
      c.kubectl('apply -f -', { stdin: m['01b-randserver-emptydir-fixed.yaml'] });
      c.advance('1m');
      return { fp: c.fingerprint(), pods: c.kubectl('get pods -o name').stdout };
    };
    expect(run(7)).toEqual(run(7));
    expect(run(8).pods).not.toBe(run(7).pods);
  });
});
