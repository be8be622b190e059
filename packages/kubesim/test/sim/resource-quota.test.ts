/**
 * ResourceQuota end to end: the quota controller fills `status.used`; the ResourceQuota admission
 * plugin refuses what would exceed a quota, with the API server's texts, charges what it admits
 * at once, and deletions give usage back. Storage quotas (claims, requested storage, per class,
 * expansion), compute quotas (containers must state what is quota'd), workloads stuck on a quota
 * (FailedCreate events, the ReplicaFailure condition), scopes, and the quota's own validation.
 */
import { describe, expect, it } from 'vitest';
import { type Cluster, createCluster } from 'kubesim';
import { applyYaml, claim, GP3_WFFC_CLASS, kubectlOk } from './helpers.js';

function cluster(): Cluster {
  const c = createCluster({ seed: 11, zones: ['us-east-1a'], nodes: [{ zone: 'us-east-1a', count: 2 }] });
  applyYaml(c, GP3_WFFC_CLASS);
  return c;
}

function quota(name: string, hard: Record<string, string>, extra = ''): string {
  return `apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: ${name}\nspec:\n  hard:\n${Object.entries(hard)
    .map(([k, v]) => `    ${k}: "${v}"\n`)
    .join('')}${extra}`;
}

function claimOf(name: string, size: string, className = 'gp3'): string {
  return claim(name, className, 'ReadWriteOnce', { size });
}

function used(c: Cluster, name: string): Record<string, string> {
  return JSON.parse(kubectlOk(c, `get quota ${name} -o jsonpath={.status.used}`));
}

