/**
 * `kubectl expose (-f FILENAME | TYPE NAME)`: builds a Service for each pod, service, deployment
 * or replica set named (or read from `-f`, taken as written there, not fetched) and creates it in
 * the namespace in effect, or only prints it on a client dry run. Selector, ports, protocols and
 * labels come from the flags or, when not given, from the exposed object. Each object is reported
 * as `service/NAME exposed`; a failing object does not stop the others, its error is printed at
 * the end and makes the exit code 1.
 *
 * As upstream, what one object filled in (`--selector`, `--port`, `--labels` left empty) stays
 * for the objects after it in the same call. kubesim serves no replication controllers, and does
 * not emulate `--overrides`, `--record` or `-k`.
 * @see kubectl pkg/cmd/expose/expose.go (RunExpose, createService, parseLabels, makeProtocols,
 *   parseProtocols), pkg/polymorphichelpers (canbeexposed.go, mapbasedselectorforobject.go,
 *   portsforobject.go, multiprotocolsforobject.go), cli-runtime pkg/resource/builder.go
 *   (ResourceTypeOrNameArgs, visitorResult, visitByPaths, visitByName), pkg/cmd/util/helpers.go
 *   (checkErr, MultipleErrors), pkg/util/apply.go (CreateApplyAnnotation)
 */
import { isStatusError, type KindInfo, type KubeObject, LAST_APPLIED_ANNOTATION } from '@kubesim/core';
import type { Command, Invocation } from '../command.js';
import { DRY_RUN_FLAG, type DryRunStrategy, dryRunStrategy, dryRunSuffix } from '../dry-run.js';
import { clientError, KubectlError, renderError, standardErrorMessage } from '../errors.js';
import { manifestSources, manifestTarget, readManifests } from '../manifests.js';
import { checkWrittenOutput, printWritten } from '../printers/written.js';
import { MISSING_RESOURCE_ERROR, resolveType } from '../resources.js';
import { generatedMeta } from './generate.js';

/** `validation.DNS1035LabelMaxLength`: the default name is the object's, cut to this. */
const DNS1035_LABEL_MAX_LENGTH = 63;


/** The `all` category as the builder's alias expansion gives it, kinds kubesim serves only. */
const ALL_CATEGORY = ['pods', 'services', 'daemonsets.apps', 'deployments.apps', 'replicasets.apps', 'statefulsets.apps'];

/** `kubectl expose`. */
export const exposeCommand: Command = {
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'protocol', type: 'string' },
    { name: 'port', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'load-balancer-ip', type: 'string' },
    { name: 'selector', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'target-port', type: 'string' },
    { name: 'external-ip', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'session-affinity', type: 'string' },
    { name: 'cluster-ip', type: 'string' },
    { name: 'field-manager', type: 'string', def: 'kubectl-expose' },
    { name: 'save-config', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    DRY_RUN_FLAG,
  ],
  run(inv) {
    const a = inv.args;
    // ToOptions: the dry-run strategy, then the printer.
    const strategy = dryRunStrategy(inv);
    const output = a.string('output');
    checkWrittenOutput(output);
    const opts: ExposeOptions = {
      selector: a.string('selector'),
      port: a.string('port'),
      ports: '',
      labels: a.string('labels'),
      protocols: new Map(),
      defaultName: '',
    };
    const serviceInfo = resolveType(inv.ctx, 'service');
    const errs: unknown[] = [];
    let printed = 0;
    for (const visit of visitors(inv)) {
      try {
        const { info, object, fromServer } = visit();
        const service = exposeObject(inv, opts, info, object, fromServer);
        const written = writeService(inv, service, strategy);
        inv.out(printWritten([{ info: serviceInfo, object: written, typed: strategy === 'client' }], output, `exposed${dryRunSuffix(strategy)}`, printed++));
      } catch (e) {
        errs.push(e);
      }
    }
    inv.ctx.core.loop.settle();
    if (errs.length === 0) return 0;
    // `checkErr`: one error in its standard form, several as `MultipleErrors` lists them.
    inv.err(errs.length === 1 ? `${renderError(errs[0])}\n` : errs.map((e) => `${messageForError(e)}\n`).join(''));
    return 1;
  },
};

