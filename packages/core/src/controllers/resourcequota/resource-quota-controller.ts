/**
 * The resource quota controller: keeps each ResourceQuota's `status.hard` equal to its spec and
 * `status.used` equal to what the namespace's objects use, recalculated when a quota is created or
 * its `hard` changes, when an object it counts is deleted (or a pod ends, or a claim's allocated
 * size changes: replenishment), and every five minutes (`--resource-quota-sync-period`).
 * Admission charges creates at once; this controller is what gives usage back.
 * @see kubernetes pkg/controller/resourcequota/resource_quota_controller.go (syncResourceQuota,
 *   replenishQuota), resource_quota_monitor.go (UpdateFunc), apiserver pkg/quota/v1
 *   (CalculateUsage), generic/evaluator.go (CalculateUsageStats)
 */
import type { KindInfo } from '../../api/kinds.js';
import type { KubeObject } from '../../api/object.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import { evaluatorFor, LEGACY_COUNT_NAMES, type QuotaEvaluator, quotaScopeRequirements } from '../../quota/evaluators.js';
import { quotaHard, quotaUsed } from '../../quota/quota-status.js';
import { add, equals, fromObject, mask, type ResourceList, toObject, ZERO } from '../../quota/resource-list.js';
import type { WatchEvent } from '../../store/store.js';
import { Controller } from '../runtime/controller.js';

/** kube-controller-manager `--resource-quota-sync-period` default. */
export const RESOURCE_QUOTA_SYNC_PERIOD_MS = 5 * 60 * 1000;

/** The resource quota controller. */
export class ResourceQuotaController {
  readonly controller: Controller;
  /** Kinds whose deletions are watched for replenishment. */
  private readonly watched = new Set<string>();

  constructor(private readonly core: CoreCluster) {
    this.controller = new Controller(core.loop, {
      name: 'resourcequota-controller',
      sync: (key) => {
        const [namespace, name] = key.split('/');
        if (!this.sync(namespace, name)) return;
        return { requeueAfterMs: RESOURCE_QUOTA_SYNC_PERIOD_MS };
      },
    });
    core.store.watch('ResourceQuota', (e) => this.onQuota(e));
    for (const kind of ['Pod', 'PersistentVolumeClaim', 'Service']) this.watchKind(kind);
  }

  private key(quota: KubeObject): string {
    return `${quota.metadata.namespace}/${quota.metadata.name}`;
  }

  /** `addQuota`/`updateQuota`: a new quota, or one whose `hard` changed, is synced now. */
  private onQuota(e: WatchEvent): void {
    if (e.type === 'DELETED') return;
    const spec = (e.object.spec ?? {}) as { hard?: unknown };
    const oldSpec = (e.old?.spec ?? {}) as { hard?: unknown };
    if (e.type === 'ADDED' || spec.hard !== oldSpec.hard || !equals(fromObject(spec.hard as Record<string, unknown>), quotaHard(e.object))) {
      this.controller.enqueue(this.key(e.object));
    }
  }

  /** Replenishment on deletions of `kind` (and the updates that give usage back). */
  private watchKind(kind: string): void {
    if (this.watched.has(kind)) return;
    this.watched.add(kind);
    this.core.store.watch(kind, (e) => {
      if (this.core.store.count('ResourceQuota') === 0) return;
      if (e.type === 'MODIFIED' && !this.givesBack(kind, e)) return;
      if (e.type === 'ADDED') return;
      this.replenish(kind, e.object.metadata.namespace ?? '');
    });
  }

  /** The resource quota monitor's `UpdateFunc`: a pod that ended, a service that changed type, a claim whose allocation changed. */
  private givesBack(kind: string, e: WatchEvent): boolean {
    const old = e.old;
    if (!old) return false;
    if (kind === 'Pod') {
      const phase = (o: KubeObject) => (o.status as { phase?: string } | undefined)?.phase;
      const ended = (o: KubeObject) => phase(o) === 'Succeeded' || phase(o) === 'Failed';
      return !ended(old) && ended(e.object);
    }
    if (kind === 'Service') return (old.spec as { type?: string } | undefined)?.type !== (e.object.spec as { type?: string } | undefined)?.type;
    if (kind === 'PersistentVolumeClaim') {
      const allocated = (o: KubeObject) => (o.status as { allocatedResources?: unknown } | undefined)?.allocatedResources;
      return allocated(old) !== allocated(e.object);
    }
    return false;
  }

