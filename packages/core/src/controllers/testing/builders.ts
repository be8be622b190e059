/**
 * Fixture builders for workload tests: `makePod().name('web-0').pvc('data-web-0').obj()`,
 * `makeDeployment()`, `makeStatefulSet()`, `makeReplicaSet()`, `makeService()`, `makeDaemonSet()`,
 * `makeNode()`.
 * @remarks Builders produce plain manifests (no uid, no status unless asked for); each setter
 * returns the builder.
 */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { Node, Pod, PodStatus, PodTemplateSpec, Service, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { KubeObject, ObjectMeta } from '../../api/object.js';

type Obj<T> = T & KubeObject;

function template(labels: Record<string, string>, image: string): PodTemplateSpec {
  return {
    metadata: { labels: { ...labels } },
    spec: { containers: [{ name: 'app', image }] },
  };
}

/** Builds a Pod. */
export class PodBuilder {
  private readonly o: Omit<Pod, 'status'> & { apiVersion: 'v1'; kind: 'Pod'; metadata: ObjectMeta; status?: PodStatus } = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'pod', namespace: 'default' },
    spec: { containers: [{ name: 'app', image: 'nginx' }] },
  };
  name(n: string): this { this.o.metadata.name = n; return this; }
  namespace(n: string): this { this.o.metadata.namespace = n; return this; }
  labels(l: Record<string, string>): this { this.o.metadata.labels = { ...l }; return this; }
  node(n: string): this { this.o.spec = { ...this.o.spec!, nodeName: n }; return this; }
  hostname(h: string, subdomain?: string): this { this.o.spec = { ...this.o.spec!, hostname: h, ...(subdomain ? { subdomain } : {}) }; return this; }
  /** Mounts claim `claimName` as volume `data`. */
  pvc(claimName: string, volume = 'data'): this {
    const volumes = [...(this.o.spec?.volumes ?? []), { name: volume, persistentVolumeClaim: { claimName } }];
    this.o.spec = { ...this.o.spec!, volumes };
    return this;
  }
  phase(p: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown'): this { this.o.status = { ...this.o.status, phase: p }; return this; }
  ip(ip: string): this { this.o.status = { ...this.o.status, podIP: ip }; return this; }
  /** Ready condition True since `since` (RFC 3339). */
  ready(since = '2026-01-01T00:00:00Z'): this {
    this.o.status = { ...this.o.status, conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: since }] };
    return this;
  }
  restarts(n: number): this { this.o.status = { ...this.o.status, containerStatuses: [{ name: 'app', image: 'nginx', imageID: '', ready: true, restartCount: n }] }; return this; }
  created(ts: string): this { (this.o.metadata as { creationTimestamp?: string }).creationTimestamp = ts; return this; }
  obj(): Obj<Pod> { return structuredClone(this.o) as Obj<Pod>; }
}

/** Builds a ReplicaSet selecting `app=<name>`. */
export class ReplicaSetBuilder {
  private readonly o: Obj<ReplicaSet> = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'rs', namespace: 'default' },
    spec: { replicas: 1, selector: { matchLabels: { app: 'rs' } }, template: template({ app: 'rs' }, 'nginx') },
  };
  name(n: string): this { this.o.metadata.name = n; return this.labels({ app: n }); }
  labels(l: Record<string, string>): this {
    this.o.spec = { ...this.o.spec!, selector: { matchLabels: { ...l } }, template: { ...this.o.spec!.template, metadata: { labels: { ...l } } } };
    return this;
  }
  replicas(n: number | undefined): this { this.o.spec = { ...this.o.spec!, replicas: n }; if (n === undefined) delete this.o.spec.replicas; return this; }
  minReadySeconds(s: number): this { this.o.spec = { ...this.o.spec!, minReadySeconds: s }; return this; }
  obj(): Obj<ReplicaSet> { return structuredClone(this.o); }
}

/** Builds a Deployment selecting `app=<name>`. */
export class DeploymentBuilder {
  private readonly o: Obj<Deployment> = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }, 'nginx:1.25') },
  };
  name(n: string): this { this.o.metadata.name = n; this.o.spec = { ...this.o.spec!, selector: { matchLabels: { app: n } }, template: template({ app: n }, this.image_()) }; return this; }
  private image_(): string { return this.o.spec?.template.spec?.containers[0]?.image ?? 'nginx'; }
  replicas(n: number): this { this.o.spec = { ...this.o.spec!, replicas: n }; return this; }
  image(i: string): this { this.o.spec!.template.spec!.containers[0].image = i; return this; }
  recreate(): this { this.o.spec = { ...this.o.spec!, strategy: { type: 'Recreate' } }; return this; }
  rolling(maxSurge: number | string, maxUnavailable: number | string): this {
    this.o.spec = { ...this.o.spec!, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } } };
    return this;
  }
  minReadySeconds(s: number): this { this.o.spec = { ...this.o.spec!, minReadySeconds: s }; return this; }
  progressDeadlineSeconds(s: number): this { this.o.spec = { ...this.o.spec!, progressDeadlineSeconds: s }; return this; }
  revisionHistoryLimit(n: number): this { this.o.spec = { ...this.o.spec!, revisionHistoryLimit: n }; return this; }
  /** Sets the pod template's `priorityClassName`. */
  priorityClassName(n: string): this { this.o.spec!.template.spec!.priorityClassName = n; return this; }
  obj(): Obj<Deployment> { return structuredClone(this.o); }
}

