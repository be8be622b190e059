/**
 * Fixture builders for node-side tests: a cluster with nodes, pod manifests, a tiny binder.
 */
import type { Container, Pod, Toleration, Volume } from 'kubernetes-types/core/v1';
import { CoreCluster } from '../cluster/core-cluster.js';
import { installWorkloads, type Workloads } from '../cluster/install-workloads.js';
import type { TopologyOptions } from '../cloud/topology.js';
import type { CoreEvent } from '../events/recorder.js';
import type { NodeObject, PodObject } from './objects.js';

/** A kernel with the node side installed. */
export interface TestCluster {
  readonly core: CoreCluster;
  readonly w: Workloads;
  /** Node names, sorted. */
  readonly nodes: string[];
  pod(name: string, namespace?: string): PodObject | undefined;
  node(name: string): NodeObject | undefined;
  /** Events about an object (by name), oldest first, as `reason: message`. */
  events(kind: string, name: string, namespace?: string): string[];
  advance(duration: number | string): void;
}

/** Builds a cluster (seed 1 unless given). */
export function newTestCluster(options: TopologyOptions & { seed?: number } = {}): TestCluster {
  const core = new CoreCluster({ seed: options.seed ?? 1 });
  const w = installWorkloads(core, options);
  core.loop.settle();
  const nodes = [...w.kubelets.keys()].sort();
  return {
    core,
    w,
    nodes,
    pod: (name, namespace = 'default') => core.store.get<PodObject>('Pod', namespace, name),
    node: (name) => core.store.get<NodeObject>('Node', undefined, name),
    events: (kind, name, namespace) => {
      const obj = core.store.get(kind, kind === 'Node' ? undefined : (namespace ?? 'default'), name);
      if (!obj) return [];
      return core.recorder.eventsFor(obj).map((e: CoreEvent) => `${e.reason}: ${e.message}`);
    },
    advance: (d) => core.loop.advance(d),
  };
}

/** A pod manifest builder. */
export class PodBuilder {
  private readonly pod: { apiVersion: 'v1'; kind: 'Pod'; metadata: NonNullable<Pod['metadata']>; spec: NonNullable<Pod['spec']> };

  constructor(name: string) {
    this.pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [] } };
  }

  /** Adds a container. */
  container(name: string, image: string, extra: Partial<Container> = {}): this {
    this.pod.spec.containers.push({ name, image, ...extra });
    return this;
  }

  /** Adds an init container. */
  initContainer(name: string, image: string, extra: Partial<Container> = {}): this {
    this.pod.spec.initContainers = [...(this.pod.spec.initContainers ?? []), { name, image, ...extra }];
    return this;
  }

  /** The randserver container with /data mounted from volume `data`, read-only root. */
  randserver(): this {
    return this.container('randserver', 'errm/randserver', {
      volumeMounts: [{ mountPath: '/data', name: 'data' }],
      securityContext: { readOnlyRootFilesystem: true },
    });
  }

  volume(v: Volume): this {
    this.pod.spec.volumes = [...(this.pod.spec.volumes ?? []), v];
    return this;
  }

  emptyDir(name = 'data'): this {
    return this.volume({ name, emptyDir: {} });
  }

  pvc(claimName: string, name = 'data'): this {
    return this.volume({ name, persistentVolumeClaim: { claimName } });
  }

  node(nodeName: string): this {
    this.pod.spec.nodeName = nodeName;
    return this;
  }

  grace(seconds: number): this {
    this.pod.spec.terminationGracePeriodSeconds = seconds;
    return this;
  }

  restartPolicy(policy: 'Always' | 'OnFailure' | 'Never'): this {
    this.pod.spec.restartPolicy = policy;
    return this;
  }

  tolerations(t: Toleration[]): this {
    this.pod.spec.tolerations = t;
    return this;
  }

  /** The 300s not-ready/unreachable tolerations DefaultTolerationSeconds adds. */
  defaultTolerations(): this {
    return this.tolerations([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  }

  hostname(hostname: string, subdomain: string): this {
    this.pod.spec.hostname = hostname;
    this.pod.spec.subdomain = subdomain;
    return this;
  }

  /** `spec.serviceAccountName` (and, given, `automountServiceAccountToken`). */
  serviceAccount(name: string | undefined, automount?: boolean): this {
    if (name !== undefined) this.pod.spec.serviceAccountName = name;
    if (automount !== undefined) this.pod.spec.automountServiceAccountToken = automount;
    return this;
  }

  labels(labels: Record<string, string>): this {
    this.pod.metadata.labels = labels;
    return this;
  }

  obj(): PodObject {
    return structuredClone(this.pod) as PodObject;
  }
}

/** Starts a pod manifest. */
export function makePod(name: string): PodBuilder {
  return new PodBuilder(name);
}

/** A tiny binder for tests: sets `spec.nodeName` as the scheduler's Bind would. */
export function bindPod(core: CoreCluster, namespace: string, name: string, nodeName: string): void {
  core.api.updateWith<PodObject>('Pod', namespace, name, (d) => {
    d.spec = { ...(d.spec ?? { containers: [] }), nodeName };
  });
}

/** Container state summary like kubectl's STATUS column for one container. */
export function containerState(pod: PodObject | undefined, index = 0): string {
  const s = pod?.status?.containerStatuses?.[index]?.state;
  if (!s) return 'none';
  if (s.waiting) return s.waiting.reason ?? 'Waiting';
  if (s.running) return 'Running';
  return s.terminated?.reason ?? 'Terminated';
}

/** Real kubelets on one node, and a stand-in scheduler that binds each new pod to it at once (controller tests). */
export function oneNodeWithBinder() {
  const c = newTestCluster({ zones: ['us-east-1a'], nodes: [{ zone: 'us-east-1a', count: 1 }] } as never);
  c.core.store.watch<PodObject>('Pod', (e) => {
    if (e.type !== 'ADDED' || e.object.spec?.nodeName) return;
    const { namespace, name } = e.object.metadata;
    c.core.loop.schedule(0, 'test-binder', () => bindPod(c.core, namespace ?? 'default', name ?? '', c.nodes[0]));
  });
  return c;
}