/** What the visit of one object yields. */
interface Visited {
  readonly info: KindInfo;
  readonly object: KubeObject;
  /** Read from the API (an empty map reads back as none), not from `-f`. */
  readonly fromServer: boolean;
}

/** ExposeServiceOptions' fields that the visits fill in and keep. */
interface ExposeOptions {
  selector: string;
  /** `--port`, or the exposed object's only port. */
  port: string;
  /** The exposed object's ports when it has several and `--port` is not given. */
  ports: string;
  labels: string;
  /** Port → protocols, from the last object that had any. */
  protocols: Map<string, string[]>;
  defaultName: string;
}

/**
 * The resource builder (`FilenameParam`, `ResourceTypeOrNameArgs(false, …)`): one lazy visit per
 * object; argument errors are thrown before anything is visited.
 */
function visitors(inv: Invocation): (() => Visited)[] {
  const a = inv.args;
  const parsed = parseArgs(normalizeMultipleResourcesArgs([...a.args, ...a.rest]));
  if (a.has('filename')) {
    const files = a.strings('filename');
    // A missing path is the builder's own error; the contents are read only when visited.
    manifestSources(inv.ctx, files, a.bool('recursive'));
    if (parsed.resources.length > 0) throw clientError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    if (parsed.tuples.length > 0) throw clientError('resource/name arguments cannot be provided when a path is specified');
    let items: ReturnType<typeof readManifests>;
    try {
      items = readManifests(inv.ctx, files, inv.stdin, 'expose', a.bool('recursive'));
    } catch (e) {
      // An empty input visits nothing (expose has no `no objects passed` check).
      if (e instanceof KubectlError && e.message === 'error: no objects passed to expose') items = [];
      else throw e;
    }
    return items.map((item) => () => {
      const { info } = manifestTarget(inv, item);
      return { info, object: item.object, fromServer: false };
    });
  }
  const fetch = (info: KindInfo, name: string) => () => ({
    info,
    object: inv.ctx.core.api.mustGet(info.kind, info.namespaced ? inv.namespace : undefined, name),
    fromServer: true,
  });
  if (parsed.tuples.length > 0) {
    // `resourceTupleMappings`: every type is resolved before the first visit.
    const infos = parsed.tuples.map((t) => resolveType(inv.ctx, t.resource));
    return parsed.tuples.map((t, i) => fetch(infos[i], t.name));
  }
  if (parsed.names.length > 0) {
    if (parsed.resources.length > 1) throw clientError('you must specify only one resource');
    const info = resolveType(inv.ctx, parsed.resources[0]);
    return parsed.names.map((name) => fetch(info, name));
  }
  if (parsed.resources.length > 0) {
    for (const r of parsed.resources) resolveType(inv.ctx, r);
    throw clientError('resource(s) were provided, but no name was specified');
  }
  throw clientError(MISSING_RESOURCE_ERROR);
}

interface ParsedResourceArgs {
  readonly tuples: { resource: string; name: string }[];
  readonly resources: string[];
  readonly names: string[];
}