describe('ResourceQuota', () => {
  it('storage: claims and requested storage, in total and per class; the refusal names what exceeds', () => {
    const c = cluster();
    applyYaml(c, quota('storage', { 'requests.storage': '3Gi', persistentvolumeclaims: '2', 'gp3.storageclass.storage.k8s.io/requests.storage': '2Gi' }));
    // The controller copied `hard` and counted nothing yet.
    expect(JSON.parse(kubectlOk(c, 'get quota storage -o jsonpath={.status.hard}'))).toEqual({
      'gp3.storageclass.storage.k8s.io/requests.storage': '2Gi',
      persistentvolumeclaims: '2',
      'requests.storage': '3Gi',
    });
    expect(used(c, 'storage')).toEqual({ 'gp3.storageclass.storage.k8s.io/requests.storage': '0', persistentvolumeclaims: '0', 'requests.storage': '0' });
    applyYaml(c, claimOf('a', '1Gi'));
    // Admission charged it at once.
    expect(used(c, 'storage')).toEqual({ 'gp3.storageclass.storage.k8s.io/requests.storage': '1Gi', persistentvolumeclaims: '1', 'requests.storage': '1Gi' });
    expect(c.kubectl('apply -f -', { stdin: claimOf('b', '2Gi') })).toEqual({
      stdout: '',
      stderr:
        'Error from server (Forbidden): error when creating "STDIN": persistentvolumeclaims "b" is forbidden: exceeded quota: storage, requested: gp3.storageclass.storage.k8s.io/requests.storage=2Gi, used: gp3.storageclass.storage.k8s.io/requests.storage=1Gi, limited: gp3.storageclass.storage.k8s.io/requests.storage=2Gi\n',
      exitCode: 1,
    });
    expect(c.get('PersistentVolumeClaim', 'b')).toBeUndefined();
    applyYaml(c, claimOf('b', '1Gi'));
    expect(c.kubectl('apply -f -', { stdin: claimOf('c', '512Mi') }).stderr).toBe(
      'Error from server (Forbidden): error when creating "STDIN": persistentvolumeclaims "c" is forbidden: exceeded quota: storage, requested: gp3.storageclass.storage.k8s.io/requests.storage=512Mi,persistentvolumeclaims=1, used: gp3.storageclass.storage.k8s.io/requests.storage=2Gi,persistentvolumeclaims=2, limited: gp3.storageclass.storage.k8s.io/requests.storage=2Gi,persistentvolumeclaims=2\n',
    );
    // A deletion gives the usage back (the controller's replenishment).
    kubectlOk(c, 'delete pvc b');
    expect(used(c, 'storage')).toEqual({ 'gp3.storageclass.storage.k8s.io/requests.storage': '1Gi', persistentvolumeclaims: '1', 'requests.storage': '1Gi' });
    expect(c.kubectl('apply -f -', { stdin: claimOf('c', '512Mi') }).stdout).toBe('persistentvolumeclaim/c created\n');
    expect(used(c, 'storage')['requests.storage']).toBe('1536Mi');
    // A server-side dry run is checked too.
    expect(c.kubectl('apply --dry-run=server -f -', { stdin: claimOf('d', '5Gi') }).stderr).toContain('exceeded quota: storage, requested: ');
  });

  it('growing a claim is charged what it adds', () => {
    const c = cluster();
    // Only a bound claim may grow: an Immediate class binds it at once.
    applyYaml(c, 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: gp3x\nprovisioner: ebs.csi.aws.com\nvolumeBindingMode: Immediate\nallowVolumeExpansion: true\n');
    applyYaml(c, quota('storage', { 'requests.storage': '3Gi' }));
    applyYaml(c, claimOf('a', '1Gi', 'gp3x'));
    c.advance('1m');
    expect(kubectlOk(c, 'get pvc a -o jsonpath={.status.phase}')).toBe('Bound');
    // A server-side dry run is checked but charges nothing.
    expect(kubectlOk(c, `patch pvc a --dry-run=server -p '{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}'`)).toBe('persistentvolumeclaim/a patched\n');
    expect(used(c, 'storage')).toEqual({ 'requests.storage': '1Gi' });
    expect(c.kubectl(`patch pvc a -p '{"spec":{"resources":{"requests":{"storage":"5Gi"}}}}'`).stderr).toBe(
      'Error from server (Forbidden): persistentvolumeclaims "a" is forbidden: exceeded quota: storage, requested: requests.storage=4Gi, used: requests.storage=1Gi, limited: requests.storage=3Gi\n',
    );
    expect(kubectlOk(c, 'get pvc a -o jsonpath={.spec.resources.requests.storage}')).toBe('1Gi');
    expect(kubectlOk(c, `patch pvc a -p '{"spec":{"resources":{"requests":{"storage":"3Gi"}}}}'`)).toBe('persistentvolumeclaim/a patched\n');
    expect(used(c, 'storage')).toEqual({ 'requests.storage': '3Gi' });
  });

  it('compute: a quota on cpu or memory needs every container to state it; a workload over quota keeps FailedCreate and ReplicaFailure', () => {
    const c = cluster();
    applyYaml(c, quota('compute', { 'limits.cpu': '1', 'requests.memory': '1Gi', pods: '2' }));
    expect(c.kubectl('run web --image=nginx').stderr).toBe('Error from server (Forbidden): pods "web" is forbidden: failed quota: compute: must specify limits.cpu,requests.memory\n');
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
      - name: nginx
        image: nginx
        resources:
          requests: { cpu: 100m, memory: 128Mi }
          limits: { cpu: 200m, memory: 128Mi }
`;
    applyYaml(c, deployment);
    c.advance('30s');
    expect(kubectlOk(c, 'get deploy web -o jsonpath={.status.readyReplicas}')).toBe('2');
    expect(used(c, 'compute')).toEqual({ 'limits.cpu': '400m', pods: '2', 'requests.memory': '256Mi' });
    const rs = kubectlOk(c, 'get rs -l app=web -o jsonpath={.items[0].metadata.name}');
    const failed = c.events({ reason: 'FailedCreate' });
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].message).toBe(`Error creating: pods "${rs}-" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2`);
    expect(kubectlOk(c, 'get rs -l app=web -o jsonpath={.items[0].status.conditions[0].type}={.items[0].status.conditions[0].reason}')).toBe('ReplicaFailure=FailedCreate');
    const conditions = kubectlOk(c, 'describe deploy web').split('Conditions:\n')[1].split('\nOldReplicaSets')[0];
    expect(conditions).toBe(
      [
        '  Type             Status  Reason',
        '  ----             ------  ------',
        '  Available        False   MinimumReplicasUnavailable',
        '  ReplicaFailure   True    FailedCreate',
        '  Progressing      True    ReplicaSetUpdated',
      ].join('\n'),
    );
    // Raising the quota lets the set finish; the failure condition goes.
    applyYaml(c, quota('compute', { 'limits.cpu': '1', 'requests.memory': '1Gi', pods: '3' }));
    c.advance('20m');
    expect(kubectlOk(c, 'get deploy web -o jsonpath={.status.readyReplicas}')).toBe('3');
    expect(kubectlOk(c, 'get rs -l app=web -o jsonpath={.items[0].status.conditions}')).toBe('');
    expect(kubectlOk(c, 'get deploy web -o jsonpath={.status.conditions[*].type}')).toBe('Available Progressing');
    expect(used(c, 'compute')).toEqual({ 'limits.cpu': '600m', pods: '3', 'requests.memory': '384Mi' });
  });

  it('a StatefulSet whose claim is over quota reports it and makes no pod', () => {
    const c = cluster();
    applyYaml(c, quota('storage', { 'requests.storage': '1Gi' }));
    applyYaml(
      c,
      `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      containers: [{ name: db, image: busybox, command: [sleep, infinity] }]
  volumeClaimTemplates:
  - metadata: { name: data }
    spec:
      accessModes: [ReadWriteOnce]
      storageClassName: gp3
      resources: { requests: { storage: 1Gi } }
`,
    );
    c.advance('2m');
    expect(kubectlOk(c, 'get pvc -o name')).toBe('persistentvolumeclaim/data-db-0\n');
    expect(kubectlOk(c, 'get pods -o name')).toBe('pod/db-0\n');
    const failed = c.events({ reason: 'FailedCreate', kind: 'StatefulSet' });
    expect(failed[0]?.message).toBe(
      'create Claim data-db-1 for Pod db-1 in StatefulSet db failed error: persistentvolumeclaims "data-db-1" is forbidden: exceeded quota: storage, requested: requests.storage=1Gi, used: requests.storage=1Gi, limited: requests.storage=1Gi',
    );
  });

  it('scopes select pods: BestEffort counts only pods without requests or limits', () => {
    const c = cluster();
    applyYaml(c, quota('best-effort', { pods: '1' }, '  scopes: [BestEffort]\n'));
    kubectlOk(c, 'run a --image=nginx');
    expect(c.kubectl('run b --image=nginx').stderr).toBe(
      'Error from server (Forbidden): pods "b" is forbidden: exceeded quota: best-effort, requested: pods=1, used: pods=1, limited: pods=1\n',
    );
    expect(kubectlOk(c, `run c --image=nginx --overrides='{"spec":{"containers":[{"name":"c","image":"nginx","resources":{"requests":{"cpu":"10m"}}}]}}'`)).toBe('pod/c created\n');
    expect(used(c, 'best-effort')).toEqual({ pods: '1' });
  });

  it('a finished pod gives its quota back', () => {
    const c = cluster();
    applyYaml(c, quota('pods', { pods: '1' }));
    kubectlOk(c, 'run once --image=busybox --restart=Never -- true');
    c.advance('1m');
    expect(kubectlOk(c, 'get pod once -o jsonpath={.status.phase}')).toBe('Succeeded');
    expect(used(c, 'pods')).toEqual({ pods: '0' });
    expect(kubectlOk(c, 'run next --image=busybox --restart=Never -- true')).toBe('pod/next created\n');
  });

  it("the quota's own validation", () => {
    const c = cluster();
    expect(c.kubectl('apply -f -', { stdin: quota('bad', { foo: '1', pods: '-1' }, '  scopes: [Terminating, NotTerminating]\n') }).stderr).toBe(
      [
        'The ResourceQuota "bad" is invalid: ',
        '* spec.hard[foo]: Invalid value: "foo": must be a standard resource type or fully qualified',
        '* spec.hard[foo]: Invalid value: "foo": must be a standard resource for quota',
        '* spec.hard[pods]: Invalid value: "-1": must be greater than or equal to 0',
        '* spec.scopes: Invalid value: []core.ResourceQuotaScope{"Terminating", "NotTerminating"}: conflicting scopes',
        '',
      ].join('\n'),
    );
    expect(c.kubectl('apply -f -', { stdin: quota('bad', { 'requests.storage': '1Gi' }, '  scopes: [BestEffort]\n') }).stderr).toBe(
      'The ResourceQuota "bad" is invalid: spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort"}: unsupported scope applied to resource\n',
    );
    expect(kubectlOk(c, 'get quota -o name')).toBe('');
  });
});