/** Builds a StatefulSet selecting `app=<name>` with service `<name>` (the chapter's `randserver`). */
export class StatefulSetBuilder {
  private readonly o: Obj<StatefulSet> = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'randserver', namespace: 'default' },
    spec: {
      replicas: 3,
      serviceName: 'randserver',
      selector: { matchLabels: { app: 'randserver' } },
      template: template({ app: 'randserver' }, 'errm/randserver'),
    },
  };
  name(n: string): this {
    this.o.metadata.name = n;
    this.o.spec = { ...this.o.spec!, serviceName: n, selector: { matchLabels: { app: n } }, template: template({ app: n }, 'errm/randserver') };
    return this;
  }
  replicas(n: number): this { this.o.spec = { ...this.o.spec!, replicas: n }; return this; }
  image(i: string): this { this.o.spec!.template.spec!.containers[0].image = i; return this; }
  parallel(): this { this.o.spec = { ...this.o.spec!, podManagementPolicy: 'Parallel' }; return this; }
  onDelete(): this { this.o.spec = { ...this.o.spec!, updateStrategy: { type: 'OnDelete' } }; return this; }
  partition(n: number): this { this.o.spec = { ...this.o.spec!, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: n } } }; return this; }
  ordinalsStart(n: number): this { this.o.spec = { ...this.o.spec!, ordinals: { start: n } }; return this; }
  /** Sets the pod template's `priorityClassName`. */
  priorityClassName(n: string): this { this.o.spec!.template.spec!.priorityClassName = n; return this; }
  retention(whenDeleted: 'Retain' | 'Delete', whenScaled: 'Retain' | 'Delete'): this {
    this.o.spec = { ...this.o.spec!, persistentVolumeClaimRetentionPolicy: { whenDeleted, whenScaled } };
    return this;
  }
  /** Adds a volumeClaimTemplate `name` (1Gi RWO, class general-purpose) mounted at /data. */
  claim(name = 'data'): this {
    const templates = [...(this.o.spec?.volumeClaimTemplates ?? [])];
    templates.push({
      metadata: { name },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'general-purpose', resources: { requests: { storage: '1Gi' } } },
    });
    this.o.spec = { ...this.o.spec!, volumeClaimTemplates: templates };
    this.o.spec.template.spec!.containers[0].volumeMounts = [{ name, mountPath: '/data' }];
    return this;
  }
  obj(): Obj<StatefulSet> { return structuredClone(this.o); }
}

/** Builds a Service selecting `app=<name>`. */
export class ServiceBuilder {
  private readonly o: Obj<Service> = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'randserver', namespace: 'default' },
    spec: { selector: { app: 'randserver' }, ports: [{ port: 80, targetPort: 3000 }] },
  };
  name(n: string): this { this.o.metadata.name = n; this.o.spec = { ...this.o.spec!, selector: { app: n } }; return this; }
  namespace(n: string): this { this.o.metadata.namespace = n; return this; }
  selector(s: Record<string, string> | undefined): this { this.o.spec = { ...this.o.spec!, selector: s }; if (!s) delete this.o.spec.selector; return this; }
  headless(): this { this.o.spec = { ...this.o.spec!, clusterIP: 'None' }; return this; }
  clusterIP(ip: string): this { this.o.spec = { ...this.o.spec!, clusterIP: ip }; return this; }
  ports(...ports: { port: number; targetPort?: number | string; name?: string }[]): this { this.o.spec = { ...this.o.spec!, ports }; return this; }
  publishNotReady(): this { this.o.spec = { ...this.o.spec!, publishNotReadyAddresses: true }; return this; }
  obj(): Obj<Service> { return structuredClone(this.o); }
}

/** Builds a Job whose one container runs `command` (default `true`) with restartPolicy Never. */
export class JobBuilder {
  private readonly o: Obj<Job> = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'job', namespace: 'default' },
    spec: { template: { spec: { containers: [{ name: 'main', image: 'busybox', command: ['true'] }], restartPolicy: 'Never' } } },
  };
  name(n: string): this { this.o.metadata.name = n; return this; }
  command(...c: string[]): this { this.o.spec!.template.spec!.containers[0].command = c; return this; }
  completions(n: number): this { this.o.spec = { ...this.o.spec!, completions: n }; return this; }
  parallelism(n: number): this { this.o.spec = { ...this.o.spec!, parallelism: n }; return this; }
  backoffLimit(n: number): this { this.o.spec = { ...this.o.spec!, backoffLimit: n }; return this; }
  activeDeadlineSeconds(s: number): this { this.o.spec = { ...this.o.spec!, activeDeadlineSeconds: s }; return this; }
  indexed(): this { this.o.spec = { ...this.o.spec!, completionMode: 'Indexed' }; return this; }
  restartPolicy(p: string): this { this.o.spec!.template.spec!.restartPolicy = p; return this; }
  obj(): Obj<Job> { return structuredClone(this.o); }
}

