/**
 * Talking to containers: `kubectl exec`, `logs`, `port-forward`, through the context's hooks.
 * `deployment/x` and `statefulset/x` resolve to a pod as kubectl's `AttachablePodForObject` does.
 * @see kubectl pkg/cmd/exec/exec.go, pkg/cmd/logs/logs.go, pkg/cmd/portforward/portforward.go
 */
import { type LogsOptions, parseDuration } from '@kubesim/core';
import type { Command, Invocation } from '../command.js';
import type { ExecResult } from '../context.js';
import { containerStatusByName, TTY_UNAVAILABLE } from './attach-run.js';
import { clientError, KubectlError, usageErrorf } from '../errors.js';
import { labelSelectorMatcher, parseLabelSelector } from '../selectors.js';
import type { Pod, Service, Workload } from '../types.js';
import { resolveType } from '../resources.js';

/**
 * The pod `ref` names (`pod`, `pod/x`, `deploy/x`, `sts/x`, `svc/x`), or the first pod of a workload or Service (`GetFirstPod`); `onMany` hears
 * how many pods there were when more than one (`kubectl logs` says so on stderr).
 */
export function podFor(inv: Invocation, ref: string, onMany?: (count: number, pod: Pod) => void): Pod {
  const core = inv.ctx.core;
  if (!ref.includes('/')) return core.api.mustGet<Pod>('Pod', inv.namespace, ref);
  const [type, name] = [ref.slice(0, ref.indexOf('/')), ref.slice(ref.indexOf('/') + 1)];
  const info = resolveType(inv.ctx, type);
  if (info.kind === 'Pod') return core.api.mustGet<Pod>('Pod', inv.namespace, name);
  const owner = core.api.mustGet<Workload>(info.kind, inv.namespace, name);
  const selector =
    info.kind === 'Service'
      ? { matchLabels: (owner.spec as { selector?: Record<string, string> } | undefined)?.selector ?? {} }
      : owner.spec?.selector;
  const match = labelSelectorMatcher(selector);
  const pods = core.store.list<Pod>('Pod', inv.namespace).filter((p) => match(p.metadata.labels) && !p.metadata.deletionTimestamp);
  const rank = (p: Pod) => (p.status?.phase === 'Running' ? 0 : p.status?.phase === 'Pending' ? 1 : 2);
  pods.sort((a, b) => rank(a) - rank(b) || (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
  if (pods.length === 0) throw clientError(`timed out waiting for the condition`);
  if (pods.length > 1) onMany?.(pods.length, pods[0]);
  return pods[0];
}

/** The pod's container names as kubectl lists them: regular, then ephemeral `(ephem)`, then init `(init)` (podcmd `allContainerNames`). */
function allContainerNames(pod: Pod): string {
  const spec = pod.spec;
  return [
    ...(spec?.containers ?? []).map((c) => c.name),
    ...(spec?.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
    ...(spec?.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ');
}

/** `FindContainerByName`: a regular, init or ephemeral container of that name. */
function hasContainer(pod: Pod, name: string): boolean {
  const spec = pod.spec;
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? []), ...(spec?.ephemeralContainers ?? [])].some((c) => c.name === name);
}

/**
 * The container `-c` names, or the default one: the `kubectl.kubernetes.io/default-container`
 * annotation's when the pod has it, else the first (`Defaulted container … out of: …` on stderr
 * when there are others, unless `quiet`). `exec` words a missing one as podcmd's
 * `FindOrDefaultContainerByName` does, `logs` as `logsForObject` does.
 */
function containerOf(inv: Invocation, pod: Pod, command: 'exec' | 'logs', quiet = false, say: (text: string) => void = (t) => inv.err(t)): string {
  const c = inv.args.string('container');
  const name = pod.metadata.name ?? '';
  if (c) {
    if (hasContainer(pod, c)) return c;
    throw clientError(command === 'exec' ? `container ${c} not found in pod ${name}` : `container ${c} is not valid for pod ${name} out of: ${allContainerNames(pod)}`);
  }
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated) {
    if (hasContainer(pod, annotated)) return annotated;
    if (command === 'logs') inv.err(`Default container name ${JSON.stringify(annotated)} not found in pod ${name}\n`);
  }
  const spec = pod.spec;
  const first = spec?.containers?.[0]?.name ?? '';
  const others = (spec?.containers?.length ?? 0) > 1 || (spec?.initContainers?.length ?? 0) > 0 || (spec?.ephemeralContainers?.length ?? 0) > 0;
  if (others && !quiet) say(`Defaulted container ${JSON.stringify(first)} out of: ${allContainerNames(pod)}\n`);
  return first;
}

/**
 * `ExecOptions.Run` on one pod: refuses a completed pod, finds the container (`-c`, else the
 * default one, `Defaulted container …` told to `say` unless `quiet`), requires it running, then
 * runs `argv` with `stdin`.
 */
export function execInPod(inv: Invocation, pod: Pod, argv: readonly string[], stdin: string, quiet: boolean, say?: (text: string) => void): ExecResult {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw clientError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const container = containerOf(inv, pod, 'exec', quiet, say);
  const running = containerStatusByName(pod, container)?.state?.running;
  if (!running) throw clientError(`unable to upgrade connection: container not found (${JSON.stringify(container)})`);
  if (!inv.ctx.exec) throw clientError('exec is not supported by this cluster');
  // SetupTTY: kubesim's standard input is never a terminal, so -it goes on without a TTY.
  if (inv.args.bool('stdin') && inv.args.bool('tty') && !quiet) inv.err(`${TTY_UNAVAILABLE}\n`);
  return inv.ctx.exec(pod.metadata.namespace ?? 'default', pod.metadata.name ?? '', container, argv, stdin);
}

/** `kubectl exec`. */
export const execCommand: Command = {
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
  ],
  run(inv) {
    const a = inv.args;
    if (a.args.length === 0) throw usageErrorf(inv.path, 'pod, type/name or --filename must be specified');
    if (a.dashAt < 0 && a.args.length > 1) {
      throw usageErrorf(inv.path, 'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
    }
    if (a.rest.length === 0) throw usageErrorf(inv.path, 'you must specify at least one command for the container');
    // Without -i kubectl sends no standard input: the command reads an empty one.
    const r = execInPod(inv, podFor(inv, a.args[0]), a.rest, a.bool('stdin') ? (inv.stdin ?? '') : '', a.bool('quiet'));
    if (r.execError) throw clientError(r.execError);
    inv.out(r.stdout);
    if (r.stderr) inv.err(r.stderr);
    if (r.exitCode !== 0) {
      inv.err(`command terminated with exit code ${r.exitCode}\n`);
      return r.exitCode;
    }
    return 0;
  },
};

/** `kubectl logs`: one pod (or the first of a workload's), or every pod a selector matches (the last 10 lines each by default). */
export const logsCommand: Command = {
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'tail', type: 'int' },
    { name: 'timestamps', type: 'bool' },
    { name: 'since', type: 'string' },
    { name: 'since-time', type: 'string' },
    { name: 'limit-bytes', type: 'int' },
    { name: 'prefix', type: 'bool' },
    { name: 'max-log-requests', type: 'int' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-containers', type: 'bool' },
  ],
  run(inv) {
    const a = inv.args;
    const selector = a.string('selector');
    if (a.args.length === 0 && !selector) throw usageErrorf(inv.path, 'expected POD, TYPE/NAME, or TYPE/NAME CONTAINER');
    const options = logOptions(inv, selector !== '');
    const pods = selector
      ? inv.ctx.core.store.list<Pod>('Pod', inv.namespace).filter((p) => parseLabelSelector(selector)(p.metadata.labels))
      : [podFor(inv, a.args[0], (n, pod) => inv.err(`Found ${n} pods, using pod/${pod.metadata.name}\n`))];
    for (const pod of pods) {
      const containers = a.bool('all-containers')
        ? [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name)
        : [a.args[1] && !selector ? a.args[1] : containerOf(inv, pod, 'logs', selector !== '')];
      for (const container of containers) {
        const status = containerStatusByName(pod, container);
        const waiting = status?.state?.waiting?.reason ?? (status ? undefined : 'ContainerCreating');
        if (waiting && !options.previous) {
          throw new KubectlError(
            `Error from server (BadRequest): container ${JSON.stringify(container)} in pod ${JSON.stringify(pod.metadata.name)} is waiting to start: ${waiting}`,
          );
        }
        const text = inv.ctx.logs?.(pod.metadata.namespace ?? 'default', pod.metadata.name ?? '', container, options) ?? '';
        const prefix = a.bool('prefix') ? `[pod/${pod.metadata.name}/${container}] ` : '';
        inv.out(prefix ? text.replace(/^(?=.)/gm, prefix) : text);
      }
    }
    return 0;
  },
};

/** `LogsOptions.ToLogOptions` and `Validate`: the kubelet's options from the flags. */
function logOptions(inv: Invocation, bySelector: boolean): LogsOptions {
  const a = inv.args;
  const since = a.string('since');
  const sinceTime = a.string('since-time');
  if (since && sinceTime) throw clientError('at most one of `sinceTime` or `sinceSeconds` may be specified');
  let sinceMs: number | undefined;
  if (since) {
    let ms: number;
    try {
      ms = parseDuration(since);
    } catch (e) {
      throw usageErrorf(inv.path, `invalid argument ${JSON.stringify(since)} for "--since" flag: ${(e as Error).message}`);
    }
    // Whole seconds (`SinceSeconds.Round(time.Second)`), counted back from now.
    sinceMs = inv.ctx.core.clock.now() - Math.round(ms / 1000) * 1000;
  }
  if (sinceTime) {
    const at = inv.ctx.core.clock.parse(sinceTime);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(sinceTime) || Number.isNaN(at)) {
      throw clientError(`parsing time ${JSON.stringify(sinceTime)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(sinceTime)} as "2006"`);
    }
    // metav1.Time has second precision.
    sinceMs = at - (((at % 1000) + 1000) % 1000);
  }
  const tail = a.int('tail', -1);
  if (tail < -1) throw clientError('--tail must be greater than or equal to -1');
  const limitBytes = a.int('limit-bytes', 0);
  if (limitBytes < 0) throw clientError('--limit-bytes must be greater than 0');
  // With a selector and no --tail, the last 10 lines of each pod.
  const tailLines = tail >= 0 ? tail : bySelector ? SELECTOR_TAIL : undefined;
  return {
    previous: a.bool('previous'),
    timestamps: a.bool('timestamps'),
    ...(sinceMs === undefined ? {} : { sinceMs }),
    ...(tailLines === undefined ? {} : { tailLines }),
    ...(limitBytes > 0 ? { limitBytes } : {}),
  };
}