  /** `replenishQuota`: the namespace's quotas that count `kind`. */
  private replenish(kind: string, namespace: string): void {
    const info = this.core.store.kinds.get(kind);
    if (!info) return;
    const evaluator = evaluatorFor(info);
    for (const quota of this.core.store.list('ResourceQuota', namespace)) {
      if (evaluator.matchingResources([...quotaHard(quota).keys()]).length > 0) this.controller.enqueue(this.key(quota));
    }
  }

  /** The namespaced kinds a quota's `hard` names count (`count/<resource>[.<group>]` and the legacy names). */
  private evaluators(hardNames: readonly string[]): QuotaEvaluator[] {
    const kinds = new Map<string, KindInfo>();
    const byResource = (resource: string, group: string) => this.core.store.kinds.all().find((k) => k.namespaced && k.resource === resource && k.group === group);
    for (const name of hardNames) {
      let info: KindInfo | undefined;
      if (name.startsWith('count/')) {
        const rest = name.slice('count/'.length);
        const dot = rest.indexOf('.');
        info = dot < 0 ? byResource(rest, '') : byResource(rest.slice(0, dot), rest.slice(dot + 1));
      } else if (LEGACY_COUNT_NAMES[name]) info = byResource(LEGACY_COUNT_NAMES[name], '');
      if (info) kinds.set(info.kind, info);
    }
    for (const kind of ['Pod', 'PersistentVolumeClaim', 'Service']) {
      const info = this.core.store.kinds.get(kind);
      if (info) kinds.set(kind, info);
    }
    return [...kinds.values()].map((info) => evaluatorFor(info)).filter((e) => e.matchingResources(hardNames).length > 0);
  }

  /** `CalculateUsage`: the usage of every resource of `hardNames` the evaluators count, over the namespace's objects the quota's scopes select. */
  private calculateUsage(quota: KubeObject, namespace: string, hardNames: readonly string[]): ResourceList {
    const scopes = quotaScopeRequirements(quota);
    const clock = this.core.clock;
    let usage: ResourceList = new Map();
    const matched = new Set<string>();
    for (const evaluator of this.evaluators(hardNames)) {
      const names = evaluator.matchingResources(hardNames);
      for (const n of names) matched.add(n);
      this.watchKind(evaluator.kind);
      let stats: ResourceList = new Map(names.map((n) => [n, ZERO]));
      for (const obj of this.core.store.list(evaluator.kind, namespace)) {
        if (!scopes.every((s) => evaluator.matchesScope(s, obj))) continue;
        stats = add(stats, evaluator.usage(obj, clock.now(), (ts) => clock.parse(ts)));
      }
      usage = add(usage, stats);
    }
    return mask(usage, matched);
  }

  /** `syncResourceQuota`. Returns whether the quota still exists. */
  private sync(namespace: string, name: string): boolean {
    const quota = this.core.store.get('ResourceQuota', namespace, name);
    if (!quota) return false;
    const hardObject = ((quota.spec ?? {}) as { hard?: Record<string, string> }).hard ?? {};
    const hardNames = Object.keys(hardObject);
    let used = mask(quotaUsed(quota), hardNames);
    for (const [k, v] of this.calculateUsage(quota, namespace, hardNames)) used.set(k, v);
    used = mask(used, hardNames);
    const previousHard = ((quota.status ?? {}) as { hard?: Record<string, unknown> }).hard;
    const dirty = !equals(fromObject(hardObject), fromObject(previousHard)) || !equals(used, quotaUsed(quota)) || previousHard === undefined;
    if (dirty) this.core.api.updateStatus('ResourceQuota', namespace, name, { hard: { ...hardObject }, used: toObject(used) });
    return true;
  }
}