/** `ResourceTypeOrNameArgs` after normalization: `TYPE/NAME…`, or `TYPE[,TYPE…] [NAME…]`. */
function parseArgs(args: readonly string[]): ParsedResourceArgs {
  const slashed = args.filter((s) => s.includes('/')).length;
  if (slashed > 0) {
    if (slashed !== args.length) {
      // `hasCombinedTypeArgs` names `get` whatever the command.
      throw clientError(
        "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      );
    }
    const tuples = args.map((s) => {
      const seg = s.split('/');
      if (seg.length !== 2) throw clientError('arguments in resource/name form may not have more than one slash');
      const [resource, name] = seg;
      if (!resource || !name || splitResourceArgument(resource).length !== 1) throw clientError('arguments in resource/name form must have a single resource and name');
      return { resource, name };
    });
    return { tuples, resources: [], names: [] };
  }
  if (args.length === 0) return { tuples: [], resources: [], names: [] };
  const resources = splitResourceArgument(replaceAliases(args[0]));
  return { tuples: [], resources, names: args.slice(1) };
}

/** `normalizeMultipleResourcesArgs`: `a,b x y` → `a/x a/y b/x b/y`. */
function normalizeMultipleResourcesArgs(args: readonly string[]): string[] {
  if (args.length < 2) return [...args];
  const resources = splitResourceArgument(args[0]);
  if (resources.length <= 1) return [...args];
  return resources.flatMap((r) => args.slice(1).map((n) => `${r}/${n}`));
}

/** `SplitResourceArgument`: comma-separated, duplicates dropped, order kept. */
function splitResourceArgument(arg: string): string[] {
  return [...new Set(arg.split(','))];
}

/** `ReplaceAliases`: the `all` category. */
function replaceAliases(arg: string): string {
  return arg
    .split(',')
    .map((r) => (r === 'all' ? ALL_CATEGORY.join(',') : r))
    .join(',');
}

/** One visit of RunExpose: checks the kind, fills in what the flags left empty, builds the Service. */
function exposeObject(inv: Invocation, o: ExposeOptions, info: KindInfo, obj: KubeObject, fromServer: boolean): KubeObject {
  // `canBeExposed` (replication controllers are not served by kubesim).
  const exposable = (info.group === '' && (info.kind === 'Pod' || info.kind === 'Service')) || (info.group === 'apps' && (info.kind === 'Deployment' || info.kind === 'ReplicaSet'));
  if (!exposable) throw new Error(`cannot expose a ${info.group ? `${info.kind}.${info.group}` : info.kind}`);
  o.defaultName = (obj.metadata?.name ?? '').slice(0, DNS1035_LABEL_MAX_LENGTH);
  if (o.selector === '') {
    try {
      o.selector = mapBasedSelectorForObject(info.kind, obj, fromServer);
    } catch (e) {
      throw new Error(`couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`);
    }
  }
  const headless = inv.args.string('cluster-ip') === 'None';
  if (o.port === '') {
    const ports = portsForObject(info.kind, obj);
    if (ports.length === 0) {
      if (!headless) throw new Error("couldn't find port via --port flag or introspection");
    } else if (ports.length === 1) o.port = ports[0];
    else o.ports = ports.join(',');
  }
  // Protocols are always derived: different ports may use different ones.
  const protocols = multiProtocolsForObject(info.kind, obj);
  if (protocols.size > 0) o.protocols = protocols;
  if (o.labels === '') o.labels = makeLabels(obj.metadata?.labels ?? {});
  return createService(inv, o);
}

/** `mapBasedSelectorForObject`. */
function mapBasedSelectorForObject(kind: string, obj: KubeObject, fromServer: boolean): string {
  switch (kind) {
    case 'Pod': {
      const labels = obj.metadata?.labels ?? {};
      if (Object.keys(labels).length === 0) throw new Error('the pod has no labels and cannot be exposed');
      return makeLabels(labels);
    }
    case 'Service': {
      const selector = (obj as ExposedObject).spec?.selector as Record<string, string> | null | undefined;
      // A stored empty map reads back as none; one written in a file stays an (empty) map.
      if (selector == null || (fromServer && Object.keys(selector).length === 0)) throw new Error('the service has no pod selector set');
      return makeLabels(selector);
    }
    default: {
      // "apps" deployments and replica sets must have the selector set.
      const what = kind === 'Deployment' ? 'deployment' : 'replicaset';
      const selector = (obj as ExposedObject).spec?.selector as LabelSelector | null | undefined;
      if (!selector || Object.keys(selector.matchLabels ?? {}).length === 0) throw new Error(`invalid ${what}: no selectors, therefore cannot be exposed`);
      if ((selector.matchExpressions ?? []).length > 0) {
        throw new Error(`couldn't convert expressions - ${JSON.stringify(goRequirements(selector.matchExpressions ?? []))} to map-based selector format`);
      }
      return makeLabels(selector.matchLabels ?? {});
    }
  }
}

interface LabelSelectorRequirement {
  key?: string;
  operator?: string;
  values?: string[];
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

interface ContainerPort {
  containerPort?: number;
  protocol?: string;
}

interface PodSpec {
  containers?: { ports?: ContainerPort[] }[];
}

interface ServicePort {
  port?: number;
  protocol?: string;
}

/** The fields of an exposed object expose reads (pod, service, deployment or replica set). */
type ExposedObject = KubeObject & {
  spec?: PodSpec & {
    selector?: LabelSelector | Record<string, string> | null;
    ports?: ServicePort[];
    template?: { spec?: PodSpec };
  };
};

/** Go's `%+v` of `[]metav1.LabelSelectorRequirement`: `[{Key:k Operator:In Values:[a b]}]`. */
function goRequirements(reqs: readonly LabelSelectorRequirement[]): string {
  return `[${reqs.map((r) => `{Key:${r.key ?? ''} Operator:${r.operator ?? ''} Values:[${(r.values ?? []).join(' ')}]}`).join(' ')}]`;
}

/** The pod spec a kind's pods run: the pod's own, or the template's. */
function podSpecOf(kind: string, obj: KubeObject): PodSpec {
  const spec = (obj as ExposedObject).spec ?? {};
  return (kind === 'Pod' ? spec : spec.template?.spec) ?? {};
}

/** `portsForObject`: the containers' ports (or the service's), duplicates dropped. */
function portsForObject(kind: string, obj: KubeObject): string[] {
  const out = new Set<string>();
  if (kind === 'Service') {
    for (const p of servicePorts(obj)) out.add(String(p.port ?? 0));
  } else {
    for (const c of podSpecOf(kind, obj).containers ?? []) for (const p of c.ports ?? []) out.add(String(p.containerPort ?? 0));
  }
  return [...out];
}

/** `multiProtocolsForObject`: each port's protocols (empty = TCP), in container order. */
function multiProtocolsForObject(kind: string, obj: KubeObject): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (port: number | undefined, protocol: string | undefined) => {
    const key = String(port ?? 0);
    out.set(key, [...(out.get(key) ?? []), protocol || 'TCP']);
  };
  if (kind === 'Service') {
    for (const p of servicePorts(obj)) add(p.port, p.protocol);
  } else {
    for (const c of podSpecOf(kind, obj).containers ?? []) for (const p of c.ports ?? []) add(p.containerPort, p.protocol);
  }
  return out;
}

function servicePorts(obj: KubeObject): ServicePort[] {
  return ((obj as ExposedObject).spec?.ports ?? []).filter((p) => p && typeof p === 'object');
}

/** `MakeLabels`: `k=v,k2=v2`. */
function makeLabels(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}

/** expose's `parseLabels`: `k=v` pairs, each with exactly one `=` and a key. */
function parseLabels(spec: string): Record<string, string> {
  if (spec === '') throw new Error('no label spec passed');
  const labels: Record<string, string> = {};
  for (const item of spec.split(',')) {
    const kv = item.split('=');
    if (kv.length !== 2) throw new Error(`unexpected label spec: ${item}`);
    if (kv[0] === '') throw new Error('unexpected empty label key');
    labels[kv[0]] = kv[1];
  }
  return labels;
}

/** `createService`, in the Go structs' field order (`kind` first, zero values as Go prints them). */
function createService(inv: Invocation, o: ExposeOptions): KubeObject {
  const a = inv.args;
  if (o.selector === '') throw new Error('selector must be specified');
  const selector = parseLabels(o.selector);
  const labels = o.labels !== '' ? parseLabels(o.labels) : undefined;
  const name = a.string('name') || o.defaultName;
  if (name === '') throw new Error('name must be specified');
  // Ports takes precedence: it is set only when --port is not and the object has several.
  const portString = o.ports || o.port;
  const ports: Record<string, unknown>[] = [];
  if (portString !== '') {
    const list = portString.split(',');
    list.forEach((text, i) => {
      const port = goInt32(atoi(text));
      const portName = list.length > 1 ? `port-${i + 1}` : '';
      let protocol = a.string('protocol');
      if (protocol === '' && o.protocols.size === 0) protocol = 'TCP';
      else if (protocol === '') {
        // A multi-protocol object without --protocol: each port keeps its own protocol(s).
        protocol = 'TCP';
        const found = o.protocols.get(text);
        if (found && found.length === 1) protocol = found[0];
        else if (found) {
          for (const p of found) ports.push(servicePort(`port-${i + 1}-${p.toLowerCase()}`, p, port));
          return;
        }
      }
      ports.push(servicePort(portName, protocol, port));
    });
  }
  const targetPort = a.string('target-port');
  for (const p of ports) p.targetPort = targetPort !== '' ? intOrString(targetPort) : p.port;
  const type = a.string('type');
  const affinity = a.string('session-affinity');
  if (affinity !== '' && affinity !== 'None' && affinity !== 'ClientIP') throw new Error(`unknown session affinity: ${affinity}`);
  const clusterIP = a.string('cluster-ip');
  const spec: Record<string, unknown> = {
    ...(ports.length > 0 ? { ports } : {}),
    selector: sortedMap(selector),
    ...(clusterIP !== '' ? { clusterIP } : {}),
    ...(type !== '' ? { type } : {}),
    ...(a.string('external-ip') !== '' ? { externalIPs: [a.string('external-ip')] } : {}),
    ...(affinity !== '' ? { sessionAffinity: affinity } : {}),
    ...(type === 'LoadBalancer' && a.string('load-balancer-ip') !== '' ? { loadBalancerIP: a.string('load-balancer-ip') } : {}),
  };
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: generatedMeta(inv, name, labels && Object.keys(labels).length > 0 ? { labels: sortedMap(labels) } : {}),
    spec,
    status: { loadBalancer: {} },
  } as unknown as KubeObject;
}

