/**
 * One run of a container probe against the simulated container: `exec` runs its command in the
 * container, `httpGet` asks the pod's images over HTTP, `tcpSocket` and `grpc` check that something
 * listens on the port. The outcome is what `pkg/probe` returns: a result, the output the events
 * show, and an error for a probe that could not be made (a port name the container does not have).
 *
 * Design: probes take no virtual time (the container's commands and HTTP answers are instant), so
 * `timeoutSeconds` only matters for what never answers or sleeps: an exec command that never ends,
 * or whose sleeps add up to more than the timeout, is a timeout (`command "…" timed out`, failure),
 * a gRPC port nobody listens on waits for the timeout.
 * Approximations, each documented where it is made: a TCP (or gRPC) port "listens" when one of the
 * pod's images answers HTTP on it; a listening gRPC port is taken to serve `grpc.health.v1` and
 * answer SERVING; an HTTP request goes to the pod whatever `host` says.
 * @see kubernetes pkg/kubelet/prober/prober.go runProbe, pkg/probe/exec/exec.go,
 * pkg/probe/http/{http.go,request.go}, pkg/probe/tcp/tcp.go, pkg/probe/grpc/grpc.go, pkg/probe/util.go,
 * pkg/kubelet/container/helpers.go ExpandContainerCommandOnlyStatic
 */
import type { Container, Probe } from 'kubernetes-types/core/v1';
import { DEFAULT_PROBE_TIMEOUT_SECONDS, EXEC_PROBE_MAX_OUTPUT_BYTES } from './defaults.js';
import type { ExecResult } from './exec.js';
import { expand, mappingFuncFor } from './expansion.js';
import type { HttpResponse } from './images.js';
import { formatGoDuration } from './pod-status.js';

/** `probe.Result` of one run. */
export type ProbeStatus = 'success' | 'warning' | 'failure' | 'unknown';

/** What one run of a probe gives: result, output for the event, and the error of a probe that could not be made. */
export interface ProbeOutcome {
  readonly status: ProbeStatus;
  readonly output: string;
  readonly error?: string;
}

/** What a probe reaches of its container and pod. */
export interface ProbeTarget {
  /** The probed container's spec (ports, env). */
  readonly container: Container;
  /** The pod's IP (the probe's default host). */
  readonly podIP: string;
  /** `format.Pod` of the pod, for the missing-handler error. */
  readonly podDesc: string;
  /** Runs a command in the container, as the CRI's `ExecSync` does. */
  exec(argv: readonly string[]): ExecResult;
  /** A request to the pod on `port`: the answer of the container listening there, undefined when none does. */
  http(port: number, path: string): HttpResponse | undefined;
}

/** `net.JoinHostPort`. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * `probe.ResolveContainerPort`: a number as it is, a name through the container's ports (1.33 no
 * longer reads a numeric string as a number); the port or the error text.
 */
export function resolveContainerPort(port: number | string | undefined, container: Container): number | { readonly error: string } {
  let n: number;
  if (typeof port === 'number') n = port;
  else if (typeof port === 'string') {
    const found = (container.ports ?? []).find((p) => p.name === port);
    if (!found) return { error: `port ${JSON.stringify(port)} not found` };
    n = found.containerPort;
  } else return { error: `intOrString had no kind: ${port}` };
  return n > 0 && n < 65536 ? n : { error: `invalid port number: ${n}` };
}

/**
 * `ExpandContainerCommandOnlyStatic`: `$(VAR)` in the exec command from the container's `env`
 * values only (a `valueFrom` entry counts as empty; other names stay as written).
 */
export function expandStaticCommand(command: readonly string[], container: Container): string[] {
  const vars = new Map<string, string>();
  for (const e of container.env ?? []) vars.set(e.name, e.value ?? '');
  const mapping = mappingFuncFor(vars);
  return command.map((arg) => expand(arg, mapping));
}

/** The first `max` bytes of `text` (`ioutils.LimitWriter`). */
function limitBytes(text: string, max: number): string {
  if (text.length * 3 <= max) return text;
  const bytes = Buffer.from(text);
  return bytes.length <= max ? text : bytes.subarray(0, max).toString();
}

/**
 * `execProber.Probe` over the CRI's `ExecSync`: exit 0 succeeds, any other exit fails, stdout and
 * stderr together are the output (stdout first: the model keeps them apart). A command that never
 * ends, or whose sleeps outlast `timeoutSeconds`, times out (`ExecProbeTimeout`, on since 1.20): a
 * failure whose output is the runtime's timeout error.
 */
