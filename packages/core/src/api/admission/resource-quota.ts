/**
 * The ResourceQuota admission plugin (validating, last of the API server's plugins): a create,
 * or an update that grows usage, in a namespace with quotas is charged against every quota that
 * matches it; it is refused when it would go over one (`exceeded quota: …`), when a quota's usage
 * is not known yet (`status unknown for quota: …`), or when a quota on cpu or memory finds a
 * container that does not state them (`failed quota: …: must specify …`). The charged usage is
 * written to the quotas' `status.used` at once, as upstream's admission does; the quota
 * controller recalculates it.
 * @see apiserver pkg/admission/plugin/resourcequota (admission.go Validate, controller.go CheckRequest)
 */
import { hasUsageFor, type QuotaStatusWriter, quotaHard, quotaUsed } from '../../quota/quota-status.js';
import { evaluatorFor, quotaMatches } from '../../quota/evaluators.js';
import { add, equals, lessThanOrEqual, mask, negativeNames, prettyPrint, prettyPrintNames, removeZeros, type ResourceList, subtractNonNegative, toObject } from '../../quota/resource-list.js';
import type { KindInfo } from '../kinds.js';
import type { KubeObject } from '../object.js';
import type { AdmissionAttributes, AdmissionPlugin } from '../server.js';
import { admissionForbidden } from './forbidden.js';

/** `PluginName`. */
export const RESOURCE_QUOTA_PLUGIN_NAME = 'ResourceQuota';

/** The plugin's refusals, word for word. */
export const ResourceQuotaAdmissionErrors = {
  failedQuota: (quota: string, why: string) => `failed quota: ${quota}: ${why}`,
  statusUnknown: (quota: string, resources: string) => `status unknown for quota: ${quota}, resources: ${resources}`,
  negativeUsage: (resources: string) => `quota usage is negative for resource(s): ${resources}`,
  exceeded: (quota: string, requested: string, used: string, limited: string) => `exceeded quota: ${quota}, requested: ${requested}, used: ${used}, limited: ${limited}`,
} as const;

/** What the plugin reads and writes. */
export interface ResourceQuotaAccess {
  /** The kind of a store kind name. */
  kindInfo(kind: string): KindInfo | undefined;
  /** The quotas of a namespace, by name. */
  quotas(namespace: string): readonly KubeObject[];
  /** Writes a quota's status (the status subresource). */
  readonly writeStatus: QuotaStatusWriter;
  /** Virtual now, and RFC 3339 parsing (pods stuck terminating). */
  nowMs(): number;
  parseTime(ts: string): number;
}

/** The ResourceQuota admission plugin. */
export function resourceQuotaPlugin(access: ResourceQuotaAccess): AdmissionPlugin {
  return {
    name: RESOURCE_QUOTA_PLUGIN_NAME,
    last: true,
    validate(attrs: AdmissionAttributes) {
      const info = access.kindInfo(attrs.kind);
      if (!info?.namespaced) return;
      const namespace = (attrs.object.metadata?.namespace as string | undefined) || 'default';
      const quotas = access.quotas(namespace);
      if (quotas.length === 0) return;
      const evaluator = evaluatorFor(info);
      if (!evaluator.handles(attrs.operation)) return;
      const obj = attrs.object as unknown as KubeObject;
      const forbidden = (why: string) => admissionForbidden(attrs, info.resource, info.group, why);
      const interesting: KubeObject[] = [];
      for (const quota of quotas) {
        const hardNames = [...quotaHard(quota).keys()];
        if (!quotaMatches(evaluator, quota, hardNames, obj)) continue;
        const restricted = evaluator.matchingResources(hardNames);
        const why = evaluator.constraints(restricted, obj);
        if (why !== undefined) throw forbidden(ResourceQuotaAdmissionErrors.failedQuota(quota.metadata.name ?? '', why));
        if (!hasUsageFor(quota, restricted)) throw forbidden(ResourceQuotaAdmissionErrors.statusUnknown(quota.metadata.name ?? '', prettyPrintNames(restricted)));
        interesting.push(quota);
      }
      if (interesting.length === 0) return;
      const now = access.nowMs();
      const inputUsage = evaluator.usage(obj, now, access.parseTime);
      const negative = negativeNames(inputUsage);
      if (negative.length > 0) throw forbidden(ResourceQuotaAdmissionErrors.negativeUsage(prettyPrintNames(negative)));
      const deltas = new Map<KubeObject, ResourceList>();
      for (const quota of interesting) {
        let delta = inputUsage;
        // An update is charged what it adds, when the quota matched the object before too.
        if (attrs.operation === 'UPDATE' && attrs.old && quotaMatches(evaluator, quota, [...quotaHard(quota).keys()], attrs.old)) {
          delta = subtractNonNegative(inputUsage, evaluator.usage(attrs.old, now, access.parseTime));
        }
        delta = removeZeros(delta);
        if (delta.size > 0) deltas.set(quota, delta);
      }
      const updates: [KubeObject, ResourceList][] = [];
      for (const [quota, delta] of deltas) {
        const hard = quotaHard(quota);
        const used = quotaUsed(quota);
        const requested = mask(delta, hard.keys());
        const newUsage = add(used, requested);
        const { allowed, exceeded } = lessThanOrEqual(mask(newUsage, requested.keys()), hard);
        if (!allowed) {
          throw forbidden(ResourceQuotaAdmissionErrors.exceeded(quota.metadata.name ?? '', prettyPrint(mask(requested, exceeded)), prettyPrint(mask(used, exceeded)), prettyPrint(mask(hard, exceeded))));
        }
        updates.push([quota, newUsage]);
      }
      // Every quota allows it: charge them (a dry run changes nothing).
      if (attrs.dryRun) return;
      for (const [quota, newUsage] of updates) {
        if (!equals(quotaUsed(quota), newUsage)) access.writeStatus(quota, toObject(newUsage));
      }
    },
  };
}
