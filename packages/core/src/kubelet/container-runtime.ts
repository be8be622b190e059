/**
 * The container runtime of one node (containerd's role): image cache, containers with their
 * filesystems, processes driven by image behaviours, logs, and exits on their own schedule.
 *
 * Design: containers live independently of the kubelet: a crashed kubelet leaves them running,
 * a stopped instance kills them all. Exits are reported to a listener (the kubelet), which may
 * be silent; the kubelet reconciles from `containersOf` when it comes back.
 * @see containerd CRI plugin; kubernetes pkg/kubelet/kuberuntime/kuberuntime_container.go
 */
import type { ClusterDns } from '../controllers/endpoints/cluster-dns.js';
import { type ExecEnv, runCommand } from './exec.js';
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { EventLoop } from '../sim/loop.js';
import type { QueuedEvent } from '../sim/queue.js';
import { fnv32a, type Rng } from '../sim/rng.js';
import { ContainerFilesystem, type ContainerMount, newRootFilesystem } from './container-fs.js';
import { type ContainerContext, fullImageReference, type ImageBehaviour, type ImageRegistry, normalizeImage } from './images.js';
import type { PodNetwork } from './pod-network.js';

/** One container instance (a restart makes a new one). */
/** A container instance's log: its lines and, in parallel, the virtual ms each was written. */
export interface ContainerLog {
  readonly lines: readonly string[];
  readonly atMs: readonly number[];
  /** The last line did not end with a newline (the process ended in the middle of one). */
  partialLast?: boolean;
}

export interface RuntimeContainer {
  readonly id: string;
  readonly podUid: string;
  readonly name: string;
  readonly imageRef: string;
  readonly imageID: string;
  readonly startedAtMs: number;
  readonly fs: ContainerFilesystem;
  readonly behaviour: ImageBehaviour;
  readonly ctx: ContainerContext;
  running: boolean;
  finishedAtMs?: number;
  exitCode?: number;
  reason?: string;
  /** The runtime's message for a container that ended without running (`StartError`). */
  message?: string;
  /** The process never started: the CRI reports the Unix epoch as its start. */
  neverStarted?: boolean;
  exitTimer?: QueuedEvent;
  /** The process's handler of signals, when it registered one. */
  signalHandler?: (signal: string) => void;
  /** The process's reader of an attached client's standard input, when it reads one. */
  stdinHandler?: (text: string) => void;
}

/** Called when a container's process exits by itself or is killed. */
export type ExitListener = (container: RuntimeContainer) => void;

/** Digests already derived, by image name (every container start asks again). */
const digests = new Map<string, string>();

/** `sha256:` digest-like id derived from a name (stable per image). */
function pseudoDigest(text: string): string {
  const hit = digests.get(text);
  if (hit !== undefined) return hit;
  let out = '';
  for (let i = 0; out.length < 64; i++) out += fnv32a(`${text}#${i}`).toString(16).padStart(8, '0');
  const digest = out.slice(0, 64);
  if (digests.size < 4096) digests.set(text, digest);
  return digest;
}

/** The runtime of one node. */
export class ContainerRuntime {
  private readonly images = new Set<string>();
  private readonly containers = new Map<string, RuntimeContainer[]>();
  private readonly logs = new Map<string, ContainerLog>();
  listener: ExitListener = () => {};

  constructor(
    private readonly loop: EventLoop,
    private readonly rng: Rng,
    private readonly registry: ImageRegistry,
    /** Cluster DNS, for the commands containers run (`nslookup`). */
    private readonly dns: ClusterDns,
    /** The pod network, for the commands containers run (`wget`). */
    private readonly network?: PodNetwork,
  ) {}

  /** Whether the image is in the node's cache. */
  hasImage(image: string): boolean {
    return this.images.has(normalizeImage(image));
  }

  /** Puts an image in the cache (after a pull). */
  addImage(image: string): void {
    this.images.add(normalizeImage(image));
  }

  /** The behaviour of an image. */
  behaviourOf(image: string): ImageBehaviour {
    return this.registry.get(image);
  }

  /** Every instance of a container, oldest first. */
  instances(podUid: string, name: string): readonly RuntimeContainer[] {
    return this.containers.get(`${podUid}/${name}`) ?? [];
  }

  /** The newest instance of a container. */
  latest(podUid: string, name: string): RuntimeContainer | undefined {
    const list = this.containers.get(`${podUid}/${name}`);
    return list?.[list.length - 1];
  }

  /** Log lines of the newest instance (`previous`: the one before), with the virtual ms each was written. */
  logsOf(podUid: string, name: string, previous = false): ContainerLog | undefined {
    const list = this.containers.get(`${podUid}/${name}`) ?? [];
    const c = list[list.length - (previous ? 2 : 1)];
    return c ? (this.logs.get(c.id) ?? { lines: [], atMs: [] }) : undefined;
  }