function execProbe(probe: NonNullable<Probe['exec']>, timeoutSeconds: number, target: ProbeTarget): ProbeOutcome {
  const argv = expandStaticCommand(probe.command ?? [], target.container);
  const r = target.exec(argv);
  if (r.unfinished || (r.elapsedMs ?? 0) > timeoutSeconds * 1000) return { status: 'failure', output: `command ${JSON.stringify(argv.join(' '))} timed out` };
  const output = limitBytes(r.stdout + r.stderr, EXEC_PROBE_MAX_OUTPUT_BYTES);
  return { status: r.exitCode === 0 ? 'success' : 'failure', output };
}

/**
 * `DoHTTPProbe`: 200–299 succeeds with the body, 300–399 is a redirect it does not follow (a
 * warning: success, with a `ProbeWarning` event), anything else fails with the status code only;
 * nothing listening fails with Go's client error.
 */
function httpProbe(probe: NonNullable<Probe['httpGet']>, target: ProbeTarget): ProbeOutcome {
  const port = resolveContainerPort(probe.port, target.container);
  if (typeof port !== 'number') return { status: 'unknown', output: '', error: port.error };
  const scheme = (probe.scheme ?? 'HTTP').toLowerCase();
  const hostPort = joinHostPort(probe.host || target.podIP, port);
  const rawPath = probe.path ?? '';
  const path = rawPath === '' || rawPath.startsWith('/') ? rawPath : `/${rawPath}`;
  const url = `${scheme}://${hostPort}${path}`;
  // Modelled: the request reaches the pod whatever `host` names.
  const res = target.http(port, path.split('?')[0] || '/');
  if (!res) return { status: 'failure', output: `Get ${JSON.stringify(url)}: dial tcp ${hostPort}: connect: connection refused` };
  if (res.status >= 200 && res.status < 400) {
    if (res.status >= 300) return { status: 'warning', output: `Probe terminated redirects, Response body: ${res.body}` };
    return { status: 'success', output: res.body };
  }
  return { status: 'failure', output: `HTTP probe failed with statuscode: ${res.status}` };
}

/** `DoTCPProbe`: the connection opens (modelled: an image answers HTTP on the port) or is refused. */
function tcpProbe(probe: NonNullable<Probe['tcpSocket']>, target: ProbeTarget): ProbeOutcome {
  const port = resolveContainerPort(probe.port, target.container);
  if (typeof port !== 'number') return { status: 'unknown', output: '', error: port.error };
  const addr = joinHostPort(probe.host || target.podIP, port);
  if (target.http(port, '/') === undefined) return { status: 'failure', output: `dial tcp ${addr}: connect: connection refused` };
  return { status: 'success', output: '' };
}

/**
 * `grpcProber.Probe`: the dial blocks until the timeout when nothing listens; a port that listens
 * is taken to implement `grpc.health.v1` and answer SERVING (modelled: images speak no gRPC).
 */
function grpcProbe(probe: NonNullable<Probe['grpc']>, timeoutSeconds: number, target: ProbeTarget): ProbeOutcome {
  const addr = joinHostPort(target.podIP, probe.port);
  if (target.http(probe.port, '/') === undefined) {
    return { status: 'failure', output: `timeout: failed to connect service ${JSON.stringify(addr)} within ${formatGoDuration(timeoutSeconds * 1000)}: context deadline exceeded` };
  }
  return { status: 'success', output: 'service healthy' };
}

/** `runProbe`: runs the probe's handler once. */
export function runProbe(probe: Probe, target: ProbeTarget): ProbeOutcome {
  if (probe.exec) return execProbe(probe.exec, probe.timeoutSeconds ?? DEFAULT_PROBE_TIMEOUT_SECONDS, target);
  if (probe.httpGet) return httpProbe(probe.httpGet, target);
  if (probe.tcpSocket) return tcpProbe(probe.tcpSocket, target);
  if (probe.grpc) return grpcProbe(probe.grpc, probe.timeoutSeconds ?? DEFAULT_PROBE_TIMEOUT_SECONDS, target);
  return { status: 'unknown', output: '', error: `missing probe handler for ${target.podDesc}:${target.container.name}` };
}
