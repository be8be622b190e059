/**
 * Image behaviours: what a container of an image does when it starts, answers over HTTP and
 * prints. `errm/randserver` is built in; users register their own with `registerImage`.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { Rng } from '../sim/rng.js';
import { type ContainerFilesystem, FsError } from './container-fs.js';
import type { ExecEnv, ExecResult } from './exec.js';
import { runShellProcess } from './shell-process.js';

/** How a started process goes: keeps running, or exits after a while. */
export type ProcessOutcome =
  | { readonly kind: 'running' }
  | { readonly kind: 'exit'; readonly exitCode: number; readonly afterMs: number }
  /** The runtime could not start the process (its program is not in the image): the CRI's error. */
  | { readonly kind: 'startError'; readonly message: string };

/** An HTTP answer. */
export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

/** What an image's process sees. */
export interface ContainerContext {
  readonly fs: ContainerFilesystem;
  /** The container runtime's RNG stream (per node). */
  readonly rng: Rng;
  readonly pod: Pod;
  readonly container: Container;
  readonly hostname: string;
  /** The process's environment, in the order the kubelet built it (the container's `env`, its image's defaults). */
  readonly env: Readonly<Record<string, string>>;
  /** Appends a line to the container log. */
  log(line: string, options?: { readonly partial?: boolean }): void;
  /** Now as Go's `log` package prefixes lines (`2026/01/01 00:00:02`). */
  now(): string;
  /** Runs a command in the container, as `kubectl exec` does. */
  run(argv: readonly string[]): ExecResult;
  /** What commands in the container see (files, environment, clock, DNS). */
  readonly exec: ExecEnv;
  /** Runs `fn` after `ms` of virtual time if this container instance still runs then. */
  after(ms: number, fn: () => void): void;
  /** Ends the process with an exit code (for a process that returned `running` and finishes later). */
  exit(exitCode: number): void;
  /** Registers the handler of the signals the container's process gets (`TERM` when the kubelet stops it). */
  onSignal(handler: (signal: string) => void): void;
  /** Registers the reader of what an attached client sends to the container's standard input (`stdin: true`). */
  onStdin?(handler: (text: string) => void): void;
}

/** A program an image ships: its arguments (without the program's name) → its output and status. */
export type ImageProgram = (args: readonly string[]) => { readonly stdout: string; readonly stderr: string; readonly exitCode: number };

/** The behaviour of an image. */
export interface ImageBehaviour {
  /** Image size in bytes, as the `Pulled` event reports. */
  readonly sizeBytes?: number;
  /** Directories the image ships (created in every container's root filesystem). */
  readonly directories?: readonly string[];
  /**
   * ms the process needs to exit after the stop signal (SIGTERM, or the image's STOPSIGNAL);
   * undefined: it ignores it (killed when the grace period ends).
   */
  readonly sigtermExitMs?: number;
  /** Exit code when it exits on the stop signal (default 143: killed by SIGTERM). */
  readonly stopExitCode?: number;
  /**
   * Programs the image ships beyond busybox's, by file name (`grpc-health-probe` for
   * `/app/grpc-health-probe`): what `kubectl exec`, exec probes and the container's scripts run.
   */
  readonly programs?: Readonly<Record<string, ImageProgram>>;
  start(ctx: ContainerContext): ProcessOutcome;
  /** Answers a request on a port; undefined = connection refused. */
  http?(ctx: ContainerContext, port: number, path: string): HttpResponse | undefined;
}