/** Builds a CronJob `hello` running every five minutes, whose Jobs run busybox `true`. */
export class CronJobBuilder {
  private readonly o: Obj<CronJob> = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello', namespace: 'default' },
    spec: {
      schedule: '*/5 * * * *',
      jobTemplate: { spec: { template: { spec: { containers: [{ name: 'main', image: 'busybox', command: ['true'] }], restartPolicy: 'Never' } } } },
    },
  };
  name(n: string): this { this.o.metadata.name = n; return this; }
  schedule(s: string): this { this.o.spec!.schedule = s; return this; }
  command(...c: string[]): this { this.o.spec!.jobTemplate.spec!.template.spec!.containers[0].command = c; return this; }
  concurrencyPolicy(p: 'Allow' | 'Forbid' | 'Replace'): this { this.o.spec!.concurrencyPolicy = p; return this; }
  suspend(s = true): this { this.o.spec!.suspend = s; return this; }
  startingDeadlineSeconds(s: number): this { this.o.spec!.startingDeadlineSeconds = s; return this; }
  historyLimits(successful: number, failed: number): this { Object.assign(this.o.spec!, { successfulJobsHistoryLimit: successful, failedJobsHistoryLimit: failed }); return this; }
  backoffLimit(n: number): this { this.o.spec!.jobTemplate.spec!.backoffLimit = n; return this; }
  obj(): Obj<CronJob> { return structuredClone(this.o); }
}

/** Builds a DaemonSet `agent` selecting `app=<name>`, busybox sleeping forever. */
export class DaemonSetBuilder {
  private readonly o: Obj<DaemonSet> = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: template({ app: 'agent' }, 'busybox') },
  };
  constructor() {
    this.o.spec!.template.spec!.containers[0].command = ['sleep', 'infinity'];
  }
  name(n: string): this {
    this.o.metadata.name = n;
    this.o.spec!.selector = { matchLabels: { app: n } };
    this.o.spec!.template.metadata = { labels: { app: n } };
    return this;
  }
  image(i: string): this { this.o.spec!.template.spec!.containers[0].image = i; return this; }
  nodeSelector(sel: Record<string, string>): this { this.o.spec!.template.spec!.nodeSelector = sel; return this; }
  tolerations(t: Toleration[]): this { this.o.spec!.template.spec!.tolerations = t; return this; }
  minReadySeconds(s: number): this { this.o.spec = { ...this.o.spec!, minReadySeconds: s }; return this; }
  maxUnavailable(n: number | string): this { this.o.spec = { ...this.o.spec!, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: n } } }; return this; }
  onDelete(): this { this.o.spec = { ...this.o.spec!, updateStrategy: { type: 'OnDelete' } }; return this; }
  obj(): Obj<DaemonSet> { return structuredClone(this.o); }
}

/** Builds a Ready Node with a zone label. */
export class NodeBuilder {
  private readonly o: Obj<Node> = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1', 'topology.kubernetes.io/zone': 'us-east-1a' } },
    spec: {},
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  };
  name(n: string): this { this.o.metadata.name = n; this.o.metadata.labels = { ...this.o.metadata.labels, 'kubernetes.io/hostname': n }; return this; }
  zone(z: string): this { this.o.metadata.labels = { ...this.o.metadata.labels, 'topology.kubernetes.io/zone': z }; return this; }
  taint(t: Taint): this { this.o.spec = { ...this.o.spec, taints: [...(this.o.spec?.taints ?? []), t] }; return this; }
  unschedulable(): this { this.o.spec = { ...this.o.spec, unschedulable: true }; return this.taint({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }); }
  obj(): Obj<Node> { return structuredClone(this.o); }
}

/** A DaemonSet builder. */
export const makeDaemonSet = (): DaemonSetBuilder => new DaemonSetBuilder();
/** A Node builder. */
export const makeNode = (): NodeBuilder => new NodeBuilder();
/** A Job builder. */
export const makeJob = (): JobBuilder => new JobBuilder();
/** A CronJob builder. */
export const makeCronJob = (): CronJobBuilder => new CronJobBuilder();
/** A Pod builder. */
export const makePod = (): PodBuilder => new PodBuilder();
/** A ReplicaSet builder. */
export const makeReplicaSet = (): ReplicaSetBuilder => new ReplicaSetBuilder();
/** A Deployment builder. */
export const makeDeployment = (): DeploymentBuilder => new DeploymentBuilder();
/** A StatefulSet builder. */
export const makeStatefulSet = (): StatefulSetBuilder => new StatefulSetBuilder();
/** A Service builder. */
export const makeService = (): ServiceBuilder => new ServiceBuilder();
