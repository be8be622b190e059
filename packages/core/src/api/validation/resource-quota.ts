/**
 * ResourceQuota validation: the names in `spec.hard` (standard quota resources, or qualified
 * names such as `count/deployments.apps` and `gold.storageclass.storage.k8s.io/requests.storage`),
 * non-negative values, and the scopes (known, not conflicting, only on resources they can
 * restrict). A fractional value of a counted resource (`pods: 1.5`) is not refused here: upstream
 * prints that error with Go's `%#v` of a Quantity, which kubesim does not reproduce.
 * @see kubernetes pkg/apis/core/validation/validation.go (ValidateResourceQuota,
 *   ValidateResourceQuotaResourceName, validateResourceName, validateResourceQuotaScopes,
 *   validateScopedResourceSelectorRequirement), pkg/apis/core/helper/helpers.go
 */
import { field, type FieldError, GoRepr } from '../errors.js';
import { isQualifiedName } from '../names.js';
import { tryParseQuantity } from '../quantity.js';
import type { MutableObject } from '../strategy.js';
import { QUOTA_SCOPES } from '../../quota/evaluators.js';
import { IS_NEGATIVE, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { nameIsDNSSubdomain } from '../names.js';

/** `standardQuotaResources`. */
const STANDARD_QUOTA_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.storage',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);

/** `standardResources` (what `validateResourceName` accepts without a prefix). */
export const STANDARD_RESOURCES = new Set([...STANDARD_QUOTA_RESOURCES, 'storage']);

/** Huge page resources (`hugepages-2Mi`, also with `requests.`/`limits.`). */
export const isHugePages = (name: string) => name.startsWith('hugepages-') || name.startsWith('requests.hugepages-') || name.startsWith('limits.hugepages-');

/** Pod resources the pod scopes may restrict (`podObjectCountQuotaResources`, `podComputeQuotaResources`). */
const POD_COUNT = new Set(['pods']);
const POD_COMPUTE = new Set(['cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory']);

/** `IsResourceQuotaScopeValidForResource`. */
function scopeValidFor(scope: string, resource: string): boolean {
  if (scope === 'BestEffort') return POD_COUNT.has(resource);
  if (['Terminating', 'NotTerminating', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity'].includes(scope)) return POD_COUNT.has(resource) || POD_COMPUTE.has(resource);
  return true;
}

/** The texts of the checks. */
export const ResourceQuotaValidationMessages = {
  notStandardOrQualified: 'must be a standard resource type or fully qualified',
  notQuotaResource: 'must be a standard resource for quota',
  unsupportedScope: 'unsupported scope',
  scopeNotForResource: 'unsupported scope applied to resource',
  conflictingScopes: 'conflicting scopes',
  existsOnly:
    "must be 'Exist' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
} as const;
const M = ResourceQuotaValidationMessages;

/** `ValidateResourceQuotaResourceName`. */
function validateQuotaResourceName(name: string, path: string): FieldError[] {
  const qualified = isQualifiedName(name);
  if (qualified.length > 0) return qualified.map((msg) => field.invalid(path, name, msg));
  const errs: FieldError[] = [];
  if (!name.includes('/')) {
    if (!STANDARD_RESOURCES.has(name) && !isHugePages(name)) errs.push(field.invalid(path, name, M.notStandardOrQualified));
    if (!STANDARD_QUOTA_RESOURCES.has(name) && !isHugePages(name)) errs.push(field.invalid(path, name, M.notQuotaResource));
  }
  return errs;
}

/** `ValidateResourceQuotaSpec`. */
function validateSpec(spec: { hard?: Record<string, unknown>; scopes?: unknown[]; scopeSelector?: { matchExpressions?: Record<string, unknown>[] } }): FieldError[] {
  const errs: FieldError[] = [];
  const hard = spec.hard ?? {};
  for (const name of Object.keys(hard).sort()) {
    const path = `spec.hard[${name}]`;
    errs.push(...validateQuotaResourceName(name, path));
    const q = tryParseQuantity(String(hard[name]));
    if (typeof q !== 'string' && q.nanos < 0n) errs.push(field.invalid(path, String(hard[name]), IS_NEGATIVE));
  }
  const scopes = (spec.scopes ?? []).map(String);
  const names = Object.keys(hard).sort();
  // The value printed is the `[]core.ResourceQuotaScope` (`%#v`).
  const scopesRepr = new GoRepr(`[]core.ResourceQuotaScope{${scopes.map((x) => JSON.stringify(x)).join(', ')}}`);
  for (const scope of scopes) {
    if (!(QUOTA_SCOPES as readonly string[]).includes(scope)) errs.push(field.invalid('spec.scopes', scopesRepr, M.unsupportedScope));
    for (const k of names) {
      if (STANDARD_QUOTA_RESOURCES.has(k) && !scopeValidFor(scope, k)) errs.push(field.invalid('spec.scopes', scopesRepr, M.scopeNotForResource));
    }
  }
  for (const [a, b] of [
    ['BestEffort', 'NotBestEffort'],
    ['Terminating', 'NotTerminating'],
  ]) {
    if (scopes.includes(a) && scopes.includes(b)) errs.push(field.invalid('spec.scopes', scopesRepr, M.conflictingScopes));
  }
  const expressions = spec.scopeSelector?.matchExpressions ?? [];
  // Upstream names the field without the index.
  const path = 'spec.scopeSelector.matchExpressions';
  for (const req of expressions) {
    const scopeName = String(req.scopeName ?? '');
    const operator = String(req.operator ?? '');
    const values = (req.values as unknown[] | undefined) ?? [];
    if (!(QUOTA_SCOPES as readonly string[]).includes(scopeName)) errs.push(field.invalid(`${path}.scopeName`, scopeName, M.unsupportedScope));
    for (const k of names) {
      if (STANDARD_QUOTA_RESOURCES.has(k) && !scopeValidFor(scopeName, k)) errs.push(field.invalid(path, expressions, M.scopeNotForResource));
    }
    if (['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity'].includes(scopeName) && operator !== 'Exists') {
      errs.push(field.invalid(`${path}.operator`, operator, M.existsOnly));
    }
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(operator)) errs.push(field.invalid(`${path}.operator`, operator, 'not a valid selector operator'));
    else if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
      errs.push(field.required(`${path}.values`, 'must be at least one value when `operator` is \'In\' or \'NotIn\' for scope selector'));
    } else if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
      errs.push(field.invalid(`${path}.values`, new GoRepr(`[]string{${values.map((v) => JSON.stringify(String(v))).join(', ')}}`), 'must be no value when `operator` is \'Exist\' or \'DoesNotExist\' for scope selector'));
    }
  }
  return errs;
}

/** `ValidateResourceQuota`. */
export function validateResourceQuota(obj: MutableObject): FieldError[] {
  return [...validateObjectMeta(obj, true, nameIsDNSSubdomain), ...validateSpec(obj.spec ?? {})];
}

/** `ValidateResourceQuotaUpdate`. */
export function validateResourceQuotaUpdate(obj: MutableObject): FieldError[] {
  return [...validateObjectMetaUpdate(obj), ...validateSpec(obj.spec ?? {})];
}