/** `docker.io/library/x:latest` → `x`, `docker.io/errm/randserver:latest` → `errm/randserver`. */
export function normalizeImage(image: string): string {
  let name = image.replace(/^docker\.io\//, '').replace(/^library\//, '');
  if (name.endsWith(':latest')) name = name.slice(0, -':latest'.length);
  return name;
}

/** Full image reference as containerd reports it in `containerStatuses[].image`. */
export function fullImageReference(image: string): string {
  const hasRegistry = /^[^/]+[.:][^/]*\//.test(image) || image.startsWith('localhost/');
  let ref = hasRegistry ? image : `docker.io/${image.includes('/') ? image : `library/${image}`}`;
  const last = ref.split('/').pop() ?? '';
  if (!last.includes(':') && !last.includes('@')) ref += ':latest';
  return ref;
}

/** Random file names randserver writes (modelled: 12 lowercase alphanumerics). */
const RANDSERVER_NAME_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** randserver's port. */
export const RANDSERVER_PORT = 3000;

/** Go `http.FileServer` directory listing (net/http fs.go `dirList`). */
export function goDirList(names: readonly string[]): string {
  const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&#34;');
  const rows = names.map((n) => `<a href="${esc(encodeURIComponent(n))}">${esc(n)}</a>\n`).join('');
  return `<!doctype html>\n<meta name="viewport" content="width=device-width">\n<pre>\n${rows}</pre>\n`;
}

/**
 * `errm/randserver`: writes one randomly named file into /data, then serves a listing of /data on
 * port 3000. When /data cannot be written it logs the error and exits 1 (→ CrashLoopBackOff).
 */
export const RANDSERVER: ImageBehaviour = {
  sizeBytes: 3_462_104,
  sigtermExitMs: 0,
  directories: ['/data'],
  start(ctx) {
    const name = ctx.rng.string(RANDSERVER_NAME_ALPHABET, 12);
    try {
      ctx.fs.writeFile(`/data/${name}`, `${name}\n`);
    } catch (e) {
      const text = e instanceof FsError ? e.message : String(e);
      ctx.log(`${ctx.now()} open /data/${name}: ${text.toLowerCase()}`);
      return { kind: 'exit', exitCode: 1, afterMs: 20 };
    }
    ctx.log(`${ctx.now()} wrote /data/${name}`);
    ctx.log(`${ctx.now()} listening on :${RANDSERVER_PORT}`);
    return { kind: 'running' };
  },
  http(ctx, port, path) {
    if (port !== RANDSERVER_PORT) return undefined;
    const dir = `/data/${path.replace(/^\/+/, '')}`;
    if (!ctx.fs.exists(dir)) return { status: 404, body: '404 page not found\n' };
    if (!ctx.fs.isDirectory(dir)) return { status: 200, body: ctx.fs.readFile(dir) };
    return { status: 200, body: goDirList(ctx.fs.list(dir)) };
  },
};

/** nginx's port. */
export const NGINX_PORT = 80;

/** The page nginx's default server answers `/` with (`/usr/share/nginx/html/index.html`). */
export const NGINX_WELCOME_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** The official image's entrypoint lines before nginx starts (docker-entrypoint.sh). */
const NGINX_ENTRYPOINT_LOG = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];

/**
 * The official `nginx` image without a command of its own: serves the welcome page on port 80
 * (404 elsewhere, with the body nginx writes when it does not show its version), and stops
 * gracefully on its STOPSIGNAL (SIGQUIT) at once, exiting 0.
 * @remarks nginx's own `[notice]` start-up lines name its version; they are not modelled.
 */
export const NGINX: ImageBehaviour = {
  // As the kubelet reported `nginx` (latest) in May 2025.
  sizeBytes: 72_402_122,
  sigtermExitMs: 0,
  stopExitCode: 0,
  start(ctx) {
    if (containerCommand(ctx.container, [], []).length > 0) return DEFAULT_IMAGE.start(ctx);
    for (const line of NGINX_ENTRYPOINT_LOG) ctx.log(line);
    return { kind: 'running' };
  },
  http(_ctx, port, path) {
    if (port !== NGINX_PORT) return undefined;
    if (path === '/' || path === '' || path === '/index.html') return { status: 200, body: NGINX_WELCOME_PAGE };
    return { status: 404, body: '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n' };
  },
};

/**
 * Any other image: its own command runs as busybox would run it (`shell-process.ts`: scripts with
 * their loops and sleeps, output to the log, writes into volumes, `exit N`); without one, its
 * entrypoint is unknown, and like a program kubesim does not know it runs until stopped. It
 * ignores SIGTERM (a shell or `sleep` as PID 1 does).
 */
export const DEFAULT_IMAGE: ImageBehaviour = {
  sizeBytes: 2_150_000,
  start(ctx) {
    return runShellProcess(ctx, containerCommand(ctx.container, [], []));
  },
};

