/**
 * The kubelet's environment for a container (`makeEnvironmentVariables`): `envFrom` sources, then
 * `env` with `$(VAR)` expansion and `valueFrom` references, then the service links; or the error
 * that makes the container wait in `CreateContainerConfigError`.
 *
 * Design: upstream collects `envFrom` and `env` in a Go map and appends the service variables from
 * another map, so the order the process sees is random. kubesim fixes one order, the order of
 * declaration: `envFrom` sources in order (each source's keys sorted, as the API server stores a
 * map), then `env` entries in order (a name set again keeps its first place and takes the new
 * value), then the service variables not already set (Services by name, each in `FromServices`
 * order). Keys an `envFrom` source brings are used as they are: since 1.30 (kubernetes#123385,
 * `RelaxedEnvironmentVariableValidation`, beta and on in 1.33) the kubelet no longer skips keys
 * that are not C identifiers, and the `InvalidEnvironmentVariableNames` event is gone.
 * @see kubernetes pkg/kubelet/kubelet_pods.go makeEnvironmentVariables, getServiceEnvVarMap;
 * pkg/kubelet/util/manager/watch_based_manager.go (the not-found errors)
 */
import type { ConfigMap, Container, EnvFromSource, EnvVarSource, Node, Pod, Secret, Service } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/object.js';
import { addNamespaceIndex, NAMESPACE_INDEX } from '../controllers/replicaset/controller-ref-manager.js';
import type { ObjectStore } from '../store/store.js';
import { containerResourceRuntimeValue, type PodNetwork, podFieldSelectorRuntimeValue, type Resolved } from './downward-api.js';
import { type EnvVar, fromServices, isServiceIPSet } from './envvars.js';
import { expand, mappingFuncFor } from './expansion.js';

export type { EnvVar } from './envvars.js';

/** What the environment is built from: the kubelet's caches of ConfigMaps, Secrets, Services and its Node. */
export interface EnvSources {
  configMap(namespace: string, name: string): ConfigMap | undefined;
  secret(namespace: string, name: string): Secret | undefined;
  /** Services of one namespace. */
  services(namespace: string): readonly Service[];
  service(namespace: string, name: string): Service | undefined;
  /** `status.allocatable` of the kubelet's node (limits default to it). */
  nodeAllocatable(): Readonly<Record<string, string>>;
}

/** The environment, or the error message the container fails to be created with. */
export type EnvResult = { readonly env: readonly EnvVar[] } | { readonly error: string };

/** `configmap %q not found`: the configmap manager's NotFound (resource `configmap`). */
export function configMapNotFoundMessage(name: string): string {
  return `configmap ${JSON.stringify(name)} not found`;
}

/** `secret %q not found`: the secret manager's NotFound (resource `secret`). */
export function secretNotFoundMessage(name: string): string {
  return `secret ${JSON.stringify(name)} not found`;
}

/** `couldn't find key %v in ConfigMap %v/%v`. */
export function configMapKeyNotFoundMessage(key: string, namespace: string, name: string): string {
  return `couldn't find key ${key} in ConfigMap ${namespace}/${name}`;
}

/** `couldn't find key %v in Secret %v/%v`. */
export function secretKeyNotFoundMessage(key: string, namespace: string, name: string): string {
  return `couldn't find key ${key} in Secret ${namespace}/${name}`;
}

/** Sources read from the object store (what the kubelet's watch-based managers and listers hold). */
export function storeEnvSources(store: ObjectStore, nodeName: string): EnvSources {
  addNamespaceIndex(store, 'Service');
  return {
    configMap: (ns, name) => store.get<ConfigMap & KubeObject>('ConfigMap', ns, name),
    secret: (ns, name) => store.get<Secret & KubeObject>('Secret', ns, name),
    services: (ns) => store.byIndex<Service & KubeObject>('Service', NAMESPACE_INDEX, ns),
    service: (ns, name) => store.get<Service & KubeObject>('Service', ns, name),
    nodeAllocatable: () => store.get<Node & KubeObject>('Node', undefined, nodeName)?.status?.allocatable ?? {},
  };
}

/** The master services every pod sees, from `default` (`masterServices`). */
const MASTER_SERVICES = new Set(['kubernetes']);

/**
 * `getServiceEnvVarMap`: variables of the Services of `namespace` (when `enableServiceLinks`) and
 * of `default/kubernetes` (always, unless the namespace has its own `kubernetes`), headless and
 * ExternalName Services skipped; Services taken in name order.
 */
export function getServiceEnvVarMap(namespace: string, enableServiceLinks: boolean, sources: EnvSources): Map<string, string> {
  const serviceMap = new Map<string, Service>();
  if (enableServiceLinks) for (const s of sources.services(namespace)) if (isServiceIPSet(s)) serviceMap.set(s.metadata?.name ?? '', s);
  for (const name of MASTER_SERVICES) {
    const s = sources.service('default', name);
    if (s && isServiceIPSet(s) && !serviceMap.has(name)) serviceMap.set(name, s);
  }
  const mapped = [...serviceMap.values()].sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
  return new Map(fromServices(mapped).map((e) => [e.name, e.value]));
}

