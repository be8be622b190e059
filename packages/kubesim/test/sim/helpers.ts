/**
 * Fixture builders and small readers shared by the whole-scenario simulation tests: manifests
 * (StorageClasses, claims, Deployments, StatefulSets) as YAML text for `kubectl apply -f -`, and
 * helpers that read pods, events, PVs and EBS volumes through the public faces of the cluster.
 */
import type { CoreEvent, KubeObject } from '@kubesim/core';
import { expect } from 'vitest';
import type { Cluster } from 'kubesim';

/** The randserver container, writing its random file to `/data` (as in the chapter). */
const CONTAINER = `      containers:
      - image: errm/randserver
        name: randserver
        volumeMounts:
        - mountPath: /data
          name: data
        securityContext:
          readOnlyRootFilesystem: true`;

/** A StorageClass for `provisioner` (`kubernetes.io/aws-ebs`, `ebs.csi.aws.com`, `efs.csi.aws.com`). */
export function storageClass(name: string, provisioner: string, options: { binding?: 'Immediate' | 'WaitForFirstConsumer'; parameters?: Record<string, string> } = {}): string {
  const params = Object.entries(options.parameters ?? {}).map(([k, v]) => `  ${k}: "${v}"`);
  return [
    'apiVersion: storage.k8s.io/v1',
    'kind: StorageClass',
    'metadata:',
    `  name: ${name}`,
    `provisioner: ${provisioner}`,
    `volumeBindingMode: ${options.binding ?? 'Immediate'}`,
    ...(params.length ? ['parameters:', ...params] : []),
    '',
  ].join('\n');
}

/** A claim of 1Gi in `className` with one access mode. */
export function claim(
  name: string,
  className: string,
  accessMode = 'ReadWriteOnce',
  options: { readonly size?: string; readonly volumeMode?: string; readonly dataSource?: string } = {},
): string {
  return `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
  accessModes: [${accessMode}]
  storageClassName: ${className}
${options.volumeMode ? `  volumeMode: ${options.volumeMode}\n` : ''}${options.dataSource ? `  dataSource: ${options.dataSource}\n` : ''}  resources:
    requests:
      storage: ${options.size ?? '1Gi'}
`;
}

/** A randserver Deployment mounting `claimName` at /data. */
export function deployment(name: string, claimName: string, options: { replicas?: number; strategy?: 'RollingUpdate' | 'Recreate'; nodeSelector?: Record<string, string>; spreadByZone?: boolean } = {}): string {
  const selector = Object.entries(options.nodeSelector ?? {}).map(([k, v]) => `        ${k}: ${v}`);
  const spread = options.spreadByZone
    ? [
        '      topologySpreadConstraints:',
        '      - maxSkew: 1',
        '        topologyKey: topology.kubernetes.io/zone',
        '        whenUnsatisfiable: DoNotSchedule',
        '        labelSelector:',
        '          matchLabels:',
        `            app: ${name}`,
      ]
    : [];
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    `  replicas: ${options.replicas ?? 1}`,
    ...(options.strategy ? ['  strategy:', `    type: ${options.strategy}`] : []),
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${name}`,
    '    spec:',
    ...(selector.length ? ['      nodeSelector:', ...selector] : []),
    ...spread,
    CONTAINER,
    '      volumes:',
    '      - name: data',
    '        persistentVolumeClaim:',
    `          claimName: ${claimName}`,
    '',
  ].join('\n');
}

/** The headless Service and a randserver StatefulSet with a `data` claim template in `className`. */
export function statefulSet(name: string, className: string, replicas: number): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  clusterIP: None
  selector:
    app: ${name}
  ports:
  - port: 80
    name: web
    targetPort: 3000
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
spec:
  selector:
    matchLabels:
      app: ${name}
  serviceName: ${name}
  replicas: ${replicas}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
${CONTAINER}
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      storageClassName: ${className}
      resources:
        requests:
          storage: 1Gi
`;
}

/** Runs `kubectl apply -f -` and fails the test on a non-zero exit. */
export function applyYaml(cluster: Cluster, yaml: string): void {
  const r = cluster.kubectl('apply -f -', { stdin: yaml });
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(0);
}

/** Runs a kubectl line that must succeed; returns its stdout. */
export function kubectlOk(cluster: Cluster, line: string): string {
  const r = cluster.kubectl(line);
  expect(r, `kubectl ${line}`).toMatchObject({ exitCode: 0 });
  return r.stdout;
}

/** An object's name (never undefined for stored objects). */
export function nameOf(obj: KubeObject): string {
  return obj.metadata.name ?? '';
}

/** Gets an object that must exist. */
export function mustGet(cluster: Cluster, kind: string, name: string): KubeObject {
  const obj = cluster.get(kind, name);
  if (!obj) throw new Error(`${kind} ${name} not found`);
  return obj;
}

/** A status condition. */
export interface Condition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
}

/** One condition of an object's status, by type. */
export function conditionOf(obj: KubeObject | undefined, type: string): Condition | undefined {
  const conditions = (obj?.status as { conditions?: Condition[] } | undefined)?.conditions ?? [];
  return conditions.find((c) => c.type === type);
}

/** A pod's spec.nodeName. */
export function nodeOf(pod: KubeObject): string | undefined {
  return (pod.spec as { nodeName?: string } | undefined)?.nodeName;
}

