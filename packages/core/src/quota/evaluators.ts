/**
 * Quota evaluators: what an object of a kind uses of which quota resources, which of a quota's
 * resources a kind can count, the constraints a quota puts on the object, and whether the
 * quota's scopes select it. Pods, PersistentVolumeClaims and Services have their own; every other
 * namespaced kind counts as `count/<resource>[.<group>]` (and its legacy name: `configmaps`,
 * `secrets`, `resourcequotas`).
 * @see kubernetes pkg/quota/v1/evaluator/core (pods.go, persistent_volume_claims.go, services.go),
 *   apiserver pkg/quota/v1/generic (evaluator.go: ObjectCountEvaluator, Matches, CalculateUsageStats)
 */
import type { KindInfo } from '../api/kinds.js';
import type { KubeObject } from '../api/object.js';
import { parseQuantity, type Quantity } from '../api/quantity.js';
import { add, count, fromObject, type ResourceList } from './resource-list.js';

/** What admission charges and the quota controller counts for one kind. */
export interface QuotaEvaluator {
  /** The store kind. */
  readonly kind: string;
  /** Whether admission charges this operation (`Handles`). */
  handles(operation: 'CREATE' | 'UPDATE'): boolean;
  /** The names of `names` this evaluator counts (`MatchingResources`). */
  matchingResources(names: readonly string[]): string[];
  /** What `obj` uses (`Usage`); `nowMs` is virtual now (pods stuck terminating stop counting). */
  usage(obj: KubeObject, nowMs: number, parseTime: (ts: string) => number): ResourceList;
  /** Why `obj` cannot be admitted under a quota that restricts `required` (`Constraints`), if it cannot. */
  constraints(required: readonly string[], obj: KubeObject): string | undefined;
  /** Whether one scope requirement selects `obj` (`MatchesScope`); kinds without scopes match none. */
  matchesScope(requirement: ScopeRequirement, obj: KubeObject): boolean;
}

/** A `ScopedResourceSelectorRequirement` (a plain scope is `{ scopeName, operator: 'Exists' }`). */
export interface ScopeRequirement {
  readonly scopeName: string;
  readonly operator: string;
  readonly values?: readonly string[];
}

/** `v1.ResourceQuotaScope*`. */
export const QUOTA_SCOPES = ['BestEffort', 'CrossNamespacePodAffinity', 'NotBestEffort', 'NotTerminating', 'PriorityClass', 'Terminating'] as const;

/** `count/<resource>` for the core group, `count/<resource>.<group>` otherwise. */
export function objectCountName(info: Pick<KindInfo, 'resource' | 'group'>): string {
  return info.group ? `count/${info.resource}.${info.group}` : `count/${info.resource}`;
}

/** Legacy object-count names (`configmaps`, `secrets`…), by resource. */
export const LEGACY_COUNT_NAMES: Readonly<Record<string, string>> = {
  configmaps: 'configmaps',
  secrets: 'secrets',
  resourcequotas: 'resourcequotas',
  replicationcontrollers: 'replicationcontrollers',
};

const noScope = (): boolean => false;
const noConstraints = (): undefined => undefined;

/** `NewObjectCountEvaluator`: one of the object, charged on create. */
export function objectCountEvaluator(info: KindInfo): QuotaEvaluator {
  const names = [objectCountName(info), ...(info.group === '' && LEGACY_COUNT_NAMES[info.resource] ? [LEGACY_COUNT_NAMES[info.resource]] : [])];
  return {
    kind: info.kind,
    handles: (op) => op === 'CREATE',
    matchingResources: (input) => input.filter((n) => names.includes(n)),
    usage: () => new Map(names.map((n) => [n, count(1)])),
    constraints: noConstraints,
    matchesScope: noScope,
  };
}

// --- PersistentVolumeClaims -------------------------------------------------------------------

/** `<class>.storageclass.storage.k8s.io/<resource>`. */
export const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';
const PVC_RESOURCES = ['persistentvolumeclaims', 'requests.storage'];
const PVC_COUNT = 'count/persistentvolumeclaims';
const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** `Quantity.RoundUp(0)`: whole units. */
function roundUpToUnits(q: Quantity): Quantity {
  const rem = q.nanos % 1_000_000_000n;
  return rem === 0n ? q : { nanos: q.nanos - rem + (q.nanos > 0n ? 1_000_000_000n : 0n), format: q.format };
}

/** `getStorageUsage`: the request, or the allocated size when that is larger (RecoverVolumeExpansionFailure). */
function pvcStorage(pvc: KubeObject): Quantity | undefined {
  const request = (pvc.spec as { resources?: { requests?: Record<string, string> } } | undefined)?.resources?.requests?.storage;
  if (request === undefined) return undefined;
  let result = roundUpToUnits(parseQuantity(String(request)));
  const allocated = (pvc.status as { allocatedResources?: Record<string, string> } | undefined)?.allocatedResources?.storage;
  if (allocated !== undefined) {
    const a = parseQuantity(String(allocated));
    if (a.nanos > result.nanos) result = roundUpToUnits(a);
  }
  return result;
}

