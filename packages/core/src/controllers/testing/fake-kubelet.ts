/**
 * A fake scheduler + kubelet for controller tests: binds pods by setting `spec.nodeName`, marks
 * them Running+Ready with a pod IP after a delay, and finishes graceful deletions. No real
 * scheduler or kubelet is involved.
 * @remarks Delays run on the virtual event loop. `ready(pod)` decides whether a pod becomes Ready
 * (default: always); `nodeFor(pod)` picks the node (default `node-1`).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import type { WatchEvent } from '../../store/store.js';
import type { PodObject } from '../replicaset/controller-utils.js';

/** Options of the fake kubelet. */
export interface FakeKubeletOptions {
  /** Delay from creation to binding (default 0). */
  readonly scheduleDelayMs?: number;
  /** Delay from binding to Running+Ready (default 1000). */
  readonly startDelayMs?: number;
  /** Delay from deletionTimestamp to removal, capped by the grace period (default 2000). */
  readonly terminationDelayMs?: number;
  /** Whether a started pod becomes Ready (default always). */
  readonly ready?: (pod: Pod) => boolean;
  /** Node to bind to (default `node-1`). */
  readonly nodeFor?: (pod: Pod) => string;
}

/** The fake scheduler/kubelet pair. */
export class FakeKubelet {
  private readonly pending = new Set<string>();
  private ipSeq = 0;
  /** When false, no pod is bound, started or removed (simulates a frozen node). */
  enabled = true;

  constructor(
    private readonly core: CoreCluster,
    private readonly options: FakeKubeletOptions = {},
  ) {
    core.api.registerGracefulDelete('Pod', (pod, requested) => {
      const p = pod as PodObject;
      if (!p.spec?.nodeName) return undefined;
      return requested ?? p.spec.terminationGracePeriodSeconds ?? 30;
    });
    core.store.watch<PodObject>('Pod', (e) => this.onPod(e));
  }

  private onPod(e: WatchEvent<PodObject>): void {
    if (e.type === 'DELETED' || !this.enabled) return;
    const pod = e.object;
    const key = `${pod.metadata.uid}`;
    if (pod.metadata.deletionTimestamp) {
      this.later(`${key}/delete`, Math.min(this.options.terminationDelayMs ?? 2000, (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000), pod, () => {
        this.core.api.delete('Pod', pod.metadata.namespace, pod.metadata.name ?? '', { gracePeriodSeconds: 0 });
      });
      return;
    }
    if (!pod.spec?.nodeName) {
      this.later(`${key}/bind`, this.options.scheduleDelayMs ?? 0, pod, () => {
        const node = this.options.nodeFor?.(pod) ?? 'node-1';
        this.core.api.updateWith<PodObject>('Pod', pod.metadata.namespace, pod.metadata.name ?? '', (d) => {
          d.spec = { ...d.spec!, nodeName: node };
          d.status = { ...d.status, phase: 'Pending' };
        });
      });
      return;
    }
    if (pod.status?.phase === 'Pending' || pod.status?.phase === undefined) {
      this.later(`${key}/start`, this.options.startDelayMs ?? 1000, pod, () => this.start(pod));
    }
  }

  private start(pod: PodObject): void {
    const ready = this.options.ready?.(pod) ?? true;
    const n = ++this.ipSeq;
    const now = this.core.clock.rfc3339();
    this.core.api.updateWith<PodObject>('Pod', pod.metadata.namespace, pod.metadata.name ?? '', (d) => {
      d.status = {
        ...d.status,
        phase: 'Running',
        podIP: `192.168.${Math.floor(n / 250)}.${(n % 250) + 1}`,
        startTime: now,
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: now }],
        containerStatuses: (d.spec?.containers ?? []).map((c) => ({ name: c.name, image: c.image ?? '', imageID: '', ready, restartCount: 0 })),
      };
    });
  }

  /** Runs `fn` once after `delayMs` if the pod (same uid) still exists and the kubelet is on. */
  private later(key: string, delayMs: number, pod: PodObject, fn: () => void): void {
    if (this.pending.has(key)) return;
    this.pending.add(key);
    this.core.loop.schedule(delayMs, `fake-kubelet/${key}`, () => {
      this.pending.delete(key);
      const live = this.core.store.get<PodObject>('Pod', pod.metadata.namespace, pod.metadata.name ?? '');
      if (!this.enabled || live?.metadata.uid !== pod.metadata.uid) return;
      fn();
    });
  }

  /** Marks a pod Failed (its containers exited with an error). */
  fail(namespace: string, name: string): void {
    this.core.api.updateWith<PodObject>('Pod', namespace, name, (d) => {
      d.status = { ...d.status, phase: 'Failed', conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: this.core.clock.rfc3339() }] };
    });
  }
}