/** A `ServicePort` in field order (name omitted when empty). */
function servicePort(name: string, protocol: string, port: number): Record<string, unknown> {
  return { ...(name ? { name } : {}), protocol, port };
}

/** A map with its keys sorted, as Go's encoder writes maps. */
function sortedMap(m: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(m).sort().map((k) => [k, m[k]]));
}

/** Go's `strconv.Atoi` (base 10, optional sign, 64-bit), with its error texts. */
function atoi(text: string): bigint {
  if (!/^[+-]?\d+$/.test(text)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  const n = BigInt(text);
  if (n > 9223372036854775807n || n < -9223372036854775808n) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(text)}: value out of range`);
  return n;
}

/** Go's `int32(n)` conversion (wraps). */
function goInt32(n: bigint): number {
  return Number(BigInt.asIntN(32, n));
}

/** `intstr.Parse`: a number when `strconv.Atoi` takes it, else the name. */
function intOrString(text: string): number | string {
  try {
    return goInt32(atoi(text));
  } catch {
    return text;
  }
}

/**
 * Prints nothing on a client dry run (the object is printed as built, namespaced only when `-n`
 * was given); otherwise creates it in the namespace in effect (with `--save-config`'s annotation)
 * and returns what the API server answered.
 */
function writeService(inv: Invocation, service: KubeObject, strategy: DryRunStrategy): KubeObject {
  if (strategy === 'client') return service;
  const metadata: Record<string, unknown> = { ...service.metadata, namespace: inv.namespace };
  if (inv.args.bool('save-config')) {
    // `CreateApplyAnnotation`: the object as sent, encoded before the annotation is added.
    const { namespace: _, ...meta } = service.metadata as Record<string, unknown>;
    metadata.annotations = { [LAST_APPLIED_ANNOTATION]: `${JSON.stringify({ ...service, metadata: meta })}\n` };
  }
  return inv.ctx.core.api.create({ ...service, metadata } as unknown as KubeObject, { dryRun: strategy === 'server' });
}

/** `messageForError`: an API error in its standard form, any other as its bare text. */
function messageForError(e: unknown): string {
  if (isStatusError(e)) return standardErrorMessage(e);
  const msg = e instanceof Error ? e.message : String(e);
  return msg.startsWith('error: ') ? msg.slice('error: '.length) : msg;
}
