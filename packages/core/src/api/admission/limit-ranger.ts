/**
 * The LimitRanger admission plugin. Mutating, on pod create: each of the namespace's LimitRanges
 * gives the containers (and init containers) the Container item's `default` limits and
 * `defaultRequest` requests they do not state, and says so in the pod's `kubernetes.io/limit-ranger`
 * annotation. Validating: pods on create against Container and Pod items (min, max, max
 * limit/request ratio), claims on create and update against PersistentVolumeClaim items (storage
 * min and max of the request). A violation is Forbidden with every failed constraint.
 * @see kubernetes plugin/pkg/admission/limitranger/admission.go (runLimitFunc,
 *   mergePodResourceRequirements, minConstraint, maxConstraint, maxRequestConstraint,
 *   limitRequestRatioConstraint, PodValidateLimitFunc, PersistentVolumeClaimValidateLimitFunc)
 */
import { type Container, type PodShape, podTotals, type Resources } from '../../quota/evaluators.js';
import { fromObject, type ResourceList } from '../../quota/resource-list.js';
import type { LimitRangeItem } from '../limits/limit-range.js';
import type { KubeObject } from '../object.js';
import { formatQuantity, type Quantity, quantityMilliValue } from '../quantity.js';
import type { AdmissionAttributes, AdmissionPlugin } from '../server.js';
import { admissionForbidden } from './forbidden.js';

/** `PluginName`. */
export const LIMIT_RANGER_PLUGIN_NAME = 'LimitRanger';
/** `limitRangerAnnotation`. */
export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

/** The plugin's texts, word for word. */
export const LimitRangerMessages = {
  minNoRequest: (r: string, t: string, e: string) => `minimum ${r} usage per ${t} is ${e}.  No request is specified`,
  minRequest: (r: string, t: string, e: string, v: string) => `minimum ${r} usage per ${t} is ${e}, but request is ${v}`,
  minLimit: (r: string, t: string, e: string, v: string) => `minimum ${r} usage per ${t} is ${e}, but limit is ${v}`,
  maxNoRequest: (r: string, t: string, e: string) => `maximum ${r} usage per ${t} is ${e}.  No request is specified`,
  maxNoLimit: (r: string, t: string, e: string) => `maximum ${r} usage per ${t} is ${e}.  No limit is specified`,
  maxLimit: (r: string, t: string, e: string, v: string) => `maximum ${r} usage per ${t} is ${e}, but limit is ${v}`,
  maxRequest: (r: string, t: string, e: string, v: string) => `maximum ${r} usage per ${t} is ${e}, but request is ${v}`,
  ratioNoRequest: (r: string, t: string, e: string) => `${r} max limit to request ratio per ${t} is ${e}, but no request is specified or request is 0`,
  ratioNoLimit: (r: string, t: string, e: string) => `${r} max limit to request ratio per ${t} is ${e}, but no limit is specified or limit is 0`,
  ratio: (r: string, t: string, e: string, observed: number) => `${r} max limit to request ratio per ${t} is ${e}, but provided ratio is ${observed.toFixed(6)}`,
  setBy: (parts: readonly string[]) => `LimitRanger plugin set: ${parts.join('; ')}`,
} as const;
const M = LimitRangerMessages;

/** What the plugin reads. */
export interface LimitRangeLister {
  /** The namespace's LimitRanges, by name. */
  limitRanges(namespace: string): readonly KubeObject[];
}

function items(lr: KubeObject): LimitRangeItem[] {
  return ((lr.spec as { limits?: LimitRangeItem[] } | undefined)?.limits ?? []).filter((i) => i && typeof i === 'object');
}

