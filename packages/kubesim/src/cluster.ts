/**
 * `createCluster`: one simulated Kubernetes-on-AWS cluster with the faces users know — kubectl
 * and aws command lines — and a typed API beside them. Composes the kernel, workloads, storage
 * and scheduler packages; time moves only through `advance`, `kubectl wait`/`rollout status` and
 * explicit API calls.
 */
import {
  CoreCluster,
  type CoreEvent,
  type HttpResponse,
  type ImageBehaviour,
  type KubeObject,
  parseDuration,
  type TraceRecord,
  type WatchEvent,
} from '@kubesim/core';
import { runAws } from './aws/index.js';
import { splitShellWords, ShellSyntaxError } from './cli/shell-words.js';
import { type KubectlOptions, runKubectl } from './kubectl/index.js';
import { type ClusterOptions, type ResolvedClusterOptions, resolveClusterOptions } from './options.js';
import { compose, type Components } from './compose.js';
import { diagnosePod, type Diagnosis } from './diagnose/diagnose.js';
import type { LocalFiles } from './kubectl/local-files.js';
import { TypedApi } from './typed-api.js';

/** What a command line prints. */
export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  /** For `kubectl port-forward`: what a browser on the forwarded port shows. */
  readonly browser?: string;
}

/** Which events `events()` returns: every named field must match. */
export interface EventFilter {
  readonly reason?: string;
  readonly type?: 'Normal' | 'Warning';
  /** Kind of the involved object (`Pod`). */
  readonly kind?: string;
  /** Name of the involved object. */
  readonly name?: string;
  readonly namespace?: string;
}

/** One simulated cluster. */
export class Cluster extends TypedApi {
  /** The options with defaults filled in (printed with the seed when a simulation fails). */
  readonly options: ResolvedClusterOptions;
  /** The packages' handles, for tests that need to reach below the contract. */
  readonly components: Components;

  constructor(options: ClusterOptions = {}) {
    const resolved = resolveClusterOptions(options);
    const core = new CoreCluster({ seed: resolved.seed, startInstant: resolved.startInstant, eventTtlMs: resolved.eventTtlMs });
    super(core);
    this.options = resolved;
    this.components = compose(core, resolved);
    core.loop.settle();
  }

  /**
   * The workstation kubectl reads and `kubectl cp` writes: the hermetic `files` the cluster was
   * given (read back what `kubectl cp pod:/x out` wrote with `files.readFile('out')`), or the disk.
   */
  get files(): LocalFiles {
    return this.components.kubectlContext.files as LocalFiles;
  }

  /** The seed every random stream derives from. */
  get seed(): number {
    return this.options.seed;
  }

  /**
   * Runs one kubectl command line (without the leading `kubectl`). `stdin` is what kubectl reads
   * from standard input; `editor` is what `kubectl edit` runs on its temporary file.
   */
  kubectl(line: string, options: KubectlOptions = {}): CommandResult {
    const argv = this.split(line, 'kubectl');
    if (!Array.isArray(argv)) return argv;
    if (argv[0] === 'kubectl') argv.shift();
    this.core.loop.record('call', `kubectl ${line}`);
    const result = runKubectl(this.components.kubectlContext, argv, options);
    this.core.loop.settle();
    return result;
  }

  /** Runs one AWS CLI command line (without the leading `aws`). */
  aws(line: string): CommandResult {
    const argv = this.split(line, 'aws');
    if (!Array.isArray(argv)) return argv;
    if (argv[0] === 'aws') argv.shift();
    this.core.loop.record('call', `aws ${line}`);
    const result = runAws(this.components.awsContext, argv);
    this.core.loop.settle();
    return result;
  }

  private split(line: string, program: string): string[] | CommandResult {
    try {
      return splitShellWords(line);
    } catch (e) {
      if (e instanceof ShellSyntaxError) return { stdout: '', stderr: `${program}: ${e.message}\n`, exitCode: 2 };
      throw e;
    }
  }

  /** Runs every event due in the next `duration` (`'90s'`, `'5m'`, or ms). */
  advance(duration: string | number): void {
    const ms = parseDuration(duration);
    this.core.loop.record('call', `advance ${ms}ms`);
    this.core.loop.advance(ms);
  }

  /** Virtual ms since the cluster started. */
  now(): number {
    return this.core.now();
  }

  /**
   * What an HTTP GET on a pod's port returns (what a browser behind `kubectl port-forward`
   * shows). Status 0 means nothing listens on that port.
   */
  http(pod: KubeObject | string, port: number, path = '/', namespace = 'default'): HttpResponse {
    const name = typeof pod === 'string' ? pod : (pod.metadata.name ?? '');
    const ns = typeof pod === 'string' ? namespace : (pod.metadata.namespace ?? namespace);
    return this.components.workloads.http(ns, name, port, path);
  }

  /** Registers what containers of an image do (`errm/randserver` is built in). */
  registerImage(name: string, behaviour: ImageBehaviour): void {
    this.components.workloads.registerImage(name, behaviour);
  }

  /** Why a pod is not Running: a causal chain across scheduler, claims, volumes and attachments. */
  diagnose(pod: KubeObject | string, namespace = 'default'): Diagnosis {
    const obj = typeof pod === 'string' ? this.core.store.get('Pod', namespace, pod) : pod;
    if (!obj) throw this.core.api.notFound('Pod', typeof pod === 'string' ? pod : '');
    return diagnosePod(this.components, obj);
  }

  /**
   * Recorded events, oldest first (by last occurrence, then write order). Given an object: the
   * events about it; given a filter: the events matching every field it names.
   */
  events(about?: KubeObject | EventFilter): CoreEvent[] {
    if (about && 'metadata' in about && 'kind' in about) return this.core.recorder.eventsFor(about as KubeObject);
    const f = (about ?? {}) as EventFilter;
    // By last occurrence, then by write order (resourceVersion), as `kubectl events` shows them.
    const rv = (e: CoreEvent) => Number(e.metadata.resourceVersion);
    return this.core.store
      .list<CoreEvent>('Event', f.namespace)
      .filter(
        (e) =>
          (f.reason === undefined || e.reason === f.reason) &&
          (f.type === undefined || e.type === f.type) &&
          (f.kind === undefined || e.involvedObject.kind === f.kind) &&
          (f.name === undefined || e.involvedObject.name === f.name),
      )
      .sort((a, b) => (a.lastTimestamp < b.lastTimestamp ? -1 : a.lastTimestamp > b.lastTimestamp ? 1 : rv(a) - rv(b)));
  }

  /** Watches one kind (`'Pod'`) or every kind (`'*'`). Returns the unsubscribe function. */
  on(kind: string, handler: (event: WatchEvent) => void): () => void {
    return kind === '*' ? this.core.store.watchAll(handler) : this.core.store.watch(kind, handler);
  }

  /** The trace records kept in memory, oldest first. */
  trace(): readonly TraceRecord[] {
    return this.core.trace.list();
  }

  /** A stable digest of the whole history. */
  fingerprint(): string {
    return this.core.fingerprint();
  }

  /** Fault injection: instances, zones, kubelets, EBS API. */
  get faults(): Components['faults'] {
    return this.components.faults;
  }
}

/** Creates a cluster. Same seed and same calls give the same history. */
export function createCluster(options: ClusterOptions = {}): Cluster {
  return new Cluster(options);
}