/** Data of a Secret as strings (base64-decoded; `string(bytes)` upstream). */
function secretData(secret: Secret): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(secret.data ?? {})) out[k] = Buffer.from(v, 'base64').toString('utf8');
  return out;
}

/** The holders one build reads, each fetched once (`configMaps`/`secrets` upstream). */
class Holders {
  private readonly configMaps = new Map<string, Record<string, string> | undefined>();
  private readonly secrets = new Map<string, Record<string, string> | undefined>();

  constructor(
    private readonly namespace: string,
    private readonly sources: EnvSources,
  ) {}

  /** The ConfigMap's data (undefined when missing). */
  configMap(name: string): Record<string, string> | undefined {
    if (!this.configMaps.has(name)) {
      const cm = this.sources.configMap(this.namespace, name);
      this.configMaps.set(name, cm ? { ...cm.data } : undefined);
    }
    return this.configMaps.get(name);
  }

  /** The Secret's decoded data (undefined when missing). */
  secret(name: string): Record<string, string> | undefined {
    if (!this.secrets.has(name)) {
      const s = this.sources.secret(this.namespace, name);
      this.secrets.set(name, s ? secretData(s) : undefined);
    }
    return this.secrets.get(name);
  }
}

/** `envFrom`: the variables of one source (`undefined` to skip an optional missing one), or its error. */
function envFromSource(from: EnvFromSource, holders: Holders): { vars?: [string, string][] } | { error: string } {
  const ref = from.configMapRef ?? from.secretRef;
  if (!ref) return {};
  const name = ref.name ?? '';
  const data = from.configMapRef ? holders.configMap(name) : holders.secret(name);
  if (!data) {
    if (ref.optional) return {};
    return { error: from.configMapRef ? configMapNotFoundMessage(name) : secretNotFoundMessage(name) };
  }
  const prefix = from.prefix ?? '';
  return { vars: Object.keys(data).sort().map((k) => [prefix + k, data[k]]) };
}

/** A `valueFrom` reference: its value, `skip` for an optional one that is missing, or the error. */
function valueFrom(source: EnvVarSource, pod: Pod, container: Container, net: PodNetwork, holders: Holders, sources: EnvSources): Resolved | 'skip' {
  const ns = pod.metadata?.namespace ?? '';
  if (source.fieldRef) return podFieldSelectorRuntimeValue(source.fieldRef, pod, net);
  if (source.resourceFieldRef) return containerResourceRuntimeValue(source.resourceFieldRef, pod, container, sources.nodeAllocatable());
  const ref = source.configMapKeyRef ?? source.secretKeyRef;
  if (!ref) return { value: '' };
  const isConfigMap = source.configMapKeyRef !== undefined;
  const name = ref.name ?? '';
  const data = isConfigMap ? holders.configMap(name) : holders.secret(name);
  if (!data) {
    if (ref.optional) return 'skip';
    return { error: isConfigMap ? configMapNotFoundMessage(name) : secretNotFoundMessage(name) };
  }
  if (Object.hasOwn(data, ref.key)) return { value: data[ref.key] };
  if (ref.optional) return 'skip';
  return { error: isConfigMap ? configMapKeyNotFoundMessage(ref.key, ns, name) : secretKeyNotFoundMessage(ref.key, ns, name) };
}

/**
 * `makeEnvironmentVariables`: the kubelet's variables for `container` of `pod`, in the order
 * described at the top of this file, or the first error met.
 * @remarks `enableServiceLinks` unset counts as true (the API server defaults it).
 */
export function makeEnvironmentVariables(pod: Pod, container: Container, net: PodNetwork, sources: EnvSources): EnvResult {
  const ns = pod.metadata?.namespace ?? '';
  const serviceEnv = getServiceEnvVarMap(ns, pod.spec?.enableServiceLinks ?? true, sources);
  const holders = new Holders(ns, sources);
  const tmpEnv = new Map<string, string>();
  // Env will override EnvFrom variables: process EnvFrom first, then let Env replace values.
  for (const from of container.envFrom ?? []) {
    const r = envFromSource(from, holders);
    if ('error' in r) return r;
    for (const [k, v] of r.vars ?? []) tmpEnv.set(k, v);
  }
  const mapping = mappingFuncFor(tmpEnv, serviceEnv);
  for (const e of container.env ?? []) {
    let value = e.value ?? '';
    if (value !== '') value = expand(value, mapping);
    else if (e.valueFrom) {
      const r = valueFrom(e.valueFrom, pod, container, net, holders, sources);
      if (r === 'skip') continue;
      if ('error' in r) return r;
      value = r.value;
    }
    tmpEnv.set(e.name, value);
  }
  const env: EnvVar[] = [...tmpEnv].map(([name, value]) => ({ name, value }));
  for (const [name, value] of serviceEnv) if (!tmpEnv.has(name)) env.push({ name, value });
  return { env };
}