/** `defaultContainerResourceRequirements` + `mergeContainerResources` over one LimitRange; returns the annotation parts. */
function mergeDefaults(lr: KubeObject, containers: Container[], prefix: string, parts: string[]): void {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  for (const item of items(lr)) {
    if (item.type !== 'Container') continue;
    Object.assign(requests, item.defaultRequest ?? {});
    Object.assign(limits, item.default ?? {});
  }
  for (const c of containers) {
    if (!c || typeof c !== 'object') continue;
    // Upstream makes empty maps, which its JSON omits; only maps with something in them are written here.
    const haveLimits = c.resources?.limits ?? {};
    const haveRequests = c.resources?.requests ?? {};
    const setLimits = Object.keys(limits).filter((k) => !Object.hasOwn(haveLimits, k));
    const setRequests = Object.keys(requests).filter((k) => !Object.hasOwn(haveRequests, k));
    if (setLimits.length > 0 || setRequests.length > 0) c.resources = { ...c.resources };
    if (setLimits.length > 0) (c.resources as Resources).limits = { ...haveLimits, ...Object.fromEntries(setLimits.map((k) => [k, limits[k]])) };
    if (setRequests.length > 0) (c.resources as Resources).requests = { ...haveRequests, ...Object.fromEntries(setRequests.map((k) => [k, requests[k]])) };
    if (setRequests.length > 0) parts.push(`${setRequests.sort().join(', ')} request for ${prefix} ${c.name ?? ''}`);
    if (setLimits.length > 0) parts.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${c.name ?? ''}`);
  }
}

const milli = (q: Quantity | undefined) => (q ? quantityMilliValue(q) : 0n);
const str = (q: Quantity) => formatQuantity(q);

function minConstraint(type: string, r: string, enforced: Quantity, request: ResourceList, limit: ResourceList): string | undefined {
  const req = request.get(r);
  const lim = limit.get(r);
  const e = str(enforced);
  if (!req) return M.minNoRequest(r, type, e);
  if (milli(req) < milli(enforced)) return M.minRequest(r, type, e, str(req));
  if (lim && milli(lim) < milli(enforced)) return M.minLimit(r, type, e, str(lim));
  return undefined;
}

function maxConstraint(type: string, r: string, enforced: Quantity, request: ResourceList, limit: ResourceList): string | undefined {
  const req = request.get(r);
  const lim = limit.get(r);
  const e = str(enforced);
  if (!lim) return M.maxNoLimit(r, type, e);
  if (milli(lim) > milli(enforced)) return M.maxLimit(r, type, e, str(lim));
  if (req && milli(req) > milli(enforced)) return M.maxRequest(r, type, e, str(req));
  return undefined;
}

function maxRequestConstraint(type: string, r: string, enforced: Quantity, request: ResourceList): string | undefined {
  const req = request.get(r);
  const e = str(enforced);
  if (!req) return M.maxNoRequest(r, type, e);
  if (milli(req) > milli(enforced)) return M.maxRequest(r, type, e, str(req));
  return undefined;
}

function ratioConstraint(type: string, r: string, enforced: Quantity, request: ResourceList, limit: ResourceList): string | undefined {
  const req = milli(request.get(r));
  const lim = milli(limit.get(r));
  const e = str(enforced);
  if (req === 0n) return M.ratioNoRequest(r, type, e);
  if (lim === 0n) return M.ratioNoLimit(r, type, e);
  const observed = Number(lim) / Number(req);
  if (observed * 1000 > Number(milli(enforced))) return M.ratio(r, type, e, observed);
  return undefined;
}

/** Min, max and ratio of one item over requests and limits (keys sorted: upstream ranges over Go maps). */
function checkItem(item: LimitRangeItem, type: string, request: ResourceList, limit: ResourceList, errs: string[]): void {
  for (const [k, v] of [...fromObject(item.min)].sort(([a], [b]) => (a < b ? -1 : 1))) push(errs, minConstraint(type, k, v, request, limit));
  for (const [k, v] of [...fromObject(item.max)].sort(([a], [b]) => (a < b ? -1 : 1))) push(errs, maxConstraint(type, k, v, request, limit));
  for (const [k, v] of [...fromObject(item.maxLimitRequestRatio)].sort(([a], [b]) => (a < b ? -1 : 1))) push(errs, ratioConstraint(type, k, v, request, limit));
}

function push(errs: string[], e: string | undefined): void {
  if (e !== undefined) errs.push(e);
}

/** `PodValidateLimitFunc`. */
function validatePod(lr: KubeObject, pod: PodShape & { spec?: { containers?: Container[]; initContainers?: Container[] } }): string[] {
  const errs: string[] = [];
  for (const item of items(lr)) {
    if (item.type === 'Container') {
      for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
        checkItem(item, 'Container', fromObject(c?.resources?.requests), fromObject(c?.resources?.limits), errs);
      }
    }
    if (item.type === 'Pod') checkItem(item, 'Pod', podTotals(pod, 'requests', false), podTotals(pod, 'limits', false), errs);
  }
  return errs;
}

/** `PersistentVolumeClaimValidateLimitFunc`: storage min and max against the request only. */
function validateClaim(lr: KubeObject, pvc: KubeObject): string[] {
  const errs: string[] = [];
  const requests = fromObject((pvc.spec as { resources?: Resources } | undefined)?.resources?.requests);
  for (const item of items(lr)) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    for (const [k, v] of [...fromObject(item.min)].sort(([a], [b]) => (a < b ? -1 : 1))) push(errs, minConstraint('PersistentVolumeClaim', k, v, requests, new Map()));
    for (const [k, v] of [...fromObject(item.max)].sort(([a], [b]) => (a < b ? -1 : 1))) push(errs, maxRequestConstraint('PersistentVolumeClaim', k, v, requests));
  }
  return errs;
}

/** `utilerrors.NewAggregate(errs).Error()`: one message alone, several in brackets. */
function aggregate(errs: readonly string[]): string {
  return errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
}

/** Pods on create; claims on create and update; not what is being deleted (`SupportsAttributes`, `runLimitFunc`). */
function supports(attrs: AdmissionAttributes): boolean {
  if (attrs.old?.metadata.deletionTimestamp) return false;
  if (attrs.kind === 'Pod') return attrs.operation === 'CREATE';
  return attrs.kind === 'PersistentVolumeClaim';
}

/** The LimitRanger admission plugin. */
export function limitRangerPlugin(lister: LimitRangeLister): AdmissionPlugin {
  const ranges = (attrs: AdmissionAttributes) => lister.limitRanges((attrs.object.metadata?.namespace as string | undefined) || 'default');
  return {
    name: LIMIT_RANGER_PLUGIN_NAME,
    admit(attrs) {
      if (!supports(attrs) || attrs.kind !== 'Pod') return;
      const pod = attrs.object as { metadata: { annotations?: Record<string, string> }; spec?: { containers?: Container[]; initContainers?: Container[] } };
      for (const lr of ranges(attrs)) {
        const parts: string[] = [];
        mergeDefaults(lr, pod.spec?.containers ?? [], 'container', parts);
        mergeDefaults(lr, pod.spec?.initContainers ?? [], 'init container', parts);
        if (parts.length > 0) pod.metadata.annotations = { ...pod.metadata.annotations, [LIMIT_RANGER_ANNOTATION]: M.setBy(parts) };
      }
    },
    validate(attrs) {
      if (!supports(attrs)) return;
      const obj = attrs.object as unknown as KubeObject;
      for (const lr of ranges(attrs)) {
        const errs = attrs.kind === 'Pod' ? validatePod(lr, obj as KubeObject & PodShape) : validateClaim(lr, obj);
        if (errs.length > 0) {
          const resource = attrs.kind === 'Pod' ? 'pods' : 'persistentvolumeclaims';
          throw admissionForbidden(attrs, resource, '', aggregate(errs));
        }
      }
    },
  };
}