/** The PersistentVolumeClaim evaluator: claims and requested storage, in total and per class. */
export const PVC_EVALUATOR: QuotaEvaluator = {
  kind: 'PersistentVolumeClaim',
  handles: () => true,
  matchingResources: (input) =>
    input.filter((n) => n === PVC_COUNT || PVC_RESOURCES.includes(n) || PVC_RESOURCES.some((r) => n.endsWith(`${STORAGE_CLASS_SUFFIX}${r}`))),
  usage(pvc) {
    const out: ResourceList = new Map([
      ['persistentvolumeclaims', count(1)],
      [PVC_COUNT, count(1)],
    ]);
    const className = pvc.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] ?? ((pvc.spec as { storageClassName?: string } | undefined)?.storageClassName || '');
    if (className) out.set(`${className}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, count(1));
    const storage = pvcStorage(pvc);
    if (storage) {
      out.set('requests.storage', storage);
      if (className) out.set(`${className}${STORAGE_CLASS_SUFFIX}requests.storage`, storage);
    }
    return out;
  },
  constraints: noConstraints,
  matchesScope: noScope,
};

// --- Services -----------------------------------------------------------------------------------

const SERVICE_RESOURCES = ['count/services', 'services', 'services.loadbalancers', 'services.nodeports'];

/** The Service evaluator: services, load balancers and node ports. */
export const SERVICE_EVALUATOR: QuotaEvaluator = {
  kind: 'Service',
  handles: () => true,
  matchingResources: (input) => input.filter((n) => SERVICE_RESOURCES.includes(n)),
  usage(svc) {
    const spec = (svc.spec ?? {}) as { type?: string; ports?: readonly unknown[]; allocateLoadBalancerNodePorts?: boolean };
    const out: ResourceList = new Map([
      ['services', count(1)],
      ['count/services', count(1)],
    ]);
    const ports = spec.ports?.length ?? 0;
    if (spec.type === 'NodePort') out.set('services.nodeports', count(ports));
    if (spec.type === 'LoadBalancer') {
      out.set('services.loadbalancers', count(1));
      out.set('services.nodeports', count(spec.allocateLoadBalancerNodePorts === false ? 0 : ports));
    }
    return out;
  },
  constraints: noConstraints,
  matchesScope: noScope,
};

// --- Pods ---------------------------------------------------------------------------------------

/** A container's `resources` as quota and limit code read them. */
export interface Resources {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}
/** The parts of a container quota and limit code read. */
export interface Container {
  name?: string;
  resources?: Resources;
  restartPolicy?: string;
}
/** The parts of a pod quota code reads. */
export interface PodShape {
  spec?: {
    containers?: Container[];
    initContainers?: Container[];
    overhead?: Record<string, string>;
    activeDeadlineSeconds?: number;
    priorityClassName?: string;
    affinity?: Record<string, { requiredDuringSchedulingIgnoredDuringExecution?: unknown[]; preferredDuringSchedulingIgnoredDuringExecution?: { podAffinityTerm?: unknown }[] } | undefined>;
  };
  status?: { phase?: string };
}

const POD_RESOURCES = [
  'count/pods',
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
];
/** cpu and memory: a quota on them requires every container to state them (`validationSet`). */
const VALIDATION_SET = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];

/** `podComputeUsageHelper`. */
function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const out: ResourceList = new Map([['pods', count(1)]]);
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const req = requests.get(r);
    if (req) {
      out.set(r, req);
      out.set(`requests.${r}`, req);
    }
    const lim = limits.get(r);
    if (lim) out.set(`limits.${r}`, lim);
  }
  return out;
}

/** The larger of each entry. */
function max(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map(a);
  for (const [k, v] of b) {
    const cur = out.get(k);
    if (!cur || v.nanos > cur.nanos) out.set(k, v);
  }
  return out;
}

/**
 * `resourcehelper.PodRequests`/`PodLimits`: the containers' sum, at least each init container's
 * (restartable init containers, sidecars, run alongside and add), plus the pod overhead.
 */
export function podTotals(pod: PodShape, which: 'requests' | 'limits', withOverhead = true): ResourceList {
  let sum: ResourceList = new Map();
  for (const c of pod.spec?.containers ?? []) sum = add(sum, fromObject(c.resources?.[which]));
  let sidecars: ResourceList = new Map();
  let initMax: ResourceList = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    const own = fromObject(c.resources?.[which]);
    if (c.restartPolicy === 'Always') {
      sidecars = add(sidecars, own);
      initMax = max(initMax, sidecars);
    } else initMax = max(initMax, add(own, sidecars));
  }
  let total = max(add(sum, sidecars), initMax);
  if (withOverhead && pod.spec?.overhead) total = add(total, fromObject(pod.spec.overhead));
  return total;
}

/** `QuotaV1Pod`: a terminal pod, or one past twice its grace period since deletion, stops counting. */
function countsForQuota(pod: KubeObject & PodShape, nowMs: number, parseTime: (ts: string) => number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const deletion = pod.metadata.deletionTimestamp;
  const grace = pod.metadata.deletionGracePeriodSeconds;
  if (deletion && grace !== undefined && nowMs > parseTime(deletion) + grace * 1000) return false;
  return true;
}

/** `qos.GetPodQOS(pod) == BestEffort`: no container requests or limits cpu or memory. */
function isBestEffort(pod: PodShape): boolean {
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    for (const list of [c.resources?.requests, c.resources?.limits]) {
      for (const [k, v] of Object.entries(list ?? {})) {
        if ((k === 'cpu' || k === 'memory') && parseQuantity(String(v)).nanos !== 0n) return false;
      }
    }
  }
  return true;
}

/** `usesCrossNamespacePodAffinity`: an affinity term that names namespaces or selects them. */
function usesCrossNamespacePodAffinity(pod: PodShape): boolean {
  const affinity = pod.spec?.affinity;
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const a = affinity?.[kind];
    const terms = [...(a?.requiredDuringSchedulingIgnoredDuringExecution ?? []), ...(a?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm)];
    for (const t of terms as { namespaces?: unknown[]; namespaceSelector?: unknown }[]) {
      if ((t?.namespaces?.length ?? 0) > 0 || (t?.namespaceSelector !== undefined && t?.namespaceSelector !== null)) return true;
    }
  }
  return false;
}

/** A selector requirement over the single label `PriorityClass=<pod's class>`. */
function priorityClassMatches(req: ScopeRequirement, className: string): boolean {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'Exists':
      return className.length > 0;
    case 'In':
      return values.includes(className);
    case 'NotIn':
      return !values.includes(className);
    default:
      // DoesNotExist: the label is always there (possibly empty).
      return false;
  }
}

/** The Pod evaluator: pods and compute resources of pods that are not terminal, with scopes. */
export const POD_EVALUATOR: QuotaEvaluator = {
  kind: 'Pod',
  handles: (op) => op === 'CREATE',
  matchingResources: (input) => input.filter((n) => POD_RESOURCES.includes(n) || n.startsWith('hugepages-') || n.startsWith('requests.hugepages-')),
  usage(obj, nowMs, parseTime) {
    const pod = obj as KubeObject & PodShape;
    const out: ResourceList = new Map([['count/pods', count(1)]]);
    if (!countsForQuota(pod, nowMs, parseTime)) return out;
    return add(out, computeUsage(podTotals(pod, 'requests'), podTotals(pod, 'limits')));
  },
  constraints(required, obj) {
    const pod = obj as KubeObject & PodShape;
    const requiredSet = required.filter((r) => VALIDATION_SET.includes(r));
    const missing = new Set<string>();
    for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
      const have = computeUsage(fromObject(c.resources?.requests), fromObject(c.resources?.limits));
      for (const r of requiredSet) if (!have.has(r)) missing.add(r);
    }
    return missing.size === 0 ? undefined : `must specify ${[...missing].sort().join(',')}`;
  },
  matchesScope(req, obj) {
    const pod = obj as KubeObject & PodShape;
    switch (req.scopeName) {
      case 'Terminating':
        return (pod.spec?.activeDeadlineSeconds ?? -1) >= 0;
      case 'NotTerminating':
        return !((pod.spec?.activeDeadlineSeconds ?? -1) >= 0);
      case 'BestEffort':
        return isBestEffort(pod);
      case 'NotBestEffort':
        return !isBestEffort(pod);
      case 'PriorityClass':
        return priorityClassMatches(req, pod.spec?.priorityClassName ?? '');
      case 'CrossNamespacePodAffinity':
        return usesCrossNamespacePodAffinity(pod);
      default:
        return false;
    }
  },
};