/**
 * The command a container runs, as the runtime builds it from the pod spec and the image:
 * `command` replaces the image's ENTRYPOINT and drops its CMD; `args` alone replace the CMD.
 * @see https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#notes
 */
export function containerCommand(container: Container, entrypoint: readonly string[], cmd: readonly string[]): string[] {
  if (container.command?.length) return [...container.command, ...(container.args ?? [])];
  if (container.args?.length) return [...entrypoint, ...container.args];
  return [...entrypoint, ...cmd];
}

/**
 * An image whose default command is a shell (no ENTRYPOINT, CMD `sh`/`bash`): busybox, alpine,
 * debian and the like. Its own command runs as `DEFAULT_IMAGE` runs one. Without one, the shell
 * reads its script from standard input: with `stdin: true` that stays open and the shell waits
 * (Running); otherwise it is empty and the shell exits 0 at once, so a pod that restarts it goes
 * into CrashLoopBackOff, as `kubectl run bb --image=busybox` does.
 */
export function shellImage(cmd: readonly string[]): ImageBehaviour {
  return {
    sizeBytes: DEFAULT_IMAGE.sizeBytes,
    start(ctx) {
      const argv = containerCommand(ctx.container, [], cmd);
      const bareShell = argv.length === 1 && /(^|\/)(ba)?sh$/.test(argv[0]);
      if (bareShell && ctx.container.stdin) {
        // The shell waits for its script on standard input: an attached client's text, then end of file.
        ctx.onStdin?.((text) => {
          const outcome = runShellProcess(ctx, argv, text);
          if (outcome.kind === 'exit') ctx.after(outcome.afterMs, () => ctx.exit(outcome.exitCode));
        });
        return { kind: 'running' };
      }
      return runShellProcess(ctx, argv);
    },
  };
}

/**
 * `curlimages/curl`: its entrypoint runs the command, `curl` when the first argument is an option
 * (`args: [-s, http://web]`), so `kubectl run c --image=curlimages/curl -- -s http://web` fetches.
 * @see https://github.com/curl/curl-container (entrypoint.sh)
 */
export const CURL_IMAGE: ImageBehaviour = {
  sizeBytes: 11_800_000,
  start(ctx) {
    const argv = containerCommand(ctx.container, [], ['curl']);
    return runShellProcess(ctx, argv[0]?.startsWith('-') && !ctx.container.command?.length ? ['curl', ...argv] : argv);
  },
};

/** The default command (CMD) of the shell images kubesim knows, as their Dockerfiles set it. */
const SHELL_IMAGES: readonly (readonly [string, readonly string[]])[] = [
  ['busybox', ['sh']],
  ['alpine', ['/bin/sh']],
  ['debian', ['bash']],
  ['ubuntu', ['/bin/bash']],
  ['centos', ['/bin/bash']],
  ['amazonlinux', ['/bin/bash']],
  ['public.ecr.aws/amazonlinux/amazonlinux', ['/bin/bash']],
  ['public.ecr.aws/docker/library/busybox', ['sh']],
  // The Kubernetes docs' busybox (the probe examples use registry.k8s.io/busybox:1.27.2).
  ['registry.k8s.io/busybox', ['sh']],
  ['public.ecr.aws/docker/library/alpine', ['/bin/sh']],
];

/** Image behaviours by normalised name. */
export class ImageRegistry {
  private readonly behaviours = new Map<string, ImageBehaviour>([
    ['errm/randserver', RANDSERVER],
    ['nginx', NGINX],
    ['curlimages/curl', CURL_IMAGE],
    ...SHELL_IMAGES.map(([name, cmd]) => [name, shellImage(cmd)] as const),
  ]);

  /** Registers (or replaces) the behaviour of an image (any tag-less or `:latest` spelling). */
  register(name: string, behaviour: ImageBehaviour): void {
    this.behaviours.set(normalizeImage(name), behaviour);
  }

  /** The behaviour of an image: exact name with tag first, then without tag, else the default. */
  get(image: string): ImageBehaviour {
    const n = normalizeImage(image);
    return this.behaviours.get(n) ?? this.behaviours.get(n.replace(/[:@][^/]*$/, '')) ?? DEFAULT_IMAGE;
  }
}
