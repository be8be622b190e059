/**
 * The core of one simulated cluster: virtual clock, event loop, seeded RNG streams, trace,
 * object store, API server, event recorder and the garbage collector, with the objects the API
 * server bootstraps (the initial namespaces, the system PriorityClasses). Other packages register
 * their controllers, strategies and admission plugins into it.
 */
import type { CloudProvider } from '../cloud/provider.js';
import { registerBuiltinStrategies } from '../api/builtin-strategies.js';
import { KindRegistry } from '../api/kinds.js';
import { ApiServer } from '../api/server.js';
import { StrategyRegistry } from '../api/strategy.js';
import { GarbageCollector } from '../controllers/garbage-collector/garbage-collector.js';
import { EventRecorder } from '../events/recorder.js';
import { VolumePluginRegistry } from '../kubelet/volume-plugin.js';
import { DEFAULT_START_INSTANT, VirtualClock } from '../sim/clock.js';
import { EventLoop } from '../sim/loop.js';
import { Rng } from '../sim/rng.js';
import { TraceRecorder } from '../sim/trace.js';
import { ObjectStore } from '../store/store.js';
import { NAMESPACE_NAME_LABEL } from '../api/defaults/core.js';
import { addSystemPriorityClasses, SYSTEM_PRIORITY_CLASSES_HOOK } from './system-priority-classes.js';

/** Options of the kernel. */
export interface CoreOptions {
  /** Seed of every random stream (default 1). */
  readonly seed?: number;
  /** RFC 3339 instant of virtual time zero (default 2026-01-01T00:00:00Z). */
  readonly startInstant?: string;
  /**
   * kube-apiserver `--event-ttl` in ms: an Event is deleted this long after its last write
   * (upstream's default is `DEFAULT_EVENT_TTL_MS`, one hour). Unset, Events are kept: kubesim's
   * storage scenarios read a stuck pod's one Multi-Attach event after hours of virtual time.
   */
  readonly eventTtlMs?: number;
}

/** Namespaces every cluster starts with. */
export const INITIAL_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'] as const;

/** The kernel of a cluster. */
export class CoreCluster {
  readonly seed: number;
  readonly clock: VirtualClock;
  readonly trace: TraceRecorder;
  readonly loop: EventLoop;
  readonly rng: Rng;
  readonly kinds: KindRegistry;
  readonly store: ObjectStore;
  readonly strategies: StrategyRegistry;
  readonly api: ApiServer;
  readonly recorder: EventRecorder;
  readonly gc: GarbageCollector;
  /** The cloud model; set by `installWorkloads` (core/src/cluster/install-workloads.ts). */
  cloud?: CloudProvider;
  /** Kubelet volume plugins (storage registers EBS and EFS here). */
  readonly volumes = new VolumePluginRegistry();

  constructor(options: CoreOptions = {}) {
    this.seed = options.seed ?? 1;
    this.clock = new VirtualClock(options.startInstant ?? DEFAULT_START_INSTANT);
    this.trace = new TraceRecorder();
    this.loop = new EventLoop(this.clock, this.trace);
    this.rng = new Rng(this.seed);
    this.kinds = new KindRegistry();
    this.store = new ObjectStore(this.kinds, this.loop, this.rng.fork('apiserver'));
    if (options.eventTtlMs !== undefined) this.store.expireAfterWrite('Event', options.eventTtlMs);
    this.strategies = new StrategyRegistry();
    this.api = new ApiServer(this.store, this.strategies);
    registerBuiltinStrategies(this.strategies, this.api, this.rng);
    this.recorder = new EventRecorder(this.store);
    this.gc = new GarbageCollector(this.api, this.store, this.loop);
    for (const name of INITIAL_NAMESPACES) {
      // As the API server's defaults leave them (the name label, the kubernetes finalizer, Active).
      this.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { [NAMESPACE_NAME_LABEL]: name } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    }
    addSystemPriorityClasses(this.api, this.kinds, this.rng.fork(SYSTEM_PRIORITY_CLASSES_HOOK));
    this.loop.settle();
  }

  /** Virtual ms since start. */
  now(): number {
    return this.clock.now();
  }

  /** Digest of the whole trace. */
  fingerprint(): string {
    return this.trace.fingerprint();
  }
}