/** The evaluators with their own rules, by kind. */
const SPECIFIC: Readonly<Record<string, QuotaEvaluator>> = { Pod: POD_EVALUATOR, PersistentVolumeClaim: PVC_EVALUATOR, Service: SERVICE_EVALUATOR };

/** The evaluator of a namespaced kind. */
export function evaluatorFor(info: KindInfo): QuotaEvaluator {
  return SPECIFIC[info.kind] ?? objectCountEvaluator(info);
}

/** The scope requirements of a quota (`getScopeSelectorsFromQuota`). */
export function quotaScopeRequirements(quota: KubeObject): ScopeRequirement[] {
  const spec = (quota.spec ?? {}) as { scopes?: string[]; scopeSelector?: { matchExpressions?: ScopeRequirement[] } };
  return [...(spec.scopes ?? []).map((s) => ({ scopeName: s, operator: 'Exists' })), ...(spec.scopeSelector?.matchExpressions ?? [])];
}

/** `generic.Matches`: the quota's `status.hard` names something the evaluator counts and its scopes select `obj`. */
export function quotaMatches(evaluator: QuotaEvaluator, quota: KubeObject, hardNames: readonly string[], obj: KubeObject): boolean {
  if (evaluator.matchingResources(hardNames).length === 0) return false;
  return quotaScopeRequirements(quota).every((r) => evaluator.matchesScope(r, obj));
}

