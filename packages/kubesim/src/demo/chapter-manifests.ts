/**
 * The seed chapter's manifests, verbatim (copied from shared/fixtures/seed-chapter so the package
 * works without it). 01 is invalid on purpose: its selector does not match its template labels.
 */

/** Chapter manifests by fixture file name. */
export const CHAPTER_MANIFESTS = {
  '01-randserver-emptydir.yaml': `# As printed in the chapter. NOTE: spec.selector (app: randserver) does not match
# the template labels (app: example); a real API server rejects this object.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: randserver
spec:
  selector:
    matchLabels:
      app: randserver
  template:
    metadata:
      labels:
        app: example
    spec:
      containers:
      - image: errm/randserver
        name: randserver
        volumeMounts:
        - mountPath: /data
          name: data
        securityContext:
          readOnlyRootFilesystem: true
      volumes:
      - name: data
        emptyDir: {}
`,
  '01b-randserver-emptydir-fixed.yaml': `# The same Deployment with the template labels corrected so that it is accepted.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: randserver
spec:
  selector:
    matchLabels:
      app: randserver
  template:
    metadata:
      labels:
        app: randserver
    spec:
      containers:
      - image: errm/randserver
        name: randserver
        volumeMounts:
        - mountPath: /data
          name: data
        securityContext:
          readOnlyRootFilesystem: true
      volumes:
      - name: data
        emptyDir: {}
`,
  '02-randserver-ebs-inline.yaml': `# Inline awsElasticBlockStore volume. The volume ID comes from
# \`aws ec2 create-volume --availability-zone=us-east-1a --size=5 --volume-type=gp2\`;
# replace VOLUME_ID with the VolumeId that command printed.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: randserver
spec:
  selector:
    matchLabels:
      app: randserver
  template:
    metadata:
      labels:
        app: randserver
    spec:
      containers:
      - image: errm/randserver
        name: randserver
        volumeMounts:
        - mountPath: /data
          name: data
        securityContext:
          readOnlyRootFilesystem: true
      volumes:
      - name: data
        awsElasticBlockStore:
          volumeID: VOLUME_ID
          fsType: ext4
      nodeSelector:
        "failure-domain.beta.kubernetes.io/zone": us-east-1a
`,
  '03-pvc-randserver-data.yaml': `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: randserver-data
spec:
  accessModes:
    - ReadWriteOnce
  storageClassName: general-purpose
  resources:
    requests:
      storage: 1Gi
`,
  '04-randserver-pvc.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: randserver
spec:
  selector:
    matchLabels:
      app: randserver
  template:
    metadata:
      labels:
        app: randserver
    spec:
      containers:
      - image: errm/randserver
        name: randserver
        volumeMounts:
        - mountPath: /data
          name: data
        securityContext:
          readOnlyRootFilesystem: true
      volumes:
      - name: data
        persistentVolumeClaim:
          claimName: randserver-data
`,
  '05-storageclass-general-purpose.yaml': `kind: StorageClass
apiVersion: storage.k8s.io/v1
metadata:
  name: general-purpose
  annotations:
    "storageclass.kubernetes.io/is-default-class": "true"
provisioner: kubernetes.io/aws-ebs
parameters:
  type: gp2
`,
  '06-storageclasses-io1.yaml': `kind: StorageClass
apiVersion: storage.k8s.io/v1
metadata:
  name: high-iops-ssd
provisioner: kubernetes.io/aws-ebs
parameters:
  type: io1
  iopsPerGB: "50"
---
kind: StorageClass
apiVersion: storage.k8s.io/v1
metadata:
  name: medium-iops-ssd
provisioner: kubernetes.io/aws-ebs
parameters:
  type: io1
  iopsPerGB: "25"
`,
  '07-storageclass-throughput.yaml': `kind: StorageClass
apiVersion: storage.k8s.io/v1
metadata:
  name: throughput
provisioner: kubernetes.io/aws-ebs
parameters:
  type: st1
`,
  '08-storageclass-cold-storage.yaml': `kind: StorageClass
apiVersion: storage.k8s.io/v1
metadata:
  name: cold-storage
provisioner: kubernetes.io/aws-ebs
parameters:
  type: sc1
`,
  '09-service-randserver-headless.yaml': `apiVersion: v1
kind: Service
metadata:
  name: randserver
  labels:
    app: randserver
spec:
  ports:
  - port: 80
    name: web
    targetPort: 3000
  clusterIP: None
  selector:
    app: randserver
`,
  '10-statefulset-randserver.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: randserver
spec:
  selector:
    matchLabels:
      app: randserver
  serviceName: randserver
  replicas: 3
  template:
    metadata:
      labels:
        app: randserver
    spec:
      containers:
      - image: errm/randserver
        name: randserver
        volumeMounts:
        - mountPath: /data
          name: data
        securityContext:
          readOnlyRootFilesystem: true
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes:
          - ReadWriteOnce
        storageClassName: general-purpose
        resources:
          requests:
            storage: 1Gi
`,
} as const;

/** A chapter fixture file name. */
export type ChapterManifest = keyof typeof CHAPTER_MANIFESTS;