/** `selectorTail`: lines per pod when logs are asked for by selector without `--tail`. */
const SELECTOR_TAIL = 10;

/** `kubectl port-forward TYPE/NAME [LOCAL:]REMOTE`. */
export const portForwardCommand: Command = {
  flags: [{ name: 'address', type: 'strings' }, { name: 'pod-running-timeout', type: 'string' }],
  run(inv) {
    const [ref, ...ports] = inv.args.args;
    if (!ref || ports.length === 0) throw usageErrorf(inv.path, 'TYPE/NAME and list of ports are required for port-forward');
    const pod = podFor(inv, ref);
    if (pod.status?.phase !== 'Running') {
      throw clientError(`unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Pending'}`);
    }
    let first: { local: number; remote: number } | undefined;
    for (const spec of ports) {
      const [l, r] = spec.includes(':') ? spec.split(':') : [spec, spec];
      const remote = targetPort(inv, ref, pod, Number(r));
      const local = l === '' ? Number(r) : Number(l);
      first = first ?? { local, remote };
      inv.out(`Forwarding from 127.0.0.1:${local} -> ${remote}\nForwarding from [::1]:${local} -> ${remote}\n`);
    }
    if (first && inv.ctx.http) {
      const res = inv.ctx.http(pod.metadata.namespace ?? 'default', pod.metadata.name ?? '', first.remote, '/');
      inv.browser = res.body;
      inv.out(`Handling connection for ${first.local}\n`);
    }
    return 0;
  },
};

/** A Service port becomes its target container port (`translateServicePortToTargetPort`). */
function targetPort(inv: Invocation, ref: string, pod: Pod, port: number): number {
  const [type, name] = ref.includes('/') ? [ref.slice(0, ref.indexOf('/')), ref.slice(ref.indexOf('/') + 1)] : ['pod', ref];
  if (resolveType(inv.ctx, type).kind !== 'Service') return port;
  const svc = inv.ctx.core.api.mustGet<Service>('Service', inv.namespace, name);
  const sp = svc.spec?.ports?.find((p) => p.port === port);
  if (!sp) throw clientError(`Service ${name} does not have a service port ${port}`);
  const tp = sp.targetPort ?? sp.port;
  if (typeof tp === 'number') return tp;
  const named = (pod.spec?.containers ?? []).flatMap((c) => c.ports ?? []).find((p) => p.name === tp);
  if (!named) throw clientError(`Pod '${pod.metadata.name}' does not have a named port '${tp}'`);
  return named.containerPort;
}
