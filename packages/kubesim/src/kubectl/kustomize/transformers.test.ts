import { describe, expect, it } from 'vitest';
import { makeHarness } from '../testing/index.js';
import { splitImage, updatedImage } from './transformers.js';

const RBAC = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: runner
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
rules:
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: reader
subjects:
- kind: ServiceAccount
  name: runner
  namespace: default
- kind: ServiceAccount
  name: default
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: viewer
rules: []
`;

const STORAGE = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
provisioner: ebs.csi.aws.com
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  storageClassName: fast
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Namespace
metadata:
  name: whatever
`;

const CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          serviceAccountName: runner
          restartPolicy: OnFailure
          initContainers:
          - name: init
            image: registry.example.com:5000/tools/init:1.0
          containers:
          - name: job
            image: busybox@sha256:aaaa
            volumeMounts:
            - name: data
              mountPath: /data
          volumes:
          - name: data
            persistentVolumeClaim:
              claimName: data
`;

const harness = () =>
  makeHarness(
    {},
    {
      't/kustomization.yaml': 'namespace: team\nnamePrefix: a-\nnameSuffix: -z\nresources:\n- rbac.yaml\n- storage.yaml\n- job.yaml\n',
      't/rbac.yaml': RBAC,
      't/storage.yaml': STORAGE,
      't/job.yaml': CRONJOB,
      'l/kustomization.yaml': `resources:
- ../t
labels:
- pairs:
    team: blue
  includeTemplates: true
- pairs:
    tier: batch
commonAnnotations:
  owner: ops
images:
- name: registry.example.com:5000/tools/init
  newName: ghcr.io/acme/init
- name: busybox
  newTag: "1.36"
  digest: sha256:bbbb
`,
    },
  );

describe('namespace, prefix and suffix, name references', () => {
  it('namespaced kinds move, cluster-scoped ones keep none; names change but a Namespace is renamed to the namespace; references follow', () => {
    expect(harness().kubectl('kustomize t')).toEqual({
      stdout: `apiVersion: v1
kind: Namespace
metadata:
  name: team
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: a-fast-z
provisioner: ebs.csi.aws.com
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: a-runner-z
  namespace: team
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: a-reader-z
  namespace: team
rules:
- apiGroups:
  - ""
  resources:
  - configmaps
  verbs:
  - get
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: a-viewer-z
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: a-read-z
  namespace: team
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: a-reader-z
subjects:
- kind: ServiceAccount
  name: a-runner-z
  namespace: team
- kind: ServiceAccount
  name: default
  namespace: team
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: a-data-z
  namespace: team
spec:
  accessModes:
  - ReadWriteOnce
  resources:
    requests:
      storage: 1Gi
  storageClassName: a-fast-z
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: a-nightly-z
  namespace: team
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - image: busybox@sha256:aaaa
            name: job
            volumeMounts:
            - mountPath: /data
              name: data
          initContainers:
          - image: registry.example.com:5000/tools/init:1.0
            name: init
          restartPolicy: OnFailure
          serviceAccountName: a-runner-z
          volumes:
          - name: data
            persistentVolumeClaim:
              claimName: a-data-z
  schedule: 0 3 * * *
`,
      stderr: '',
      exitCode: 0,
    });
  });
});

describe('labels, annotations, images, replicas', () => {
  it('labels go to metadata (and pod templates with includeTemplates), annotations to metadata and templates, images anywhere under containers', () => {
    const out = harness().kubectl('kustomize l').stdout;
    const cronJob = out.slice(out.indexOf('kind: CronJob'));
    expect(cronJob).toBe(`kind: CronJob
metadata:
  annotations:
    owner: ops
  labels:
    team: blue
    tier: batch
  name: a-nightly-z
  namespace: team
spec:
  jobTemplate:
    metadata:
      annotations:
        owner: ops
      labels:
        team: blue
    spec:
      template:
        metadata:
          annotations:
            owner: ops
          labels:
            team: blue
        spec:
          containers:
          - image: busybox:1.36@sha256:bbbb
            name: job
            volumeMounts:
            - mountPath: /data
              name: data
          initContainers:
          - image: ghcr.io/acme/init:1.0
            name: init
          restartPolicy: OnFailure
          serviceAccountName: a-runner-z
          volumes:
          - name: data
            persistentVolumeClaim:
              claimName: a-data-z
  schedule: 0 3 * * *
`);
    expect(out).toContain('kind: ClusterRole\nmetadata:\n  annotations:\n    owner: ops\n  labels:\n    team: blue\n    tier: batch\n  name: a-viewer-z\n');
  });

  it('labels with includeSelectors reach selectors, as commonLabels do', () => {
    const h = makeHarness(
      {},
      {
        'kustomization.yaml': 'resources:\n- svc.yaml\nlabels:\n- pairs:\n    app.kubernetes.io/part-of: shop\n  includeSelectors: true\n',
        'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n',
      },
    );
    expect(h.kubectl('kustomize .').stdout).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    app.kubernetes.io/part-of: shop\n  name: web\nspec:\n  ports:\n  - port: 80\n  selector:\n    app.kubernetes.io/part-of: shop\n',
    );
  });

  it('replicas set the count of a workload by its (original) name, and refuse a name no workload has', () => {
    const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers: []\n';
    const h = makeHarness(
      {},
      {
        'ok/kustomization.yaml': 'namePrefix: x-\nresources:\n- d.yaml\nreplicas:\n- name: web\n  count: 4\n',
        'ok/d.yaml': deploy,
        'bad/kustomization.yaml': 'resources:\n- d.yaml\nreplicas:\n- name: api\n  count: 4\n',
        'bad/d.yaml': deploy,
      },
    );
    expect(h.kubectl('kustomize ok').stdout).toContain('  name: x-web\nspec:\n  replicas: 4\n');
    expect(h.kubectl('kustomize bad').stderr).toBe(
      'error: resource with name api does not match a config with the following GVK [Deployment.[noVer].[noGrp] ReplicationController.[noVer].[noGrp] ReplicaSet.[noVer].[noGrp] StatefulSet.[noVer].[noGrp]]\n',
    );
  });

  it("image names split as kustomize's image.Split; tag and digest replaced together", () => {
    expect(splitImage('nginx')).toEqual({ name: 'nginx', tag: '', digest: '' });
    expect(splitImage('localhost:5000/app:1.0@sha256:abc')).toEqual({ name: 'localhost:5000/app', tag: '1.0', digest: 'sha256:abc' });
    expect(splitImage('app@sha256:abc')).toEqual({ name: 'app', tag: '', digest: 'sha256:abc' });
    const spec = { name: 'nginx', newName: '', newTag: '', digest: '' };
    expect(updatedImage('nginx:1.25', { ...spec, newTag: '1.27' })).toBe('nginx:1.27');
    expect(updatedImage('nginx:1.25', { ...spec, digest: 'sha256:ff' })).toBe('nginx@sha256:ff');
    expect(updatedImage('nginx', { ...spec, newName: 'mirror/nginx' })).toBe('mirror/nginx');
    expect(updatedImage('nginx-unprivileged:1.25', { ...spec, newTag: '2' })).toBeUndefined();
  });
});
