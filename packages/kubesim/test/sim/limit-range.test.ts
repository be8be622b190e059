/**
 * LimitRange end to end: LimitRanger gives containers the defaults they lack (and says so in the
 * pod's annotation, before the QoS class and quotas see the pod), refuses pods and claims outside
 * the ranges with the API server's texts, and the LimitRange's own defaulting and validation.
 */
import { describe, expect, it } from 'vitest';
import { type Cluster, createCluster } from 'kubesim';
import { applyYaml, kubectlOk } from './helpers.js';

function cluster(): Cluster {
  return createCluster({ seed: 12, zones: ['us-east-1a'], nodes: [{ zone: 'us-east-1a', count: 1 }] });
}

const CONTAINER_DEFAULTS = `apiVersion: v1
kind: LimitRange
metadata:
  name: defaults
spec:
  limits:
  - type: Container
    default: { cpu: 500m, memory: 256Mi }
    defaultRequest: { cpu: 100m }
    max: { cpu: "1" }
    maxLimitRequestRatio: { memory: "2" }
`;

function claim(name: string, size: string): string {
  return `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: ${size}\n`;
}

describe('LimitRange', () => {
  it('is stored with SetDefaults_LimitRangeItem: default from max, defaultRequest from default', () => {
    const c = cluster();
    applyYaml(c, 'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: lr\nspec:\n  limits:\n  - type: Container\n    max: { cpu: "2" }\n    min: { memory: 64Mi }\n');
    expect(JSON.parse(kubectlOk(c, 'get limits lr -o jsonpath={.spec.limits[0]}'))).toEqual({
      default: { cpu: '2' },
      defaultRequest: { cpu: '2', memory: '64Mi' },
      max: { cpu: '2' },
      min: { memory: '64Mi' },
      type: 'Container',
    });
  });

  it('gives containers the defaults they lack, says so, and the QoS class and quotas see them', () => {
    const c = cluster();
    applyYaml(c, CONTAINER_DEFAULTS);
    kubectlOk(c, 'create quota compute --hard=limits.cpu=2,requests.memory=1Gi');
    // Without the defaults the quota would refuse the pod (`must specify limits.cpu,requests.memory`).
    applyYaml(
      c,
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
  - { name: setup, image: busybox, command: ["true"], resources: { limits: { memory: 128Mi } } }
  containers:
  - { name: web, image: nginx }
`,
    );
    expect(kubectlOk(c, "get pod web -o jsonpath='{.metadata.annotations.kubernetes\\.io/limit-ranger}'")).toBe(
      'LimitRanger plugin set: cpu, memory request for container web; cpu, memory limit for container web; cpu request for init container setup; cpu limit for init container setup',
    );
    expect(JSON.parse(kubectlOk(c, 'get pod web -o jsonpath={.spec.containers[0].resources}'))).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '256Mi' } });
    // The init container's own memory limit stays; its request was defaulted from it (SetDefaults_Pod) before LimitRanger ran.
    expect(JSON.parse(kubectlOk(c, 'get pod web -o jsonpath={.spec.initContainers[0].resources}'))).toEqual({ limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    expect(kubectlOk(c, 'get pod web -o jsonpath={.status.qosClass}')).toBe('Burstable');
    expect(JSON.parse(kubectlOk(c, 'get quota compute -o jsonpath={.status.used}'))).toEqual({ 'limits.cpu': '500m', 'requests.memory': '256Mi' });
  });

  it('refuses containers outside the range, with every failed constraint', () => {
    const c = cluster();
    applyYaml(c, CONTAINER_DEFAULTS);
    const r = c.kubectl(`run big --image=nginx --overrides='{"spec":{"containers":[{"name":"big","image":"nginx","resources":{"limits":{"cpu":"2","memory":"1Gi"},"requests":{"memory":"256Mi"}}}]}}'`);
    expect(r.stderr).toBe(
      'Error from server (Forbidden): pods "big" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, memory max limit to request ratio per Container is 2, but provided ratio is 4.000000]\n',
    );
    expect(c.get('Pod', 'big')).toBeUndefined();
  });

  it('a Pod item bounds the sum of the containers', () => {
    const c = cluster();
    applyYaml(c, 'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: pod-max\nspec:\n  limits:\n  - type: Pod\n    max: { memory: 512Mi }\n');
    const two = (mem: string) =>
      `run two --image=nginx --overrides='{"spec":{"containers":[{"name":"a","image":"nginx","resources":{"limits":{"memory":"${mem}"}}},{"name":"b","image":"nginx","resources":{"limits":{"memory":"${mem}"}}}]}}'`;
    expect(c.kubectl(two('300Mi')).stderr).toBe('Error from server (Forbidden): pods "two" is forbidden: maximum memory usage per Pod is 512Mi, but limit is 600Mi\n');
    expect(kubectlOk(c, two('256Mi'))).toBe('pod/two created\n');
    expect(c.kubectl('run none --image=nginx').stderr).toBe('Error from server (Forbidden): pods "none" is forbidden: maximum memory usage per Pod is 512Mi.  No limit is specified\n');
  });

  it('bounds the storage a claim requests, on create and when it grows', () => {
    const c = cluster();
    applyYaml(
      c,
      'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: gp3\n  annotations:\n    storageclass.kubernetes.io/is-default-class: "true"\nprovisioner: ebs.csi.aws.com\nvolumeBindingMode: Immediate\nallowVolumeExpansion: true\n',
    );
    applyYaml(c, 'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: storage\nspec:\n  limits:\n  - type: PersistentVolumeClaim\n    min: { storage: 1Gi }\n    max: { storage: 5Gi }\n');
    expect(c.kubectl('apply -f -', { stdin: claim('small', '500Mi') }).stderr).toBe(
      'Error from server (Forbidden): error when creating "STDIN": persistentvolumeclaims "small" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi\n',
    );
    expect(c.kubectl('apply -f -', { stdin: claim('huge', '10Gi') }).stderr).toBe(
      'Error from server (Forbidden): error when creating "STDIN": persistentvolumeclaims "huge" is forbidden: maximum storage usage per PersistentVolumeClaim is 5Gi, but request is 10Gi\n',
    );
    applyYaml(c, claim('data', '2Gi'));
    c.advance('1m');
    expect(c.kubectl(`patch pvc data -p '{"spec":{"resources":{"requests":{"storage":"8Gi"}}}}'`).stderr).toBe(
      'Error from server (Forbidden): persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 5Gi, but request is 8Gi\n',
    );
    expect(kubectlOk(c, `patch pvc data -p '{"spec":{"resources":{"requests":{"storage":"4Gi"}}}}'`)).toBe('persistentvolumeclaim/data patched\n');
  });

  it("the LimitRange's own validation", () => {
    const c = cluster();
    const r = c.kubectl('apply -f -', {
      stdin: 'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: bad\nspec:\n  limits:\n  - type: Pod\n    default: { cpu: "1" }\n  - type: Foo\n  - type: PersistentVolumeClaim\n  - type: Pod\n    max: { storage: 1Gi }\n',
    });
    expect(r.stderr).toBe(
      [
        'The LimitRange "bad" is invalid: ',
        '* spec.limits[0].default: Forbidden: may not be specified when `type` is \'Pod\'',
        '* spec.limits[1].type: Invalid value: "Foo": must be a standard limit type or fully qualified',
        '* spec.limits[2].limits: Required value: either minimum or maximum storage value is required, but neither was provided',
        '* spec.limits[3].type: Duplicate value: "Pod"',
        '* spec.limits[3].max[storage]: Invalid value: "storage": must be a standard resource for containers',
        '',
      ].join('\n'),
    );
  });
});
