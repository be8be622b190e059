/**
 * The node agents of the cluster: registers each instance's Node and CSINode, runs one kubelet
 * and container runtime per node, routes watch events to the kubelet that cares, turns instance
 * state changes into kubelet stops and starts, and answers exec/http/logs.
 *
 * Design: one watcher per kind for all kubelets (not one per kubelet), routed by
 * `spec.nodeName` and by a claim/PV → pods dependency index, so an event costs O(1) in the
 * number of nodes. A kubelet runs when nothing silences it (`instance`, `crash`, `zone`).
 * @see kubernetes pkg/kubelet/kubelet.go (registration), pkg/kubelet/config (pod sources)
 */
import { ClaimResizeStatus, storageResizeStatus } from '../api/claim-resize.js';
import { errors } from '../api/errors.js';
import type { CoreCluster } from '../cluster/core-cluster.js';
import { KUBELET_BOOT_MS } from '../cloud/defaults.js';
import type { Ec2Cloud } from '../cloud/ec2-cloud.js';
import { buildCsiNode, buildNode } from '../cloud/node-object.js';
import type { InstanceInfo, InstanceState } from '../cloud/provider.js';
import { ClusterDns } from '../controllers/endpoints/cluster-dns.js';
import type { Rng } from '../sim/rng.js';
import { ContainerRuntime } from './container-runtime.js';
import { type ExecResult, runCommand } from './exec.js';
import { type HttpResponse, ImageRegistry } from './images.js';
import { allSlots, Kubelet } from './kubelet.js';
import { addPodsByNodeIndex, type NodeObject, type PodObject, type PvcObject } from './objects.js';
import { PodNetwork } from './pod-network.js';
import type { ContainerSlot } from './pod-status.js';

/** Why a kubelet is silent. */
export type SilenceReason = 'instance' | 'crash' | 'zone';

/** Options of `logs` (the kubelet's share of `PodLogOptions`). */
export interface LogsOptions {
  /** The previous instance's logs (`kubectl logs --previous`). */
  readonly previous?: boolean;
  /** Only lines written at or after this virtual ms (`sinceSeconds`, `sinceTime`). */
  readonly sinceMs?: number;
  /** Each line prefixed with its time (RFC3339NanoFixed) and a space. */
  readonly timestamps?: boolean;
  /** Only the last so many lines (`tailLines`). */
  readonly tailLines?: number;
  /** At most so many bytes (`limitBytes`). */
  readonly limitBytes?: number;
}

/** All kubelets and runtimes of the cluster. */
export class NodeAgents {
  readonly kubelets = new Map<string, Kubelet>();
  readonly images = new ImageRegistry();
  private readonly silencers = new Map<string, Set<SilenceReason>>();
  private readonly dependents = new Map<string, Set<string>>();
  private readonly podDeps = new Map<string, { node: string; deps: readonly string[] }>();
  private readonly nodeRng: Rng;
  private readonly dns: ClusterDns;
  private readonly network: PodNetwork;
  private readonly silencedHandlers: Array<(nodeName: string) => void> = [];

  constructor(
    private readonly core: CoreCluster,
    readonly cloud: Ec2Cloud,
  ) {
    this.nodeRng = core.rng.fork('nodes');
    this.dns = new ClusterDns(core.store);
    this.network = new PodNetwork(core.store, (ns, pod, port, path) => this.http(ns, pod, port, path), core.rng.fork('kube-proxy'));
    addPodsByNodeIndex(core.store);
    core.store.watch<PodObject>('Pod', (e) => {
      const ns = e.object.metadata.namespace ?? '';
      const name = e.object.metadata.name ?? '';
      const nodes = new Set([e.object.spec?.nodeName, e.old?.spec?.nodeName]);
      for (const n of nodes) if (n) this.kubelets.get(n)?.enqueue(ns, name);
    });
    core.store.watch<NodeObject>('Node', (e) => {
      if (e.type !== 'MODIFIED') return;
      if (e.old?.status?.volumesAttached === e.object.status?.volumesAttached && e.old?.status?.volumesInUse === e.object.status?.volumesInUse) return;
      this.kubelets.get(e.object.metadata.name ?? '')?.requeueWaiting();
    });
    core.store.watch<PvcObject>('PersistentVolumeClaim', (e) => {
      const key = `${e.object.metadata.namespace}/${e.object.metadata.name}`;
      this.wake(key);
      // The resizer grew the volume: a kubelet with it mounted grows the file system (online).
      const pending = ClaimResizeStatus.NodeResizePending;
      if (storageResizeStatus(e.object.status) === pending && storageResizeStatus(e.old?.status) !== pending) {
        for (const kubelet of this.kubelets.values()) kubelet.requestFsResize(key);
      }
    });
    core.store.watch('PersistentVolume', (e) => this.wake(`pv:${e.object.metadata.name}`));
    // A changed ConfigMap or Secret reaches the volumes that project it at their pods' next sync.
    for (const kind of ['ConfigMap', 'Secret'] as const) {
      core.store.watch(kind, (e) => {
        const binaryData = (o: unknown) => (o as { binaryData?: unknown } | undefined)?.binaryData;
        if (e.type !== 'MODIFIED' || (e.old?.data === e.object.data && binaryData(e.old) === binaryData(e.object))) return;
        for (const kubelet of this.kubelets.values()) kubelet.requestVolumeRefresh(kind, e.object.metadata.namespace ?? '', e.object.metadata.name ?? '');
      });
    }
    cloud.onInstanceState((instance, previous) => this.onInstanceState(instance, previous));
  }

