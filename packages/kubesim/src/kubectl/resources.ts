/**
 * Resource arguments as kubectl's resource builder reads them: `TYPE[,TYPE…] [NAME…]`,
 * `TYPE/NAME…`, short names, `kind.group`, `all`; and listing with label and field selectors.
 * @see cli-runtime pkg/resource/builder.go, kubectl pkg/cmd/get/get.go
 */
import { type KindInfo, type KubeObject, type ObjectStore, PODS_BY_NODE_INDEX } from '@kubesim/core';
import type { KubectlContext } from './context.js';
import { clientError } from './errors.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';

/** Kinds `kubectl get all` expands to (the `all` category, served ones only). */
const ALL_CATEGORY = ['Pod', 'Service', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'CronJob', 'Job'];

/** One requested type with the names asked for (none = list). */
export interface ResourceRequest {
  readonly info: KindInfo;
  readonly names: string[];
  /** The namespace the objects are in, when a file names it (`get -f`); else the command's. */
  readonly namespace?: string;
}

/** `pod`, `deployment.apps`, `storageclass.storage.k8s.io`: how kubectl names a kind in output. */
export function kindPrefix(info: KindInfo): string {
  return info.group ? `${info.kind.toLowerCase()}.${info.group}` : info.kind.toLowerCase();
}

/** `deployment.apps/randserver`. */
export function objectRef(info: KindInfo, name: string): string {
  return `${kindPrefix(info)}/${name}`;
}

/** cli-runtime builder's `missingResourceError`: no resource argument and no `-f`. */
export const MISSING_RESOURCE_ERROR = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/** Resolves one type name or throws `the server doesn't have a resource type`. */
export function resolveType(ctx: KubectlContext, name: string): KindInfo {
  const info = ctx.core.kinds.resolve(name);
  if (!info) throw clientError(`the server doesn't have a resource type ${JSON.stringify(name)}`);
  return info;
}

/** Expands a comma-separated type list (`pods,svc`, `all`). */
export function resolveTypes(ctx: KubectlContext, text: string): KindInfo[] {
  const out: KindInfo[] = [];
  for (const t of text.split(',').filter((s) => s)) {
    if (t === 'all') {
      for (const k of ALL_CATEGORY) {
        const info = ctx.core.kinds.get(k);
        if (info && !out.includes(info)) out.push(info);
      }
      continue;
    }
    const info = resolveType(ctx, t);
    if (!out.includes(info)) out.push(info);
  }
  return out;
}

/** Parses resource arguments into requests, in the order given. */
export function parseResourceArgs(ctx: KubectlContext, args: readonly string[], commandPath: string): ResourceRequest[] {
  if (args.length === 0) return [];
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length > 0) {
    if (slashed.length !== args.length) {
      throw clientError(
        `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. '${commandPath} resource/<resource_name>' instead of '${commandPath} resource resource/<resource_name>'`,
      );
    }
    const out: ResourceRequest[] = [];
    for (const a of args) {
      const [type, name] = [a.slice(0, a.indexOf('/')), a.slice(a.indexOf('/') + 1)];
      if (!name) throw clientError(`arguments in resource/name form must have a single resource and name`);
      const info = resolveType(ctx, type);
      const existing = out.find((r) => r.info === info);
      if (existing) existing.names.push(name);
      else out.push({ info, names: [name] });
    }
    return out;
  }
  const types = resolveTypes(ctx, args[0]);
  return types.map((info) => ({ info, names: [...args.slice(1)] }));
}

/** Options of a list. */
export interface ListOptions {
  readonly namespace: string;
  readonly allNamespaces: boolean;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

/** Lists objects of a kind with kubectl's namespace and selector rules, sorted as the API lists them. */
export function listObjects(ctx: KubectlContext, info: KindInfo, opts: ListOptions): KubeObject[] {
  const ns = info.namespaced && !opts.allNamespaces ? opts.namespace : undefined;
  const objs = ctx.core.store.list(info.kind, ns);
  const filter = selectorFilter(info, opts);
  return filter ? objs.filter(filter) : objs;
}

/** Whether an object of `info`'s kind is in the list `opts` describes (namespace and selectors). */
export function listFilter(info: KindInfo, opts: ListOptions): (o: KubeObject) => boolean {
  const ns = info.namespaced && !opts.allNamespaces ? opts.namespace : undefined;
  const selectors = selectorFilter(info, opts);
  return (o) => (ns === undefined || o.metadata.namespace === ns) && (!selectors || selectors(o));
}

function selectorFilter(info: KindInfo, opts: ListOptions): ((o: KubeObject) => boolean) | undefined {
  const labels = opts.labelSelector !== undefined ? parseLabelSelector(opts.labelSelector) : undefined;
  const fields = opts.fieldSelector ? parseFieldSelector(opts.fieldSelector, info.resource) : undefined;
  if (!labels && !fields) return undefined;
  return (o) => (!labels || labels(o.metadata.labels)) && (!fields || fields(o));
}

/** Gets one object or throws the API server's NotFound. */
export function getObject(ctx: KubectlContext, info: KindInfo, namespace: string, name: string): KubeObject {
  return ctx.core.api.mustGet(info.kind, info.namespaced ? namespace : undefined, name);
}

/** `No resources found in default namespace.` / `No resources found` (stderr text). */
export function noResourcesMessage(namespaced: boolean, allNamespaces: boolean, namespace: string): string {
  return namespaced && !allNamespaces ? `No resources found in ${namespace} namespace.` : 'No resources found';
}

/**
 * Pods bound to a node, through core's pods-by-node index (registered here with the same
 * function when no kubelet has registered it yet; `addIndex` is idempotent).
 */
export function podsOnNode(store: ObjectStore, nodeName: string): KubeObject[] {
  store.addIndex<KubeObject>('Pod', PODS_BY_NODE_INDEX, (p) => {
    const n = (p.spec as { nodeName?: string } | undefined)?.nodeName;
    return n ? [n] : [];
  });
  return store.byIndex('Pod', PODS_BY_NODE_INDEX, nodeName);
}