/** Pods with label app=<app>, sorted by name. */
export function podsOf(cluster: Cluster, app: string): KubeObject[] {
  return cluster.list('Pod', { labelSelector: `app=${app}` });
}

/** Node names by zone label, sorted. */
export function nodesIn(cluster: Cluster, zone: string): string[] {
  return cluster
    .list('Node')
    .filter((n) => n.metadata.labels?.['topology.kubernetes.io/zone'] === zone)
    .map((n) => n.metadata.name ?? '')
    .sort();
}

/** The zone label of a node. */
export function zoneOfNode(cluster: Cluster, node: string): string | undefined {
  return cluster.get('Node', node)?.metadata.labels?.['topology.kubernetes.io/zone'];
}

/** `kubectl get pods` rows as [name, ready, status, restarts, age, ip?, node?]. */
export function podRows(stdout: string): string[][] {
  return stdout
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.trim().split(/\s+/));
}

/** Events about an object with a given reason. */
export function eventsWith(cluster: Cluster, obj: KubeObject, reason: string): CoreEvent[] {
  return cluster.events(obj).filter((e) => e.reason === reason);
}

/** A claim's bound PV object. */
export function pvOfClaim(cluster: Cluster, claimName: string): KubeObject {
  const pvc = cluster.get('PersistentVolumeClaim', claimName);
  const volumeName = (pvc?.spec as { volumeName?: string } | undefined)?.volumeName;
  const pv = volumeName ? cluster.get('PersistentVolume', volumeName) : undefined;
  if (!pv) throw new Error(`claim ${claimName} is not bound`);
  return pv;
}

/** The EBS volume id behind a PV (CSI handle or in-tree `aws://zone/vol-…`). */
export function volumeIdOfPv(pv: KubeObject): string {
  const spec = pv.spec as { csi?: { volumeHandle?: string }; awsElasticBlockStore?: { volumeID?: string } };
  const id = spec.csi?.volumeHandle ?? spec.awsElasticBlockStore?.volumeID ?? '';
  return id.replace(/^aws:\/\/[^/]+\//, '');
}

/** The zone(s) a PV's nodeAffinity requires. */
export function pvZones(pv: KubeObject): string[] {
  type Term = { matchExpressions?: { key: string; values?: string[] }[] };
  const terms = (pv.spec as { nodeAffinity?: { required?: { nodeSelectorTerms?: Term[] } } }).nodeAffinity?.required?.nodeSelectorTerms ?? [];
  return terms.flatMap((t) => (t.matchExpressions ?? []).filter((e) => e.key.endsWith('/zone')).flatMap((e) => e.values ?? []));
}

/** `aws ec2 describe-volumes` of one volume, parsed. */
export function describeVolume(cluster: Cluster, volumeId: string): { State: string; AvailabilityZone: string; Attachments: { InstanceId: string; State: string }[] } {
  const r = cluster.aws(`ec2 describe-volumes --volume-ids ${volumeId}`);
  expect(r.exitCode).toBe(0);
  return (JSON.parse(r.stdout) as { Volumes: ReturnType<typeof describeVolume>[] }).Volumes[0];
}

/** The EC2 instance id behind a node. */
export function instanceOf(cluster: Cluster, node: string): string {
  const info = cluster.components.workloads.cloud.instanceForNode(node);
  if (!info) throw new Error(`no instance for ${node}`);
  return info.instanceId;
}

/** A Deployment of `replicas` pause-like pods without volumes (for workload-only scenarios). */
export function plainDeployment(name: string, replicas: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - image: errm/randserver
        name: randserver
`;
}

/** A gp3 EBS CSI StorageClass named `gp3` that binds at the first consumer. */
export const GP3_WFFC_CLASS = storageClass('gp3', 'ebs.csi.aws.com', { binding: 'WaitForFirstConsumer', parameters: { type: 'gp3' } });

/** A busybox pod sleeping forever with claim `claimName` mounted at /data. */
export function podWithClaim(name: string, claimName: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: busybox
    command: [sleep, infinity]
    volumeMounts:
    - mountPath: /data
      name: data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: ${claimName}
`;
}

/**
 * The docs' init-container example (`Init Containers`, myapp-pod): init containers that loop
 * `until nslookup <service>.<namespace>.svc.cluster.local` for Services myservice and mydb, then an
 * app that echoes and sleeps. `namespace` is written into the lookups as given (the docs use
 * `$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace)`).
 */
export function initContainersPod(namespace: string): string {
  const init = (service: string) => `  - name: init-${service}
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup ${service}.${namespace}.svc.cluster.local; do echo waiting for ${service}; sleep 2; done"]`;
  return `apiVersion: v1
kind: Pod
metadata:
  name: myapp-pod
  labels:
    app.kubernetes.io/name: MyApp
spec:
  containers:
  - name: myapp-container
    image: busybox:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
  initContainers:
${init('myservice')}
${init('mydb')}
`;
}

/** A ClusterIP Service `name` on port 80 to `targetPort` (the docs' myservice and mydb). */
export function portService(name: string, targetPort: number): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  ports:
  - protocol: TCP
    port: 80
    targetPort: ${targetPort}
`;
}