  /** Registers the Node and CSINode of a running instance and starts its kubelet. */
  register(instance: InstanceInfo): Kubelet {
    const type = this.cloud.instanceType(instance.instanceType);
    if (!type) throw new Error(`unknown instance type ${instance.instanceType}`);
    let kubelet = this.kubelets.get(instance.nodeName);
    if (!kubelet) {
      const runtime = new ContainerRuntime(this.core.loop, this.core.rng.fork(`runtime/${instance.nodeName}`), this.images, this.dns, this.network);
      kubelet = new Kubelet({
        core: this.core,
        nodeName: instance.nodeName,
        zone: instance.zone,
        hostIP: instance.privateIp,
        cloud: this.cloud,
        runtime,
        onDependencies: (podKey, deps) => this.setDependencies(instance.nodeName, podKey, deps),
      });
      this.kubelets.set(instance.nodeName, kubelet);
    }
    if (!this.core.store.get('Node', undefined, instance.nodeName)) {
      const node = this.core.api.create<NodeObject>(buildNode(instance, type, this.cloud.region, this.core.clock.rfc3339(), this.nodeRng) as NodeObject);
      if (!this.core.store.get('CSINode', undefined, instance.nodeName)) this.core.api.create(buildCsiNode(instance, type, node) as never);
    }
    this.unsilence(instance.nodeName, 'instance');
    return kubelet;
  }

  /** Silences a node's kubelet for a reason (it stays silent while any reason holds). */
  silence(nodeName: string, reason: SilenceReason): void {
    let set = this.silencers.get(nodeName);
    if (!set) {
      set = new Set();
      this.silencers.set(nodeName, set);
    }
    set.add(reason);
    const kubelet = this.kubelets.get(nodeName);
    if (!kubelet?.alive) return;
    kubelet.stop();
    for (const h of this.silencedHandlers) h(nodeName);
  }

  /** Subscribes to kubelets falling silent (the node lifecycle controller's lease watch). */
  onKubeletSilenced(handler: (nodeName: string) => void): void {
    this.silencedHandlers.push(handler);
  }

  /** Last lease renewal of a node's kubelet. */
  lastRenewMs(nodeName: string): number | undefined {
    return this.kubelets.get(nodeName)?.status.lastRenewMs();
  }

  /** Whether a node's kubelet renews its lease. */
  isRenewing(nodeName: string): boolean {
    return this.kubelets.get(nodeName)?.status.isRenewing === true;
  }

  /** Lifts one reason; the kubelet starts when none is left and the instance runs. */
  unsilence(nodeName: string, reason: SilenceReason): void {
    const set = this.silencers.get(nodeName);
    set?.delete(reason);
    if (set?.size) return;
    if (this.cloud.instanceForNode(nodeName)?.state !== 'running') return;
    this.kubelets.get(nodeName)?.start();
  }

  private onInstanceState(instance: InstanceInfo, previous: InstanceState): void {
    const name = instance.nodeName;
    if (instance.state === 'stopping' || instance.state === 'shutting-down') {
      this.silence(name, 'instance');
      this.kubelets.get(name)?.runtime.killAll();
    } else if (instance.state === 'running' && previous === 'pending') {
      const bootMs = this.nodeRng.int(KUBELET_BOOT_MS.min, KUBELET_BOOT_MS.max);
      this.core.loop.schedule(bootMs, `kubelet/${name}/boot`, () => {
        if (this.cloud.instanceForNode(name)?.state === 'running') this.register(instance);
      });
    }
  }

  private setDependencies(nodeName: string, podKey: string, deps: readonly string[]): void {
    const old = this.podDeps.get(podKey);
    for (const d of old?.deps ?? []) this.dependents.get(d)?.delete(podKey);
    if (!deps.length) {
      this.podDeps.delete(podKey);
      return;
    }
    this.podDeps.set(podKey, { node: nodeName, deps });
    for (const d of deps) {
      let set = this.dependents.get(d);
      if (!set) {
        set = new Set();
        this.dependents.set(d, set);
      }
      set.add(podKey);
    }
  }

