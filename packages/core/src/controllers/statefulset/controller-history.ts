/**
 * ControllerRevisions of a StatefulSet: find or create the update revision (rolling back by
 * re-numbering an equal old revision), pick the current one, and truncate old history.
 * @see kubernetes pkg/controller/history/controller_history.go,
 * pkg/controller/statefulset/stateful_set_control.go (getStatefulSetRevisions, truncateHistory)
 */
import { isStatusError } from '../../api/errors.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import { canonicalJson } from '../deployment/deployment-util.js';
import { ownedBy } from '../replicaset/controller-ref-manager.js';
import type { PodObject } from '../replicaset/controller-utils.js';
import {
  DEFAULT_SET_REVISION_HISTORY_LIMIT,
  getPodRevision,
  newRevision,
  type RevisionObject,
  type StatefulSetObject,
} from './stateful-set-utils.js';

/** The revisions a sync works with. */
export interface SetRevisions {
  readonly current: RevisionObject;
  readonly update: RevisionObject;
  readonly collisionCount: number;
}

const byRevision = (a: RevisionObject, b: RevisionObject) => (a.revision ?? 0) - (b.revision ?? 0) || ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1);
const equalData = (a: RevisionObject, b: RevisionObject) => canonicalJson(a.data) === canonicalJson(b.data);

/** Revisions owned by the set, oldest first. */
export function listRevisions(core: CoreCluster, set: StatefulSetObject): RevisionObject[] {
  return ownedBy<RevisionObject>(core.store, 'ControllerRevision', set).sort(byRevision);
}

/** `CreateControllerRevision`: creates, bumping the collision count on a name clash. */
function createRevision(core: CoreCluster, set: StatefulSetObject, revision: number, collisionCount: number): [RevisionObject, number] {
  let count = collisionCount;
  for (;;) {
    const cr = newRevision(set, revision, count);
    try {
      return [core.api.create<RevisionObject>(cr), count];
    } catch (e) {
      if (!isStatusError(e) || e.reason !== 'AlreadyExists') throw e;
      const existing = core.store.get<RevisionObject>('ControllerRevision', cr.metadata.namespace, cr.metadata.name ?? '');
      if (existing && equalData(existing, cr)) return [existing, count];
      count++;
    }
  }
}

/** `getStatefulSetRevisions`. */
export function getStatefulSetRevisions(core: CoreCluster, set: StatefulSetObject, revisions: RevisionObject[]): SetRevisions {
  let collisionCount = set.status?.collisionCount ?? 0;
  const next = revisions.length ? (revisions[revisions.length - 1].revision ?? 0) + 1 : 1;
  const candidate = newRevision(set, next, collisionCount);
  const equal = revisions.filter((r) => equalData(r, candidate));
  let update: RevisionObject;
  if (equal.length && revisions[revisions.length - 1] === equal[equal.length - 1]) {
    update = revisions[revisions.length - 1];
  } else if (equal.length) {
    const r = equal[equal.length - 1];
    update = core.api.updateWith<RevisionObject>('ControllerRevision', r.metadata.namespace, r.metadata.name ?? '', (d) => {
      d.revision = next;
    });
  } else {
    [update, collisionCount] = createRevision(core, set, next, collisionCount);
  }
  const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount };
}

/** `truncateHistory`: deletes the oldest revisions no pod, current or update uses, beyond the limit. */
export function truncateHistory(core: CoreCluster, set: StatefulSetObject, pods: readonly PodObject[], revs: SetRevisions): void {
  const live = new Set([revs.current.metadata.name, revs.update.metadata.name, ...pods.map(getPodRevision)]);
  const history = listRevisions(core, set).filter((r) => !live.has(r.metadata.name));
  const limit = set.spec?.revisionHistoryLimit ?? DEFAULT_SET_REVISION_HISTORY_LIMIT;
  for (const r of history.slice(0, Math.max(0, history.length - limit))) {
    core.api.delete('ControllerRevision', r.metadata.namespace, r.metadata.name ?? '');
  }
}