  /**
   * Creates and starts a container with the environment `env` (as the kubelet built it); its image
   * behaviour decides whether and when it exits.
   */
  start(
    pod: Pod,
    container: Container,
    mounts: readonly ContainerMount[],
    hostname: string,
    env: Readonly<Record<string, string>> = {},
    /** Files the kubelet and runtime manage in the root (`etc/hosts`, `etc/resolv.conf`). */
    managedFiles: Readonly<Record<string, string>> = {},
  ): RuntimeContainer {
    const podUid = pod.metadata?.uid ?? '';
    const behaviour = this.registry.get(container.image ?? '');
    const rootReadOnly = container.securityContext?.readOnlyRootFilesystem === true;
    const root = newRootFilesystem(hostname);
    for (const [path, text] of Object.entries(managedFiles)) root.writeFile(path, text);
    for (const dir of behaviour.directories ?? []) root.mkdir(dir);
    const fs = new ContainerFilesystem(root, rootReadOnly, mounts);
    const id = this.rng.hex(64);
    const lines: string[] = [];
    const atMs: number[] = [];
    const log: ContainerLog = { lines, atMs };
    this.logs.set(id, log);
    const loop = this.loop;
    // `$RANDOM` draws from the container's own stream: a script's draws shift no other random value.
    const shellRng = this.rng.fork(`shell/${id}`);
    const exec: ExecEnv = {
      fs,
      hostname,
      namespace: pod.metadata?.namespace ?? 'default',
      dns: this.dns,
      env,
      nowMs: () => loop.clock.startEpochMs + loop.clock.now(),
      random: () => shellRng.int(0, 0xffffffff),
      network: this.network,
      pod: { namespace: pod.metadata?.namespace ?? 'default', name: pod.metadata?.name ?? '' },
      image: normalizeImage(container.image ?? ''),
      ...(behaviour.programs ? { programs: behaviour.programs } : {}),
    };
    const ctx: ContainerContext = {
      fs,
      rng: this.rng,
      pod,
      container,
      hostname,
      env,
      log: (line, options) => {
        log.partialLast = options?.partial === true;
        lines.push(line);
        atMs.push(loop.clock.now());
      },
      now: () => loop.clock.rfc3339().replace('T', ' ').replace('Z', '').replaceAll('-', '/'),
      run: (argv) => runCommand(exec, argv),
      exec,
      after: (ms, fn) => {
        loop.schedule(ms, `runtime/process ${podUid}/${container.name}`, () => {
          if (c.running) fn();
        });
      },
      exit: (exitCode) => this.exit(c, exitCode),
      onSignal: (handler) => {
        c.signalHandler = handler;
      },
      onStdin: (handler) => {
        c.stdinHandler = handler;
      },
    };
    const imageRef = fullImageReference(container.image ?? '');
    const c: RuntimeContainer = {
      id,
      podUid,
      name: container.name,
      imageRef,
      imageID: `${imageRef.replace(/:[^/:]*$/, '')}@sha256:${pseudoDigest(normalizeImage(container.image ?? ''))}`,
      startedAtMs: loop.clock.now(),
      fs,
      behaviour,
      ctx,
      running: true,
    };
    const key = `${podUid}/${container.name}`;
    const list = this.containers.get(key) ?? [];
    // Keep the current and previous instance only (kubectl logs --previous).
    if (list.length >= 2) this.logs.delete((list.shift() as RuntimeContainer).id);
    list.push(c);
    this.containers.set(key, list);
    const outcome = behaviour.start(ctx);
    if (outcome.kind === 'exit') {
      c.exitTimer = loop.schedule(outcome.afterMs, `runtime/exit ${key}`, () => this.exit(c, outcome.exitCode));
    } else if (outcome.kind === 'startError') {
      // StartContainer failed: the container is exited (128, StartError) without ever running.
      c.message = outcome.message;
      c.neverStarted = true;
      c.exitTimer = loop.schedule(0, `runtime/exit ${key}`, () => this.exit(c, 128, 'StartError'));
    }
    return c;
  }

  /** Ends a container's process with an exit code; reason `Completed` for 0, else `Error`. */
  exit(c: RuntimeContainer, exitCode: number, reason?: string): void {
    if (!c.running) return;
    this.loop.cancel(c.exitTimer);
    c.running = false;
    c.exitCode = exitCode;
    c.reason = reason ?? (exitCode === 0 ? 'Completed' : 'Error');
    c.finishedAtMs = this.loop.clock.now();
    this.listener(c);
  }

  /** Sends a signal to a running container's process (its handler, if it registered one). */
  signal(c: RuntimeContainer, name: string): void {
    if (c.running) c.signalHandler?.(name);
  }

  /**
   * An attached client's standard input (`kubectl run -i`, `kubectl attach -i`): all of `text`,
   * then end of file, to a running process that reads it; others never see it.
   */
  attachStdin(c: RuntimeContainer, text: string): void {
    const handler = c.stdinHandler;
    if (!c.running || !handler) return;
    // stdinOnce: one client, one stream.
    c.stdinHandler = undefined;
    handler(text);
  }

  /** SIGTERM: the process exits after its image's `sigtermExitMs`; undefined = it ignores SIGTERM. */
  stopDelayMs(c: RuntimeContainer): number | undefined {
    return c.behaviour.sigtermExitMs;
  }

  /** Removes a pod's containers and logs (pod deleted). */
  removePod(podUid: string, names: readonly string[]): void {
    for (const name of names) {
      const key = `${podUid}/${name}`;
      for (const c of this.containers.get(key) ?? []) {
        this.loop.cancel(c.exitTimer);
        c.running = false;
        this.logs.delete(c.id);
      }
      this.containers.delete(key);
    }
  }

  /** Instance power-off: every process dies without a trace (exit 255, reason Unknown, no listener call). */
  killAll(): void {
    for (const list of this.containers.values()) {
      for (const c of list) {
        if (!c.running) continue;
        this.loop.cancel(c.exitTimer);
        c.running = false;
        c.exitCode = 255;
        c.reason = 'Unknown';
        c.finishedAtMs = this.loop.clock.now();
      }
    }
  }

  /** Random draws of the runtime stream (pull latencies). */
  draw(range: { readonly min: number; readonly max: number }): number {
    return this.rng.int(range.min, range.max);
  }
}