  private wake(dep: string): void {
    for (const podKey of [...(this.dependents.get(dep) ?? [])].sort()) {
      const entry = this.podDeps.get(podKey);
      const [ns, name] = podKey.split('/');
      if (entry) this.kubelets.get(entry.node)?.enqueue(ns, name);
    }
  }

  private slotOf(namespace: string, pod: string, container?: string): { slot: ContainerSlot; kubelet: Kubelet } | string {
    const obj = this.core.store.get<PodObject>('Pod', namespace, pod);
    if (!obj) return `Error from server (NotFound): pods "${pod}" not found`;
    const kubelet = this.kubelets.get(obj.spec?.nodeName ?? '');
    const rec = kubelet?.recordByUid(obj.metadata.uid ?? '');
    const name = container ?? obj.spec?.containers?.[0]?.name ?? '';
    if (!kubelet || !rec) return `error: unable to upgrade connection: container not found ("${name}")`;
    if (!kubelet.alive) {
      return `Error from server: error dialing backend: dial tcp ${kubelet.deps.hostIP}:10250: i/o timeout`;
    }
    const slot = allSlots(rec).find((s) => s.spec.name === name);
    if (!slot) return `error: unable to upgrade connection: container ${name} not found in pod ${pod}`;
    if (!slot.current?.running) return `error: unable to upgrade connection: container not found ("${name}")`;
    return { slot, kubelet };
  }

  /** Runs a command in a running container (`kubectl exec`) with `stdin` as its standard input. */
  exec(namespace: string, pod: string, container: string | undefined, argv: readonly string[], stdin = ''): ExecResult {
    const found = this.slotOf(namespace, pod, container);
    if (typeof found === 'string') return { stdout: '', stderr: `${found}\n`, exitCode: 1 };
    const c = found.slot.current;
    if (!c) return { stdout: '', stderr: 'error: container not running\n', exitCode: 1 };
    return runCommand(c.ctx.exec, argv, stdin);
  }

  /**
   * Sends an attached client's standard input to a running container (`kubectl run -i`): its
   * process reads `text`, then end of file. Returns an error text when the container cannot be
   * reached.
   */
  attachStdin(namespace: string, pod: string, container: string | undefined, text: string): string | undefined {
    const found = this.slotOf(namespace, pod, container);
    if (typeof found === 'string') return found;
    const c = found.slot.current;
    if (c) found.kubelet.deps.runtime.attachStdin(c, text);
    return undefined;
  }

  /** An HTTP request to a pod port (port-forward); status 0 when nothing listens. */
  http(namespace: string, pod: string, port: number, path = '/'): HttpResponse {
    const obj = this.core.store.get<PodObject>('Pod', namespace, pod);
    for (const container of obj?.spec?.containers ?? []) {
      const found = this.slotOf(namespace, pod, container.name);
      if (typeof found === 'string') continue;
      const c = found.slot.current;
      const answer = c?.behaviour.http?.(c.ctx, port, path);
      if (answer) return answer;
    }
    return { status: 0, body: `dial tcp4 127.0.0.1:${port}: connect: connection refused` };
  }

  /**
   * Container logs (`kubectl logs`), filtered as the kubelet does: since, tail, then the byte limit.
   * Throws BadRequest for `previous` when the container has no earlier instance.
   */
  logs(namespace: string, pod: string, container?: string, options: LogsOptions = {}): string {
    const obj = this.core.store.get<PodObject>('Pod', namespace, pod);
    if (!obj) throw new Error(`pods "${pod}" not found`);
    const name = container ?? obj.spec?.containers?.[0]?.name ?? '';
    const runtime = this.kubelets.get(obj.spec?.nodeName ?? '')?.runtime;
    const log = runtime?.logsOf(obj.metadata.uid ?? '', name, options.previous);
    if (!log && options.previous) throw errors.badRequest(`previous terminated container ${JSON.stringify(name)} in pod ${JSON.stringify(pod)} not found`);
    if (!log) return '';
    let first = 0;
    if (options.sinceMs !== undefined) while (first < log.atMs.length && log.atMs[first] < options.sinceMs) first++;
    if (options.tailLines !== undefined) first = Math.max(first, log.lines.length - options.tailLines);
    let text = '';
    for (let i = first; i < log.lines.length; i++) {
      // A last line the process did not end keeps its missing newline (the CRI's partial entry).
      const end = i === log.lines.length - 1 && log.partialLast ? '' : '\n';
      text += options.timestamps ? `${this.core.clock.rfc3339NanoFixed(log.atMs[i])} ${log.lines[i]}${end}` : `${log.lines[i]}${end}`;
    }
    if (options.limitBytes !== undefined && Buffer.byteLength(text) > options.limitBytes) {
      text = Buffer.from(text).subarray(0, options.limitBytes).toString();
    }
    return text;
  }
}
