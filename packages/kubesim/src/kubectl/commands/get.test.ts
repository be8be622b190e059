import { beforeEach, describe, expect, it } from 'vitest';
import { chapterStatefulSet, claimUid, type KubectlHarness, makeHarness, PodBuilder, CHAPTER_NODE } from '../testing/index.js';

let h: KubectlHarness;

beforeEach(() => {
  h = makeHarness();
  chapterStatefulSet(h);
});

describe('kubectl get: tables of the chapter objects', () => {
  it('pods: NAME READY STATUS RESTARTS AGE with the book ages 39s, 21s, 10s', () => {
    const r = h.kubectl('get pods');
    expect(r).toEqual({
      stdout: [
        'NAME           READY   STATUS    RESTARTS   AGE',
        'randserver-0   1/1     Running   0          39s',
        'randserver-1   1/1     Running   0          21s',
        'randserver-2   1/1     Running   0          10s',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    });
  });

  it('pods -o wide adds IP NODE NOMINATED NODE READINESS GATES', () => {
    expect(h.kubectl('get po randserver-0 -o wide').stdout).toBe(
      [
        'NAME           READY   STATUS    RESTARTS   AGE   IP          NODE                        NOMINATED NODE   READINESS GATES',
        'randserver-0   1/1     Running   0          39s   10.0.1.50   ip-10-0-1-23.ec2.internal   <none>           <none>',
        '',
      ].join('\n'),
    );
  });

  it('pvc: STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE', () => {
    expect(h.kubectl('get pvc -l app=randserver').stdout).toBe(
      [
        'NAME                STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS      VOLUMEATTRIBUTESCLASS   AGE',
        `data-randserver-0   Bound    pvc-${claimUid(0)}   1Gi        RWO            general-purpose   <unset>                 39s`,
        `data-randserver-1   Bound    pvc-${claimUid(1)}   1Gi        RWO            general-purpose   <unset>                 21s`,
        `data-randserver-2   Bound    pvc-${claimUid(2)}   1Gi        RWO            general-purpose   <unset>                 10s`,
        '',
      ].join('\n'),
    );
  });

  it('pending claim prints no capacity or access modes', () => {
    h.put({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'randserver-data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'general-purpose', resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Pending' } });
    expect(h.kubectl('get pvc randserver-data').stdout).toBe(
      [
        'NAME              STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS      VOLUMEATTRIBUTESCLASS   AGE',
        'randserver-data   Pending                                      general-purpose   <unset>                 0s',
        '',
      ].join('\n'),
    );
  });

  it('pv: CLAIM is namespace/name, REASON empty', () => {
    expect(h.kubectl(`get pv pvc-${claimUid(2)}`).stdout).toBe(
      [
        'NAME                                       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM                       STORAGECLASS      VOLUMEATTRIBUTESCLASS   REASON   AGE',
        `pvc-${claimUid(2)}   1Gi        RWO            Delete           Bound    default/data-randserver-2   general-purpose   <unset>                          10s`,
        '',
      ].join('\n'),
    );
  });

  it('storageclasses mark the default class', () => {
    expect(h.kubectl('get sc').stdout).toBe(
      [
        'NAME                        PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE   ALLOWVOLUMEEXPANSION   AGE',
        'general-purpose (default)   kubernetes.io/aws-ebs   Delete          Immediate           false                  39s',
        '',
      ].join('\n'),
    );
  });

  it('statefulsets, services and nodes', () => {
    expect(h.kubectl('get sts').stdout).toBe('NAME         READY   AGE\nrandserver   3/3     39s\n');
    expect(h.kubectl('get svc').stdout).toBe(
      'NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nrandserver   ClusterIP   None         <none>        80/TCP    39s\n',
    );
    expect(h.kubectl('get nodes').stdout).toBe(
      'NAME                        STATUS   ROLES    AGE   VERSION\nip-10-0-1-23.ec2.internal   Ready    <none>   39s   v1.33.0-eks-802817d\n',
    );
  });

  it('events: LAST SEEN TYPE REASON OBJECT MESSAGE, no NAME column, repeats as (xN over …)', () => {
    const pod = h.core.store.get('Pod', 'default', 'randserver-2');
    if (!pod) throw new Error('fixture');
    h.core.recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container', 'kubelet', CHAPTER_NODE);
    h.core.loop.advance('30s');
    h.core.recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container', 'kubelet', CHAPTER_NODE);
    h.core.loop.advance('5s');
    const out = h.kubectl('get events --field-selector involvedObject.name=randserver-2').stdout;
    expect(out).toBe(
      [
        'LAST SEEN          TYPE      REASON      OBJECT             MESSAGE',
        '45s                Normal    Scheduled   pod/randserver-2   Successfully assigned default/randserver-2 to ip-10-0-1-23.ec2.internal',
        '45s                Normal    Pulled      pod/randserver-2   Container image "errm/randserver" already present on machine',
        '5s (x2 over 35s)   Warning   BackOff     pod/randserver-2   Back-off restarting failed container',
        '',
      ].join('\n'),
    );
  });

  it('several types print one table each with kind/name, separated by a blank line', () => {
    expect(h.kubectl('get sts,svc').stdout).toBe(
      [
        'NAME                         READY   AGE',
        'statefulset.apps/randserver   3/3     39s',
        '',
        'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE',
        'service/randserver   ClusterIP   None         <none>        80/TCP    39s',
        '',
      ]
        .join('\n')
        .replace('NAME                         READY', 'NAME                          READY'),
    );
  });

  it('-A adds NAMESPACE, --show-labels adds LABELS', () => {
    const r = h.kubectl('get pods -A --show-labels -l apps.kubernetes.io/pod-index=0');
    expect(r.stdout).toBe(
      [
        'NAMESPACE   NAME           READY   STATUS    RESTARTS   AGE   LABELS',
        'default     randserver-0   1/1     Running   0          39s   app=randserver,apps.kubernetes.io/pod-index=0,statefulset.kubernetes.io/pod-name=randserver-0',
        '',
      ].join('\n'),
    );
  });

  it('-L adds one column per label key', () => {
    expect(h.kubectl('get pods -L apps.kubernetes.io/pod-index,app').stdout.split('\n').slice(0, 2)).toEqual([
      'NAME           READY   STATUS    RESTARTS   AGE   POD-INDEX   APP',
      'randserver-0   1/1     Running   0          39s   0           randserver',
    ]);
  });

  it('STATUS column: ContainerCreating and Terminating', () => {
    h.put(new PodBuilder('randserver-abc').containerCreating('ip-10-0-2-45.ec2.internal').obj());
    h.put({ ...new PodBuilder('old').running(CHAPTER_NODE, '10.0.1.9').obj(), metadata: { name: 'old', namespace: 'default', deletionTimestamp: '2026-01-01T00:01:00Z', deletionGracePeriodSeconds: 30 } });
    expect(h.kubectl('get pods randserver-abc old').stdout).toBe(
      [
        'NAME             READY   STATUS              RESTARTS   AGE',
        'randserver-abc   0/1     ContainerCreating   0          0s',
        'old              1/1     Terminating         0          0s',
        '',
      ].join('\n'),
    );
  });
});

