/**
 * ControllerRevisions of a DaemonSet: find the revision matching the current template (or snapshot
 * a new one `<ds>-<hash>`), keep the old ones apart, and truncate history no live pod uses.
 * @see kubernetes pkg/controller/daemon/update.go (constructHistory, snapshot, dedupCurHistories,
 * cleanupHistory, Match, getPatch)
 */
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import { isStatusError } from '../../api/errors.js';
import { newControllerRef } from '../../api/object.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import { canonicalJson, computeHash } from '../deployment/deployment-util.js';
import { ownedBy } from '../replicaset/controller-ref-manager.js';
import type { PodObject } from '../replicaset/controller-utils.js';
import { type RevisionObject, revisionData } from '../statefulset/stateful-set-utils.js';
import { type DaemonSetObject, DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY } from './daemonset-util.js';
import { DEFAULT_REVISION_HISTORY_LIMIT } from '../../api/defaults/apps.js';

/** The current revision and the old ones (oldest first). */
export interface DaemonSetHistory {
  readonly cur: RevisionObject;
  readonly old: readonly RevisionObject[];
}

const byRevision = (a: RevisionObject, b: RevisionObject) => (a.revision ?? 0) - (b.revision ?? 0) || ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1);

/** `getPatch`: the template with `$patch: replace` (same shape as a StatefulSet's). */
export function getPatch(ds: DaemonSetObject): Record<string, unknown> {
  return revisionData(ds as unknown as StatefulSet);
}

/** `Match`: the revision stores the DaemonSet's current template. */
export function matchRevision(ds: DaemonSetObject, history: RevisionObject): boolean {
  return canonicalJson(history.data) === canonicalJson(getPatch(ds));
}

/** `snapshot`: creates revision `<ds>-<ComputeHash(template, collisionCount)>`. */
function snapshot(core: CoreCluster, ds: DaemonSetObject, revision: number): RevisionObject {
  const hash = computeHash(ds.spec?.template, ds.status?.collisionCount);
  const history: RevisionObject = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${ds.metadata.name}-${hash}`,
      namespace: ds.metadata.namespace,
      labels: { ...(ds.spec?.template?.metadata?.labels ?? {}), [DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY]: hash },
      ...(ds.metadata.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
      ownerReferences: [newControllerRef(ds)],
    },
    data: getPatch(ds),
    revision,
  };
  try {
    return core.api.create<RevisionObject>(history);
  } catch (e) {
    if (!isStatusError(e) || e.reason !== 'AlreadyExists') throw e;
    const existing = core.store.get<RevisionObject>('ControllerRevision', ds.metadata.namespace, history.metadata.name ?? '');
    if (existing && matchRevision(ds, existing)) return existing;
    // A hash collision with a different template: bump collisionCount and retry on the next sync.
    core.api.updateStatus<DaemonSetObject>('DaemonSet', ds.metadata.namespace, ds.metadata.name ?? '', {
      ...(ds.status ?? {}),
      collisionCount: (ds.status?.collisionCount ?? 0) + 1,
    } as DaemonSetObject['status'] & object);
    throw e;
  }
}

/**
 * `constructHistory`: the revision matching the template (re-numbered to be the newest), or a new
 * snapshot; every other revision is old.
 */
export function constructHistory(core: CoreCluster, ds: DaemonSetObject): DaemonSetHistory {
  const histories = ownedBy<RevisionObject>(core.store, 'ControllerRevision', ds).sort(byRevision);
  const current: RevisionObject[] = [];
  const old: RevisionObject[] = [];
  for (const h of histories) (matchRevision(ds, h) ? current : old).push(h);
  const currRevision = old.reduce((m, h) => Math.max(m, h.revision ?? 0), 0) + 1;
  let cur: RevisionObject;
  if (current.length === 0) cur = snapshot(core, ds, currRevision);
  else {
    // `dedupCurHistories`: keep the highest revision; duplicates are deleted.
    cur = current[current.length - 1];
    for (const dup of current.slice(0, -1)) core.api.delete('ControllerRevision', dup.metadata.namespace, dup.metadata.name ?? '');
    if ((cur.revision ?? 0) < currRevision) {
      cur = core.api.updateWith<RevisionObject>('ControllerRevision', cur.metadata.namespace, cur.metadata.name ?? '', (d) => {
        d.revision = currRevision;
      });
    }
  }
  return { cur, old };
}

/** `cleanupHistory`: deletes the oldest old revisions beyond revisionHistoryLimit that no pod uses. */
export function cleanupHistory(core: CoreCluster, ds: DaemonSetObject, old: readonly RevisionObject[], pods: readonly PodObject[]): void {
  let toKill = old.length - (ds.spec?.revisionHistoryLimit ?? DEFAULT_REVISION_HISTORY_LIMIT);
  if (toKill <= 0) return;
  const liveHashes = new Set(pods.map((p) => p.metadata.labels?.[DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY]).filter((h) => h));
  for (const h of [...old].sort(byRevision)) {
    if (toKill <= 0) break;
    if (liveHashes.has(h.metadata.labels?.[DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY])) continue;
    core.api.delete('ControllerRevision', h.metadata.namespace, h.metadata.name ?? '');
    toKill--;
  }
}