describe('kubectl get: output formats', () => {
  it('-o name', () => {
    expect(h.kubectl('get pods -o name').stdout).toBe('pod/randserver-0\npod/randserver-1\npod/randserver-2\n');
    expect(h.kubectl('get sc -o name').stdout).toBe('storageclass.storage.k8s.io/general-purpose\n');
  });

  it('-o jsonpath over a list and over one object', () => {
    expect(h.kubectl("get pods -o jsonpath='{.items[*].status.podIP}'").stdout).toBe('10.0.1.50 10.0.1.51 10.0.1.52');
    expect(h.kubectl('get pod randserver-1 -o jsonpath={.spec.nodeName}').stdout).toBe(CHAPTER_NODE);
    expect(h.kubectl(`get pvc data-randserver-0 -o jsonpath={.spec.volumeName}`).stdout).toBe(`pvc-${claimUid(0)}`);
  });

  it('-o custom-columns with <none> for missing fields', () => {
    expect(h.kubectl('get pods -o custom-columns=NAME:.metadata.name,NOMINATED:.status.nominatedNodeName').stdout).toBe(
      'NAME           NOMINATED\nrandserver-0   <none>\nrandserver-1   <none>\nrandserver-2   <none>\n',
    );
  });

  it('-o json: one object bare, a list wrapped in a v1 List', () => {
    const one = JSON.parse(h.kubectl('get sc general-purpose -o json').stdout);
    expect(one.kind).toBe('StorageClass');
    expect(one.apiVersion).toBe('storage.k8s.io/v1');
    const out = h.kubectl('get pvc -o json').stdout;
    expect(out.startsWith('{\n    "apiVersion": "v1",\n    "items": [')).toBe(true);
    const list = JSON.parse(out);
    expect(list.kind).toBe('List');
    expect(list.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['data-randserver-0', 'data-randserver-1', 'data-randserver-2']);
  });

  it('-o json writes every object\'s keys sorted, as Go encodes the unstructured objects kubectl gets', () => {
    const text = h.kubectl('get pod randserver-0 -o json').stdout;
    const keysInOrder = (o: unknown): void => {
      if (Array.isArray(o)) o.forEach(keysInOrder);
      else if (o && typeof o === 'object') {
        const keys = Object.keys(o);
        expect(keys).toEqual([...keys].sort());
        for (const v of Object.values(o)) keysInOrder(v);
      }
    };
    keysInOrder(JSON.parse(text));
    expect(text).toMatch(/^\{\n {4}"apiVersion": "v1",\n {4}"kind": "Pod",\n {4}"metadata": \{\n {8}"creationTimestamp": /);
  });

  it('-o yaml: sorted keys, sequences flush, ambiguous strings quoted', () => {
    const y = h.kubectl('get sc general-purpose -o yaml').stdout;
    expect(y).toContain('apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  annotations:\n    storageclass.kubernetes.io/is-default-class: "true"\n');
    expect(y).toContain('  creationTimestamp: "2026-01-01T00:00:00Z"\n');
    expect(y).toContain('parameters:\n  type: gp2\nprovisioner: kubernetes.io/aws-ebs\nreclaimPolicy: Delete\n');
  });

  it('--sort-by orders rows (strings and quantities)', () => {
    const out = h.kubectl('get pods --sort-by=.status.podIP -o name').stdout;
    expect(out).toBe('pod/randserver-0\npod/randserver-1\npod/randserver-2\n');
    const rev = h.kubectl("get pods --sort-by={.metadata.labels.statefulset\\.kubernetes\\.io/pod-name} -o name");
    expect(rev.exitCode).toBe(0);
  });

  it('--field-selector on status.phase and spec.nodeName', () => {
    h.put(new PodBuilder('pending-1').obj());
    expect(h.kubectl('get pods --field-selector status.phase=Pending -o name').stdout).toBe('pod/pending-1\n');
    expect(h.kubectl(`get pods --field-selector spec.nodeName=${CHAPTER_NODE} -o name`).stdout.split('\n').length).toBe(4);
  });
});

describe('kubectl get: errors and empty results', () => {
  it('unknown resource type', () => {
    expect(h.kubectl('get foos')).toEqual({ stdout: '', stderr: 'error: the server doesn\'t have a resource type "foos"\n', exitCode: 1 });
  });

  it('NotFound prints the found ones and the error, exit 1', () => {
    const r = h.kubectl('get pod randserver-0 nope');
    expect(r.stdout).toContain('randserver-0');
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(r.exitCode).toBe(1);
    expect(h.kubectl('get deploy nope').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });

  it('No resources found goes to stderr, exit 0', () => {
    expect(h.kubectl('get pods -n kube-system')).toEqual({ stdout: '', stderr: 'No resources found in kube-system namespace.\n', exitCode: 0 });
    expect(h.kubectl('get deploy')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
    expect(h.kubectl('get deploy -A').stderr).toBe('No resources found\n');
  });

  it('unknown flag, bad output format, missing type', () => {
    expect(h.kubectl('get pods --bogus')).toEqual({ stdout: '', stderr: "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n", exitCode: 1 });
    expect(h.kubectl('get pods -o table').stderr).toContain('error: unable to match a printer suitable for the output format "table"');
    const r = h.kubectl('get');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('error: Required resource not specified.');
  });

  it('mixing type and type/name is rejected', () => {
    expect(h.kubectl('get pods pod/randserver-0').stderr).toContain('error: there is no need to specify a resource type as a separate argument');
  });
});

describe('kubectl get: resource names', () => {
  it('kind.group, singular, short names and get all', () => {
    expect(h.kubectl('get statefulsets.apps -o name').stdout).toBe('statefulset.apps/randserver\n');
    expect(h.kubectl('get storageclass.storage.k8s.io -o name').stdout).toBe('storageclass.storage.k8s.io/general-purpose\n');
    expect(h.kubectl('get StatefulSet -o name').stdout).toBe('statefulset.apps/randserver\n');
    const all = h.kubectl('get all').stdout;
    expect(all).toContain('pod/randserver-0   1/1     Running');
    expect(all).toContain('service/randserver   ClusterIP   None');
    expect(all).toContain('statefulset.apps/randserver   3/3     39s');
  });
});

describe('kubectl events', () => {
  it('sorted by last seen, Kind/name objects, --for and --types filters', () => {
    const pod = h.core.store.get('Pod', 'default', 'randserver-0');
    if (!pod) throw new Error('fixture');
    h.core.recorder.event(pod, 'Warning', 'Unhealthy', 'Readiness probe failed: connection refused', 'kubelet', CHAPTER_NODE);
    h.core.loop.advance('1s');
    const out = h.kubectl('events --for pod/randserver-0').stdout;
    expect(out).toBe(
      [
        'LAST SEEN   TYPE      REASON      OBJECT             MESSAGE',
        '40s         Normal    Scheduled   Pod/randserver-0   Successfully assigned default/randserver-0 to ip-10-0-1-23.ec2.internal',
        '40s         Normal    Pulled      Pod/randserver-0   Container image "errm/randserver" already present on machine',
        '1s          Warning   Unhealthy   Pod/randserver-0   Readiness probe failed: connection refused',
        '',
      ].join('\n'),
    );
    const warnings = h.kubectl('events --types=Warning').stdout;
    expect(warnings).toContain('Unhealthy');
    expect(warnings).not.toContain('Scheduled');
    expect(h.kubectl('events -n kube-system')).toEqual({ stdout: '', stderr: 'No events found in kube-system namespace.\n', exitCode: 0 });
  });
});
